/**
 * Breast screening coverage comes by GP practice as a percentage only. The product estimates each practice's counts
 * from its registered women aged 53 to 70 and aggregates those; this module holds what the ETL and the pages both say
 * about that estimate. Pure and browser-safe.
 */

import { wilson } from '../stats/wilson';

export const SCREENING_INDICATOR_ID = 'screening_breast_coverage';

/** The month of the GP list sizes used as denominators (the eFIT tool's loader: "GP population for April 2026"). */
export const LIST_SIZE_MONTH = 'April 2026';

/*
 * England's published figure for this measure (Fingertips' own England row) is in no raw file, so it is not shown:
 * only a figure read from an input file, with its provenance, may be, and none is ever typed in.
 */
/**
 * The women who were 53 to 70 during 2023/24 are about two years older in the April 2026 list. Weighting each
 * practice's published percentage by them instead of by today's 53 to 70 year olds gives a second, equally defensible
 * estimate; how far the two lie apart is the estimate's own error, measured from the raw files rather than assumed.
 */
export const COHORT_AGES = { from: 55, to: 72 } as const;

/** "0.41 percentage points". */
export const pointsText = (points: number): string => `${points.toFixed(2)} percentage points`;

/**
 * How much an estimated interval was widened for the estimate's own error: its upper end against the interval chance
 * alone gives for its counts (the ETL widens both ends by the same amount; see derive/screening.ts).
 */
export function estimateWidening(o: { upper95: number | null; numerator: number | null; denominator: number | null }) {
	if (o.upper95 === null || o.numerator === null || !o.denominator) return null;
	const chance = wilson(o.numerator, o.denominator, 0.95);
	return chance ? Math.max(0, o.upper95 - 100 * chance.upper) : null;
}

/**
 * The caveat every screening figure carries, on screen and in the indicator's description. `sensitivity`: how far
 * England's estimate moves when weighted by the 2023/24 cohort instead (percentage points).
 */
export function estimateCaveat(englandEstimate: number | null, sensitivity: number | null = null): string {
	const england = englandEstimate === null ? '' : ` For England the estimate is ${englandEstimate.toFixed(1)}%.`;
	const error =
		sensitivity === null
			? ''
			: ` Weighting instead by the women who were 53 to 70 in 2023/24 (aged ${COHORT_AGES.from} to ${COHORT_AGES.to} in the ${LIST_SIZE_MONTH} list) moves England's estimate by ${pointsText(sensitivity)}: that is the estimate's own error. Each interval is widened on both sides by it, or by its own area's shift where larger, so a difference from England within that error is never called better or worse.`;
	return (
		`Figures above practice level are estimates: Fingertips publishes each practice's coverage as a percentage only, so each practice's number of eligible women is taken as its registered women aged 53 to 70 in the ${LIST_SIZE_MONTH} GP list sizes (NHS England), and the number screened as its published percentage of that.` +
		england +
		error
	);
}
