/**
 * `npm run bench`: measures what the README reports. Each ETL run is a real child process (start-up included),
 * writing into a temporary folder so the committed exports are untouched.
 *   1. full rebuild, cold parse cache   (target under 60 s)
 *   2. forced rebuild, warm parse cache (what a rebuild after one new monthly file costs, at most)
 *   3. no-op rebuild, nothing changed   (target under 3 s)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'etl-bench-'));
const db = path.join(tmp, 'db', 'dashboard.duckdb');
const out = path.join(tmp, 'out');

function timeEtl(label: string, extra: string[]): number {
	const start = performance.now();
	const run = spawnSync('npx', ['tsx', 'scripts/etl/run.ts', '--db', db, '--out', out, '--quiet', ...extra], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: process.env
	});
	const seconds = (performance.now() - start) / 1000;
	if (run.status !== 0) throw new Error(`${label} failed with exit code ${run.status}`);
	console.log(`${label.padEnd(40)} ${seconds.toFixed(1).padStart(6)} s`);
	return seconds;
}

try {
	console.log(`ETL benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
	const full = timeEtl('full rebuild, cold cache', ['--force']);
	timeEtl('forced rebuild, warm parse cache', ['--force']);
	const noop = timeEtl('no-op rebuild (nothing changed)', []);
	console.log(`targets: full < 60 s ${full < 60 ? 'met' : 'MISSED'}; no-op < 3 s ${noop < 3 ? 'met' : 'MISSED'}`);
} finally {
	rmSync(tmp, { recursive: true, force: true });
}
