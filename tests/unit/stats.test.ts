/**
 * Statistics library: checks against published worked examples and hand calculations (arithmetic in the comments).
 */
import { describe, expect, it } from 'vitest';
import {
	binomialCdf,
	byarCI,
	byarRate,
	chiSquareQuantile,
	compareWithEngland,
	dobsonDsr,
	ESP2013,
	ESP2013_WEIGHTS,
	funnelLimits,
	funnelLimitsNormal,
	funnelLimitsOverdispersed,
	inverseGammaP,
	isDisclosive,
	logGamma,
	mulberry32,
	normalCdf,
	normalQuantile,
	overdispersion,
	patientGap,
	poissonCI,
	poissonExactCI,
	rankIntervals,
	regularizedGammaP,
	regularizedGammaQ,
	withholdFigure,
	trendTest,
	wilson,
	zForLevel
} from '../../src/lib/stats';

describe('normal distribution', () => {
	it('gives the familiar z values for two-sided levels', () => {
		// Φ⁻¹(0.975) = 1.959963985, Φ⁻¹(0.999) = 3.090232306 (standard tables)
		expect(zForLevel(0.95)).toBeCloseTo(1.959964, 6);
		expect(zForLevel(0.998)).toBeCloseTo(3.090232, 6);
		expect(zForLevel(0.99)).toBeCloseTo(2.575829, 6);
		expect(zForLevel(0.9)).toBeCloseTo(1.644854, 6);
		expect(normalQuantile(0.5)).toBe(0);
		// A deep-tail value from AS241's own accuracy table: Φ⁻¹(1e-10) = -6.361340902404056
		expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
	});

	it('CDF and inverse agree across the range (both branches of AS241)', () => {
		for (const p of [1e-8, 1e-4, 0.001, 0.01, 0.05, 0.074, 0.076, 0.3, 0.5, 0.7, 0.924, 0.95, 0.99, 0.999]) {
			expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 8);
		}
		expect(normalCdf(0)).toBe(0.5);
		expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
		expect(normalCdf(-3.090232306167813)).toBeCloseTo(0.001, 14);
	});

	it('rejects levels outside (0, 1)', () => {
		expect(() => zForLevel(1)).toThrow(RangeError);
		expect(() => zForLevel(0)).toThrow(RangeError);
		expect(() => zForLevel(95)).toThrow(RangeError);
	});
});

describe('gamma functions', () => {
	it('log-gamma matches factorials and Γ(1/2) = √π', () => {
		expect(logGamma(5)).toBeCloseTo(Math.log(24), 12); // Γ(5) = 4! = 24
		expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 11); // Γ(11) = 10!
		expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
	});

	it('P and Q are complements and match closed forms', () => {
		// a = 1: P(1, x) = 1 - e^-x
		expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
		// a = 2: P(2, x) = 1 - e^-x (1 + x); at x = 3: 1 - 4e^-3 = 0.800851727
		expect(regularizedGammaP(2, 3)).toBeCloseTo(1 - 4 * Math.exp(-3), 14);
		expect(regularizedGammaP(7.5, 4) + regularizedGammaQ(7.5, 4)).toBeCloseTo(1, 14);
		expect(regularizedGammaP(7.5, 12) + regularizedGammaQ(7.5, 12)).toBeCloseTo(1, 14);
	});

	it('inverts P accurately', () => {
		// a = 1 is the exponential: P⁻¹(1, p) = -ln(1 - p); p = 0.975 -> -ln 0.025 = 3.688879454
		expect(inverseGammaP(1, 0.975)).toBeCloseTo(-Math.log(0.025), 12);
		// a = 1/2: P(1/2, x) = erf(√x), so P⁻¹(1/2, 0.95) = z₀.₉₇₅² / 2 = 3.841458821 / 2 = 1.920729410
		expect(inverseGammaP(0.5, 0.95)).toBeCloseTo(1.95996398454005 ** 2 / 2, 10);
		// chi-square table values: χ²(0.95; 1) = 3.841459, χ²(0.95; 2) = -2 ln 0.05 = 5.991465,
		// χ²(0.99; 10) = 23.209251, χ²(0.05; 10) = 3.940299
		expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841459, 6);
		expect(chiSquareQuantile(0.95, 2)).toBeCloseTo(-2 * Math.log(0.05), 12);
		expect(chiSquareQuantile(0.99, 10)).toBeCloseTo(23.209251, 6);
		expect(chiSquareQuantile(0.05, 10)).toBeCloseTo(3.940299, 6);
		// round trip over shapes from 0.1 to 10,000 and both tails
		for (const a of [0.1, 0.5, 1, 2.5, 10, 50.5, 1000, 10000]) {
			for (const p of [1e-6, 0.001, 0.025, 0.5, 0.975, 0.999]) {
				const x = inverseGammaP(a, p);
				expect(regularizedGammaP(a, x) / p).toBeCloseTo(1, 9);
			}
		}
	});
});

