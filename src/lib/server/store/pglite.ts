/**
 * The embedded back end: PGlite, PostgreSQL compiled to WebAssembly, in this process, its files in one folder
 * (ACTIONS_DIR, default data/actions). Chosen over SQLite in WAL mode because it is the same SQL as the PostgreSQL
 * back end; both kept every acknowledged row through kill -9 (scripts/store/durability.ts, README "Sending").
 *
 * PGlite is one connection in one process: a lock file refuses a second process on the same folder at start, with
 * a message that points to DATABASE_URL (instead of failing on its first write, as the DuckDB store did).
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Row, Sql } from './sql';

type PGliteModule = typeof import('@electric-sql/pglite');

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes `dir`/.lock for this process, or throws naming the process that holds it. */
async function lock(dir: string): Promise<() => Promise<void>> {
	const file = path.join(dir, '.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(file, 'wx');
			await handle.writeFile(String(process.pid));
			await handle.sync();
			await handle.close();
			return () => rm(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
			if (holder && alive(holder))
				throw new Error(
					`the embedded store at ${dir} is in use by another process (pid ${holder}). One server per embedded store: to run several servers, give them one PostgreSQL with DATABASE_URL.`,
					{ cause: error }
				);
			await rm(file, { force: true }); // left by a process that died
		}
	}
	throw new Error(`could not lock the embedded store at ${dir}`);
}

export async function openPglite(dir: string): Promise<Sql> {
	await mkdir(dir, { recursive: true });
	const unlock = await lock(dir);
	try {
		// Loaded at run time: the app's bundle keeps it external (a dependency), and mailto-only tools never load it.
		const { PGlite } = (await import('@electric-sql/pglite')) as PGliteModule;
		const db = await PGlite.create(path.join(dir, 'pgdata'));
		// Old WAL segments are deleted, not recycled, so a checkpoint takes deleted keys out of the files (scrub).
		await db.exec(`SET wal_recycle = off; SET min_wal_size = '32MB'`).catch(() => {});
		const query = async <T extends Row>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows;
		return {
			label: `embedded (${dir})`,
			query,
			transaction: (fn) =>
				db.transaction((tx) =>
					fn({
						query: async <T extends Row>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows
					})
				),
			async scrub(tables) {
				for (const table of tables) await db.exec(`VACUUM FULL ${table}`);
				await db.exec(`SELECT pg_switch_wal(); CHECKPOINT`).catch(() => db.exec('CHECKPOINT'));
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
