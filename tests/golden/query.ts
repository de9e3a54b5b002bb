/** Read-only SQL on a database the ETL built, rows as plain JSON values. */
import { DuckDBInstance } from '@duckdb/node-api';

export async function queryDb(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
	const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
	const db = await instance.connect();
	try {
		return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
	} finally {
		db.closeSync();
		instance.closeSync();
	}
}
