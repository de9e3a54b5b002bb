/**
 * CWT parsers on the real published files (one of each format), checked against figures NHS England publishes:
 * England totals recomputed from the organisation rows must equal the publisher's figures and each file's own
 * "ALL ENGLISH ..." total rows.
 *
 * Input: the raw data folder, from ETL_INPUT_DIR or ../shared/data/raw; the CWT files are under metrics/cwt/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CwtCount, CwtIndicatorId, CwtScan } from '../../scripts/etl/sources/cwt';
import { summarise } from '../../scripts/etl/sources/cwt-summarise';
import { scanCwtExtract } from '../../scripts/etl/sources/cwt-extract';
import { scanCwtFdsCsv } from '../../scripts/etl/sources/cwt-fds-csv';
import { scanCwtWorkbook } from '../../scripts/etl/sources/cwt-workbook';
import type { ParseResult } from '../../scripts/etl/sources/types';

const inputDir = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const cwtDir = path.join(inputDir, 'metrics', 'cwt');

function read(relative: string): Uint8Array {
	const full = path.join(cwtDir, relative);
	if (!fs.existsSync(full)) throw new Error(`golden input missing: ${full} (set ETL_INPUT_DIR to the raw data folder)`);
	return new Uint8Array(fs.readFileSync(full));
}

/** Sum of numerator and denominator over rows (or lines) matching the filter. */
function total<T extends { numerator: number; denominator: number }>(
	items: T[],
	keep: (item: T) => boolean
): [number, number] {
	let n = 0;
	let d = 0;
	for (const item of items) {
		if (!keep(item)) continue;
		n += item.numerator;
		d += item.denominator;
	}
	return [n, d];
}

const pct = ([n, d]: [number, number]) => (100 * n) / d;

/** The file's own England total for an indicator (summing FDS routes; 31/62-day from PART A "ALL ..." rows). */
function englandLine(scan: CwtScan, indicator: CwtIndicatorId): [number, number] {
	const lines = scan.lines.filter((l) => l.england_total && l.indicator_id === indicator);
	expect(lines.length).toBeGreaterThan(0);
	const all = lines.filter((l) => /^ALL\b/i.test(l.breakdown));
	return total(all.length > 0 ? all : lines, () => true);
}

const WORKBOOK_INDICATORS: CwtIndicatorId[] = [
	'fds_breast_suspected',
	'fds_breast_symptomatic',
	'cwt31_breast',
	'cwt62_breast',
	'breast_symptomatic_14d'
];