describe('Wilson score interval', () => {
	it('81/263 at 95% (Newcombe 1998 / Altman et al., Statistics with confidence): 0.2553 to 0.3662', () => {
		// p = 81/263 = 0.307985, z = 1.959964, z² = 3.841459, z²/n = 0.014606
		// centre = (0.307985 + 0.007303) / 1.014606 = 0.310749
		// half = (1.959964 / 1.014606) × √(0.307985 × 0.692015 / 263 + 3.841459 / (4 × 263²))
		//      = 1.931749 × √(0.00081038 + 0.00001388) = 1.931749 × 0.028710 = 0.055461
		// interval = 0.255289 to 0.366210
		const ci = wilson(81, 263)!;
		expect(ci.lower).toBeCloseTo(0.2553, 4);
		expect(ci.upper).toBeCloseTo(0.3662, 4);
		expect(ci.lower).toBeCloseTo(0.255289, 6);
		expect(ci.upper).toBeCloseTo(0.36621, 5);
	});

	it('0/10 and 10/10: the open end is z²/(n + z²) = 3.841459/13.841459 = 0.2775', () => {
		// x = 0: centre = half = (z²/2n)/(1 + z²/n), so lower = 0 and upper = (z²/n)/(1 + z²/n) = 0.277533
		expect(wilson(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.277533, 6) });
		// x = n mirrors it: lower = 1 - 0.277533 = 0.722467
		expect(wilson(10, 10)).toEqual({ lower: expect.closeTo(0.722467, 6), upper: 1 });
	});

	it('99.8% intervals are wider and contain the 95% ones', () => {
		const a = wilson(81, 263, 0.95)!;
		const b = wilson(81, 263, 0.998)!;
		expect(b.lower).toBeLessThan(a.lower);
		expect(b.upper).toBeGreaterThan(a.upper);
	});

	it('allows halves, returns null for no denominator and rejects impossible inputs', () => {
		const ci = wilson(7.5, 20)!;
		expect(ci.lower).toBeLessThan(0.375);
		expect(ci.upper).toBeGreaterThan(0.375);
		expect(wilson(0, 0)).toBeNull();
		expect(wilson(3, -1)).toBeNull();
		expect(() => wilson(11, 10)).toThrow(RangeError);
		expect(() => wilson(-1, 10)).toThrow(RangeError);
	});
});

