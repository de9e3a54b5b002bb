/**
 * series/<indicator>.<basis>.json: one indicator on one basis for England and every alliance (both variants), all
 * periods, in a compact columnar form. The map's first paint embeds one; switching indicator fetches another.
 */
import type { Area, Basis, Comparison, Observation, ReleaseStatus } from './contract';
import { ENGLAND_CODE } from './contract';
import { formatPeriod } from './period';

/** value, lower95, upper95, numerator, denominator, comparison, suppressed (1) */
export type Cell = [number | null, number | null, number | null, number | null, number | null, Comparison, 0 | 1];

export interface Series {
	indicator_id: string;
	basis: Basis;
	/** `release`: the status of the period's figures (all of a period's figures come from one release). */
	periods: { start: string; end: string; label: string; release: ReleaseStatus }[];
	/** England first, then alliances by code. */
	areas: string[];
	/** cells[period][area]; null where the area has no figure for the period. */
	cells: (Cell | null)[][];
}

export interface Figure {
	value: number | null;
	lower95: number | null;
	upper95: number | null;
	numerator: number | null;
	denominator: number | null;
	comparison: Comparison;
	suppressed: boolean;
	/** The status of the release the figure comes from: pages say "provisional" beside such a figure. */
	release: ReleaseStatus;
}

/** An observation's figure, as pages show it. */
export function figureOf(o: Observation): Figure {
	return { value: o.value, lower95: o.lower95, upper95: o.upper95, numerator: o.numerator, denominator: o.denominator, comparison: o.comparison, suppressed: o.suppressed, release: o.release };
}

export function seriesFileName(indicatorId: string, basis: Basis): string {
	return `series/${indicatorId}.${basis}.json`;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

export function buildSeries(observations: readonly Observation[], areas: readonly Area[]): Series[] {
	const alliances = areas.filter((a) => a.type === 'alliance').map((a) => a.code).sort();
	const codes = [ENGLAND_CODE, ...alliances];
	const index = new Map(codes.map((c, i) => [c, i]));
	const groups = new Map<string, Observation[]>();
	for (const o of observations) {
		if (!index.has(o.area_code)) continue;
		const key = `${o.indicator_id}|${o.basis}`;
		let list = groups.get(key);
		if (!list) groups.set(key, (list = []));
		list.push(o);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([, rows]) => {
			const periodEnds = new Map<string, string>();
			const releases = new Map<string, ReleaseStatus>();
			for (const r of rows) {
				periodEnds.set(r.period_start, r.period_end);
				releases.set(r.period_start, weakerRelease(releases.get(r.period_start), r.release));
			}
			const starts = [...periodEnds.keys()].sort();
			const periodIndex = new Map(starts.map((s, i) => [s, i]));
			const cells: (Cell | null)[][] = starts.map(() => codes.map(() => null));
			for (const r of rows) {
				cells[periodIndex.get(r.period_start)!]![index.get(r.area_code)!] = [
					round(r.value), round(r.lower95), round(r.upper95), r.numerator, r.denominator, r.comparison, r.suppressed ? 1 : 0
				];
			}
			return {
				indicator_id: rows[0]!.indicator_id,
				basis: rows[0]!.basis,
				periods: starts.map((s) => ({ start: s, end: periodEnds.get(s)!, label: formatPeriod(s, periodEnds.get(s)!), release: releases.get(s)! })),
				areas: codes,
				cells
			};
		});
}

export function figureAt(series: Series, periodIndex: number, areaCode: string): Figure | null {
	const cell = series.cells[periodIndex]?.[series.areas.indexOf(areaCode)];
	if (!cell) return null;
	const [value, lower95, upper95, numerator, denominator, comparison, suppressed] = cell;
	const release = series.periods[periodIndex]?.release ?? 'final';
	return { value, lower95, upper95, numerator, denominator, comparison, suppressed: suppressed === 1, release };
}

/**
 * The series with figures for one period only (the periods list stays whole, for the period menu): what a page's
 * first view needs. Other periods' rows are empty; figureAt reads them as "no figure".
 */
export function seriesForPeriod(series: Series, start: string): Series {
	return { ...series, cells: series.cells.map((row, i) => (series.periods[i]?.start === start ? row : [])) };
}

/** What a period mixing releases (it should not: one file per month) says: provisional if any figure is, then revised. */
const SAY_FIRST: ReleaseStatus[] = ['provisional', 'revised', 'final'];
function weakerRelease(a: ReleaseStatus | undefined, b: ReleaseStatus): ReleaseStatus {
	return a !== undefined && SAY_FIRST.indexOf(a) <= SAY_FIRST.indexOf(b) ? a : b;
}
