/**
 * Measures what an embedded store keeps through kill -9, to choose between PGlite (PostgreSQL in WebAssembly) and
 * SQLite in WAL mode (better-sqlite3). A child process inserts rows one committed transaction at a time and prints
 * each row's id only after the commit returned (an "acknowledged" row); the parent kills it with SIGKILL after a
 * while, opens the files again and counts the acknowledged ids that are missing.
 *
 *   npx tsx scripts/store/durability.ts [pglite|sqlite|all] [rounds=5] [ms before the kill=1500]
 *
 * SQLite was measured and not chosen, so better-sqlite3 is not a dependency: `npm install --no-save
 * better-sqlite3@12.11.1` before measuring it again (13.x needs Node 22).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

type Engine = 'pglite' | 'sqlite';

async function openWriter(engine: Engine, dir: string) {
	if (engine === 'sqlite') {
		type Statement = { run(...args: unknown[]): void; all(): unknown[] };
		type Database = { pragma(s: string): void; exec(s: string): void; prepare(s: string): Statement; close(): void };
		const specifier = 'better-sqlite3'; // not a dependency (see above): resolved only when measured
		const { default: open } = (await import(/* @vite-ignore */ specifier)) as { default: new (f: string) => Database };
		const db = new open(path.join(dir, 'store.sqlite'));
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = FULL');
		db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
		const insert = db.prepare('INSERT INTO t (id, payload) VALUES (?, ?)');
		return {
			insert: async (id: number) => void insert.run(id, 'x'.repeat(500)),
			ids: async () => (db.prepare('SELECT id FROM t').all() as { id: number }[]).map((r) => r.id),
			close: async () => db.close()
		};
	}
	// The app's own embedded back end, with its settings (fsync of the WAL after each write).
	const { openPglite } = await import('../../src/lib/server/store/pglite');
	const db = await openPglite(path.join(dir, 'pglite'));
	await db.query('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
	return {
		insert: async (id: number) =>
			void (await db.query('INSERT INTO t (id, payload) VALUES ($1, $2)', [id, 'x'.repeat(500)])),
		ids: async () => (await db.query<{ id: number }>('SELECT id FROM t')).map((r) => r.id),
		close: () => db.close()
	};
}

async function child(engine: Engine, dir: string): Promise<void> {
	const store = await openWriter(engine, dir);
	process.stdout.write('ready\n');
	for (let id = 1; ; id++) {
		await store.insert(id);
		process.stdout.write(`${id}\n`);
	}
}

async function round(engine: Engine, killAfterMs: number): Promise<{ acked: number; lost: number; perSecond: number }> {
	const dir = await mkdtemp(path.join(tmpdir(), `durability-${engine}-`));
	try {
		const proc = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'child', engine, dir], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		const acked = new Set<number>();
		let buffer = '';
		let readyAt = 0;
		await new Promise<void>((resolve) => {
			proc.stdout!.on('data', (chunk: Buffer) => {
				buffer += chunk.toString();
				const lines = buffer.split('\n');
				buffer = lines.pop()!;
				for (const line of lines) {
					if (line === 'ready') {
						readyAt = Date.now();
						setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
					} else if (line) acked.add(Number(line));
				}
			});
			proc.on('exit', () => resolve());
		});
		const store = await openWriter(engine, dir);
		const kept = new Set(await store.ids());
		await store.close();
		const lost = [...acked].filter((id) => !kept.has(id)).length;
		return { acked: acked.size, lost, perSecond: Math.round(acked.size / ((Date.now() - readyAt) / 1000)) };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'child') {
	await child(rest[0] as Engine, rest[1]!);
} else {
	const engines: Engine[] = mode === 'pglite' || mode === 'sqlite' ? [mode] : ['pglite', 'sqlite'];
	const rounds = Number(rest[0] ?? 5);
	const killAfter = Number(rest[1] ?? 1500);
	for (const engine of engines) {
		const results = [];
		for (let i = 0; i < rounds; i++) results.push(await round(engine, killAfter));
		const acked = results.reduce((s, r) => s + r.acked, 0);
		const lost = results.reduce((s, r) => s + r.lost, 0);
		console.log(
			`${engine}: ${rounds} kills after ${killAfter} ms; acknowledged ${acked}, lost ${lost}; ` +
				`rows/s per round ${results.map((r) => r.perSecond).join(', ')}`
		);
	}
}