describe('Poisson limits and Byar rates', () => {
	it('Byar for 50 events is close to the exact limits (37.11 to 65.92)', () => {
		// lower = 50 (1 - 1/450 - 1.959964/(3√50))³ = 50 × (1 - 0.002222 - 0.092394)³ = 50 × 0.905384³ = 37.1081
		// upper = 51 (1 - 1/459 + 1.959964/(3√51))³ = 51 × (1 - 0.002179 + 0.091483)³ = 51 × 1.089304³ = 65.9202
		const b = byarCI(50);
		expect(b.lower).toBeCloseTo(37.108, 3);
		expect(b.upper).toBeCloseTo(65.92, 3);
		// exact: χ²(0.025; 100)/2 = 37.1110 and χ²(0.975; 102)/2 = 65.9188
		const e = poissonExactCI(50);
		expect(e.lower).toBeCloseTo(37.111, 3);
		expect(e.upper).toBeCloseTo(65.919, 3);
		expect(Math.abs(b.lower - e.lower)).toBeLessThan(0.01);
		expect(Math.abs(b.upper - e.upper)).toBeLessThan(0.01);
	});

	it('exact limits for small counts (Garwood table)', () => {
		// 3 events: χ²(0.025; 6)/2 = 1.237344/2 = 0.6187, χ²(0.975; 8)/2 = 17.534546/2 = 8.7673
		const three = poissonExactCI(3);
		expect(three.lower).toBeCloseTo(0.6187, 4);
		expect(three.upper).toBeCloseTo(8.7673, 4);
		// 0 events: lower 0, upper = -ln(0.025) = 3.6889
		expect(poissonExactCI(0)).toEqual({ lower: 0, upper: expect.closeTo(3.688879, 6) });
		// 1 event: lower = -ln(0.975) = 0.0253, upper 5.5716
		expect(poissonExactCI(1).lower).toBeCloseTo(-Math.log(0.975), 10);
		expect(poissonExactCI(1).upper).toBeCloseTo(5.5716, 4);
		// 5 events: 1.6235 to 11.6683; 10 events: 4.7954 to 18.3904
		expect(poissonExactCI(5).lower).toBeCloseTo(1.6235, 4);
		expect(poissonExactCI(5).upper).toBeCloseTo(11.6683, 4);
		expect(poissonExactCI(10).lower).toBeCloseTo(4.7954, 4);
		expect(poissonExactCI(10).upper).toBeCloseTo(18.3904, 4);
	});

	it('switches from exact to Byar at 10 events', () => {
		expect(poissonCI(9)).toEqual(poissonExactCI(9));
		expect(poissonCI(10)).toEqual(byarCI(10));
	});

	it('byarRate scales counts to a rate per 100,000', () => {
		// 50 deaths in 200,000: 25.0 per 100,000, 95% 37.1081/2 = 18.55 to 65.9202/2 = 32.96
		const r = byarRate(50, 200000)!;
		expect(r.value).toBe(25);
		expect(r.lower).toBeCloseTo(18.554, 3);
		expect(r.upper).toBeCloseTo(32.96, 3);
		// 3 deaths in 50,000: 6.0 per 100,000, exact 0.6187 × 2 = 1.237 to 8.7673 × 2 = 17.535
		const small = byarRate(3, 50000)!;
		expect(small.value).toBe(6);
		expect(small.lower).toBeCloseTo(1.2373, 4);
		expect(small.upper).toBeCloseTo(17.5345, 4);
		expect(byarRate(3, 0)).toBeNull();
		expect(() => byarRate(-1, 100)).toThrow(RangeError);
	});
});

