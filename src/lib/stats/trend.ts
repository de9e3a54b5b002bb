/**
 * Test for a linear trend in proportions over time: the chi-square test for trend (Cochran 1954; Armitage 1955),
 * with period scores t_i = 0, 1, 2, ... in the order given.
 *   N = Σ n_i, p̄ = Σ x_i / N, t̄ = Σ n_i t_i / N, Sxx = Σ n_i (t_i - t̄)²
 *   slope b = Σ (x_i - n_i p̄)(t_i - t̄) / Sxx       (change in proportion per period, the weighted least-squares
 *                                                    slope of the proportions with weights n_i)
 *   se(b) = sqrt(p̄ (1 - p̄) / Sxx), z = b / se(b) (z² is the chi-square for trend on 1 df), p two-sided.
 * Needs at least 5 points (DESIGN.md); points with a non-positive denominator are dropped before counting.
 */
import { twoSidedP } from './normal';

export interface TrendPoint {
	numerator: number;
	denominator: number;
}

export interface TrendResult {
	/** Change in the proportion (0..1 scale) per period. */
	slopePerPeriod: number;
	z: number;
	/** Two-sided p-value. */
	p: number;
	significant: boolean;
}

export const TREND_MIN_POINTS = 5;

/** Chi-square test for trend in proportions; null for fewer than 5 usable points. `alpha` defaults to 0.05. */
export function trendTest(points: readonly TrendPoint[], alpha = 0.05): TrendResult | null {
	const used = points
		.map((pt, t) => ({ ...pt, t }))
		.filter((pt) => pt.denominator > 0 && Number.isFinite(pt.numerator));
	if (used.length < TREND_MIN_POINTS) return null;
	let bigN = 0;
	let x = 0;
	let nt = 0;
	for (const pt of used) {
		bigN += pt.denominator;
		x += pt.numerator;
		nt += pt.denominator * pt.t;
	}
	const pBar = x / bigN;
	const tBar = nt / bigN;
	let sxx = 0;
	let sxy = 0;
	for (const pt of used) {
		const dt = pt.t - tBar;
		sxx += pt.denominator * dt * dt;
		sxy += (pt.numerator - pt.denominator * pBar) * dt;
	}
	const slope = sxy / sxx;
	const variance = (pBar * (1 - pBar)) / sxx;
	if (!(variance > 0)) return { slopePerPeriod: slope, z: 0, p: 1, significant: false };
	const z = slope / Math.sqrt(variance);
	const p = twoSidedP(z);
	return { slopePerPeriod: slope, z, p, significant: p < alpha };
}
