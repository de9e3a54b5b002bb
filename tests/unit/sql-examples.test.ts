/**
 * The /explore page's example queries, run in DuckDB-WASM on the committed exports, against figures worked out here
 * from observations.csv and areas.csv directly (so a wrong join, filter or period in an example fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { EXAMPLE_QUERIES } from '../../src/lib/sql/examples';
import { openTestDb, type TestDb } from './sql-wasm';

const csv = (file: string) =>
	Papa.parse<Record<string, string>>(readFileSync(`static/data/csv/${file}`, 'utf8').trim(), { header: true }).data;
const observations = csv('observations.csv');
const areas = new Map(csv('areas.csv').map((a) => [a.code!, a]));
const sql = (id: string) => EXAMPLE_QUERIES.find((e) => e.id === id)!.sql;

let db: TestDb;
beforeAll(async () => {
	db = await openTestDb();
}, 60_000);
afterAll(() => db?.close());

/** Objects keyed by column name, for readable assertions. */
function run(id: string): Record<string, unknown>[] {
	const result = db.query(sql(id));
	return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

const isAlliance20 = (code: string) => {
	const a = areas.get(code);
	return a?.type === 'alliance' && (a.variant === '' || a.variant === '20');
};
const rowsOf = (indicator: string, basis: string) =>
	observations.filter((o) => o.indicator_id === indicator && o.basis === basis);
const latestMonth = (rows: Record<string, string>[]) =>
	rows
		.map((o) => o.period_start!)
		.sort()
		.at(-1)!;

describe('example queries on the real exports', () => {
	it('every example runs and returns rows', () => {
		for (const example of EXAMPLE_QUERIES) expect(db.query(example.sql).rows.length, example.id).toBeGreaterThan(0);
	});

	it('worst five alliances on 62 days: the lowest five of the 20 over the 12 months to the latest month', () => {
		const cwt = rowsOf('cwt62_breast', 'commissioner');
		const last = latestMonth(cwt);
		const from = new Date(last);
		from.setUTCMonth(from.getUTCMonth() - 11);
		const since = from.toISOString().slice(0, 10);
		const totals = new Map<string, { n: number; d: number }>();
		for (const o of cwt) {
			if (!isAlliance20(o.area_code!) || o.period_start! < since) continue;
			const t = totals.get(o.area_code!) ?? { n: 0, d: 0 };
			t.n += Number(o.numerator);
			t.d += Number(o.denominator);
			totals.set(o.area_code!, t);
		}
		expect(totals.size).toBe(20);
		const expected = [...totals]
			.map(([code, t]) => ({ name: areas.get(code)!.name, pct: (100 * t.n) / t.d }))
			.sort((a, b) => a.pct - b.pct)
			.slice(0, 5);
		const rows = run('worst-62-day');
		expect(rows.map((r) => r.alliance)).toEqual(expected.map((e) => e.name));
		rows.forEach((r, i) => expect(r.percent).toBeCloseTo(expected[i]!.pct, 1));
		expect(rows[0]!.period_start).toBe(since);
		expect(rows[0]!.period_end).toBe(cwt.find((o) => o.period_start === last)!.period_end);
	});

	it('staging completeness for England: 2013 to 2022, with NDRS\u2019s 80.5% for 2022', () => {
		const rows = run('staging-trend');
		expect(rows.map((r) => r.year)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
		expect(rows.at(-1)!.percent).toBe(80.5);
	});

	it('every indicator and basis, with its latest period', () => {
		const rows = run('latest-periods');
		const pairs = new Set(observations.map((o) => `${o.indicator_id} ${o.basis}`));
		expect(rows).toHaveLength(pairs.size);
		const fds = rows.find((r) => r.id === 'fds_breast_suspected' && r.basis === 'provider')!;
		expect(fds.latest_period).toBe(latestMonth(rowsOf('fds_breast_suspected', 'provider')));
		expect(fds.rows).toBe(rowsOf('fds_breast_suspected', 'provider').length);
	});

	it('ICBs furthest below England on the FDS: the ten lowest ICBs of the latest month, in points from England', () => {
		const fds = rowsOf('fds_breast_suspected', 'commissioner');
		const last = latestMonth(fds);
		const month = fds.filter((o) => o.period_start === last && o.value !== '');
		const england = Number(month.find((o) => o.area_code === 'E92000001')!.value);
		const expected = month
			.filter((o) => areas.get(o.area_code!)?.type === 'icb')
			.sort((a, b) => Number(a.value) - Number(b.value))
			.slice(0, 10);
		const rows = run('icb-fds-gap');
		expect(rows.map((r) => r.icb)).toEqual(expected.map((o) => areas.get(o.area_code!)!.name));
		rows.forEach((r, i) => expect(r.points_from_england).toBeCloseTo(Number(expected[i]!.value) - england, 1));
	});

	it('the gap in patients: (England\u2019s proportion - the alliance\u2019s) x its patients, for every alliance below England', () => {
		const cwt = rowsOf('cwt62_breast', 'commissioner');
		const last = latestMonth(cwt);
		const month = cwt.filter((o) => o.period_start === last);
		const e = month.find((o) => o.area_code === 'E92000001')!;
		const pE = Number(e.numerator) / Number(e.denominator);
		const expected = month
			.filter((o) => isAlliance20(o.area_code!) && Number(o.numerator) / Number(o.denominator) < pE)
			.map((o) => ({
				name: areas.get(o.area_code!)!.name,
				gap: (pE - Number(o.numerator) / Number(o.denominator)) * Number(o.denominator)
			}))
			.sort((a, b) => b.gap - a.gap);
		const rows = run('gap-in-patients');
		expect(rows.map((r) => r.alliance)).toEqual(expected.map((x) => x.name));
		rows.forEach((r, i) => expect(r.gap_in_patients).toBeCloseTo(expected[i]!.gap, 1));
	});
});