describe('Dobson directly standardised rates', () => {
	it('publishes the ESP 2013 weights summing to 100,000', () => {
		expect(ESP2013).toHaveLength(19);
		expect(ESP2013_WEIGHTS.reduce((s, w) => s + w, 0)).toBe(100000);
		expect(ESP2013[0]).toEqual({ band: '0-4', fromAge: 0, weight: 5000 });
		expect(ESP2013[18]).toEqual({ band: '90+', fromAge: 90, weight: 1000 });
	});

	it('a two-band hand calculation', () => {
		// O = (20, 30), n = (10,000, 5,000), w = (60,000, 40,000), W = 100,000
		// DSR = (60,000 × 20/10,000 + 40,000 × 30/5,000) / 100,000 = (120 + 240)/100,000 = 0.0036 = 360 per 100,000
		// var = ((60,000/10,000)² × 20 + (40,000/5,000)² × 30) / 100,000² = (720 + 1,920)/1e10 = 2.64e-7
		// O = 50, Byar limits 37.1081 and 65.9202; √(var/O) = √(5.28e-9) = 7.26636e-5
		// lower = 0.0036 + 7.26636e-5 × (37.1081 - 50) = 0.0026632 -> 266.32 per 100,000
		// upper = 0.0036 + 7.26636e-5 × (65.9202 - 50) = 0.0047568 -> 475.68 per 100,000
		const r = dobsonDsr({ counts: [20, 30], populations: [10000, 5000], weights: [60000, 40000] })!;
		expect(r.value).toBeCloseTo(360, 10);
		expect(r.lower).toBeCloseTo(266.32, 2);
		expect(r.upper).toBeCloseTo(475.68, 2);
		expect(r.count).toBe(50);
	});

	it('equals the crude rate when every band has the same rate', () => {
		// 19 bands, each 1,000 people with 2 events: the rate is 200 per 100,000 in every band, so the DSR is 200
		const counts = ESP2013.map(() => 2);
		const populations = ESP2013.map(() => 1000);
		const r = dobsonDsr({ counts, populations })!;
		expect(r.value).toBeCloseTo(200, 10);
		expect(r.lower).toBeLessThan(200);
		expect(r.upper).toBeGreaterThan(200);
	});

	it('rejects mismatched inputs and returns null with no events', () => {
		expect(() => dobsonDsr({ counts: [1, 2], populations: [10, 20] })).toThrow(RangeError);
		expect(() => dobsonDsr({ counts: [1], populations: [0], weights: [1] })).toThrow(RangeError);
		expect(dobsonDsr({ counts: [0, 0], populations: [10, 20], weights: [1, 1] })).toBeNull();
	});
});

describe('comparison with England', () => {
	const ci = { lower95: 70, upper95: 80 };
	it('higher is better', () => {
		expect(compareWithEngland({ ...ci, englandValue: 65, polarity: 'higher' })).toBe('better');
		expect(compareWithEngland({ ...ci, englandValue: 85, polarity: 'higher' })).toBe('worse');
		expect(compareWithEngland({ ...ci, englandValue: 75, polarity: 'higher' })).toBe('similar');
	});
	it('lower is better', () => {
		expect(compareWithEngland({ ...ci, englandValue: 65, polarity: 'lower' })).toBe('worse');
		expect(compareWithEngland({ ...ci, englandValue: 85, polarity: 'lower' })).toBe('better');
		expect(compareWithEngland({ ...ci, englandValue: 75, polarity: 'lower' })).toBe('similar');
	});
	it('no polarity: higher / lower only', () => {
		expect(compareWithEngland({ ...ci, englandValue: 65, polarity: 'none' })).toBe('higher');
		expect(compareWithEngland({ ...ci, englandValue: 85, polarity: 'none' })).toBe('lower');
		expect(compareWithEngland({ ...ci, englandValue: 75, polarity: 'none' })).toBe('similar');
	});
	it('an England value on the interval end counts as inside', () => {
		expect(compareWithEngland({ ...ci, englandValue: 70, polarity: 'higher' })).toBe('similar');
		expect(compareWithEngland({ ...ci, englandValue: 80, polarity: 'lower' })).toBe('similar');
	});
	it('missing inputs are not compared', () => {
		expect(compareWithEngland({ lower95: null, upper95: 80, englandValue: 50, polarity: 'higher' })).toBe(
			'not compared'
		);
		expect(compareWithEngland({ lower95: 70, upper95: null, englandValue: 50, polarity: 'lower' })).toBe(
			'not compared'
		);
		expect(compareWithEngland({ ...ci, englandValue: null, polarity: 'none' })).toBe('not compared');
		expect(compareWithEngland({ ...ci, englandValue: 50, polarity: null })).toBe('not compared');
	});
});

