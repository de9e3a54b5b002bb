/**
 * The home page's view model on the committed exports: England's and every alliance's September 2025 Faster
 * Diagnosis Standard figure (commissioner basis), the map's fills and legend, and the table's CSV rows.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { indicatorProvenance, NDRS_ATTRIBUTION, OGL_ATTRIBUTION } from '../../src/lib/data/attribution';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import { periodFromParam, periodParam } from '../../src/lib/data/period';
import { figureAt, type Series } from '../../src/lib/data/series';
import {
	describeFigure,
	downloadLegend,
	HOME_CSV_COLUMNS,
	homeCsvRows,
	homeRows,
	isShown,
	mapKey
} from '../../src/lib/home/view';
import { COMPARISON_COLOURS, MISSING_FILL, QUINTILE_COLOURS } from '../../src/lib/map/colours';

const csv = (name: string) =>
	Papa.parse<Record<string, string>>(readFileSync(`static/data/csv/${name}`, 'utf8').trim(), { header: true }).data;
const series = JSON.parse(readFileSync('static/data/series/fds_breast_suspected.commissioner.json', 'utf8')) as Series;
const alliances = csv('areas.csv')
	.filter((a) => a.type === 'alliance' && a.variant !== '21')
	.map((a) => ({ code: a.code!, name: a.name! }));
const periodIndex = series.periods.findIndex((p) => p.start === '2025-09-01');
const published = csv('observations.csv').filter(
	(o) => o.indicator_id === 'fds_breast_suspected' && o.basis === 'commissioner' && o.period_start === '2025-09-01'
);
const rows = homeRows(alliances, series, periodIndex, null);

describe('home view model on the committed exports', () => {
	it('gives each of the 20 alliances its published figure and comparison', () => {
		expect(rows).toHaveLength(20);
		for (const r of rows) {
			const o = published.find((p) => p.area_code === r.code)!;
			expect(r.fig?.value).toBe(Number(o.value));
			expect(r.fig?.comparison).toBe(o.comparison);
		}
	});

	it('colours each shown alliance by its comparison, and counts every alliance once in the legend', () => {
		const key = mapKey(rows, 'compare');
		const shown = rows.filter((r) => isShown(r.fig));
		for (const r of shown) {
			const c = r.fig!.comparison;
			expect(key.fills[r.code]).toBe(c === 'not compared' ? undefined : COMPARISON_COLOURS[c]);
		}
		expect(Object.values(key.counts).reduce((a, b) => a + b, 0) + key.missing).toBe(20);
		const legend = downloadLegend(key, 'compare', 'higher', '%');
		expect(legend.map((l) => l.label)).toEqual([
			`Better than England (${key.counts.better ?? 0})`,
			`Similar to England (${key.counts.similar ?? 0})`,
			`Worse than England (${key.counts.worse ?? 0})`,
			`Not published or too few patients to show (${key.missing})`
		]);
		expect(legend.at(-1)!.fill).toBe(MISSING_FILL);
	});

	it('colours by fifths: the highest value darkest, the lowest lightest, five ranges in order', () => {
		const key = mapKey(rows, 'quintile');
		const byValue = [...rows].filter((r) => isShown(r.fig)).sort((a, b) => a.fig!.value! - b.fig!.value!);
		expect(key.fills[byValue[0]!.code]).toBe(QUINTILE_COLOURS[0]);
		expect(key.fills[byValue.at(-1)!.code]).toBe(QUINTILE_COLOURS[4]);
		expect(key.breaks.map((b) => b.q)).toEqual([0, 1, 2, 3, 4]);
		expect(key.breaks[0]!.min).toBe(byValue[0]!.fig!.value);
		expect(key.breaks[4]!.max).toBe(byValue.at(-1)!.fig!.value);
	});

	it("writes England first, then every alliance, in the CSV's columns", () => {
		const england = figureAt(series, periodIndex, ENGLAND_CODE);
		const lines = homeCsvRows(england, rows);
		expect(lines).toHaveLength(21);
		for (const line of lines) expect(line).toHaveLength(HOME_CSV_COLUMNS.length);
		const e = published.find((o) => o.area_code === ENGLAND_CODE)!;
		expect(lines[0]).toEqual([
			ENGLAND_CODE,
			'England',
			Number(e.value),
			Number(e.lower95),
			Number(e.upper95),
			Number(e.numerator),
			Number(e.denominator),
			'Not compared',
			'no',
			'final'
		]);
		expect(lines.slice(1).map((l) => l[0])).toEqual(rows.map((r) => r.code));
	});

	it('says each figure in words, and withholds small email counts', () => {
		const r = rows.find((x) => x.fig?.comparison === 'worse')!;
		expect(describeFigure(r.fig, '%', false)).toMatch(/^\d+\.\d%: worse than England$/);
		expect(describeFigure(null, '%', false)).toBe('Not published');
		const emails = homeRows(alliances, series, periodIndex, {});
		expect(emails.every((x) => x.fig?.suppressed && x.fig.value === null)).toBe(true);
		expect(describeFigure(emails[0]!.fig, 'value', true)).toBe('Fewer than 10 emails to MPs');
		expect(mapKey(emails, 'emails').missing).toBe(20);
	});
});

describe('the period URL codec and the provenance builder', () => {
	it('writes months as YYYY-MM and yearly series as the year, and reads back only periods that exist', () => {
		const months = series.periods.map((p) => p.start);
		expect(periodParam('2025-09-01', months)).toBe('2025-09');
		expect(periodFromParam('2025-09', months)).toBe('2025-09-01');
		expect(periodFromParam('2031-01', months)).toBeNull();
		expect(periodFromParam('2025-9', months)).toBeNull();
		const years = ['2021-01-01', '2022-01-01'];
		expect(periodParam('2022-01-01', years)).toBe('2022');
		expect(periodFromParam('2022', years)).toBe('2022-01-01');
	});

	it("adds NDRS's attribution to NDRS figures only", () => {
		const indicators = csv('indicators.csv');
		const fds = indicators.find((i) => i.id === 'fds_breast_suspected')!;
		const stage = indicators.find((i) => i.id === 'stage12_breast')!;
		const asIndicator = (i: Record<string, string>) => ({
			source: i.source!,
			publisher: i.publisher!,
			url: i.url!,
			licence: i.licence!
		});
		expect(indicatorProvenance(asIndicator(fds), 'September 2025').attribution).toEqual([OGL_ATTRIBUTION]);
		expect(indicatorProvenance(asIndicator(stage), '2022').attribution).toEqual([OGL_ATTRIBUTION, NDRS_ATTRIBUTION]);
		expect(indicatorProvenance(asIndicator(fds), 'September 2025').source).toBe(
			`${fds.source}, ${fds.publisher} (${fds.url})`
		);
	});
});
