/**
 * Directly age-standardised rates (DSR) with Dobson's confidence interval (A. J. Dobson, K. Kuulasmaa, E. Eberle,
 * J. Scherer, "Confidence intervals for weighted sums of Poisson parameters", Statistics in Medicine 10 (1991)
 * 457-462), as in the PHE/OHID technical guidance and PHEindicatormethods::calculate_dsr.
 *
 * For age bands i with counts O_i, populations n_i and standard-population weights w_i (W = Σ w_i):
 *   DSR        = Σ w_i O_i / n_i / W                      (× perN)
 *   var(DSR)   = Σ (w_i / n_i)² O_i / W²
 *   O          = Σ O_i, with limits (O_L, O_U) from `poissonCI` (Byar for O >= 10, exact Poisson below)
 *   lower      = DSR + sqrt(var(DSR) / O) × (O_L - O)
 *   upper      = DSR + sqrt(var(DSR) / O) × (O_U - O)
 * PHE do not publish a DSR from fewer than 10 events; `count` is returned so callers can apply that rule.
 * A band with no population must have no events (its rate counts as 0); otherwise a RangeError is thrown.
 */
import { poissonCI } from './byar';
import type { Estimate } from './types';

export interface StandardBand {
	/** The age band's label, e.g. '0-4' or '90+'. */
	band: string;
	/** The first year of age in the band. */
	fromAge: number;
	weight: number;
}

/** The European Standard Population 2013 (Eurostat 2013), 5-year bands to 90+; the weights sum to 100,000. */
export const ESP2013: readonly StandardBand[] = [
	{ band: '0-4', fromAge: 0, weight: 5000 },
	{ band: '5-9', fromAge: 5, weight: 5500 },
	{ band: '10-14', fromAge: 10, weight: 5500 },
	{ band: '15-19', fromAge: 15, weight: 5500 },
	{ band: '20-24', fromAge: 20, weight: 6000 },
	{ band: '25-29', fromAge: 25, weight: 6000 },
	{ band: '30-34', fromAge: 30, weight: 6500 },
	{ band: '35-39', fromAge: 35, weight: 7000 },
	{ band: '40-44', fromAge: 40, weight: 7000 },
	{ band: '45-49', fromAge: 45, weight: 7000 },
	{ band: '50-54', fromAge: 50, weight: 7000 },
	{ band: '55-59', fromAge: 55, weight: 6500 },
	{ band: '60-64', fromAge: 60, weight: 6000 },
	{ band: '65-69', fromAge: 65, weight: 5500 },
	{ band: '70-74', fromAge: 70, weight: 5000 },
	{ band: '75-79', fromAge: 75, weight: 4000 },
	{ band: '80-84', fromAge: 80, weight: 2500 },
	{ band: '85-89', fromAge: 85, weight: 1500 },
	{ band: '90+', fromAge: 90, weight: 1000 }
];

/** The ESP 2013 weights alone, in band order (0-4 ... 90+). */
export const ESP2013_WEIGHTS: readonly number[] = ESP2013.map((b) => b.weight);

export interface DsrInput {
	/** Events per age band. */
	counts: readonly number[];
	/** Population per age band (person-years). */
	populations: readonly number[];
	/** Standard population weight per age band; defaults to ESP2013_WEIGHTS (19 bands). */
	weights?: readonly number[];
}

export interface DsrResult extends Estimate {
	/** Total events Σ O_i (PHE suppress DSRs from fewer than 10). */
	count: number;
}

/**
 * A directly age-standardised rate per `perN` with Dobson's interval; null when there are no events (the interval is
 * then undefined) or no population at all.
 */
export function dobsonDsr(input: DsrInput, level = 0.95, perN = 100000): DsrResult | null {
	const { counts, populations } = input;
	const weights = input.weights ?? ESP2013_WEIGHTS;
	if (counts.length !== populations.length || counts.length !== weights.length) {
		throw new RangeError(
			`dobsonDsr: counts (${counts.length}), populations (${populations.length}) and weights (${weights.length}) must have the same length`
		);
	}
	let totalWeight = 0;
	let weightedRate = 0;
	let variance = 0;
	let count = 0;
	let population = 0;
	for (let i = 0; i < counts.length; i++) {
		const o = counts[i] as number;
		const n = populations[i] as number;
		const w = weights[i] as number;
		if (!(o >= 0) || !(n >= 0) || !(w >= 0)) throw new RangeError(`dobsonDsr: negative or missing value in band ${i}`);
		totalWeight += w;
		count += o;
		population += n;
		if (n === 0) {
			if (o > 0) throw new RangeError(`dobsonDsr: band ${i} has ${o} events but no population`);
			continue;
		}
		weightedRate += (w * o) / n;
		variance += (w / n) * (w / n) * o;
	}
	if (count === 0 || population === 0 || totalWeight === 0) return null;
	const dsr = weightedRate / totalWeight;
	const varDsr = variance / (totalWeight * totalWeight);
	const ci = poissonCI(count, level);
	const k = Math.sqrt(varDsr / count);
	return {
		value: dsr * perN,
		lower: Math.max(0, dsr + k * (ci.lower - count)) * perN,
		upper: (dsr + k * (ci.upper - count)) * perN,
		count
	};
}