describe('funnel limits', () => {
	it('exact binomial for p0 = 0.85, n = 100 (hand calculation) against the normal approximation', () => {
		// Y ~ Binomial(100, 0.85): P(Y <= 77) = 0.022142, P(Y <= 78) = 0.039278, so r₀.₀₂₅ = 78 and
		//   α = (0.039278 - 0.025)/(0.039278 - 0.022142) = 0.8332, lower = (78 - 0.8332)/100 = 0.771668
		// P(Y <= 91) = 0.972524, P(Y <= 92) = 0.987835, so r₀.₉₇₅ = 92 and
		//   α = (0.987835 - 0.975)/(0.987835 - 0.972524) = 0.8383, upper = (92 - 0.8383)/100 = 0.911617
		// normal approximation: 0.85 ± 1.959964 × √(0.85 × 0.15/100) = 0.85 ± 1.959964 × 0.035707 = 0.780015 to 0.919985
		expect(binomialCdf(77, 100, 0.85)).toBeCloseTo(0.022142057, 8);
		expect(binomialCdf(92, 100, 0.85)).toBeCloseTo(0.987834808, 8);
		const exact = funnelLimits(0.85, 100, 0.95)!;
		expect(exact.lower).toBeCloseTo(0.771668, 5);
		expect(exact.upper).toBeCloseTo(0.911617, 5);
		const normal = funnelLimitsNormal(0.85, 100, 0.95)!;
		expect(normal.lower).toBeCloseTo(0.780015, 5);
		expect(normal.upper).toBeCloseTo(0.919985, 5);
		// 99.8%: r₀.₀₀₁ = 73 -> 0.725047, r₀.₉₉₉ = 95 -> 0.944903 (same steps)
		const wide = funnelLimits(0.85, 100, 0.998)!;
		expect(wide.lower).toBeCloseTo(0.725047, 5);
		expect(wide.upper).toBeCloseTo(0.944903, 5);
	});

	it('narrows monotonically as n grows and approaches the normal limits', () => {
		let prev = funnelLimits(0.85, 20, 0.95)!;
		for (const n of [50, 100, 200, 500, 1000, 5000, 20000, 100000]) {
			const cur = funnelLimits(0.85, n, 0.95)!;
			expect(cur.lower).toBeGreaterThan(prev.lower);
			expect(cur.upper).toBeLessThan(prev.upper);
			prev = cur;
		}
		const big = funnelLimits(0.85, 100000, 0.998)!;
		const bigNormal = funnelLimitsNormal(0.85, 100000, 0.998)!;
		expect(Math.abs(big.lower - bigNormal.lower)).toBeLessThan(1e-4);
		expect(Math.abs(big.upper - bigNormal.upper)).toBeLessThan(1e-4);
	});

	it('handles edge cases', () => {
		expect(funnelLimits(0.5, 0)).toBeNull();
		expect(funnelLimits(0, 100)).toEqual({ lower: 0, upper: 0 });
		const half = funnelLimits(0.85, 10.5, 0.95)!; // non-integer denominators (CWT halves) work
		expect(half.lower).toBeGreaterThan(0);
		expect(half.upper).toBeLessThanOrEqual(1);
	});
});

