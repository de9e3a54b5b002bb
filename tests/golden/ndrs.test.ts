/**
 * Golden checks against the real published NDRS files (read in place from the input folder, never copied):
 * the figures asserted here are the ones printed in those files (see metrics/SOURCES.md sections 2 and 3).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import type { ParseResult } from '../../scripts/etl/sources/types';
import {
	parseNdrsStage,
	stage12,
	stagingCompleteness,
	totalTumours,
	type NdrsStageRow
} from '../../scripts/etl/sources/ndrs-stage';
import { headlineMortality, parseNdrsMortality, type NdrsMortalityRow } from '../../scripts/etl/sources/ndrs-mortality';

const INPUT_DIR = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const STAGE_FILE = 'metrics/stage/NDRS_stage_at_diagnosis_by_cancer_site_England_2013-2022.csv';
const MORTALITY_FILE = 'metrics/mortality/NDRS_cancer_registration_statistics_2020_mortality_tables.ods';

function read(rel: string): Uint8Array {
	const abs = path.join(INPUT_DIR, rel);
	if (!existsSync(abs)) throw new Error(`${abs} not found: set ETL_INPUT_DIR to the raw data folder`);
	const buf = readFileSync(abs);
	return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

const pct = (f: { numerator: number; denominator: number }) => (100 * f.numerator) / f.denominator;

describe('NDRS stage at diagnosis (real file)', () => {
	let result: ParseResult<NdrsStageRow>;
	let rows: NdrsStageRow[];
	beforeAll(() => {
		result = parseNdrsStage(STAGE_FILE, read(STAGE_FILE));
		rows = result.rows;
	});
	const of = (type: NdrsStageRow['geography_type'], year: number) =>
		rows.filter((r) => r.geography_type === type && r.year === year);

	it('reads every row and keeps only Breast: 10 years x (1 England + 20 alliances + 42 ICBs)', () => {
		expect(result.rowsRead).toBe(10_710);
		expect(rows).toHaveLength(630);
		expect(new Set(rows.map((r) => r.year))).toEqual(
			new Set([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022])
		);
		expect(new Set(rows.filter((r) => r.geography_type === 'alliance').map((r) => r.geography_name)).size).toBe(20);
		expect(new Set(rows.filter((r) => r.geography_type === 'icb').map((r) => r.geography_name)).size).toBe(42);
		expect(rows.filter((r) => r.geography_type === 'england').map((r) => r.geography_name)).toEqual(
			Array(10).fill('England')
		);
	});

	it('England breast 2022: 50,978 tumours, stage 1-2 85.4% of staged 1-4, completeness 80.5%', () => {
		const [eng] = of('england', 2022);
		expect(eng).toBeDefined();
		expect(totalTumours(eng!)).toBe(50_978);
		expect(pct(stage12(eng!))).toBeCloseTo(85.4, 1);
		expect(eng!.completeness_pct).toBe(80.5);
		expect(pct(stagingCompleteness(eng!))).toBeCloseTo(80.5, 1);
	});

	it('Cheshire and Merseyside breast 2022 completeness is 2083/2353', () => {
		const cm = rows.filter((r) => r.year === 2022 && r.geography_name.includes('Cheshire and Merseyside'));
		expect(cm.map((r) => r.geography_type).sort()).toEqual(['alliance', 'icb']);
		for (const r of cm) {
			expect(stagingCompleteness(r)).toEqual({ numerator: 2083, denominator: 2353 });
			expect(r.completeness_pct).toBeCloseTo(88.5, 1);
		}
	});

	it('alliances 2022: stage 1-2 from 78.2% (North East London) to 88.1% (Peninsula); completeness 67.7% to 93.6%', () => {
		const alliances = of('alliance', 2022);
		expect(alliances).toHaveLength(20);
		const byStage = [...alliances].sort((a, b) => pct(stage12(a)) - pct(stage12(b)));
		expect(byStage[0]!.geography_name).toBe('North East London');
		expect(pct(stage12(byStage[0]!))).toBeCloseTo(78.2, 1);
		expect(byStage.at(-1)!.geography_name).toBe('Peninsula');
		expect(pct(stage12(byStage.at(-1)!))).toBeCloseTo(88.1, 1);
		const completeness = alliances.map((r) => r.completeness_pct);
		expect(Math.min(...completeness)).toBeCloseTo(67.7, 1);
		expect(Math.max(...completeness)).toBeCloseTo(93.6, 1);
	});

	it('alliances and ICBs each add up to England in every year', () => {
		for (let year = 2013; year <= 2022; year++) {
			const england = totalTumours(of('england', year)[0]!);
			expect(of('alliance', year).reduce((s, r) => s + totalTumours(r), 0)).toBe(england);
			expect(of('icb', year).reduce((s, r) => s + totalTumours(r), 0)).toBe(england);
		}
	});
});

describe('NDRS cancer mortality 2020 (real file)', () => {
	let result: ParseResult<NdrsMortalityRow>;
	let ms: number;
	beforeAll(() => {
		const data = read(MORTALITY_FILE);
		const t = performance.now();
		result = parseNdrsMortality(MORTALITY_FILE, data);
		ms = performance.now() - t;
		console.log(`parseNdrsMortality: ${Math.round(ms)} ms (Table_1 + Table_4)`);
	});
	const subIcb = () => result.rows.filter((r) => r.area_code !== ENGLAND_CODE);
	const england = () => result.rows.filter((r) => r.area_code === ENGLAND_CODE);

	it('keeps the 1,696 C50 rows of Table_4 for 106 Sub-ICBs', () => {
		expect(subIcb()).toHaveLength(1_696);
		expect(new Set(subIcb().map((r) => r.area_code)).size).toBe(106);
		expect(subIcb().every((r) => /^E38\d{6}$/.test(r.area_code))).toBe(true);
	});

	it('reads [u1] as missing (null), never zero', () => {
		const withheld = subIcb().filter((r) => r.notes === '[note2]');
		expect(withheld.length).toBeGreaterThan(0);
		expect(withheld.every((r) => r.rate === null && r.lower95 === null && r.upper95 === null)).toBe(true);
		expect(subIcb().some((r) => r.rate === 0)).toBe(false);
	});

	it('England C50 2020, females, all ages: ASR 32.4 (31.7-33.0), crude 33.7 (33.1-34.4), 9,638 deaths', () => {
		const f = england().filter((r) => r.gender === 'Females' && r.age === 'All ages');
		expect(f.find((r) => r.rate_type === 'asr')).toMatchObject({
			rate: 32.4,
			lower95: 31.7,
			upper95: 33,
			deaths: 9_638
		});
		expect(f.find((r) => r.rate_type === 'crude')).toMatchObject({
			rate: 33.7,
			lower95: 33.1,
			upper95: 34.4,
			deaths: 9_638
		});
	});

	it('headline: one female all-ages asr and crude per Sub-ICB and England; Sub-ICB deaths sum to England', () => {
		const h = headlineMortality(result.rows);
		expect(h).toHaveLength(107 * 2);
		expect(h.every((r) => r.gender === 'Females' && r.age === 'All ages')).toBe(true);
		const asr = h.filter((r) => r.rate_type === 'asr' && r.area_code !== ENGLAND_CODE);
		expect(asr).toHaveLength(106);
		expect(asr.every((r) => r.rate !== null)).toBe(true);
		expect(asr.reduce((s, r) => s + (r.deaths ?? 0), 0)).toBe(9_638);
	});

	it('parses in reasonable time', () => {
		expect(ms).toBeLessThan(60_000);
	});
});
