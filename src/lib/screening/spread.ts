/**
 * How practices within an area differ: the range, the middle half, how many fall below the programme's thresholds,
 * and the lowest ones by name. For the area page's "practices in this area" view. Pure and browser-safe.
 */

export interface PracticeValue {
	code: string;
	name: string;
	/** Published coverage, per cent; null where none is published. */
	value: number | null;
}

export interface Spread<P extends PracticeValue = PracticeValue> {
	/** Practices in the area, with or without a value. */
	practices: number;
	/** Practices with a published value. */
	withValue: number;
	min: number | null;
	max: number | null;
	median: number | null;
	/** The middle half of practices lies between these (25th and 75th percentiles, linear interpolation). */
	q1: number | null;
	q3: number | null;
	/** Practices below each threshold given (e.g. { 70: 41, 80: 210 }). */
	below: Record<number, number>;
	/** The lowest practices, lowest first (ties by name). */
	lowest: P[];
}

function quantile(sorted: number[], p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

export function practiceSpread<P extends PracticeValue>(
	practices: readonly P[],
	thresholds: readonly number[],
	lowestCount = 5
): Spread<P> {
	const valued = practices.filter((p): p is P & { value: number } => p.value !== null && Number.isFinite(p.value));
	const sorted = valued.map((p) => p.value).sort((a, b) => a - b);
	const below: Record<number, number> = {};
	for (const t of thresholds) below[t] = sorted.filter((v) => v < t).length;
	const any = sorted.length > 0;
	return {
		practices: practices.length,
		withValue: valued.length,
		min: any ? sorted[0]! : null,
		max: any ? sorted.at(-1)! : null,
		median: any ? quantile(sorted, 0.5) : null,
		q1: any ? quantile(sorted, 0.25) : null,
		q3: any ? quantile(sorted, 0.75) : null,
		below,
		lowest: [...valued].sort((a, b) => a.value - b.value || a.name.localeCompare(b.name)).slice(0, lowestCount)
	};
}

const pct = (x: number) => `${x.toFixed(1)}%`;
const practicesWord = (n: number) => `${n.toLocaleString('en-GB')} practice${n === 1 ? '' : 's'}`;

/**
 * "Coverage ranges from 41.2% to 84.0% between the 177 practices in Kent and Medway with a published figure; the middle
 * half lie between 66.3% and 75.1%. 52 are below the 70% acceptable level and 160 below the 80% achievable level."
 */
export function spreadSentence(spread: Spread, areaName: string, levels: { value: number; label: string }[]): string {
	if (spread.withValue === 0) return `No practice in ${areaName} has a published coverage figure.`;
	if (spread.withValue === 1) return `Only one practice in ${areaName} has a published figure: ${pct(spread.min!)}.`;
	const parts = [
		`Coverage ranges from ${pct(spread.min!)} to ${pct(spread.max!)} between the ${practicesWord(spread.withValue)} in ${areaName} with a published figure; the middle half lie between ${pct(spread.q1!)} and ${pct(spread.q3!)}.`
	];
	const clauses = levels.map((l, i) => {
		const n = spread.below[l.value] ?? 0;
		return `${n.toLocaleString('en-GB')}${i === 0 ? (n === 1 ? ' of them is' : ' of them are') : ''} below the ${l.value}% ${l.label}`;
	});
	if (clauses.length === 1) parts.push(`${clauses[0]!}.`);
	else if (clauses.length > 1) parts.push(`${clauses.slice(0, -1).join(', ')} and ${clauses.at(-1)}.`);
	return parts.join(' ');
}
