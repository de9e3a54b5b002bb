/**
 * The published tables as Arrow IPC streams, made from the committed CSV exports by DuckDB-WASM's Node build (the
 * browser's own engine): loaded as the browser loads CSV (the schema's CREATE TABLE without keys, the ETL's COPY),
 * then written out. The browser inserts each into the same CREATE TABLE, about five times faster than parsing the CSV
 * (`npx tsx scripts/bench/explore-arrow.ts`: observations 0.19 s against 1.1 s).
 */
import type { Table } from 'apache-arrow';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFromCsvSql, TABLE_SQL } from '../../src/lib/data/schema';
import type { TableName } from '../../src/lib/data/contract';
import { withoutPrimaryKeys } from '../../src/lib/sql/statements';
import { openNodeDuckDbWasm } from '../duckdb-wasm/node';

const require = createRequire(import.meta.url);
// The CommonJS build of apache-arrow, the one DuckDB-WASM's Node build requires: its Tables are that build's.
const { tableToIPC } = require('apache-arrow') as typeof import('apache-arrow');

export async function arrowTables(csvDir: string, tables: readonly TableName[]): Promise<Record<string, Uint8Array>> {
	const db = await openNodeDuckDbWasm();
	const conn = db.connect();
	const out: Record<string, Uint8Array> = {};
	try {
		for (const table of tables) {
			db.registerFileText(`${table}.csv`, readFileSync(path.join(csvDir, `${table}.csv`), 'utf8'));
			conn.query(withoutPrimaryKeys(TABLE_SQL[table]));
			conn.query(copyFromCsvSql(table, `${table}.csv`));
			out[table] = tableToIPC(conn.query(`SELECT * FROM ${table}`) as unknown as Table, 'stream');
			db.dropFile(`${table}.csv`);
		}
	} finally {
		conn.close();
	}
	return out;
}