describe('over-dispersion (Spiegelhalter 2005)', () => {
	it('four areas, hand worked (no winsorising below 10 areas)', () => {
		// p0 = 0.5, every n = 100: s² = 0.25/100 = 0.0025, s = 0.05, w = 1/s² = 400
		// y = 0.40, 0.50, 0.60, 0.70 -> z = -2, 0, 2, 4; phi = (4 + 0 + 4 + 16)/4 = 6
		// Σw = 1,600, Σw² = 640,000, Σw²/Σw = 400, so the denominator is 1,600 - 400 = 1,200
		// tau² = (4 × 6 - 3)/1,200 = 21/1,200 = 0.0175
		const od = overdispersion(
			[40, 50, 60, 70].map((x) => ({ numerator: x, denominator: 100 })),
			0.5
		);
		expect(od.phi).toBeCloseTo(6, 12);
		expect(od.tau2).toBeCloseTo(0.0175, 12);
		expect(od.winsorised).toBe(false);
		// limits at n = 100: 0.5 ± 1.959964 × √(0.0025 + 0.0175) = 0.5 ± 1.959964 × 0.141421 = 0.222819 to 0.777181
		const lim = funnelLimitsOverdispersed(0.5, 100, 0.95, od.tau2)!;
		expect(lim.lower).toBeCloseTo(0.222819, 6);
		expect(lim.upper).toBeCloseTo(0.777181, 6);
		// tau² = 0 gives back the normal-approximation limits
		expect(funnelLimitsOverdispersed(0.5, 100, 0.95, 0)).toEqual(funnelLimitsNormal(0.5, 100, 0.95));
	});

	it('ten areas: 10% winsorising pulls in one z-score at each end', () => {
		// p0 = 0.5, n = 100, s = 0.05; numerators 35 45 45 50 50 50 55 55 55 75
		// z = -3 -1 -1 0 0 0 1 1 1 5; k = floor(0.1 × 10) = 1: -3 -> -1 (2nd smallest), 5 -> 1 (2nd largest)
		// phi = (1 + 1 + 1 + 0 + 0 + 0 + 1 + 1 + 1 + 1)/10 = 0.7 (unwinsorised it would be 39/10 = 3.9)
		// I phi - (I - 1) = 7 - 9 < 0, so tau² = 0
		const nums = [35, 45, 45, 50, 50, 50, 55, 55, 55, 75];
		const od = overdispersion(
			nums.map((x) => ({ numerator: x, denominator: 100 })),
			0.5
		);
		expect(od.phi).toBeCloseTo(0.7, 12);
		expect(od.tau2).toBe(0);
		expect(od.winsorised).toBe(true);
	});
});

describe('disclosure control', () => {
	it('counts strictly between 0 and 8 are disclosive', () => {
		expect(isDisclosive(0)).toBe(false);
		expect(isDisclosive(0.5)).toBe(true);
		expect(isDisclosive(7)).toBe(true);
		expect(isDisclosive(7.5)).toBe(true);
		expect(isDisclosive(8)).toBe(false);
		expect(isDisclosive(null)).toBe(false);
	});

	it('suppresses below national level only', () => {
		expect(withholdFigure({ numerator: 5, denominator: 100, national: false })).toBe(true);
		expect(withholdFigure({ numerator: 50, denominator: 7.5, national: false })).toBe(true);
		expect(withholdFigure({ numerator: 0, denominator: 100, national: false })).toBe(false);
		expect(withholdFigure({ numerator: 8, denominator: 9, national: false })).toBe(false);
		expect(withholdFigure({ numerator: 5, denominator: 6, national: true })).toBe(false);
	});
});

describe('rank intervals', () => {
	const items = [
		{ id: 'a', value: 90, se: 0.5 },
		{ id: 'b', value: 70, se: 3 },
		{ id: 'c', value: 71, se: 3 },
		{ id: 'd', value: 69, se: 3 }
	];

	it('is deterministic for a seed', () => {
		const one = rankIntervals(items, { seed: 42, higherIsBetter: true });
		const two = rankIntervals(items, { seed: 42, higherIsBetter: true });
		expect(one).toEqual(two);
		const seq1 = mulberry32(7);
		const seq2 = mulberry32(7);
		for (let i = 0; i < 5; i++) expect(seq1()).toBe(seq2());
	});

	it('ranks a clear winner first with a narrow interval and the close ones with wide intervals', () => {
		// 'a' is 19+ points ahead with se 0.5 against se 3: it is first in every draw
		const r = rankIntervals(items, { seed: 1, higherIsBetter: true, draws: 2000 });
		expect(r.a).toEqual({ rank: 1, lower: 1, upper: 1 });
		expect(r.c!.rank).toBe(2);
		expect(r.b!.rank).toBe(3);
		expect(r.d!.rank).toBe(4);
		for (const id of ['b', 'c', 'd']) {
			expect(r[id]!.lower).toBe(2);
			expect(r[id]!.upper).toBe(4);
		}
		// lower is better reverses the order
		const low = rankIntervals(items, { seed: 1, higherIsBetter: false });
		expect(low.a).toEqual({ rank: 4, lower: 4, upper: 4 });
	});
});

