/**
 * The committed exports loaded into DuckDB-WASM's blocking Node build, exactly as the browser loads them (the schema's
 * CREATE TABLE, then the ETL's COPY), for tests of the SQL the /explore page runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFromCsvSql, TABLE_SQL } from '../../src/lib/data/schema';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import { tableToResult, type ArrowTableLike } from '../../src/lib/sql/values';
import type { QueryResult } from '../../src/lib/sql/types';
import { openNodeDuckDbWasm } from '../../scripts/duckdb-wasm/node';

export interface TestDb {
	query(sql: string): QueryResult;
	registerFileText(name: string, text: string): void;
	close(): void;
}

export async function openTestDb(): Promise<TestDb> {
	const db = await openNodeDuckDbWasm();
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
