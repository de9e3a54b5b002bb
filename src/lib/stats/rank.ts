/**
 * Rank intervals by simulation (the approach of e.g. Marshall & Spiegelhalter, BMJ 1998, "Reliability of league
 * tables of in vitro fertilisation clinics"): each draw samples every area's value from Normal(value, se²), ranks the
 * draws (1 = best), and the interval is the central `level` range of each area's simulated ranks.
 *
 * - rank: the rank of the point estimate itself (ties share the best rank, "1224" competition ranking).
 * - lower / upper: with D draws and α = 1 - level, sorted simulated ranks at positions floor(D α/2) and
 *   ceil(D (1 - α/2)) - 1 (0-based), e.g. the 26th and 975th of 1000 at 95%.
 * Random numbers: mulberry32 seeded by `seed`, normal deviates by Box-Muller, so the same inputs and seed give the same
 * intervals in Node and in the browser.
 */
import { mulberry32, normalSampler } from './random';
import { checkLevel } from './types';

export interface RankItem {
	id: string;
	value: number;
	/** Standard error of the value (0 for a value known exactly). */
	se: number;
}

export interface RankOptions {
	/** Number of simulated league tables (default 1000). */
	draws?: number;
	/** PRNG seed (default 1). */
	seed?: number;
	/** True when a higher value ranks better (rank 1 = highest value). */
	higherIsBetter: boolean;
	/** Two-sided level of the rank interval (default 0.95). */
	level?: number;
}

export interface RankInterval {
	rank: number;
	lower: number;
	upper: number;
}

function ranks(values: readonly number[], higherIsBetter: boolean): number[] {
	const order = values
		.map((_, i) => i)
		.sort((a, b) => {
			const d = (values[a] as number) - (values[b] as number);
			return higherIsBetter ? -d : d;
		});
	const out = new Array<number>(values.length);
	let prev = NaN;
	let prevRank = 0;
	order.forEach((idx, pos) => {
		const v = values[idx] as number;
		const r = v === prev ? prevRank : pos + 1;
		out[idx] = r;
		prev = v;
		prevRank = r;
	});
	return out;
}

/** Rank and rank interval per id (rank 1 = best). Throws on duplicate ids or non-finite values / negative se. */
export function rankIntervals(items: readonly RankItem[], options: RankOptions): Record<string, RankInterval> {
	const draws = options.draws ?? 1000;
	const level = options.level ?? 0.95;
	const seed = options.seed ?? 1;
	checkLevel(level);
	if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`draws must be a positive integer, got ${draws}`);
	const ids = new Set<string>();
	for (const it of items) {
		if (ids.has(it.id)) throw new RangeError(`rankIntervals: duplicate id ${it.id}`);
		ids.add(it.id);
		if (!Number.isFinite(it.value) || !(it.se >= 0) || !Number.isFinite(it.se)) {
			throw new RangeError(`rankIntervals: item ${it.id} needs a finite value and a non-negative se`);
		}
	}
	const m = items.length;
	const pointRanks = ranks(
		items.map((it) => it.value),
		options.higherIsBetter
	);
	const simulated: number[][] = items.map(() => new Array<number>(draws));
	const normal = normalSampler(mulberry32(seed));
	const sample = new Array<number>(m);
	for (let d = 0; d < draws; d++) {
		for (let i = 0; i < m; i++) {
			const it = items[i] as RankItem;
			sample[i] = it.value + it.se * normal();
		}
		const r = ranks(sample, options.higherIsBetter);
		for (let i = 0; i < m; i++) (simulated[i] as number[])[d] = r[i] as number;
	}
	const alpha = 1 - level;
	const loIdx = Math.min(draws - 1, Math.floor((draws * alpha) / 2));
	const hiIdx = Math.max(0, Math.min(draws - 1, Math.ceil(draws * (1 - alpha / 2)) - 1));
	const out: Record<string, RankInterval> = {};
	items.forEach((it, i) => {
		const sorted = (simulated[i] as number[]).sort((a, b) => a - b);
		out[it.id] = { rank: pointRanks[i] as number, lower: sorted[loIdx] as number, upper: sorted[hiIdx] as number };
	});
	return out;
}
