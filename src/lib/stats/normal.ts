/**
 * The standard normal distribution: CDF and its inverse, and the z value for a two-sided confidence level.
 *
 * - normalCdf: W. J. Cody's / Hart's algorithm 5666 as given by G. West, "Better approximations to cumulative normal
 *   functions", Wilmott Magazine (2005); absolute error about 1e-15 (double precision).
 * - normalQuantile: M. J. Wichura, "Algorithm AS 241: the percentage points of the normal distribution", Applied
 *   Statistics 37 (1988) 477-484 (PPND16); relative accuracy about 1e-16.
 */
// AS 241's coefficients are printed to 20 significant figures; they are kept as published, so the lint rule that
// flags digits beyond double precision is off for this file.
/* eslint-disable no-loss-of-precision */
import { checkLevel } from './types';

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const ax = Math.abs(x);
	let c: number;
	if (ax > 37) {
		c = 0;
	} else {
		const e = Math.exp(-(ax * ax) / 2);
		if (ax < 7.07106781186547) {
			let num = 3.52624965998911e-2 * ax + 0.700383064443688;
			num = num * ax + 6.37396220353165;
			num = num * ax + 33.912866078383;
			num = num * ax + 112.079291497871;
			num = num * ax + 221.213596169931;
			num = num * ax + 220.206867912376;
			let den = 8.83883476483184e-2 * ax + 1.75566716318264;
			den = den * ax + 16.064177579207;
			den = den * ax + 86.7807322029461;
			den = den * ax + 296.564248779674;
			den = den * ax + 637.333633378831;
			den = den * ax + 793.826512519948;
			den = den * ax + 440.413735824752;
			c = (e * num) / den;
		} else {
			let b = ax + 0.65;
			b = ax + 4 / b;
			b = ax + 3 / b;
			b = ax + 2 / b;
			b = ax + 1 / b;
			c = e / b / 2.506628274631;
		}
	}
	return x > 0 ? 1 - c : c;
}

/** The p-quantile of the standard normal (inverse CDF): -Infinity at 0, +Infinity at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const q = p - 0.5;
	if (Math.abs(q) <= 0.425) {
		const r = 0.180625 - q * q;
		return (
			(q *
				(((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
					4.5921953931549871457e4) *
					r +
					1.3731693765509461125e4) *
					r +
					1.9715909503065514427e3) *
					r +
					1.3314166789178437745e2) *
					r +
					3.387132872796366608)) /
			(((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r +
				2.1213794301586595867e4) *
				r +
				5.3941960214247511077e3) *
				r +
				6.871870074920579083e2) *
				r +
				4.2313330701600911252e1) *
				r +
				1)
		);
	}
	let r = q < 0 ? p : 1 - p;
	r = Math.sqrt(-Math.log(r));
	let val: number;
	if (r <= 5) {
		r -= 1.6;
		val =
			(((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
				1.27045825245236838258) *
				r +
				3.64784832476320460504) *
				r +
				5.7694972214606914055) *
				r +
				4.6303378461565452959) *
				r +
				1.42343711074968357734) /
			(((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
				1.4810397642748007459e-1) *
				r +
				6.8976733498510000455e-1) *
				r +
				1.6763848301838038494) *
				r +
				2.05319162663775882187) *
				r +
				1);
	} else {
		r -= 5;
		val =
			(((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
				2.6532189526576123093e-2) *
				r +
				2.9656057182850489123e-1) *
				r +
				1.7848265399172913358) *
				r +
				5.4637849111641143699) *
				r +
				6.6579046435011037772) /
			(((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				7.868691311456132591e-4) *
				r +
				1.4875361290850614852e-2) *
				r +
				1.3692988092273580531e-1) *
				r +
				5.9983220655588793769e-1) *
				r +
				1);
	}
	return q < 0 ? -val : val;
}

/** z for a two-sided confidence level: zForLevel(0.95) = 1.959964, zForLevel(0.998) = 3.090232. */
export function zForLevel(level: number): number {
	checkLevel(level);
	return normalQuantile((1 + level) / 2);
}

/** Two-sided p-value of a standard normal test statistic. */
export function twoSidedP(z: number): number {
	return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

export const Z95 = zForLevel(0.95);
