/** Shared result shapes of the statistics library. */

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
	if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must lie strictly between 0 and 1, got ${level}`);
}
