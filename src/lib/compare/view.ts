/**
 * /compare's view model: the funnel's dots and the interval chart's rows (published and an analyst's own figures
 * together), how many areas lie outside the limits, the gap's headline area and total, and the table's CSV rows. Pure:
 * the page composes it with components, and tests run it on the committed exports.
 */
import type { Comparison, Polarity, ReleaseStatus } from '../data/contract';
import type { CsvCell } from '../download/csv';
import { COMPARISON_WORDS } from '../map/colours';
import { zoneWords, type CompareModel, type CompareRow, type FunnelZone } from './model';
import type { OwnFigure } from './own';
import type { CompareState, Limits } from './state';

export interface FunnelDot {
	code: string;
	name: string;
	denominator: number;
	value: number;
	lower95: number | null;
	upper95: number | null;
	zone: FunnelZone | null;
	/** An analyst's own figure (drawn as a diamond), not a published one. */
	own?: boolean;
}

export interface CaterpillarRow {
	code: string;
	name: string;
	value: number;
	lower95: number | null;
	upper95: number | null;
	comparison: Comparison;
	own?: boolean;
}

/** An area's place on the funnel the page shows: binomial limits, or limits allowing for over-dispersion. */
export const zoneFor = (r: CompareRow, limits: Limits): FunnelZone | null =>
	limits === 'overdispersed' ? r.zoneOverdispersed : r.zone;

/** Every area with a denominator, then the analyst's own figures where the measure is a proportion. */
export function funnelDots(model: CompareModel, own: readonly OwnFigure[], limits: Limits): FunnelDot[] {
	const dot = (r: CompareRow | OwnFigure, zone: FunnelZone | null): FunnelDot => ({
		code: r.code,
		name: r.name,
		denominator: r.denominator!,
		value: r.value!,
		lower95: r.lower95,
		upper95: r.upper95,
		zone
	});
	const published = model.rows
		.filter((r) => r.denominator !== null && r.denominator > 0)
		.map((r) => dot(r, zoneFor(r, limits)));
	const mine = own
		.filter((o) => o.denominator !== null && o.denominator > 0 && model.isProportion)
		.map((o) => ({ ...dot(o, o.zone), own: true }));
	return [...published, ...mine];
}

/** Every area's interval, published and own together, best first (highest first when lower is not better). */
export function caterpillarRows(model: CompareModel, own: readonly OwnFigure[], polarity: Polarity): CaterpillarRow[] {
	const row = (r: CompareRow | OwnFigure, isOwn: boolean): CaterpillarRow => ({
		code: r.code,
		name: r.name,
		value: r.value!,
		lower95: r.lower95,
		upper95: r.upper95,
		comparison: r.comparison,
		...(isOwn ? { own: true } : {})
	});
	return [...model.rows.map((r) => row(r, false)), ...own.map((o) => row(o, true))].sort((a, b) =>
		polarity === 'lower' ? a.value - b.value : b.value - a.value
	);
}

/** How many published areas lie outside the 95% limits on the better and the worse side. */
export function outsideCounts(
	model: CompareModel,
	limits: Limits,
	polarity: Polarity
): { better: number; worse: number } {
	const count = (better: boolean) =>
		model.rows.filter((r) => {
			const z = zoneFor(r, limits);
			if (z === null || z === 'inside') return false;
			const onBetterSide = z.startsWith('high') === (polarity !== 'lower');
			return onBetterSide === better;
		}).length;
	return { better: count(true), worse: count(false) };
}

export interface GapSummary {
	/** Areas below the target, each with its gap. */
	belowTarget: CompareRow[];
	/** Their gaps added up, in patients. */
	totalGap: number;
	/** The headline area: the one chosen, or else the one with the largest gap. */
	focus: CompareRow | null;
}

export function gapSummary(model: CompareModel, area: string | null): GapSummary {
	const belowTarget = model.rows.filter((r) => r.gap !== null);
	return {
		belowTarget,
		totalGap: belowTarget.reduce((s, r) => s + (r.gap?.value ?? 0), 0),
		focus:
			model.rows.find((r) => r.code === area) ?? [...belowTarget].sort((a, b) => b.gap!.value - a.gap!.value)[0] ?? null
	};
}

/** What the gap is measured to, in words: "England" or "the best quartile of ICBs". */
export const targetWords = (target: CompareState['target'], levelMany: string): string =>
	target === 'quartile' ? `the best quartile of ${levelMany}` : 'England';

export const COMPARE_CSV_COLUMNS = [
	'area_code',
	'area',
	'level',
	'value',
	'lower95',
	'upper95',
	'numerator',
	'denominator',
	'compared_with_england',
	'funnel_limits',
	'funnel_position',
	'rank',
	'rank_lower95',
	'rank_upper95',
	'gap_target',
	'gap_patients',
	'gap_lower95',
	'gap_upper95',
	'release'
];

export interface CompareCsvInput {
	model: CompareModel;
	view: Pick<CompareState, 'level' | 'limits'>;
	polarity: Polarity;
	/** `targetWords` for the page's target and level. */
	target: string;
	/** The release of the period shown, for areas with no figure. */
	release: ReleaseStatus;
	/** The analyst's own figures on the charts, with the choice's label and the file's name. */
	own: { figures: readonly OwnFigure[]; label: string; file: string };
}

/** The table as CSV rows: England, every area shown, those withheld or not published, then the analyst's own. */
export function compareCsvRows({ model, view, polarity, target, release, own }: CompareCsvInput): CsvCell[][] {
	const limits = view.limits === 'overdispersed' ? 'allowing for over-dispersion' : 'binomial';
	const gapTarget = model.target.value === null ? null : `${target} ${model.target.value.toFixed(2)}`;
	const none = (n: number): null[] => Array<null>(n).fill(null);
	const figure = (f: { value: number | null; lower95: number | null; upper95: number | null }) => [
		f.value,
		f.lower95,
		f.upper95
	];
	const counts = (f: { numerator: number | null; denominator: number | null }) => [f.numerator, f.denominator];
	const e = model.england;
	return [
		...(e ? [[e.code, 'England', 'england', ...figure(e), ...counts(e), '', '', '', ...none(7), e.release]] : []),
		...model.rows.map((r) => [
			r.code,
			r.name,
			view.level,
			...figure(r),
			...counts(r),
			COMPARISON_WORDS[r.comparison],
			limits,
			zoneWords(zoneFor(r, view.limits), polarity),
			r.rank?.rank ?? null,
			r.rank?.lower ?? null,
			r.rank?.upper ?? null,
			gapTarget,
			r.gap?.value ?? null,
			r.gap?.lower ?? null,
			r.gap?.upper ?? null,
			r.release
		]),
		...[...model.withheld.suppressed, ...model.withheld.missing].map((f) => [
			f.code,
			f.name,
			view.level,
			...none(5),
			f.suppressed ? 'too few patients to show' : 'not published',
			'',
			'',
			...none(7),
			release
		]),
		// Your own figures, when plotted, are part of what is shown: marked as yours, never as published.
		...own.figures.map((o) => [
			o.code,
			`${o.name} (your data: ${own.label}, ${own.file}; not published)`,
			view.level,
			...figure(o),
			...counts(o),
			COMPARISON_WORDS[o.comparison],
			limits,
			zoneWords(o.zone, 'none'),
			...none(7),
			'your own data'
		])
	];
}
