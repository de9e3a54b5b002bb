/**
 * One indicator's latest figure for one area, against England: what the area page's sentences and the letter to an MP
 * are written from, and the tone each takes. Pure and browser-safe.
 */
import type { Basis, Comparison, Indicator } from '../data/contract';
import type { OutsideShare } from '../data/counting';
import type { Figure } from '../data/series';
import { published } from './text';

export interface IndicatorFact {
	/** From the indicators table (unit, polarity, standard, source, publisher). */
	indicator: Indicator;
	basis: Basis;
	/** E.g. "September 2025", "2022". */
	period_label: string;
	/** The area's figure; null when it is not published for this area. */
	area: Figure | null;
	england: Figure | null;
	/**
	 * Constituencies whose residents here are counted in another alliance's figure on this measure (absent or empty:
	 * none): waiting times count by ICB and screening by Sub-ICB, each in its majority alliance (data/counting.ts).
	 */
	outside?: OutsideShare[];
}

export type FactTone = 'better' | 'worse' | 'similar' | 'neutral' | 'missing';

/** The tone of a fact: the published comparison, with any direction dropped for an indicator that has none. */
export function toneOf(fact: IndicatorFact): FactTone {
	if (!published(fact.area)) return 'missing';
	const c: Comparison = fact.area.comparison;
	if (c === 'similar') return 'similar';
	if ((c === 'better' || c === 'worse') && fact.indicator.polarity !== 'none') return c;
	return 'neutral';
}
