/**
 * The compare page's model: the gap in patients against worked examples, funnel positions, and the whole comparison
 * on the committed exports (England's published 62-day totals, every alliance ranked and placed on the funnel).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	buildComparison,
	gapTarget,
	logSpaced,
	shortfall,
	zoneOf,
	zoneWords,
	type CompareFigure
} from '../../src/lib/compare/model';
import { morePatients, patients } from '../../src/lib/compare/words';
import {
	caterpillarRows,
	COMPARE_CSV_COLUMNS,
	compareCsvRows,
	funnelDots,
	gapSummary,
	outsideCounts,
	targetWords
} from '../../src/lib/compare/view';
import { decodeCompareState, encodeCompareState, type CompareCatalogue } from '../../src/lib/compare/state';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import { funnelLimits, wilson } from '../../src/lib/stats';

const DATA = fileURLToPath(new URL('../../static/data/csv/', import.meta.url));
const csv = (name: string) =>
	Papa.parse<Record<string, string>>(readFileSync(`${DATA}${name}`, 'utf8').trim(), { header: true }).data;
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

function figure(code: string, name: string, numerator: number, denominator: number): CompareFigure {
	const ci = wilson(numerator, denominator)!;
	return {
		code,
		name,
		numerator,
		denominator,
		value: (100 * numerator) / denominator,
		lower95: 100 * ci.lower,
		upper95: 100 * ci.upper,
		comparison: 'similar',
		suppressed: false,
		release: 'final'
	};
}

describe('gap in patients', () => {
	it('matches the hand calculation (England - area) × n with the Wilson interval', () => {
		// 80 of 100 against a 90% target: 10 patients short. Wilson 95% for 80/100 is 0.7112 to 0.8666, so the
		// interval is (0.90 - 0.8666) × 100 = 3.34 to (0.90 - 0.7112) × 100 = 18.88.
		const gap = shortfall(figure('A', 'A', 80, 100), 90, 'higher')!;
		expect(gap.value).toBeCloseTo(10, 10);
		expect(gap.lower).toBeCloseTo(3.34, 1);
		expect(gap.upper).toBeCloseTo(18.88, 1);
	});

	it('counts patients above the target when lower is better, and nothing for areas that meet it', () => {
		const gap = shortfall(figure('A', 'A', 20, 100), 10, 'lower')!;
		expect(gap.value).toBeCloseTo(10, 10);
		expect(gap.lower).toBeLessThan(gap.value);
		expect(gap.upper).toBeGreaterThan(gap.value);
		expect(shortfall(figure('A', 'A', 95, 100), 90, 'higher')).toBeNull();
		expect(shortfall(figure('A', 'A', 80, 100), 90, 'none')).toBeNull();
	});

	it('takes the best quartile as the 75th percentile when higher is better and the 25th when lower is', () => {
		const values = [1, 2, 3, 4, 5, 6, 7, 8];
		// R-7 quantiles: position 0.75 × 7 = 5.25 -> 6.25; 0.25 × 7 = 1.75 -> 2.75.
		expect(gapTarget('quartile', 'higher', null, values)).toBeCloseTo(6.25, 10);
		expect(gapTarget('quartile', 'lower', null, values)).toBeCloseTo(2.75, 10);
		expect(gapTarget('quartile', 'none', null, values)).toBeNull();
	});
});

describe('gap words', () => {
	it('counts women for screening and patients otherwise, rounded to whole people', () => {
		expect(morePatients(474.6, 'fds_breast_suspected')).toBe('475 more patients');
		expect(morePatients(1.2, 'screening_breast_coverage')).toBe('1 more woman');
		expect(patients(29859.5, 'screening_breast_coverage')).toBe('29,860 women');
	});
});

describe('funnel positions', () => {
	it('places a value by the limits at its own denominator', () => {
		const l95 = funnelLimits(0.85, 1000, 0.95)!;
		const l998 = funnelLimits(0.85, 1000, 0.998)!;
		expect(zoneOf(85, l95, l998)).toBe('inside');
		expect(zoneOf((100 * (l95.upper + l998.upper)) / 2, l95, l998)).toBe('high95');
		expect(zoneOf(100 * l998.upper + 0.5, l95, l998)).toBe('high998');
		expect(zoneOf((100 * (l95.lower + l998.lower)) / 2, l95, l998)).toBe('low95');
		expect(zoneOf(100 * l998.lower - 0.5, l95, l998)).toBe('low998');
		expect(zoneWords('low998', 'higher')).toBe('below the 99.8% limit (worse)');
		expect(zoneWords('low95', 'lower')).toBe('below the 95% limit (better)');
		expect(zoneWords('high95', 'none')).toBe('above the 95% limit');
	});

	it('spreads curve denominators on a log scale including both ends', () => {
		const ns = logSpaced(10, 1000, 3);
		expect(ns[0]).toBeCloseTo(10, 10);
		expect(ns[1]).toBeCloseTo(100, 8);
		expect(ns[2]).toBeCloseTo(1000, 8);
	});
});

describe('comparison on the committed exports', () => {
	const observations = csv('observations.csv');
	const areas = new Map(csv('areas.csv').map((a) => [a.code!, a]));
	const at = (indicator: string, basis: string, period: string) =>
		observations.filter((o) => o.indicator_id === indicator && o.basis === basis && o.period_start === period);
	const toFigure = (o: Record<string, string>): CompareFigure => ({
		code: o.area_code!,
		name: areas.get(o.area_code!)?.name ?? o.area_code!,
		numerator: num(o.numerator),
		denominator: num(o.denominator),
		value: num(o.value),
		lower95: num(o.lower95),
		upper95: num(o.upper95),
		comparison: o.comparison as CompareFigure['comparison'],
		suppressed: o.suppressed === 'true',
		release: o.release as CompareFigure['release']
	});
	const rows = at('cwt62_breast', 'commissioner', '2025-09-01');
	const england = toFigure(rows.find((o) => o.area_code === ENGLAND_CODE)!);
	const alliances = rows
		.filter((o) => areas.get(o.area_code!)?.type === 'alliance' && areas.get(o.area_code!)?.variant !== '21')
		.map(toFigure);
	const model = buildComparison({ unit: '%', polarity: 'higher', england, areas: alliances });

	it("uses England's published 62-day total for September 2025 (3,129 of 4,602) as the target", () => {
		expect(england.numerator).toBe(3129);
		expect(england.denominator).toBe(4602);
		expect(model.isProportion).toBe(true);
		expect(model.target.value).toBeCloseTo((100 * 3129) / 4602, 1);
	});

	it('ranks all 20 alliances best first, each rank inside its own interval', () => {
		expect(model.rows).toHaveLength(20);
		for (let i = 1; i < model.rows.length; i++)
			expect(model.rows[i - 1]!.value!).toBeGreaterThanOrEqual(model.rows[i]!.value!);
		for (const r of model.rows) {
			expect(r.rank).not.toBeNull();
			expect(r.rank!.lower).toBeLessThanOrEqual(r.rank!.rank);
			expect(r.rank!.upper).toBeGreaterThanOrEqual(r.rank!.rank);
		}
		expect(model.rows[0]!.rank!.rank).toBe(1);
	});

	it('gives a gap exactly to the areas below England, adding up to England × n - x over them', () => {
		const below = model.rows.filter((r) => r.value! < model.target.value!);
		expect(model.rows.filter((r) => r.gap !== null).map((r) => r.code)).toEqual(below.map((r) => r.code));
		for (const r of below)
			expect(r.gap!.value).toBeCloseTo((model.target.value! / 100) * r.denominator! - r.numerator!, 6);
	});

	it('finds over-dispersion between alliances, and wider limits flag no more areas than the binomial ones', () => {
		expect(model.overdispersion!.phi).toBeGreaterThan(1);
		expect(model.overdispersion!.tau2).toBeGreaterThan(0);
		const flagged = (key: 'zone' | 'zoneOverdispersed') => model.rows.filter((r) => r[key] !== 'inside').length;
		expect(flagged('zoneOverdispersed')).toBeLessThanOrEqual(flagged('zone'));
		// Limits narrow as the denominator grows.
		const c = model.funnel.plain;
		expect(c[0]!.upper95 - c[0]!.lower95).toBeGreaterThan(c[c.length - 1]!.upper95 - c[c.length - 1]!.lower95);
		const od = model.funnel.overdispersed;
		expect(od[od.length - 1]!.upper95 - od[od.length - 1]!.lower95).toBeGreaterThan(
			c[c.length - 1]!.upper95 - c[c.length - 1]!.lower95
		);
	});

	it('puts every alliance on the funnel and the interval chart, best first, and counts those outside the limits', () => {
		const dots = funnelDots(model, [], 'plain');
		expect(dots.map((d) => d.code).sort()).toEqual(model.rows.map((r) => r.code).sort());
		expect(dots.every((d) => d.zone === model.rows.find((r) => r.code === d.code)!.zone)).toBe(true);
		const rows = caterpillarRows(model, [], 'higher');
		for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.value).toBeGreaterThanOrEqual(rows[i]!.value);
		const outside = outsideCounts(model, 'plain', 'higher');
		expect(outside.better).toBe(model.rows.filter((r) => r.zone === 'high95' || r.zone === 'high998').length);
		expect(outside.worse).toBe(model.rows.filter((r) => r.zone === 'low95' || r.zone === 'low998').length);
		expect(outsideCounts(model, 'overdispersed', 'higher').worse).toBeLessThanOrEqual(outside.worse);
	});

	it('heads the gap with the largest one unless an area is chosen, and adds up every gap', () => {
		const { belowTarget, totalGap, focus } = gapSummary(model, null);
		expect(focus!.gap!.value).toBe(Math.max(...belowTarget.map((r) => r.gap!.value)));
		expect(totalGap).toBeCloseTo(
			belowTarget.reduce((s, r) => s + r.gap!.value, 0),
			9
		);
		const chosen = model.rows[0]!;
		expect(gapSummary(model, chosen.code).focus).toBe(chosen);
		expect(targetWords('quartile', 'ICBs')).toBe('the best quartile of ICBs');
	});

	it("writes the CSV: England, every alliance with its rank and gap, then an analyst's own figures marked as theirs", () => {
		const own = {
			code: alliances[0]!.code,
			name: alliances[0]!.name,
			numerator: alliances[0]!.numerator,
			denominator: alliances[0]!.denominator,
			value: alliances[0]!.value!,
			lower95: alliances[0]!.lower95,
			upper95: alliances[0]!.upper95,
			comparison: 'higher' as const,
			zone: 'inside' as const
		};
		const lines = compareCsvRows({
			model,
			view: { level: 'alliance', limits: 'plain' },
			polarity: 'higher',
			target: 'England',
			release: 'final',
			own: { figures: [own], label: 'Stage, 2022', file: 'mine.csv' }
		});
		expect(lines).toHaveLength(1 + 20 + 1);
		for (const line of lines) expect(line).toHaveLength(COMPARE_CSV_COLUMNS.length);
		expect(lines[0]!.slice(0, 8)).toEqual([
			'E92000001',
			'England',
			'england',
			england.value,
			england.lower95,
			england.upper95,
			3129,
			4602
		]);
		const top = model.rows[0]!;
		const col = (name: string) => COMPARE_CSV_COLUMNS.indexOf(name);
		expect(lines[1]![col('area_code')]).toBe(top.code);
		expect(lines[1]![col('rank')]).toBe(1);
		expect(lines[1]![col('funnel_limits')]).toBe('binomial');
		const gapRow = lines.find((l) => l[col('gap_patients')] !== null)!;
		expect(gapRow[col('gap_target')]).toBe(`England ${model.target.value!.toFixed(2)}`);
		expect(lines.at(-1)![col('area')]).toBe(`${own.name} (your data: Stage, 2022, mine.csv; not published)`);
		expect(lines.at(-1)![col('release')]).toBe('your own data');
	});

	it('treats a rate as values and intervals only: no funnel and no gap', () => {
		const rates = observations.filter(
			(o) => o.indicator_id === 'mortality_breast_asr' && o.period_start === '2020-01-01'
		);
		const eng = rates.find((o) => o.area_code === ENGLAND_CODE);
		const m = buildComparison({
			unit: 'per 100,000',
			polarity: 'lower',
			england: eng ? toFigure(eng) : null,
			areas: rates.filter((o) => areas.get(o.area_code!)?.type === 'sub_icb').map(toFigure)
		});
		expect(m.isProportion).toBe(false);
		expect(m.funnel.plain).toHaveLength(0);
		expect(m.rows.every((r) => r.gap === null && r.zone === null)).toBe(true);
		expect(m.rows.length).toBeGreaterThan(90);
		// Lower is better: the first row has the lowest rate.
		expect(m.rows[0]!.value!).toBeLessThanOrEqual(m.rows[m.rows.length - 1]!.value!);
	});
});

describe('compare URL state', () => {
	const catalogue: CompareCatalogue = {
		defaultIndicator: 'fds_breast_suspected',
		indicators: [
			{
				id: 'fds_breast_suspected',
				bases: [
					{ basis: 'commissioner', periods: ['2025-08-01', '2025-09-01'], levels: ['alliance', 'icb'] },
					{ basis: 'provider', periods: ['2025-09-01'], levels: ['alliance', 'trust'] }
				]
			},
			{
				id: 'stage12_breast',
				bases: [{ basis: 'registry', periods: ['2021-01-01', '2022-01-01'], levels: ['alliance', 'icb', 'sub_icb'] }]
			}
		]
	};
	const codes = new Set(['E56000011', 'RJ1']);

	it('writes nothing for the default view and reads it back', () => {
		const state = decodeCompareState(new URLSearchParams(), catalogue, codes);
		expect(state).toEqual({
			indicator: 'fds_breast_suspected',
			basis: 'commissioner',
			period: '2025-09-01',
			level: 'alliance',
			variant: '20',
			limits: 'plain',
			target: 'england',
			area: null
		});
		expect(encodeCompareState(state, catalogue).toString()).toBe('');
	});

	it('round-trips every option', () => {
		const params = new URLSearchParams('i=stage12_breast&p=2021&l=sub_icb&lim=od&t=quartile&a=E56000011');
		const state = decodeCompareState(params, catalogue, codes);
		expect(state).toMatchObject({
			indicator: 'stage12_breast',
			basis: 'registry',
			period: '2021-01-01',
			level: 'sub_icb',
			limits: 'overdispersed',
			target: 'quartile',
			area: 'E56000011'
		});
		expect(encodeCompareState(state, catalogue).toString()).toBe(params.toString());
	});

	it('falls back to defaults for anything unknown', () => {
		const state = decodeCompareState(
			new URLSearchParams('i=nope&b=provider&p=1999-01&l=trust&v=21&a=XXX'),
			catalogue,
			codes
		);
		// Trusts exist on the provider basis; v=21 applies to alliances only; the period and area are unknown.
		expect(state).toMatchObject({
			indicator: 'fds_breast_suspected',
			basis: 'provider',
			period: '2025-09-01',
			level: 'trust',
			variant: '20',
			area: null
		});
	});
});
