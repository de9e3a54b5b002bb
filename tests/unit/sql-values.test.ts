/** Pure pieces of the in-browser SQL: Arrow values made plain, SQL built around users' input, the shared link, provenance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnTypeName, decimalValue, plainValue } from '../../src/lib/sql/values';
import {
	replaceTableFromCsvSql,
	tableIdentifier,
	tablesMentioned,
	tablesToWaitFor,
	withoutPrimaryKeys
} from '../../src/lib/sql/statements';
import { TABLE_SQL } from '../../src/lib/data/schema';
import { MAX_SHARED_QUERY_LENGTH, queryFromSearch, queryHref } from '../../src/lib/sql/url';
import { dateSpan, queryProvenance } from '../../src/lib/sql/provenance';
import { duckdbMessage } from '../../src/lib/sql/errors';
import { openTestDb, type TestDb } from './sql-wasm';

const type = (typeId: number, extra: Record<string, unknown> = {}) => ({
	typeId,
	...extra,
	toString: () => `type ${typeId}`
});

describe('Arrow values made plain', () => {
	it('decimals from 128-bit little-endian words, exactly, negatives included', () => {
		expect(decimalValue([125, 0, 0, 0], 2)).toBe(1.25);
		expect(decimalValue([123456, 0, 0, 0], 3)).toBe(123.456);
		expect(decimalValue([5, 0, 0, 0], 3)).toBe(0.005);
		// -1.5 as DECIMAL(4,1): -15 in two's complement.
		expect(decimalValue([4294967281, 4294967295, 4294967295, 4294967295], 1)).toBe(-1.5);
		// 12345678901234567890.12 is beyond a double's exact integers: kept as its digits.
		expect(decimalValue([3625990676, 3977394955, 66, 0], 2)).toBe('12345678901234567890.12');
	});

	it('BIGINTs as numbers when exact, else as digits; dates and timestamps as DuckDB prints them', () => {
		expect(plainValue(12345678901234n, type(2, { bitWidth: 64 }))).toBe(12345678901234);
		expect(plainValue(9007199254740993n, type(2, { bitWidth: 64 }))).toBe('9007199254740993');
		expect(plainValue(1756684800000, type(8))).toBe('2025-09-01');
		expect(plainValue(1756730096000, type(10))).toBe('2025-09-01 12:34:56');
		expect(plainValue(43200500000n, type(9))).toBe('12:00:00.5');
		expect(plainValue(null, type(5))).toBeNull();
		expect(plainValue(true, type(6))).toBe(true);
		expect(plainValue(new Uint8Array([97, 98]), type(4))).toBe('\\x61\\x62');
	});

	it('names column types as DuckDB does', () => {
		expect(columnTypeName(type(2, { bitWidth: 64, isSigned: true }))).toBe('BIGINT');
		expect(columnTypeName(type(2, { bitWidth: 8, isSigned: false }))).toBe('UTINYINT');
		expect(columnTypeName(type(3, { precision: 2 }))).toBe('DOUBLE');
		expect(columnTypeName(type(7, { precision: 18, scale: 3 }))).toBe('DECIMAL(18,3)');
		expect(columnTypeName(type(10, { timezone: 'UTC' }))).toBe('TIMESTAMP WITH TIME ZONE');
	});
});

describe('real DuckDB-WASM answers made plain', () => {
	let db: TestDb;
	beforeAll(async () => {
		db = await openTestDb();
	}, 60_000);
	afterAll(() => db?.close());

	it('every kind of value a query can return', () => {
		const r =
			db.query(`SELECT 42 AS i, 12345678901234::BIGINT AS big, 1.25 AS dec, -1.5::DECIMAL(4,1) AS neg, DATE '2025-09-01' AS d,
			TIMESTAMP '2025-09-01 12:34:56' AS ts, 'x' AS s, NULL AS n, [1, 2] AS l, {'a': 1, 'b': 'two'} AS st, 2.5::DOUBLE AS dbl, count(*) AS c`);
		expect(r.columns.map((c) => c.type)).toEqual([
			'INTEGER',
			'BIGINT',
			'DECIMAL(3,2)',
			'DECIMAL(4,1)',
			'DATE',
			'TIMESTAMP',
			'VARCHAR',
			'INTEGER',
			'List<Int32>',
			'Struct<{a:Int32, b:Utf8}>',
			'DOUBLE',
			'BIGINT'
		]);
		expect(r.rows).toEqual([
			[
				42,
				12345678901234,
				1.25,
				-1.5,
				'2025-09-01',
				'2025-09-01 12:34:56',
				'x',
				null,
				'[1,2]',
				'{"a":1,"b":"two"}',
				2.5,
				1
			]
		]);
	});

	it("the exports' own columns: England's commissioner 62-day figure for September 2025 (NHS England: 3,129 of 4,602)", () => {
		const r = db.query(`SELECT numerator, denominator, period_start, suppressed FROM observations
			WHERE indicator_id = 'cwt62_breast' AND basis = 'commissioner' AND area_code = 'E92000001' AND period_start = DATE '2025-09-01'`);
		expect(r.rows).toEqual([[3129, 4602, '2025-09-01', false]]);
	});

	it('the tables the browser creates without primary keys have the same columns, types, NOT NULLs and CHECKs', () => {
		for (const [table, createSql] of Object.entries(TABLE_SQL)) {
			const lean = withoutPrimaryKeys(createSql);
			expect(lean, table).not.toMatch(/PRIMARY/i);
			expect(lean.match(/CHECK/g)?.length ?? 0, table).toBe(createSql.match(/CHECK/g)?.length ?? 0);
			const describe = (sql: string) => {
				db.query(
					`DROP TABLE IF EXISTS ${table}_shape; ${sql.replace(`CREATE TABLE ${table} `, `CREATE TABLE ${table}_shape `)}`
				);
				return db.query(
					`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '${table}_shape' ORDER BY ordinal_position`
				).rows;
			};
			expect(describe(lean), table).toEqual(describe(createSql));
		}
		// The CHECKs still hold: a bad basis is refused.
		db.query(
			`DROP TABLE IF EXISTS observations_shape; ${withoutPrimaryKeys(TABLE_SQL.observations).replace('CREATE TABLE observations ', 'CREATE TABLE observations_shape ')}`
		);
		expect(() =>
			db.query(
				`INSERT INTO observations_shape (indicator_id, area_code, basis, period_start, period_end, comparison, suppressed) VALUES ('x', 'y', 'nowhere', DATE '2025-01-01', DATE '2025-01-31', 'similar', false)`
			)
		).toThrow(/CHECK/);
	});

	it("a user's CSV replaces its table in one transaction: a file that does not fit leaves the old table as it was", () => {
		const load = (csv: string) => {
			db.registerFileText('upload.csv', csv);
			try {
				for (const statement of replaceTableFromCsvSql(
					'my_counts',
					'CREATE TABLE my_counts (area_code VARCHAR NOT NULL, patients INTEGER)',
					'upload.csv'
				))
					db.query(statement);
			} catch (error) {
				db.query('ROLLBACK');
				throw error;
			}
		};
		load('area_code,patients\nE56000011,12\nE56000012,\n');
		expect(db.query('SELECT * FROM my_counts ORDER BY area_code').rows).toEqual([
			['E56000011', 12],
			['E56000012', null]
		]);
		expect(() => load('area_code,patients\nE56000011,twelve\n')).toThrow(/Conversion Error|Could not convert/);
		expect(db.query('SELECT count(*) FROM my_counts').rows).toEqual([[2]]);
	});

	it('several statements answer with the last one', () => {
		expect(db.query('CREATE TEMP TABLE t AS SELECT 1 AS x; SELECT count(*) AS n FROM t').rows).toEqual([[1]]);
	});
});

describe('SQL built around users\u2019 input', () => {
	it('quotes plain table names and refuses the rest', () => {
		expect(tableIdentifier('my_data_2024')).toBe('"my_data_2024"');
		expect(() => tableIdentifier('x"; DROP TABLE areas; --')).toThrow(/cannot be a table name/);
		expect(() => tableIdentifier('1st')).toThrow();
	});

	it('replaces a table in one transaction, with the ETL\u2019s CSV options and the file name escaped', () => {
		const s = replaceTableFromCsvSql('mine', 'CREATE TABLE mine (a INTEGER)', "it's.csv");
		expect(s[0]).toBe('BEGIN TRANSACTION');
		expect(s[1]).toBe('DROP TABLE IF EXISTS "mine"');
		expect(s[3]).toBe(`COPY "mine" FROM 'it''s.csv' (HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`);
		expect(s.at(-1)).toBe('COMMIT');
		expect(() => replaceTableFromCsvSql('mine', 'DROP TABLE areas', 'x.csv')).toThrow(/CREATE TABLE/);
	});

	it('finds the tables a query names, not those in comments or strings', () => {
		const names = ['areas', 'observations', 'mps', 'indicators'] as const;
		expect(
			tablesMentioned('-- areas\nSELECT * FROM observations o JOIN "mps" m ON true WHERE x = \'indicators\'', names)
		).toEqual(['observations', 'mps']);
		expect(tablesMentioned('SELECT my_areas FROM x', names)).toEqual([]);
	});

	it('waits for every table a query might use, and for all when it names none', () => {
		const names = ['observations', 'areas', 'mps'] as const;
		expect(tablesToWaitFor('SELECT * FROM Observations o JOIN areas a ON a.code = o.area_code', names)).toEqual([
			'observations',
			'areas'
		]);
		expect(tablesToWaitFor("SELECT 'mps' -- areas", names)).toEqual(['areas', 'mps']);
		expect(tablesToWaitFor('SHOW TABLES', names)).toEqual(['observations', 'areas', 'mps']);
		expect(tablesToWaitFor('SELECT * FROM my_view', names)).toEqual(['observations', 'areas', 'mps']);
	});
});

describe('the shared link', () => {
	it('round-trips any SQL through ?q=', () => {
		const sql = "SELECT 'a&b=c' AS x, 100 * 2 -- 50% + more\nFROM areas";
		const href = queryHref('/explore', sql);
		expect(queryFromSearch(new URL(href, 'http://localhost').searchParams)).toBe(sql);
	});

	it('keeps no query when blank or over-long', () => {
		expect(queryHref('/explore', '   ')).toBe('/explore');
		expect(queryHref('/explore', 'x'.repeat(MAX_SHARED_QUERY_LENGTH + 1))).toBe('/explore');
		expect(queryFromSearch(new URLSearchParams('q=' + 'x'.repeat(MAX_SHARED_QUERY_LENGTH + 1)))).toBeNull();
		expect(queryFromSearch(new URLSearchParams(''))).toBeNull();
	});
});

describe('provenance of a query download', () => {
	const tables = [
		{ name: 'observations', source: 'NHS England Cancer Waiting Times', licence: 'Open Government Licence v3.0' },
		{ name: 'mps', source: 'UK Parliament', licence: 'Open Parliament Licence v3.0' },
		{ name: 'areas', source: 'ONS', licence: 'Open Government Licence v3.0' }
	];
	const result = {
		columns: [
			{ name: 'period_start', type: 'DATE' },
			{ name: 'label', type: 'VARCHAR' }
		],
		rows: [
			['2025-09-01', '2099-01-01'],
			['2024-10-01', 'x'],
			[null, 'y']
		]
	};

	it('spans only DATE columns', () => {
		expect(dateSpan(result)).toBe('2024-10-01 to 2025-09-01');
		expect(dateSpan({ columns: [{ name: 'x', type: 'VARCHAR' }], rows: [['2020-01-01']] })).toBeNull();
	});

	it('names the tables used, their licences, the query and the attribution they need', () => {
		const p = queryProvenance('SELECT *\n  FROM observations JOIN mps ON true', result, tables);
		expect(p.source).toBe(
			'SQL query on observations: NHS England Cancer Waiting Times; mps: UK Parliament. Query: SELECT * FROM observations JOIN mps ON true'
		);
		expect(p.licence).toBe('Open Government Licence v3.0; Open Parliament Licence v3.0');
		expect(p.period).toBe('dates in this result run from 2024-10-01 to 2025-09-01');
		expect(p.attribution).toHaveLength(3);
	});
});

describe('DuckDB error messages', () => {
	it('keeps DuckDB\u2019s words and drops a repeated pointer block', () => {
		const message =
			'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^\n\nLINE 1: SELEC 1\n        ^';
		expect(duckdbMessage(new Error(message))).toBe(
			'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^'
		);
		expect(duckdbMessage('Catalog Error: Table with name nope does not exist!')).toBe(
			'Catalog Error: Table with name nope does not exist!'
		);
	});
});
