/**
 * Output: the CSV exports and the DuckDB database built from them, which runs the integrity checks. Both are written
 * into staging places; scripts/etl/publish/ makes them current only when every check has passed.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import { copyFromCsvSql, INTEGRITY_CHECKS, TABLE_SQL } from '../../src/lib/data/schema';

export type TableRows = { [K in TableName]: Record<string, unknown>[] };

/** Numbers rounded to 4 decimal places (0.0001 of a percentage point): beyond any published precision, and stable between runs. */
function cell(value: unknown): unknown {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 1e4) / 1e4;
	return value;
}

export function toCsv(table: TableName, rows: Record<string, unknown>[]): string {
	const columns = TABLE_COLUMNS[table] as readonly string[];
	const data = rows.map((r) => columns.map((c) => cell(r[c])));
	return Papa.unparse({ fields: [...columns], data }, { newline: '\n' }) + '\n';
}

export async function writeCsvTables(dir: string, tables: TableRows): Promise<Record<TableName, string>> {
	await mkdir(dir, { recursive: true });
	const files = {} as Record<TableName, string>;
	for (const table of Object.keys(tables) as TableName[]) {
		const file = path.join(dir, `${table}.csv`);
		await writeFile(file, toCsv(table, tables[table]));
		files[table] = file;
	}
	return files;
}

/** Creates the database at `dbPath` (which must not exist) from the CSVs, then runs the integrity checks. */
export async function buildDatabase(
	dbPath: string,
	csvFiles: Record<TableName, string>
): Promise<Record<TableName, number>> {
	const instance = await DuckDBInstance.create(dbPath);
	const db = await instance.connect();
	const counts = {} as Record<TableName, number>;
	try {
		for (const table of Object.keys(csvFiles) as TableName[]) {
			await db.run(TABLE_SQL[table]);
			await db.run(copyFromCsvSql(table, csvFiles[table]));
			const reader = await db.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
			counts[table] = Number(reader.getRowObjects()[0]!.n);
		}
		for (const check of INTEGRITY_CHECKS) {
			const reader = await db.runAndReadAll(check.sql);
			const problems = reader.getRowObjects().map((r) => String(r.problem));
			if (problems.length > 0) throw new Error(`database check failed: ${check.name}: ${problems.join('; ')}`);
		}
		await db.run('CHECKPOINT');
	} finally {
		db.closeSync();
		instance.closeSync();
	}
	return counts;
}
