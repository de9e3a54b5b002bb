/**
 * Gap in patients: how many more patients would have met the standard had the area matched a target proportion
 * (usually England's):
 *   gap = (target - x/n) × n = target × n - x            (positive: patients short of the target)
 * Interval: from the area's Wilson interval (L, U) for x/n, the target being taken as fixed (England's proportion
 * rests on a denominator so large that its own uncertainty is negligible by comparison):
 *   lower = (target - U) × n,  upper = (target - L) × n
 * An interval that excludes 0 agrees with the Wilson-based comparison with the target.
 */
import { wilson } from './wilson';
import type { Estimate } from './types';

export interface GapInput {
	numerator: number;
	denominator: number;
	/** The target proportion, 0..1 (e.g. England's value / 100). */
	targetProportion: number;
	level?: number;
}

/** The gap in patients with its interval; null when the denominator is not positive. */
export function patientGap({ numerator, denominator, targetProportion, level = 0.95 }: GapInput): Estimate | null {
	if (!(targetProportion >= 0 && targetProportion <= 1)) {
		throw new RangeError(`target proportion must lie in [0, 1], got ${targetProportion}`);
	}
	const ci = wilson(numerator, denominator, level);
	if (ci === null) return null;
	return {
		value: targetProportion * denominator - numerator,
		lower: (targetProportion - ci.upper) * denominator,
		upper: (targetProportion - ci.lower) * denominator
	};
}
