/**
 * `virtual:arrow-tables`: for the browser's build, each published table as an Arrow IPC file (a hashed, immutable
 * asset) and its address; the browser's DuckDB loads these instead of the CSVs (src/lib/sql/index.ts). In dev and in
 * the server's build the module is empty, and the browser loads the CSVs as before.
 */
import type { Plugin } from 'vite';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import { arrowTables } from './ipc';

const ID = 'virtual:arrow-tables';
const RESOLVED = '\0' + ID;

export function arrowTablesPlugin(csvDir = 'static/data/csv'): Plugin {
	let building = false;
	return {
		name: 'arrow-tables',
		configResolved(config) {
			building = config.command === 'build';
		},
		resolveId: (id) => (id === ID ? RESOLVED : null),
		async load(id) {
			if (id !== RESOLVED) return null;
			if (!building || this.environment?.name !== 'client') return 'export const ARROW_TABLES = {};';
			const ipc = await arrowTables(csvDir, Object.keys(TABLE_COLUMNS) as TableName[]);
			const entries = Object.entries(ipc).map(([table, bytes]) => {
				const ref = this.emitFile({ type: 'asset', name: `${table}.arrow`, source: bytes });
				return `${JSON.stringify(table)}: import.meta.ROLLUP_FILE_URL_${ref}`;
			});
			return `export const ARROW_TABLES = {${entries.join(', ')}};`;
		}
	};
}
