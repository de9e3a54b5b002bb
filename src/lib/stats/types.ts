/** Shared vocabulary and result shapes of the statistics library. */

/** How an area compares with England (see compare.ts); the data contract re-exports these. */
export const COMPARISONS = ['better', 'similar', 'worse', 'higher', 'lower', 'not compared'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** higher / lower: which direction is better; none: no direction, compare as higher / lower only. */
export type Polarity = 'higher' | 'lower' | 'none';

/** A confidence interval. Proportions are 0..1; counts and rates are on the scale the function documents. */
export interface Interval {
	lower: number;
	upper: number;
}

/** A point estimate with its confidence interval. */
export interface Estimate extends Interval {
	value: number;
}

/** Throws a RangeError unless 0 < level < 1 (a two-sided confidence level such as 0.95 or 0.998). */
export function checkLevel(level: number): void {
	if (!(level > 0 && level < 1))
		throw new RangeError(`confidence level must lie strictly between 0 and 1, got ${level}`);
}
