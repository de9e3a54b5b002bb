/**
 * The committed exports load into DuckDB-WASM with nothing downloaded: the analyst pages create the contract's
 * tables from the shared schema and fill them from static/data/csv, registered as in-memory files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFromCsvSql, TABLE_SQL } from '../../src/lib/data/schema';
import type { TableName } from '../../src/lib/data/contract';
import { openNodeDuckDbWasm, type NodeDuckDb } from '../../scripts/duckdb-wasm/node';

const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8')) as {
	tables: { name: TableName; file: string; rows: number }[];
};

let db: NodeDuckDb;
let conn: ReturnType<typeof db.connect>;

beforeAll(async () => {
	db = await openNodeDuckDbWasm();
	conn = db.connect();
	for (const table of manifest.tables) {
		db.registerFileText(table.file, readFileSync(path.join('static/data', table.file), 'utf8'));
		conn.query(TABLE_SQL[table.name]);
		conn.query(copyFromCsvSql(table.name, table.file));
	}
}, 60_000);

afterAll(() => {
	conn?.close();
});

describe('static/data in DuckDB-WASM', () => {
	it('loads every table with the row count the manifest states', () => {
		for (const table of manifest.tables) {
			const n = conn.query(`SELECT count(*)::INTEGER AS n FROM ${table.name}`).toArray()[0]!.n as number;
			expect(n, table.name).toBe(table.rows);
		}
	});

	it("answers an analyst's question: the latest commissioner 62-day figure for every alliance, with England", () => {
		const rows = conn
			.query(
				`SELECT a.name, o.value FROM observations o JOIN areas a ON a.code = o.area_code
				 WHERE o.indicator_id = 'cwt62_breast' AND o.basis = 'commissioner' AND o.period_start = DATE '2025-09-01'
				 AND a.type IN ('alliance', 'england') AND (a.variant IS NULL OR a.variant = '20') ORDER BY o.value`
			)
			.toArray();
		expect(rows).toHaveLength(21);
		const england = rows.find((r: { name: string }) => r.name === 'England');
		// NHS England's September 2025 England figure: 3,129 of 4,602.
		expect(Number(england!.value)).toBeCloseTo((100 * 3129) / 4602, 3);
	});
});
