/**
 * The home page's view model: one row per alliance with its figure (or, on the emails layer, its count of emails to
 * MPs), the map's fills, the legend's counts and value ranges, the sentence for each area and the CSV's rows. Pure:
 * the page composes it with components, and tests run it on the committed exports.
 */
import { ENGLAND_CODE, type Polarity, type Unit } from '../data/contract';
import type { CsvCell } from '../download/csv';
import type { Figure, Series } from '../data/series';
import { figureAt } from '../data/series';
import { formatValue } from '../format';
import {
	COMPARISON_COLOURS,
	COMPARISON_PHRASES,
	COMPARISON_WORDS,
	MISSING_FILL,
	QUINTILE_COLOURS,
	comparisonKeys,
	quintileBreaks,
	quintiles
} from '../map/colours';
import type { Colouring } from '../url-state';

export type HomeRow<A extends { code: string }> = A & { fig: Figure | null };

/** Each alliance with the figure the map shows for it. */
export function homeRows<A extends { code: string }>(
	alliances: readonly A[],
	series: Series,
	periodIndex: number,
	emails: Record<string, number | null> | null
): HomeRow<A>[] {
	return alliances.map((a) => {
		if (!emails) return { ...a, fig: figureAt(series, periodIndex, a.code) };
		// Emails to MPs: a count, not a rate; counts under 10 are withheld like small patient counts.
		const count = emails[a.code] ?? null;
		const fig: Figure = {
			value: count,
			lower95: null,
			upper95: null,
			numerator: null,
			denominator: null,
			comparison: 'not compared',
			suppressed: count === null,
			release: 'final'
		};
		return { ...a, fig };
	});
}

/** A figure the map can colour: published, not withheld, with a value. */
export const isShown = (fig: Figure | null): fig is Figure & { value: number } =>
	fig !== null && !fig.suppressed && fig.value !== null;

export interface MapKey {
	/** Fill per area code; areas without one are hatched. */
	fills: Record<string, string>;
	/** Areas per comparison word, for the legend. */
	counts: Record<string, number>;
	/** Areas with no figure to colour. */
	missing: number;
	/** Each fifth's value range. */
	breaks: { q: number; min: number; max: number }[];
}

/** How the map colours its areas, by comparison with England or by fifths of the values. */
export function mapKey(rows: readonly { code: string; fig: Figure | null }[], colouring: Colouring): MapKey {
	const values = rows.map((r) => (isShown(r.fig) ? r.fig.value : null));
	const q = quintiles(values);
	const fills: Record<string, string> = {};
	const counts: Record<string, number> = {};
	rows.forEach((r, i) => {
		if (!isShown(r.fig)) return;
		const c = r.fig.comparison;
		counts[c] = (counts[c] ?? 0) + 1;
		if (colouring === 'quintile' || colouring === 'emails') fills[r.code] = QUINTILE_COLOURS[q[i]!]!;
		else if (c !== 'not compared') fills[r.code] = COMPARISON_COLOURS[c];
	});
	return { fills, counts, missing: rows.filter((r) => !isShown(r.fig)).length, breaks: quintileBreaks(values) };
}

/** The legend written into a downloaded map (SVG or PNG). */
export function downloadLegend(
	key: MapKey,
	colouring: Colouring,
	polarity: Polarity,
	unit: Unit
): { fill: string; label: string }[] {
	const legend =
		colouring === 'compare' || colouring === 'replies'
			? comparisonKeys(polarity).map((k) => ({
					fill: COMPARISON_COLOURS[k],
					label: `${COMPARISON_WORDS[k]} (${key.counts[k] ?? 0})`
				}))
			: key.breaks.map((b) => ({
					fill: QUINTILE_COLOURS[b.q]!,
					label: `${formatValue(b.min, unit)} to ${formatValue(b.max, unit)}`
				}));
	legend.push({ fill: MISSING_FILL, label: `Not published or too few patients to show (${key.missing})` });
	return legend;
}

/** One area's figure in words, for the map's tooltip and the selected area's card. */
export function describeFigure(fig: Figure | null, unit: Unit, emailsLayer: boolean): string {
	if (emailsLayer)
		return fig?.value == null ? 'Fewer than 10 emails to MPs' : `${formatValue(fig.value, 'value')} emails to MPs`;
	if (!fig || fig.value === null) return fig?.suppressed ? 'Too few patients to show' : 'Not published';
	return `${formatValue(fig.value, unit)}: ${COMPARISON_PHRASES[fig.comparison]}`;
}

export function mapTitle(indicatorName: string, periodLabel: string, emailsLayer: boolean): string {
	return emailsLayer
		? 'Emails to MPs through this site, by Cancer Alliance, last 12 months'
		: `${indicatorName}, ${periodLabel}, by Cancer Alliance`;
}

export const HOME_CSV_COLUMNS = [
	'area_code',
	'area',
	'value',
	'lower95',
	'upper95',
	'numerator',
	'denominator',
	'comparison',
	'suppressed',
	'release'
];

/** The table's CSV rows: England first, then every alliance as the table lists them. */
export function homeCsvRows(
	england: Figure | null,
	rows: readonly { code: string; name: string; fig: Figure | null }[]
): CsvCell[][] {
	const line = (code: string, name: string, f: Figure | null): CsvCell[] => [
		code,
		name,
		f?.value ?? null,
		f?.lower95 ?? null,
		f?.upper95 ?? null,
		f?.numerator ?? null,
		f?.denominator ?? null,
		f ? COMPARISON_WORDS[f.comparison] : 'Not published',
		f?.suppressed ? 'yes' : 'no',
		f?.release ?? null
	];
	return [line(ENGLAND_CODE, 'England', england), ...rows.map((r) => line(r.code, r.name, r.fig))];
}
