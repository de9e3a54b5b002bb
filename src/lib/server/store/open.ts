/** Opens the store: PostgreSQL when a DATABASE_URL is given, else the embedded one in `dir`. */
import path from 'node:path';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Sql } from './sql';
import { Store } from './store';

export interface StoreConfig {
	databaseUrl?: string | null;
	/** The embedded store's folder. */
	dir: string;
	/** Keys the email hashes (EMAIL_HASH_SECRET). */
	secret: string;
}

export async function openStore(config: StoreConfig): Promise<Store> {
	const sql: Sql = config.databaseUrl
		? await openPostgres(config.databaseUrl)
		: await openPglite(path.resolve(config.dir));
	try {
		return await Store.open(sql, config.secret);
	} catch (error) {
		await sql.close().catch(() => {});
		throw error;
	}
}
