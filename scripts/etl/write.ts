/**
 * Output: CSV exports and the DuckDB database, both built in a staging folder and swapped into place only after
 * every check has passed, so a failed run leaves the previous database and exports untouched.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
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

/** Replace `target` with `staged` (a file or folder) as atomically as the file system allows. */
export async function swapInto(staged: string, target: string): Promise<void> {
	await mkdir(path.dirname(target), { recursive: true });
	const old = `${target}.old-${process.pid}`;
	let hadOld = true;
	try {
		await rename(target, old);
	} catch {
		hadOld = false;
	}
	try {
		await rename(staged, target);
	} catch (error) {
		if (hadOld) await rename(old, target);
		throw error;
	}
	if (hadOld) await rm(old, { recursive: true, force: true });
}

/** Move every file from a staging folder into `outDir`, replacing same-named files and leaving others alone. */
export async function publishFolder(stagedDir: string, outDir: string): Promise<void> {
	await mkdir(outDir, { recursive: true });
	for (const entry of await readdir(stagedDir, { withFileTypes: true })) {
		const from = path.join(stagedDir, entry.name);
		const to = path.join(outDir, entry.name);
		if (entry.isDirectory()) {
			await swapInto(from, to);
		} else {
			await rename(from, to);
		}
	}
}
