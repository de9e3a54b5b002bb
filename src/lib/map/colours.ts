/**
 * Colours for the map and its legend. Comparison uses a colour-blind-safe pair (blue / vermillion, from Okabe and
 * Ito) around a neutral; values use one hue in five steps. Missing and suppressed areas are hatched, never a band's
 * colour. Every colour always travels with its word in the legend, list and table.
 */
import type { Comparison, Polarity } from '../data/contract';

export const COMPARISON_COLOURS: Record<Exclude<Comparison, 'not compared'>, string> = {
	better: '#0072b2',
	similar: '#d7d2c8',
	worse: '#d55e00',
	higher: '#5e3c99',
	lower: '#b2abd2'
};

export const COMPARISON_WORDS: Record<Comparison, string> = {
	better: 'Better than England',
	similar: 'Similar to England',
	worse: 'Worse than England',
	higher: 'Higher than England',
	lower: 'Lower than England',
	'not compared': 'Not compared'
};

/** The same, mid-sentence: "82.2%: worse than England". */
export const COMPARISON_PHRASES: Record<Comparison, string> = {
	better: 'better than England',
	similar: 'similar to England',
	worse: 'worse than England',
	higher: 'higher than England',
	lower: 'lower than England',
	'not compared': 'not compared with England'
};

/** Light to dark purple: quintile 1 (lowest values) to 5 (highest). */
export const QUINTILE_COLOURS = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;

export const MISSING_FILL = 'url(#hatch-missing)';

/** Which comparison words an indicator's map can show, in legend order. */
export function comparisonKeys(polarity: Polarity): Exclude<Comparison, 'not compared'>[] {
	return polarity === 'none' ? ['higher', 'similar', 'lower'] : ['better', 'similar', 'worse'];
}

/** Quintile (0-4) of each value among the values present; ties share a quintile. */
export function quintiles(values: (number | null)[]): (number | null)[] {
	const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
	if (present.length === 0) return values.map(() => null);
	return values.map((v) => {
		if (v === null) return null;
		const below = present.filter((p) => p < v).length;
		return Math.min(4, Math.floor((below / present.length) * 5));
	});
}

/** The value range of each quintile, for the legend. */
export function quintileBreaks(values: (number | null)[]): { q: number; min: number; max: number }[] {
	const q = quintiles(values);
	const out: { q: number; min: number; max: number }[] = [];
	for (let k = 0; k < 5; k++) {
		const inBand = values.filter((v, i): v is number => v !== null && q[i] === k);
		if (inBand.length) out.push({ q: k, min: Math.min(...inBand), max: Math.max(...inBand) });
	}
	return out;
}
