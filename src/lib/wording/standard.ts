/**
 * An indicator's standard in words and numbers: one NHS operational standard, or a programme's two thresholds
 * (acceptable and achievable, as breast screening coverage has). Shared by the area page and the letter to an MP.
 */
import type { IndicatorFact } from './fact';
import { has, isEngland, num, published, standardError, standardText } from './text';

/** Whether a value meets a bar in the indicator's direction (at least, for higher-is-better; at most, for lower). */
function meetsBar(fact: IndicatorFact, value: number, bar: number): boolean {
	return fact.indicator.polarity === 'higher' ? value >= bar : value <= bar;
}

/**
 * How far the area falls short of its standard (the acceptable level, where there are two), in standard errors, when
 * its whole 95% interval lies on the wrong side of it, so that the shortfall is more than chance. 0 otherwise.
 */
export function standardShortfall(fact: IndicatorFact): number {
	const { standard, polarity } = fact.indicator;
	const a = fact.area;
	if (!has(standard) || polarity === 'none' || !published(a)) return 0;
	const se = standardError(a);
	if (se === null) return 0;
	const short = polarity === 'higher' ? a.upper95! < standard : a.lower95! > standard;
	if (!short) return 0;
	return se > 0 ? Math.abs(standard - a.value) / se : Number.POSITIVE_INFINITY;
}

/** Whether the area's figure meets its standard (the acceptable level, where there are two); null without one. */
export function meetsStandard(fact: IndicatorFact): boolean | null {
	const { standard, polarity } = fact.indicator;
	if (!has(standard) || polarity === 'none' || !published(fact.area)) return null;
	return meetsBar(fact, fact.area.value, standard);
}

/** Two thresholds (acceptable and achievable): which of them the area, and England, reached. */
function levelsSentence(areaName: string, fact: IndicatorFact, acceptable: number, achievable: number): string {
	const { polarity, unit } = fact.indicator;
	const reached = (v: number) =>
		meetsBar(fact, v, achievable)
			? 'reached both'
			: meetsBar(fact, v, acceptable)
				? 'reached the acceptable level but not the achievable one'
				: 'reached neither';
	const bound = polarity === 'higher' ? 'at least' : 'at most';
	const lead = `The programme's thresholds are ${bound} ${standardText(acceptable, unit)} (acceptable) and ${bound} ${standardText(achievable, unit)} (achievable)`;
	const a = fact.area!.value!;
	if (isEngland(areaName)) return `${lead}; England as a whole ${reached(a)}.`;
	const england = published(fact.england) ? `; England as a whole ${reached(fact.england.value)}` : '';
	return `${lead}; ${areaName} ${reached(a)}${england}.`;
}

/** A figure that misses the standard but rounds onto it: " (at 84.96%, just short)", so the miss can be seen. */
function justShortOf(fact: IndicatorFact, standard: number, dp: number): (v: number) => string {
	const meets = (v: number) => meetsBar(fact, v, standard);
	return (v) => {
		if (meets(v) || !meets(Number(v.toFixed(dp)))) return '';
		let d = dp + 1;
		while (d < 4 && meets(Number(v.toFixed(d)))) d++;
		return ` (at ${num(v, d, fact.indicator.unit)}, just short)`;
	};
}

/** "The NHS operational standard is at least 85%; Kent and Medway did not meet it, ..." (empty without a standard). */
export function standardSentence(areaName: string, fact: IndicatorFact, dp: number): string {
	const { standard, polarity, unit } = fact.indicator;
	if (!has(standard) || polarity === 'none' || !published(fact.area)) return '';
	if (has(fact.indicator.achievable)) return levelsSentence(areaName, fact, standard, fact.indicator.achievable);
	const meets = (v: number) => meetsBar(fact, v, standard);
	const justShort = justShortOf(fact, standard, dp);
	const lead = `The NHS operational standard is ${polarity === 'higher' ? 'at least' : 'at most'} ${standardText(standard, unit)}`;
	const a = fact.area.value;
	const areaMet = meets(a);
	if (isEngland(areaName))
		return `${lead}; England as a whole ${areaMet ? 'met it' : `did not meet it${justShort(a)}`}.`;
	if (!published(fact.england)) return `${lead}; ${areaName} ${areaMet ? 'met it' : `did not meet it${justShort(a)}`}.`;
	const e = fact.england.value;
	const engMet = meets(e);
	if (areaMet && engMet) return `${lead}; ${areaName} met it, as did England as a whole.`;
	if (areaMet) return `${lead}; ${areaName} met it, though England as a whole did not${justShort(e)}.`;
	if (engMet) return `${lead}; ${areaName} did not meet it${justShort(a)}, though England as a whole did.`;
	return `${lead}; neither ${areaName}${justShort(a)} nor England as a whole${justShort(e)} met it.`;
}

/**
 * The same facts in one short sentence about an area, for the letter: "It did not meet the NHS standard of at least
 * 85%, nor did England as a whole." A programme's two thresholds: which of them the area reached.
 */
export function standardBrief(fact: IndicatorFact, dp: number): string {
	const { standard, polarity, unit, achievable } = fact.indicator;
	if (!has(standard) || polarity === 'none' || !published(fact.area)) return '';
	const bound = polarity === 'higher' ? 'at least' : 'at most';
	const a = fact.area.value;
	if (has(achievable)) {
		const acceptable = `the programme's acceptable level (${bound} ${standardText(standard, unit)})`;
		const top = `its achievable level (${bound} ${standardText(achievable, unit)})`;
		if (meetsBar(fact, a, achievable)) return `It reached both ${acceptable} and ${top}.`;
		if (meetsBar(fact, a, standard)) return `It reached ${acceptable} but not ${top}.`;
		return `It reached neither ${acceptable} nor ${top}.`;
	}
	const justShort = justShortOf(fact, standard, dp);
	const met = meetsBar(fact, a, standard);
	const lead = `It ${met ? 'met' : 'did not meet'} the NHS standard of ${bound} ${standardText(standard, unit)}${met ? '' : justShort(a)}`;
	if (!published(fact.england)) return `${lead}.`;
	const e = fact.england.value;
	const engMet = meetsBar(fact, e, standard);
	if (met === engMet) return `${lead}, ${met ? 'as did' : 'nor did'} England as a whole${engMet ? '' : justShort(e)}.`;
	return `${lead}, though England as a whole ${engMet ? 'did' : `did not${justShort(e)}`}.`;
}
