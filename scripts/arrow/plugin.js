/**
 * `virtual:arrow-tables`: for the browser's build, each published table as an Arrow IPC file (a hashed, immutable
 * asset) and its address; the browser's DuckDB loads these instead of the CSVs (src/lib/sql/index.ts). In dev and in
 * the server's build the module is empty, and the browser loads the CSVs as before. The files are made by
 * scripts/arrow/write.ts in a child process, so Vite's config itself loads no TypeScript from src/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ID = 'virtual:arrow-tables';
const RESOLVED = '\0' + ID;

/** @returns {import('vite').Plugin} */
export function arrowTablesPlugin() {
	let building = false;
	return {
		name: 'arrow-tables',
		configResolved(config) {
			building = config.command === 'build';
		},
		resolveId: (id) => (id === ID ? RESOLVED : null),
		load(id) {
			if (id !== RESOLVED) return null;
			if (!building || this.environment?.name !== 'client') return 'export const ARROW_TABLES = {};';
			const dir = mkdtempSync(path.join(os.tmpdir(), 'arrow-tables-'));
			try {
				const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/arrow/write.ts', dir], {
					stdio: ['ignore', 'inherit', 'inherit']
				});
				if (run.status !== 0) throw new Error(`scripts/arrow/write.ts failed with exit code ${run.status}`);
				const entries = readdirSync(dir)
					.filter((f) => f.endsWith('.arrow'))
					.map((file) => {
						const ref = this.emitFile({ type: 'asset', name: file, source: readFileSync(path.join(dir, file)) });
						return `${JSON.stringify(path.basename(file, '.arrow'))}: import.meta.ROLLUP_FILE_URL_${ref}`;
					});
				return `export const ARROW_TABLES = {${entries.join(', ')}};`;
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
