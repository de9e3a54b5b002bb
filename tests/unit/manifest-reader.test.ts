/**
 * One reading of the data contract: the server's typed reader (data/manifest.ts) and the DuckDB-WASM loader's SQL
 * (schema.ts, as src/lib/sql loads it) both agree with static/data/manifest.json, column by column and row by row.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestTable, readExport } from '../../src/lib/data/manifest';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import type { Manifest } from '../../src/lib/data/package';
import { openTestDb, type TestDb } from './sql-wasm';

const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8')) as Manifest;
const text = (table: TableName) => readFileSync(`static/data/${manifestTable(manifest, table).file}`, 'utf8');
const TABLES = Object.keys(TABLE_COLUMNS) as TableName[];

let db: TestDb;
beforeAll(async () => {
	db = await openTestDb();
}, 60_000);
afterAll(() => db?.close());

describe('the manifest types the exports', () => {
	it('names every table of the contract, with its columns in order', () => {
		for (const table of TABLES) {
			expect(manifestTable(manifest, table).columns.map((c) => c.name)).toEqual([...TABLE_COLUMNS[table]]);
		}
	});

	it('gives the DuckDB-WASM tables exactly the manifest column types', () => {
		for (const table of TABLES) {
			const described = db.query(`DESCRIBE ${table}`).rows.map(([name, type]) => ({ name, type }));
			expect(described, table).toEqual(manifestTable(manifest, table).columns);
		}
	});

	it('reads every row of every export as DuckDB-WASM loads it (numbers, booleans, dates and nulls alike)', () => {
		for (const table of TABLES) {
			const rows = readExport(manifest, table, text(table));
			expect(rows, table).toHaveLength(manifestTable(manifest, table).rows);
			const columns = TABLE_COLUMNS[table];
			const loaded = db.query(`SELECT ${columns.join(', ')} FROM ${table}`).rows;
			const read = rows.map((r) => columns.map((c) => (r as unknown as Record<string, unknown>)[c]));
			// Row order: both follow the file, DuckDB's COPY with one thread in the blocking build.
			expect(read, table).toEqual(loaded);
		}
	});

	it('types a figure as the contract does: counts and values are numbers, suppression a boolean', () => {
		const observations = readExport(manifest, 'observations', text('observations'));
		const withheld = observations.find((o) => o.suppressed)!;
		expect(withheld.value).toBeNull();
		const shown = observations.find((o) => o.numerator !== null)!;
		expect(typeof shown.numerator).toBe('number');
		expect(shown.suppressed).toBe(false);
		expect(readExport(manifest, 'mps', text('mps')).every((m) => Number.isInteger(m.member_id))).toBe(true);
	});
});

describe('a CSV that does not match the manifest is refused', () => {
	it('names the columns when the header differs', () => {
		expect(() => readExport(manifest, 'mps', 'constituency_code,name\nE14001063,x')).toThrow(
			/mps\.csv has columns constituency_code, name; the manifest states constituency_code, name, party/
		);
	});

	it('refuses a boolean that is neither true nor false', () => {
		const header = TABLE_COLUMNS.observations.join(',');
		const row = 'cwt62_breast,E92000001,provider,2025-09-01,2025-09-30,1,2,50,,,,,similar,yes,final,x.csv';
		expect(() => readExport(manifest, 'observations', `${header}\n${row}`)).toThrow(/"yes" is not true or false/);
	});

	it('refuses a table the manifest does not list', () => {
		expect(() => manifestTable({ tables: [] }, 'areas')).toThrow(/no table "areas"/);
	});
});
