/**
 * The shared back end: a PostgreSQL server through `pg` (DATABASE_URL), so several app servers share the actions,
 * the outbox and the rate limits. Same SQL as the embedded back end.
 */
import type { Row, Sql } from './sql';

export async function openPostgres(url: string): Promise<Sql> {
	// Loaded at run time so that the embedded deployment never needs it.
	const { default: pg } = await import('pg');
	const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
	pool.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
	let where = 'PostgreSQL';
	try {
		const u = new URL(url);
		where = `PostgreSQL (${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname})`;
	} catch {
		// a connection string that is not a URL: say nothing more (it may hold a password)
	}
	return {
		label: where,
		query: async <T extends Row>(text: string, params: unknown[] = []) => (await pool.query<T>(text, params)).rows,
		async transaction(fn) {
			const client = await pool.connect();
			try {
				await client.query('BEGIN');
				const result = await fn({
					query: async <T extends Row>(text: string, params: unknown[] = []) =>
						(await client.query<T>(text, params)).rows
				});
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(() => {});
				throw error;
			} finally {
				client.release();
			}
		},
		async scrub(tables) {
			// The server's WAL is its operator's (archiving, replicas): rewriting the key table is what we can do.
			for (const table of tables) await pool.query(`VACUUM FULL ${table}`);
		},
		close: () => pool.end()
	};
}