describe('flat provider extract, Apr-Jul 2025', () => {
	let scan: CwtScan;
	let result: ParseResult<CwtCount>;
	beforeAll(() => {
		scan = scanCwtExtract(
			'CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider.xlsx',
			read('provider_extract/CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider.xlsx')
		);
		result = summarise(scan);
	});

	it('reads every row, rejects none, and has trusts only', () => {
		expect(result.rowsRead).toBe(41_013);
		expect(result.rowsRejected).toBe(0);
		expect(new Set(result.rows.map((r) => r.period_start))).toEqual(
			new Set(['2025-04-01', '2025-05-01', '2025-06-01', '2025-07-01'])
		);
		for (const row of result.rows) {
			expect(row.basis).toBe('provider');
			expect(row.org_code).toMatch(/^[A-Z0-9]{3,5}$/);
			expect(row.numerator).toBeLessThanOrEqual(row.denominator);
		}
		// One row per indicator × trust × month.
		const keys = result.rows.map((r) => `${r.indicator_id}|${r.org_code}|${r.period_start}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('gives the England FDS for suspected breast cancer that NHS England publishes (all routes)', () => {
		const england = (month: string) =>
			total(result.rows, (r) => r.indicator_id === 'fds_breast_suspected' && r.period_start === month);
		expect(england('2025-04-01')).toEqual([41_873, 47_881]);
		expect(pct(england('2025-04-01')).toFixed(2)).toBe('87.45');
		expect(pct(england('2025-05-01')).toFixed(1)).toBe('85.2');
		expect(pct(england('2025-06-01')).toFixed(1)).toBe('87.2');
		expect(pct(england('2025-07-01')).toFixed(1)).toBe('86.9');
	});

	it('gives 67.9% for 62-day breast, Urgent Suspected Cancer route, July 2025', () => {
		const usc = total(
			scan.lines,
			(l) =>
				l.indicator_id === 'cwt62_breast' &&
				l.breakdown === 'Urgent Suspected Cancer' &&
				l.period_start === '2025-07-01'
		);
		expect(usc).toEqual([1_761, 2_592]);
		expect(pct(usc).toFixed(1)).toBe('67.9');
	});

	it('keeps the half patients of the 62-day standard', () => {
		const halves = result.rows.filter((r) => r.indicator_id === 'cwt62_breast' && !Number.isInteger(r.denominator));
		expect(halves.length).toBeGreaterThan(0);
		for (const r of halves) expect(Number.isInteger(r.denominator * 2)).toBe(true);
	});
});

describe('monthly workbooks, September 2025', () => {
	let provider: CwtScan & { period_start: string };
	let providerResult: ParseResult<CwtCount>;
	let commissioner: CwtScan & { period_start: string };
	let commissionerResult: ParseResult<CwtCount>;
	beforeAll(() => {
		const p = 'SEPTEMBER-2025-CWT-CRS-PROVIDER-WORKBOOK-FINAL.xlsx';
		provider = scanCwtWorkbook(p, read(`provider_workbooks/${p}`));
		providerResult = summarise(provider);
		const c = 'SEPTEMBER-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL.xlsx';
		commissioner = scanCwtWorkbook(c, read(`commissioner_workbooks/${c}`));
		commissionerResult = summarise(commissioner);
	});

	it('reads the basis and month from the title rows', () => {
		expect(provider.basis).toBe('provider');
		expect(commissioner.basis).toBe('commissioner');
		expect(provider.period_start).toBe('2025-09-01');
		expect(commissioner.period_start).toBe('2025-09-01');
		expect(new Set(providerResult.rows.map((r) => r.basis))).toEqual(new Set(['provider']));
		expect(new Set(commissionerResult.rows.map((r) => r.basis))).toEqual(new Set(['commissioner']));
		expect(providerResult.rows.some((r) => r.org_code === '' || /^ALL ENGLISH/.test(r.org_name ?? ''))).toBe(false);
		expect(commissionerResult.rows.some((r) => r.org_code === '')).toBe(false);
	});

	it('provider: trusts sum to the published England totals for every indicator', () => {
		// The workbook's "ALL ENGLISH PROVIDERS" rows, as published.
		const published: Record<CwtIndicatorId, [number, number]> = {
			fds_breast_suspected: [38_628 + 4_239, 45_206 + 5_336], // USC + screening routes
			fds_breast_symptomatic: [7_570, 8_976],
			cwt31_breast: [11_989, 13_063],
			cwt62_breast: [3_129, 4_602],
			breast_symptomatic_14d: [5_685, 9_188]
		};
		expect(providerResult.rowsRejected).toBe(0);
		for (const indicator of WORKBOOK_INDICATORS) {
			expect(englandLine(provider, indicator), indicator).toEqual(published[indicator]);
			expect(
				total(providerResult.rows, (r) => r.indicator_id === indicator),
				indicator
			).toEqual(published[indicator]);
		}
	});

	it('provider: 62-day PART A equals the sum of the route PARTs B-E for England', () => {
		const routes = total(
			provider.lines,
			(l) => l.england_total && l.indicator_id === 'cwt62_breast' && !/^ALL\b/.test(l.breakdown)
		);
		expect(routes).toEqual([3_129, 4_602]);
	});

	it('commissioner: ICBs, hubs and the UNKNOWN commissioner sum exactly to the England totals', () => {
		expect(commissionerResult.rowsRejected).toBe(0);
		for (const indicator of WORKBOOK_INDICATORS) {
			expect(
				total(commissionerResult.rows, (r) => r.indicator_id === indicator),
				indicator
			).toEqual(englandLine(commissioner, indicator));
		}
		// The FDS UNKNOWN commissioner, suspected breast cancer: 128 + 3 of 153 + 6 (USC + screening).
		const unknown = commissionerResult.rows.find(
			(r) => r.org_code === 'UNKNOWN' && r.indicator_id === 'fds_breast_suspected'
		);
		expect(unknown && [unknown.numerator, unknown.denominator]).toEqual([131, 159]);
	});

	it('commissioner and provider views have the same England totals', () => {
		for (const indicator of WORKBOOK_INDICATORS) {
			expect(englandLine(commissioner, indicator), indicator).toEqual(englandLine(provider, indicator));
		}
	});
});

describe('FDS-by-route provider CSV, March 2023', () => {
	it('providers sum to the England total lines, for both FDS indicators', () => {
		const file = 'data_2023_03.csv';
		const scan = scanCwtFdsCsv(file, read(`fds_by_route_provider_csv/${file}`));
		const result = summarise(scan);
		expect(scan.period_start).toBe('2023-03-01');
		expect(result.rowsRejected).toBe(0);
		expect(new Set(result.rows.map((r) => r.indicator_id))).toEqual(
			new Set(['fds_breast_suspected', 'fds_breast_symptomatic'])
		);
		for (const indicator of ['fds_breast_suspected', 'fds_breast_symptomatic'] as const) {
			expect(
				total(result.rows, (r) => r.indicator_id === indicator),
				indicator
			).toEqual(englandLine(scan, indicator));
		}
	});
});
