/**
 * Breast screening coverage on the real practice files (metrics/SOURCES.md sections 5 and 6, read in place): the
 * practice count after de-duplication, practices' values exactly as printed in the raw files (never withheld), and the
 * England estimate, which is not set beside a published England figure because no raw file holds one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGLAND_CODE, type Observation } from '../../src/lib/data/contract';
import { INDICATORS } from '../../src/lib/data/indicators';
import { wilson } from '../../src/lib/stats';
import { estimateWidening } from '../../src/lib/screening/estimate';
import { parseScreeningCoverage } from '../../scripts/etl/sources/screening-coverage';
import { parseGpPopulation } from '../../scripts/etl/sources/gp-population';
import { deriveScreening, screeningObservations, type ScreeningDerived } from '../../scripts/etl/derive/screening';
import { buildAreas, createGeographyIndex, type GeographyResult } from '../../scripts/etl/derive/geography/areas';
import { readGeographyInputs } from '../../scripts/etl/geography-inputs';

const RAW = path.resolve(process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw'));
const COVERAGE_DIR = 'metrics/screening/gp_coverage_fingertips_via_efit';
const POPULATION_DIR = 'metrics/population/gp_registered_female_single_year_2026';

const files = (dir: string) =>
	readdirSync(path.join(RAW, dir))
		.filter((f) => f.endsWith('.csv'))
		.sort()
		.map((f) => `${dir}/${f}`);
const read = (rel: string) => readFileSync(path.join(RAW, rel), 'utf8');

let geography: GeographyResult;
let derived: ScreeningDerived;
let byArea: Map<string, Observation>;

beforeAll(async () => {
	geography = buildAreas(await readGeographyInputs(RAW));
	const coverage = files(COVERAGE_DIR).map((file) => ({ file, rows: parseScreeningCoverage(file, read(file)).rows }));
	const population = files(POPULATION_DIR).map((file) => ({ file, rows: parseGpPopulation(file, read(file)).rows }));
	derived = deriveScreening(
		{
			coverage,
			population,
			subIcbs: geography.mapping.subIcbs,
			icbs: geography.mapping.icbs,
			geo: createGeographyIndex(geography),
			takenCodes: new Set(geography.areas.map((a) => a.code)),
			release: () => 'final'
		},
		INDICATORS.find((i) => i.id === 'screening_breast_coverage')!
	);
	byArea = new Map(screeningObservations(derived).map((o) => [o.area_code, o]));
}, 120_000);

describe('breast screening coverage from the practice files', () => {
	it('reads 36 files and 6,254 rows, and keeps 6,085 practices after dropping the 169 South West London repeats', () => {
		expect(files(COVERAGE_DIR)).toHaveLength(36);
		expect(derived.stats.rowsRead).toBe(6_254);
		expect(derived.stats.duplicatesDropped).toBe(169);
		expect(derived.stats.practices).toBe(6_085);
		expect(derived.areas.filter((a) => a.type === 'gp_practice')).toHaveLength(6_085);
		// The repeats sit in South Yorkshire's file; they are kept from South West London's own.
		expect([...derived.dropped]).toEqual([[`${COVERAGE_DIR}/indicator_QF7_2025-26_v2.csv`, 169]]);
		expect(derived.notes.get(`${COVERAGE_DIR}/indicator_QF7_2025-26_v2.csv`)?.join(' ')).toMatch(
			/169 practices dropped as duplicates/
		);
	});

	it("places every practice in its Sub-ICB (E38 code), Frimley's renamed label included", () => {
		const parent = (code: string) => derived.areas.find((a) => a.code === code)?.parent_code;
		const sub = (ods: string) => geography.mapping.subIcbs.find((s) => s.ods === ods)!.code;
		expect(parent('J83001')).toBe(sub('92G'));
		expect(parent('G83001')).toBe(sub('72Q'));
		expect(parent('H81047')).toBe(sub('D4U1Y')); // "Frimley ICB - (old D4U1Y  - now U2G6B)"
		// 105 labels in the files name 104 Sub-ICBs: Frimley's practices come under two labels.
		expect(new Set(derived.areas.map((a) => a.parent_code)).size).toBe(104);
		expect(derived.areas.find((a) => a.code === 'G83001')?.name).toBe('Manor Brook PMS'); // as published, edges trimmed
	});

	it("keeps each practice's published value, with its registered women aged 53 to 70 as the denominator", () => {
		// value as printed in the raw coverage file; denominator = the practice's women aged 53-70 in the list-size file.
		const cases: [string, number, number][] = [
			['J83001', 72.0, 1734], // Merchiston Surgery, 92G
			['G83001', 63.0189, 1357], // Manor Brook PMS, 72Q
			['K84001', 79.5276, 1323], // The Hart Surgery, 10Q (file named by the 2026 merged ICB S0E4D)
			['H83001', 65.5678, 1412], // Portland Medical Centre, 36L (one of the repeated practices)
			['H81047', 73.2283, 1345] // Runnymede Medical Practice, Frimley
		];
		for (const [code, value, women] of cases) {
			const o = byArea.get(code)!;
			expect(o.value).toBeCloseTo(value, 3);
			expect(o.denominator).toBe(women);
			expect(o.numerator!).toBeCloseTo((value / 100) * women, 2);
			expect(o.lower95!).toBeLessThan(value);
			expect(o.upper95!).toBeGreaterThan(value);
		}
	});

	it('keeps a practice with no list-size row at its published value, outside every total', () => {
		// Sixpenny Handley Surgery (J81083): 85.4962% in the coverage file, absent from the list-size files.
		const o = byArea.get('J81083')!;
		expect(o.value).toBe(85.4962);
		expect([o.numerator, o.denominator, o.lower95]).toEqual([null, null, null]);
		expect(derived.stats.noListSize).toContain('J81083');
		expect(derived.stats.noListSize).toHaveLength(38); // SOURCES.md: 6,047 of the 6,085 practices have a list-size row
		expect(derived.stats.noWomen).toEqual(['E87756']);
		expect(derived.stats.withValue).toBe(6_079); // 6 practices have no published value
		expect(derived.stats.inTotals).toBe(6_079 - 38 - 1);
	});

	it("shows each practice's published percentage exactly, and never withholds one for small estimated counts", () => {
		// As printed in the raw coverage files: Acton Town Medical Centre 60.9756 (not 61.0, as round(n, 2) / d gave).
		expect(byArea.get('E85617')!.value).toBe(60.9756);
		// Three practices whose estimated counts are under 8 keep their published value; only the counts are left out.
		for (const [code, value] of [
			['Y01057', 20.0],
			['F84733', 25.0],
			['M83691', 78.1818]
		] as const) {
			const o = byArea.get(code)!;
			expect(o, code).toMatchObject({ value, suppressed: false, numerator: null, denominator: null, lower95: null });
		}
		const practices = screeningObservations(derived).filter((o) => derived.areas.some((a) => a.code === o.area_code));
		expect(practices).toHaveLength(6_079);
		expect(practices.filter((o) => o.suppressed)).toEqual([]);
		expect(practices.every((o) => o.release === 'final' && o.release_file.startsWith(COVERAGE_DIR))).toBe(true);
	});

	it('estimates England at 70.3% from 6.59 million women, and quotes no England figure that no raw file holds', () => {
		const e = derived.stats.england;
		expect(e.value).toBeCloseTo(70.3046, 3);
		expect(e.denominator).toBe(6_589_192);
		expect(Math.round(e.numerator)).toBe(4_632_502);
		expect(byArea.get(ENGLAND_CODE)!.value).toBeCloseTo(e.value, 6);
		expect(byArea.get(ENGLAND_CODE)!.release_file).toBe(`${COVERAGE_DIR}/`);
		expect(derived.indicator.description).toContain('For England the estimate is 70.3%.');
		expect(derived.indicator.description).not.toMatch(/69\.9|published England|4,625,845/);
		expect(derived.indicator.description).toContain('April 2026');
	});

	it("widens each estimate's interval by its own error, measured from the raw files: South Yorkshire and Bassetlaw's 70.0% is not called worse", () => {
		// The error: how far an estimate moves when the same published percentages are weighted by the women who were
		// 53 to 70 in 2023/24 (55 to 72 in the April 2026 list) instead of today's 53 to 70 year olds.
		const e = derived.stats;
		const floor = e.cohort.sensitivity;
		expect(floor).toBeCloseTo(Math.abs(e.england.value - e.cohort.value), 12);
		expect(floor).toBeGreaterThan(0.05);
		expect(floor).toBeLessThan(1);
		const cells = new Map(derived.cells.map((c) => [c.area_code, c]));
		for (const code of ['E56000025', 'E56000011', ENGLAND_CODE]) {
			const o = byArea.get(code)!;
			const c = cells.get(code)!;
			const chance = wilson(c.numerator, c.denominator, 0.95)!;
			const m = Math.max(floor, derived.sensitivity.get(code)!);
			expect(o.lower95!, code).toBeCloseTo(100 * chance.lower - m, 9);
			expect(o.upper95!, code).toBeCloseTo(100 * chance.upper + m, 9);
			expect(estimateWidening(o), code).toBeCloseTo(m, 9);
		}
		const syb = byArea.get('E56000025')!;
		const chance = wilson(cells.get('E56000025')!.numerator, cells.get('E56000025')!.denominator, 0.95)!;
		expect(syb.value!).toBeCloseTo(69.99, 2);
		// Chance alone would put England's 70.30% outside the interval; with the estimate's error it lies inside.
		expect(100 * chance.upper).toBeLessThan(e.england.value);
		expect(syb.upper95!).toBeGreaterThan(e.england.value);
		expect(derived.indicator.description).toContain(
			`moves England's estimate by ${floor.toFixed(2)} percentage points: that is the estimate's own error`
		);
		// Practices keep their published values, unwidened.
		const practice = screeningObservations(derived).find((o) => o.area_code === 'E85617')!;
		expect(practice.value).toBe(60.9756);
	});

	it('sums practices into Sub-ICBs, ICBs and alliances that add back up to England', () => {
		const obs = screeningObservations(derived);
		const typeOf = new Map([...geography.areas, ...derived.areas].map((a) => [a.code, a.type]));
		const total = (type: string) =>
			obs.filter((o) => typeOf.get(o.area_code) === type).reduce((s, o) => s + o.denominator!, 0);
		// Practices whose estimated counts are small show no counts, but their women still count in the sums.
		expect(total('gp_practice')).toBeLessThan(6_589_192);
		expect(total('gp_practice')).toBeGreaterThan(6_589_000);
		expect(total('sub_icb')).toBe(6_589_192);
		expect(total('icb')).toBe(6_589_192);
		// 20 alliances (East of England merged) hold every practice once; the 21-alliance pair splits the merged one.
		const alliances = obs.filter((o) => typeOf.get(o.area_code) === 'alliance');
		expect(alliances).toHaveLength(22);
		const eoe = ['E56000022', 'E56000023'].map((c) => obs.find((o) => o.area_code === c)!.denominator!);
		expect(eoe[0]! + eoe[1]!).toBe(obs.find((o) => o.area_code === 'E56000035')!.denominator);
		expect(
			alliances.filter((o) => !['E56000022', 'E56000023'].includes(o.area_code)).reduce((s, o) => s + o.denominator!, 0)
		).toBe(6_589_192);
		// Swindon's Sub-ICB (92G) counts wholly in its majority alliance, Somerset, Wiltshire, Avon and Gloucestershire.
		const sub92g = geography.mapping.subIcbs.find((s) => s.ods === '92G')!.code;
		expect(byArea.get(sub92g)!.denominator).toBeGreaterThan(0);
		const swag = obs.find((o) => o.area_code === 'E56000030')!;
		expect(swag.denominator).toBeGreaterThan(byArea.get(sub92g)!.denominator!);
	});
});
