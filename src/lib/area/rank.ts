/**
 * Alliance league positions with their uncertainty (DESIGN.md: "ranks carry uncertainty"): the rank of each area's
 * figure among the alliances, and a 95% interval for that rank by simulation (`rankIntervals` in the stats library).
 * Pure and browser-safe; deterministic for a given seed.
 */
import type { Polarity } from '../data/contract';
import type { Series } from '../data/series';
import { figureAt } from '../data/series';
import { rankIntervals, type RankItem } from '../stats';
import { Z95 } from '../wording/figures';

export interface AllianceRank {
	/** 1 = best (for polarity 'none': 1 = highest). Ties share the best rank. */
	rank: number;
	/** The 95% interval of the rank. */
	lower: number;
	upper: number;
	/** How many areas were ranked. */
	of: number;
}

export const DEFAULT_RANK_SEED = 1;

/**
 * Ranks of `allianceCodes` at `periodIndex`. The standard error of each value comes from its published 95% interval,
 * se = (upper - lower) / (2 × 1.959964). An area with no figure, a suppressed figure, or no interval (so no way to say
 * how uncertain its position is) gets null and is left out of the ranking; `of` counts the areas ranked.
 */
export function allianceRanks(
	series: Series,
	periodIndex: number,
	allianceCodes: string[],
	polarity: Polarity,
	seed: number = DEFAULT_RANK_SEED
): Record<string, AllianceRank | null> {
	const out: Record<string, AllianceRank | null> = {};
	const items: RankItem[] = [];
	for (const code of allianceCodes) {
		if (code in out) continue;
		out[code] = null;
		const f = figureAt(series, periodIndex, code);
		if (!f || f.suppressed || f.value === null || f.lower95 === null || f.upper95 === null) continue;
		const se = Math.max(0, f.upper95 - f.lower95) / (2 * Z95);
		if (!Number.isFinite(f.value) || !Number.isFinite(se)) continue;
		items.push({ id: code, value: f.value, se });
	}
	if (items.length === 0) return out;
	const ranked = rankIntervals(items, { higherIsBetter: polarity !== 'lower', seed });
	for (const it of items) {
		const r = ranked[it.id];
		if (r) out[it.id] = { rank: r.rank, lower: r.lower, upper: r.upper, of: items.length };
	}
	return out;
}

/** 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st, 22nd. */
export function ordinal(n: number): string {
	const mod100 = n % 100;
	if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
	switch (n % 10) {
		case 1:
			return `${n}st`;
		case 2:
			return `${n}nd`;
		case 3:
			return `${n}rd`;
		default:
			return `${n}th`;
	}
}

/**
 * "ranked 14th of 20 (somewhere between 9th and 18th)". For an indicator with no direction pass its polarity, and the
 * phrase says "14th highest" rather than implying a best and a worst.
 */
export function rankPhrase(r: AllianceRank | null, polarity?: Polarity): string {
	if (!r) return 'not ranked, as there is no figure to rank';
	const pos = (n: number) => (polarity === 'none' ? `${ordinal(n)} highest` : ordinal(n));
	const head = `ranked ${pos(r.rank)} of ${r.of}`;
	if (r.lower === r.upper) return `${head} (and almost certainly ${ordinal(r.lower)}, allowing for chance)`;
	return `${head} (somewhere between ${ordinal(r.lower)} and ${ordinal(r.upper)}, allowing for chance)`;
}
