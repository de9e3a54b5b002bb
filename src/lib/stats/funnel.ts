/**
 * Funnel-plot control limits for proportions (D. J. Spiegelhalter, "Funnel plots for comparing institutional
 * performance", Statistics in Medicine 24 (2005) 1185-1202) and their over-dispersed version (D. J. Spiegelhalter,
 * "Handling over-dispersion of performance indicators", Quality and Safety in Health Care 14 (2005) 347-351).
 *
 * funnelLimits: exact binomial limits with Spiegelhalter's interpolation (2005, appendix A.1.1), the method of the
 * APHO/PHE funnel-plot tools. For a target p0, denominator n and tail probability q (q = (1 - level)/2 for the lower
 * limit, 1 - (1 - level)/2 for the upper):
 *   r_q = the smallest integer r with P(Y <= r) >= q, Y ~ Binomial(n, p0)
 *   α   = (P(Y <= r_q) - q) / (P(Y <= r_q) - P(Y <= r_q - 1))
 *   limit = (r_q - α) / n        (clamped to [0, 1])
 * The interpolation turns the step function of the discrete quantile into a smooth funnel. Non-integer n (CWT
 * halves) uses the continuous extension P(Y <= r) = I_{1-p0}(n - r, r + 1).
 *
 * funnelLimitsNormal: the normal approximation p0 ± z sqrt(p0(1 - p0)/n), for comparison.
 *
 * overdispersion / funnelLimitsOverdispersed: the additive random-effects model of Spiegelhalter's over-dispersion
 * paper, for when many areas with large denominators lie outside the plain limits:
 *   s_i = sqrt(p0(1 - p0)/n_i), z_i = (y_i - p0)/s_i with y_i = numerator_i / denominator_i
 *   10% winsorising: with I areas and k = floor(0.1 I), the k smallest z-scores are set to the (k+1)-th smallest and
 *     the k largest to the (k+1)-th largest (so nothing changes when I < 10)
 *   phi  = (1/I) Σ z_i²                                                (winsorised z)
 *   w_i  = 1/s_i²
 *   tau² = max(0, (I phi - (I - 1)) / (Σ w_i - Σ w_i² / Σ w_i))
 *   limits p0 ± z sqrt(s² + tau²) with s² = p0(1 - p0)/n.
 */
import { binomialCdf } from './beta';
import { zForLevel } from './normal';
import { checkLevel, type Interval } from './types';

function checkTarget(p0: number): void {
	if (!(p0 >= 0 && p0 <= 1)) throw new RangeError(`target proportion must lie in [0, 1], got ${p0}`);
}

/** Spiegelhalter's interpolated exact-binomial quantile (as a proportion) for tail probability q. */
function binomialLimit(p0: number, n: number, q: number): number {
	// For non-integer n, P(Y <= floor(n)) < 1 in the continuous extension; floor(n) + 1 > n has P = 1.
	const top = Math.floor(n) + 1;
	const cdf = (r: number) => binomialCdf(r, n, p0);
	// Bracket: cdf(lo) < q <= cdf(hi), starting near the normal approximation.
	const mean = n * p0;
	const sd = Math.sqrt(n * p0 * (1 - p0));
	let lo = Math.max(-1, Math.floor(mean - 10 * sd - 10));
	let hi = Math.min(top, Math.ceil(mean + 10 * sd + 10));
	if (lo >= 0 && cdf(lo) >= q) lo = -1;
	if (cdf(hi) < q) hi = top;
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (cdf(mid) >= q) hi = mid;
		else lo = mid;
	}
	const r = hi;
	const fr = cdf(r);
	const frm1 = cdf(r - 1);
	const alpha = fr > frm1 ? (fr - q) / (fr - frm1) : 0;
	return Math.min(1, Math.max(0, (r - alpha) / n));
}

/**
 * Exact-binomial funnel limits (proportions 0..1) around target p0 for denominator n at a two-sided level such as
 * 0.95 or 0.998; null when n is not positive.
 */
export function funnelLimits(p0: number, n: number, level = 0.95): Interval | null {
	checkTarget(p0);
	checkLevel(level);
	if (!(n > 0) || !Number.isFinite(n)) return null;
	if (p0 === 0 || p0 === 1) return { lower: p0, upper: p0 };
	const tail = (1 - level) / 2;
	return { lower: binomialLimit(p0, n, tail), upper: binomialLimit(p0, n, 1 - tail) };
}

/** Normal-approximation funnel limits p0 ± z sqrt(p0(1 - p0)/n), clamped to [0, 1]; null when n is not positive. */
export function funnelLimitsNormal(p0: number, n: number, level = 0.95): Interval | null {
	return funnelLimitsOverdispersed(p0, n, level, 0);
}

/** Over-dispersed funnel limits p0 ± z sqrt(p0(1 - p0)/n + tau²), clamped to [0, 1]; null when n is not positive. */
export function funnelLimitsOverdispersed(p0: number, n: number, level: number, tau2: number): Interval | null {
	checkTarget(p0);
	if (!(tau2 >= 0)) throw new RangeError(`tau² must be non-negative, got ${tau2}`);
	if (!(n > 0) || !Number.isFinite(n)) return null;
	const half = zForLevel(level) * Math.sqrt((p0 * (1 - p0)) / n + tau2);
	return { lower: Math.max(0, p0 - half), upper: Math.min(1, p0 + half) };
}

export interface OverdispersionPoint {
	numerator: number;
	denominator: number;
}

export interface Overdispersion {
	/** The (winsorised) over-dispersion ratio: about 1 when the areas vary only by chance. */
	phi: number;
	/** Additive between-area variance on the proportion scale (0 when phi shows no over-dispersion). */
	tau2: number;
	/** True when 10% winsorising applied (at least 10 areas, so at least one z-score at each end was pulled in). */
	winsorised: boolean;
}

/**
 * Spiegelhalter's over-dispersion estimate for proportions around target p0 (0 < p0 < 1). Points with a non-positive
 * denominator are ignored. With no usable points, phi = 1 and tau2 = 0.
 */
export function overdispersion(points: readonly OverdispersionPoint[], p0: number): Overdispersion {
	if (!(p0 > 0 && p0 < 1)) throw new RangeError(`overdispersion needs 0 < p0 < 1, got ${p0}`);
	const used = points.filter((pt) => pt.denominator > 0);
	const count = used.length;
	if (count === 0) return { phi: 1, tau2: 0, winsorised: false };
	const v = p0 * (1 - p0);
	const z = used.map((pt) => (pt.numerator / pt.denominator - p0) / Math.sqrt(v / pt.denominator));
	const k = Math.floor(0.1 * count);
	let zw = z;
	if (k > 0) {
		const sorted = [...z].sort((a, b) => a - b);
		const floor = sorted[k] as number;
		const ceil = sorted[count - 1 - k] as number;
		zw = z.map((x) => Math.min(ceil, Math.max(floor, x)));
	}
	const phi = zw.reduce((s, x) => s + x * x, 0) / count;
	const w = used.map((pt) => pt.denominator / v);
	const sumW = w.reduce((s, x) => s + x, 0);
	const sumW2 = w.reduce((s, x) => s + x * x, 0);
	const denom = sumW - sumW2 / sumW;
	const tau2 = denom > 0 ? Math.max(0, (count * phi - (count - 1)) / denom) : 0;
	return { phi, tau2, winsorised: k > 0 };
}
