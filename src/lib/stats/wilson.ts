/**
 * Wilson score interval for a proportion (E. B. Wilson 1927; recommended by R. G. Newcombe, Statistics in Medicine 17
 * (1998) 857-872, method 3, and by PHE/OHID for all proportions).
 *
 *   p = x / n, z = zForLevel(level)
 *   centre = (p + z²/(2n)) / (1 + z²/n)
 *   half   = z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/(4n²))
 *   interval = centre ± half
 *
 * The numerator may be non-integer (CWT 62-day counts can be halves). The ends are set exactly to 0 when x = 0 and to
 * 1 when x = n (where the formula gives them up to rounding).
 */
import { zForLevel } from './normal';
import type { Interval } from './types';

/**
 * Wilson score interval as proportions in 0..1; null when the denominator is not positive.
 * Throws a RangeError unless 0 <= numerator <= denominator.
 */
export function wilson(numerator: number, denominator: number, level = 0.95): Interval | null {
	if (!Number.isFinite(numerator) || Number.isNaN(denominator)) {
		throw new RangeError(`wilson: numerator and denominator must be numbers, got ${numerator}/${denominator}`);
	}
	if (denominator <= 0) return null;
	if (numerator < 0 || numerator > denominator) {
		throw new RangeError(`wilson: need 0 <= numerator <= denominator, got ${numerator}/${denominator}`);
	}
	const z = zForLevel(level);
	const n = denominator;
	const p = numerator / n;
	const z2n = (z * z) / n;
	const centre = (p + z2n / 2) / (1 + z2n);
	const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
	const lower = numerator === 0 ? 0 : Math.max(0, centre - half);
	const upper = numerator === denominator ? 1 : Math.min(1, centre + half);
	return { lower, upper };
}
