/**
 * Confidence intervals for Poisson counts and for crude rates (count / population × perN).
 *
 * - Counts of 10 or more: Byar's approximation (Breslow & Day 1987, vol. II, p. 69; the PHE/OHID method):
 *     lower = O (1 - 1/(9O) - z/(3√O))³
 *     upper = (O + 1) (1 - 1/(9(O + 1)) + z/(3√(O + 1)))³
 * - Counts under 10: exact Poisson (Garwood 1936) limits from the chi-square / gamma quantiles:
 *     lower = χ²(α/2; 2O) / 2 = Gamma⁻¹(α/2; shape O)           (0 when O = 0)
 *     upper = χ²(1 - α/2; 2(O + 1)) / 2 = Gamma⁻¹(1 - α/2; shape O + 1)
 *   with α = 1 - level.
 */
import { inverseGammaP } from './gamma';
import { zForLevel } from './normal';
import { checkLevel, type Estimate, type Interval } from './types';

/** Counts below this use exact Poisson limits rather than Byar's approximation. */
export const BYAR_MIN_COUNT = 10;

function checkCount(count: number): void {
	if (!Number.isFinite(count) || count < 0) throw new RangeError(`count must be a non-negative number, got ${count}`);
}

/** Exact (Garwood) Poisson limits for an observed count, on the count scale. */
export function poissonExactCI(count: number, level = 0.95): Interval {
	checkCount(count);
	checkLevel(level);
	const alpha = 1 - level;
	const lower = count === 0 ? 0 : inverseGammaP(count, alpha / 2);
	const upper = inverseGammaP(count + 1, 1 - alpha / 2);
	return { lower, upper };
}

/** Byar's approximation to the Poisson limits of an observed count, on the count scale (count > 0). */
export function byarCI(count: number, level = 0.95): Interval {
	checkCount(count);
	const z = zForLevel(level);
	if (count === 0) return { lower: 0, upper: Math.pow(1 - 1 / 9 + z / 3, 3) };
	const o1 = count + 1;
	const lower = count * Math.pow(1 - 1 / (9 * count) - z / (3 * Math.sqrt(count)), 3);
	const upper = o1 * Math.pow(1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1)), 3);
	return { lower: Math.max(0, lower), upper };
}

/** Limits for a count as PHE/OHID compute them: Byar's for counts of 10 or more, exact Poisson below. */
export function poissonCI(count: number, level = 0.95): Interval {
	return count < BYAR_MIN_COUNT ? poissonExactCI(count, level) : byarCI(count, level);
}

/**
 * A crude rate per `perN` with its interval: value = count / population × perN, limits from `poissonCI` scaled the same
 * way. Null when the population is not positive.
 */
export function byarRate(count: number, population: number, level = 0.95, perN = 100000): Estimate | null {
	checkCount(count);
	if (!(population > 0)) return null;
	const ci = poissonCI(count, level);
	const scale = perN / population;
	return { value: count * scale, lower: ci.lower * scale, upper: ci.upper * scale };
}
