/**
 * The regularised incomplete beta function I_x(a, b) and the binomial CDF built on it.
 *
 * Method: Numerical Recipes, 3rd ed., section 6.4 (`betai` with the continued fraction `betacf`, modified Lentz),
 * using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) so that the fraction converges quickly. Works for non-integer a and
 * b, so binomial CDFs can be taken for non-integer n (CWT counts can be halves).
 */
import { logGamma } from './gamma';

const EPS = 1e-15;
const FPMIN = 1e-300;

function betaContinuedFraction(a: number, b: number, x: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < FPMIN) d = FPMIN;
	d = 1 / d;
	let h = d;
	const max = 1000 + Math.ceil(50 * Math.sqrt(Math.max(a, b)));
	for (let m = 1; m <= max; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < FPMIN) d = FPMIN;
		c = 1 + aa / c;
		if (Math.abs(c) < FPMIN) c = FPMIN;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < FPMIN) d = FPMIN;
		c = 1 + aa / c;
		if (Math.abs(c) < FPMIN) c = FPMIN;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < EPS) break;
	}
	return h;
}

/** The regularised incomplete beta function I_x(a, b), a > 0, b > 0, 0 <= x <= 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
	if (!(a > 0) || !(b > 0)) throw new RangeError(`beta parameters must be positive, got ${a}, ${b}`);
	if (Number.isNaN(x) || x < 0 || x > 1) throw new RangeError(`x must lie in [0, 1], got ${x}`);
	if (x === 0) return 0;
	if (x === 1) return 1;
	const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
	const front = Math.exp(lnFront);
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
	return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * P(Y <= r) for Y ~ Binomial(n, p), with r an integer. Uses P(Y <= r) = I_{1-p}(n - r, r + 1), which extends
 * smoothly to non-integer n.
 */
export function binomialCdf(r: number, n: number, p: number): number {
	if (r < 0) return 0;
	if (r >= n) return 1;
	if (p <= 0) return 1;
	if (p >= 1) return 0;
	return regularizedBeta(1 - p, n - r, r + 1);
}
