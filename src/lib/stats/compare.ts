/**
 * Comparison with England (the PHE/OHID Fingertips convention): an area differs from England only when England's
 * value lies outside the area's 95% confidence interval (a value on an interval's end counts as inside).
 * - polarity 'higher' (higher is better): above England -> 'better', below -> 'worse';
 * - polarity 'lower' (lower is better): above England -> 'worse', below -> 'better';
 * - polarity 'none': 'higher' / 'lower' only, never better or worse;
 * - inside the interval: 'similar'; any input missing (null or NaN): 'not compared'.
 */
import type { Comparison, Polarity } from './types';

export interface CompareInput {
	lower95: number | null;
	upper95: number | null;
	englandValue: number | null;
	polarity: Polarity | null;
}

const missing = (x: number | null): x is null => x === null || Number.isNaN(x);

export function compareWithEngland({ lower95, upper95, englandValue, polarity }: CompareInput): Comparison {
	if (missing(lower95) || missing(upper95) || missing(englandValue) || polarity === null) return 'not compared';
	let direction: 'higher' | 'lower';
	if (englandValue < lower95)
		direction = 'higher'; // the whole interval is above England
	else if (englandValue > upper95)
		direction = 'lower'; // the whole interval is below England
	else return 'similar';
	if (polarity === 'none') return direction;
	return direction === polarity ? 'better' : 'worse';
}
