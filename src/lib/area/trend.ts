/**
 * Is an area's figure moving? The chi-square test for trend (`trendTest` in the stats library) over the most recent
 * periods of a series. Pure and browser-safe.
 */
import type { Polarity } from '../data/contract';
import type { Series } from '../data/series';
import { trendTest, type TrendPoint } from '../stats';

export const TREND_WINDOW = 12;

function isMonthly(p: { start: string; end: string }): boolean {
	return p.start.slice(0, 7) === p.end.slice(0, 7);
}

function isYearly(p: { start: string; end: string }): boolean {
	return p.start.endsWith('-01-01') && p.end.endsWith('-12-31') && p.start.slice(0, 4) === p.end.slice(0, 4);
}

/**
 * "improving significantly over the last 12 months (October 2024 to September 2025)", "no clear trend over the last
 * 12 months (...)" or, for yearly figures, "... over the last 10 years (2013 to 2022)". Uses the last 12 periods of the
 * series (all of them if fewer), keeping gaps in time where the area has no usable figure. Null when fewer than 5
 * periods have a numerator and denominator (and are not suppressed), or the area is not in the series.
 * Polarity 'none' says "rising" / "falling" rather than improving / worsening.
 */
export function trendPhrase(series: Series, areaCode: string, polarity: Polarity): string | null {
	const col = series.areas.indexOf(areaCode);
	if (col < 0) return null;
	return trendPhraseFor(
		series.periods.map((p, k) => {
			const cell = series.cells[k]?.[col];
			const usable = cell && cell[6] !== 1 && cell[3] !== null && cell[4] !== null;
			return { ...p, numerator: usable ? cell[3] : null, denominator: usable ? cell[4] : null };
		}),
		polarity
	);
}

/** One period of any area's figures, oldest first; null counts where the figure is missing or suppressed. */
export interface TrendPeriod {
	start: string;
	end: string;
	label: string;
	numerator: number | null;
	denominator: number | null;
}

/** As `trendPhrase`, for any area's periods (oldest first): the last 12 periods, gaps kept. */
export function trendPhraseFor(allPeriods: readonly TrendPeriod[], polarity: Polarity): string | null {
	const periods = allPeriods.slice(Math.max(0, allPeriods.length - TREND_WINDOW));
	if (periods.length === 0) return null;
	const points: TrendPoint[] = periods.map((p) =>
		p.numerator === null || p.denominator === null
			? { numerator: Number.NaN, denominator: 0 }
			: { numerator: p.numerator, denominator: p.denominator }
	);
	const result = trendTest(points);
	if (!result) return null;
	const n = periods.length;
	const span = periods.every(isMonthly)
		? `the last ${n === 1 ? 'month' : `${n} months`}`
		: periods.every(isYearly)
			? `the last ${n === 1 ? 'year' : `${n} years`}`
			: `the last ${n} periods`;
	const from = periods[0]!.label;
	const to = periods[n - 1]!.label;
	const when = `over ${span} (${from} to ${to})`;
	if (!result.significant) return `no clear trend ${when}`;
	const up = result.slopePerPeriod > 0;
	if (polarity === 'none') return `${up ? 'rising' : 'falling'} significantly ${when}`;
	const improving = up === (polarity === 'higher');
	return `${improving ? 'improving' : 'worsening'} significantly ${when}`;
}