describe('gap in patients', () => {
	it('60/100 against a 75% target', () => {
		// gap = (0.75 - 0.60) × 100 = 15 patients short
		// Wilson 60/100: centre = (0.6 + 0.019207)/1.038415 = 0.596303,
		//   half = 1.887458 × √(0.0024 + 0.0000960) = 0.094298 -> 0.502003 to 0.690599
		// interval: (0.75 - 0.690599) × 100 = 5.94 to (0.75 - 0.502003) × 100 = 24.80
		const g = patientGap({ numerator: 60, denominator: 100, targetProportion: 0.75 })!;
		expect(g.value).toBeCloseTo(15, 12);
		expect(g.lower).toBeCloseTo(5.94, 2);
		expect(g.upper).toBeCloseTo(24.8, 2);
		// an area above the target has a negative gap
		expect(patientGap({ numerator: 90, denominator: 100, targetProportion: 0.75 })!.value).toBeCloseTo(-15, 12);
		expect(patientGap({ numerator: 0, denominator: 0, targetProportion: 0.75 })).toBeNull();
	});
});

describe('trend test (chi-square for trend)', () => {
	it('finds an obviously increasing series significant', () => {
		// 10, 20, 30, 40, 50 out of 100 each, t = 0..4: N = 500, p̄ = 0.3, t̄ = 2, Sxx = 100 × (4 + 1 + 0 + 1 + 4) = 1,000
		// Σ(x - n p̄)(t - t̄) = (-20)(-2) + (-10)(-1) + 0 + (10)(1) + (20)(2) = 100, slope = 100/1,000 = 0.1 per period
		// se = √(0.3 × 0.7/1,000) = 0.0144914, z = 6.9007, p ≈ 5.2e-12
		const t = trendTest([10, 20, 30, 40, 50].map((x) => ({ numerator: x, denominator: 100 })))!;
		expect(t.slopePerPeriod).toBeCloseTo(0.1, 12);
		expect(t.z).toBeCloseTo(6.9007, 4);
		expect(t.p).toBeLessThan(1e-10);
		expect(t.significant).toBe(true);
	});

	it('finds a flat series not significant', () => {
		// 30, 32, 28, 31, 29 out of 100: Σ(x - 30)(t - 2) = 0 + (2)(-1) + 0 + (1)(1) + (-1)(2) = -3
		// slope = -0.003, z = -3/√(0.21 × 1,000) = -0.2070, p = 0.836
		const t = trendTest([30, 32, 28, 31, 29].map((x) => ({ numerator: x, denominator: 100 })))!;
		expect(t.slopePerPeriod).toBeCloseTo(-0.003, 12);
		expect(t.z).toBeCloseTo(-0.207, 3);
		expect(t.p).toBeCloseTo(0.836, 3);
		expect(t.significant).toBe(false);
		const constant = trendTest([30, 30, 30, 30, 30].map((x) => ({ numerator: x, denominator: 100 })))!;
		expect(constant.z).toBe(0);
		expect(constant.significant).toBe(false);
	});

	it('needs at least five points', () => {
		expect(trendTest([10, 20, 30, 40].map((x) => ({ numerator: x, denominator: 100 })))).toBeNull();
		expect(trendTest([10, 20, 30, 40, 0].map((x, i) => ({ numerator: x, denominator: i === 4 ? 0 : 100 })))).toBeNull();
	});
});
