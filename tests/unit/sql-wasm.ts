/**
 * The committed exports loaded into DuckDB-WASM's blocking Node build, exactly as the browser loads them (the schema's
 * CREATE TABLE, then the ETL's COPY), for tests of the SQL the /explore page runs.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFromCsvSql, TABLE_SQL } from '../../src/lib/data/schema';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import { tableToResult, type ArrowTableLike } from '../../src/lib/sql/values';
import type { QueryResult } from '../../src/lib/sql/types';

const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export interface TestDb {
	query(sql: string): QueryResult;
	registerFileText(name: string, text: string): void;
	close(): void;
}

export async function openTestDb(): Promise<TestDb> {
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: path.join(dist, 'duckdb-mvp.wasm'),
				mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs')
			},
			eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	const conn = db.connect();
	for (const table of Object.keys(TABLE_COLUMNS) as TableName[]) {
		const file = `csv/${table}.csv`;
		db.registerFileText(file, readFileSync(path.join('static/data', file), 'utf8'));
		conn.query(TABLE_SQL[table]);
		conn.query(copyFromCsvSql(table, file));
	}
	return {
		query: (sql) => tableToResult(conn.query(sql) as unknown as ArrowTableLike),
		registerFileText: (name, text) => db.registerFileText(name, text),
		close: () => conn.close()
	};
}
