/**
 * The embedded back end: PGlite, PostgreSQL compiled to WebAssembly, in this process, its files in one folder
 * (ACTIONS_DIR, default data/actions). Chosen over SQLite in WAL mode because it is the same SQL as the PostgreSQL
 * back end; both kept every acknowledged row through kill -9 (scripts/store/durability.ts, README "Sending").
 *
 * PGlite is one connection in one process: a lock file refuses a second process on the same folder at start, with
 * a message that points to DATABASE_URL (instead of failing on its first write, as the DuckDB store did).
 */
import { mkdir, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { takeLock } from '../lock-file';
import type { Row, Sql } from './sql';

type PGliteModule = typeof import('@electric-sql/pglite');

/** Takes `dir`/.lock for this process, or throws LockHeld naming the process that holds it. */
function lock(dir: string): Promise<() => Promise<void>> {
	return takeLock(
		path.join(dir, '.lock'),
		(holder) =>
			`the embedded store at ${dir} is in use by another process (pid ${holder}). One server per embedded store: to run several servers, give them one PostgreSQL with DATABASE_URL.`
	);
}

/**
 * PGlite's WebAssembly file system writes each commit to the WAL file (so kill -9 loses nothing) but never calls
 * fsync: without this, an acknowledged write could be lost when the machine itself loses power. After each write,
 * the newest WAL segment is flushed to disk (a commit's record is in it: segments change only at 16 MB, or in scrub).
 */
async function syncWal(walDir: string): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		const segments = (await readdir(walDir)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort();
		const newest = segments[segments.length - 1];
		if (!newest) return;
		try {
			const handle = await open(path.join(walDir, newest), 'r+');
			try {
				await handle.datasync();
			} finally {
				await handle.close();
			}
			return;
		} catch (error) {
			// A checkpoint removed the segment between readdir and open: list again.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 3) throw error;
		}
	}
}

/**
 * Group commit: writes that finish while a flush is running share the next one, so concurrent sends pay for one
 * fsync together rather than one each.
 */
function groupSync(walDir: string): () => Promise<void> {
	let running: Promise<void> | null = null;
	let next: Promise<void> | null = null;
	const start = () => {
		running = syncWal(walDir).finally(() => (running = null));
		return running;
	};
	return () => {
		if (next) return next;
		if (!running) return start();
		next = running
			.catch(() => {})
			.then(() => {
				next = null;
				return start();
			});
		return next;
	};
}

/**
 * PostgreSQL's settings for the embedded server: PGlite's own, with fsync on, and old WAL segments deleted rather
 * than recycled (a recycled segment keeps its old bytes until overwritten: deleted keys would linger there).
 */
function startParams(defaults: string[]): string[] {
	return [...defaults.filter((p) => p !== '-F'), '-c', 'wal_recycle=off', '-c', 'min_wal_size=32MB'];
}

export async function openPglite(dir: string): Promise<Sql> {
	await mkdir(dir, { recursive: true });
	const unlock = await lock(dir);
	try {
		// Loaded at run time: the app's bundle keeps it external (a dependency), and mailto-only tools never load it.
		const { PGlite } = (await import('@electric-sql/pglite')) as PGliteModule;
		const data = path.join(dir, 'pgdata');
		const db = await PGlite.create(data, { startParams: startParams(PGlite.defaultStartParams) });
		const sync = groupSync(path.join(data, 'pg_wal'));
		const query = async <T extends Row>(text: string, params: unknown[] = []) => {
			const rows = (await db.query<T>(text, params)).rows;
			if (!/^\s*SELECT\b/i.test(text)) await sync();
			return rows;
		};
		return {
			label: `embedded (${dir})`,
			query,
			async transaction(fn) {
				const result = await db.transaction((tx) =>
					fn({
						query: async <T extends Row>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows
					})
				);
				await sync();
				return result;
			},
			async scrub(tables) {
				for (const table of tables) await db.exec(`VACUUM FULL ${table}`);
				await db.exec(`SELECT pg_switch_wal(); CHECKPOINT`);
			},
			async close() {
				await db.close();
				await unlock();
			}
		};
	} catch (error) {
		await unlock();
		throw error;
	}
}
