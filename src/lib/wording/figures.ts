/**
 * Plain-English sentences about one area's figures, for the area page and the letter to an MP. Pure and browser-safe.
 *
 * Honesty rules (DESIGN.md, Statistics rules): the words "significantly better / worse than England" appear only when
 * the published comparison is 'better' / 'worse' (England's value outside the area's 95% interval, on an indicator
 * with a direction). 'similar' is explained as a difference chance alone could produce; an indicator with no direction
 * is only ever "higher" or "lower"; suppressed and missing figures say why there is no number.
 */
import { labelWithRelease } from '../data/release';
import type { Basis, Indicator } from '../data/contract';
import type { Figure } from '../data/series';
import { formatCount } from '../format';
import { LIST_SIZE_MONTH } from '../screening/estimate';
import { toneOf, type IndicatorFact } from './fact';
import { standardSentence } from './standard';
import { capitalise, has, isEngland, num, published, standardError } from './text';

export { toneOf, type FactTone, type IndicatorFact } from './fact';
export type { OutsideShare } from '../data/counting';
export { Z95 } from './text';

// ---------------------------------------------------------------------------------------------------------------
// What each indicator measures, in words

/** Who the figure is about: where they live (commissioner, registry) or where they were seen (provider). */
function people(noun: string, basis: Basis, area: string): string {
	if (isEngland(area)) return `${noun} in England`;
	return basis === 'provider' ? `${noun} seen by hospitals in ${area}` : `${noun} living in ${area}`;
}

export interface Wording {
	/** A noun phrase for "the <period> figure for <topic>". */
	topic: string;
	/** A short name for lists: "significantly better on 2 (31-day treatment and screening coverage)". */
	label: string;
	/** The main clause, e.g. "84.8% of people ... were told within 28 days"; `v` is the formatted value (with counts). */
	clause: (v: string, basis: Basis, area: string) => string;
	/** A short sentence that helps read the figure, after the comparison. */
	note?: string;
	/** How the counts read, where the default "(n of d)" would mislead (e.g. estimated counts). */
	counts?: (numerator: number, denominator: number) => string;
	/** What the interval allows for, where it is more than chance (an estimate's own error). */
	uncertainty?: string;
}

const WORDING: Record<string, Wording> = {
	fds_breast_suspected: {
		topic: 'people with suspected breast cancer told within 28 days whether they have cancer',
		label: '28-day diagnosis after urgent referral',
		clause: (v, b, a) =>
			`${v} of ${people('people', b, a)} who were urgently referred with suspected breast cancer were told within 28 days whether they had cancer`
	},
	fds_breast_symptomatic: {
		topic: 'people with breast symptoms (cancer not suspected) told within 28 days whether they have cancer',
		label: '28-day diagnosis for breast symptoms',
		clause: (v, b, a) =>
			`${v} of ${people('people', b, a)} who were referred with breast symptoms, where cancer was not suspected at first, were told within 28 days whether they had cancer`
	},
	cwt31_breast: {
		topic: 'breast cancer treatments started within 31 days of the decision to treat',
		label: '31-day treatment',
		clause: (v, b, a) =>
			`${v} of breast cancer treatments for ${people('people', b, a)} started within 31 days of the decision to treat`
	},
	cwt62_breast: {
		topic: 'people with breast cancer who started treatment within 62 days of referral',
		label: '62-day treatment',
		clause: (v, b, a) =>
			`${v} of ${people('people with breast cancer', b, a)} started their first treatment within 62 days of being referred`
	},
	breast_symptomatic_14d: {
		topic: 'people with urgent breast symptoms seen by a specialist within 14 days',
		label: '14-day specialist appointments',
		clause: (v, b, a) =>
			`${v} of ${people('people', b, a)} who were urgently referred with breast symptoms (cancer not suspected) saw a specialist within 14 days`
	},
	stage12_breast: {
		topic: 'breast cancers diagnosed at an early stage (of those whose stage was recorded)',
		label: 'early diagnosis',
		clause: (v, b, a) =>
			`${v} of the breast cancers whose stage was recorded, in ${people('people', b, a)}, were diagnosed at an early stage (stage 1 or 2)`,
		note: 'The figure is not adjusted for age.'
	},
	stage_completeness_breast: {
		topic: 'breast cancers with their stage recorded',
		label: 'stage recording',
		clause: (v, b, a) => `${v} of breast cancers diagnosed in ${people('people', b, a)} had their stage recorded`,
		note: 'This shows how completely hospitals record their data in the national cancer dataset (COSD).'
	},
	mortality_breast_asr: {
		topic: 'the breast cancer death rate (adjusted for age)',
		label: 'the age-adjusted death rate',
		clause: (v, b, a) => `the breast cancer death rate among ${people('women', b, a)} was ${v} once adjusted for age`
	},
	mortality_breast_crude: {
		topic: 'the breast cancer death rate (not adjusted for age)',
		label: 'the crude death rate',
		clause: (v, b, a) => `the breast cancer death rate among ${people('women', b, a)} was ${v}, not adjusted for age`
	},
	screening_breast_coverage: {
		topic: 'women aged 53 to 70 screened for breast cancer in the previous three years',
		label: 'screening coverage',
		clause: (v, _b, a) =>
			`an estimated ${v} of women aged 53 to 70 registered with GP practices ${isEngland(a) ? 'in England' : `in ${a}`} had been screened for breast cancer in the previous three years`,
		note: `The figure is estimated from each practice's published percentage and its registered women aged 53 to 70 (GP list sizes of ${LIST_SIZE_MONTH}).`,
		counts: (n, d) => ` (about ${formatCount(Math.round(n))} of ${formatCount(d)} women)`,
		uncertainty: "chance and the estimate's own error"
	}
};

/** Wording for an indicator this module does not know (e.g. an analyst's own `cosd_*`): built from its name. */
function fallbackWording(indicator: Indicator): Wording {
	const name = indicator.name.trim() || indicator.id;
	return {
		topic: `“${name}”`,
		label: `“${name}”`,
		clause: (v, _b, a) => `the figure for “${name}” in ${a} was ${v}`
	};
}

export function wordingFor(indicator: Indicator): Wording {
	return WORDING[indicator.id] ?? fallbackWording(indicator);
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/**
 * Decimal places for one fact: one, unless rounding would make England's value look equal to an end of the area's
 * interval when the comparison says England lies outside it (then two, or three).
 */
export function decimals(fact: IndicatorFact): number {
	const a = fact.area;
	const e = fact.england?.value;
	if (!a || !has(e) || !has(a.lower95) || !has(a.upper95)) return 1;
	if (a.comparison === 'similar' || a.comparison === 'not compared') return 1;
	const unit = fact.indicator.unit;
	let dp = 1;
	while (dp < 3 && (num(e, dp, unit) === num(a.lower95, dp, unit) || num(e, dp, unit) === num(a.upper95, dp, unit)))
		dp++;
	return dp;
}

/** How far England lies from the area's value, in standard errors (0 when it cannot be said). */
export function strength(fact: IndicatorFact): number {
	const a = fact.area;
	const e = fact.england?.value;
	const se = standardError(a);
	if (!a || !has(a.value) || !has(e) || se === null) return 0;
	return se > 0 ? Math.abs(a.value - e) / se : Number.POSITIVE_INFINITY;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

function englandClause(fact: IndicatorFact, dp: number): string {
	const e = fact.england;
	return published(e) ? `England's figure was ${num(e.value, dp, fact.indicator.unit)}.` : '';
}

function missingSentence(areaName: string, fact: IndicatorFact): string {
	const { topic } = wordingFor(fact.indicator);
	const period = fact.period_label;
	const first =
		fact.area?.suppressed === true
			? `For ${areaName}, the ${period} figure for ${topic} is not shown because the numbers are small enough to risk identifying patients.`
			: `The ${period} figure for ${topic} is not published for this area (${areaName}).`;
	return [first, englandClause(fact, 1)].filter(Boolean).join(' ');
}

function comparisonSentence(areaName: string, fact: IndicatorFact, dp: number): string {
	const a = fact.area as Figure & { value: number };
	const unit = fact.indicator.unit;
	const e = fact.england;
	const hasInterval = has(a.lower95) && has(a.upper95);
	const uncertainty = wordingFor(fact.indicator).uncertainty;
	// "between 81.8% and 84.8%"; "between 33.9 and 71.7 per 100,000" (the unit once).
	const range = !hasInterval
		? ''
		: unit === '%'
			? `between ${num(a.lower95!, dp, unit)} and ${num(a.upper95!, dp, unit)}`
			: `between ${a.lower95!.toFixed(dp)} and ${num(a.upper95!, dp, unit)}`;
	const tone = toneOf(fact);
	if (tone === 'better' || tone === 'worse') {
		const side = published(e) && e.value > a.value ? 'below' : 'above';
		const eng = published(e) ? ` England's ${num(e.value, dp, unit)}` : ' England';
		return hasInterval
			? `That is significantly ${tone} than England: allowing for ${uncertainty ?? 'chance'}, the true figure for ${areaName} is likely to be ${range}, entirely ${side}${eng}.`
			: `That is significantly ${tone} than England.`;
	}
	if (tone === 'similar') {
		const within = uncertainty ? `what ${uncertainty} could produce` : 'what chance alone could produce';
		return `That is similar to England: the difference is within ${within}${hasInterval ? ` (the true figure is likely to be ${range})` : ''}.`;
	}
	const c = a.comparison;
	if (c !== 'not compared' && published(e)) {
		// 'higher' / 'lower', or better / worse on an indicator without a direction: say which way, without judgement.
		const dir = c === 'higher' || c === 'lower' ? c : a.value > e.value ? 'higher' : 'lower';
		const judgement =
			fact.indicator.polarity === 'none'
				? ' On this measure a higher or lower figure is not in itself better or worse.'
				: '';
		return `That is ${dir} than England, by more than ${uncertainty ?? 'chance alone'} would explain${hasInterval ? ` (the true figure is likely to be ${range})` : ''}.${judgement}`;
	}
	return `No test against England's figure is available for this one.`;
}

/**
 * The figure itself, as the area page and the letter both state it: "In September 2025, 82.2% (1,596 of 1,942) of
 * people living in Kent and Medway who were ... within 28 days whether they had cancer, against 84.8% for England".
 * Empty where the area has no published figure.
 */
export function figureClause(areaName: string, fact: IndicatorFact, dp = decimals(fact)): string {
	if (!published(fact.area)) return '';
	const a = fact.area;
	const unit = fact.indicator.unit;
	const wording = wordingFor(fact.indicator);
	const counts =
		unit === '%' && has(a.numerator) && has(a.denominator)
			? (wording.counts?.(a.numerator, a.denominator) ??
				` (${formatCount(a.numerator)} of ${formatCount(a.denominator)})`)
			: '';
	const main = wording.clause(`${num(a.value, dp, unit)}${counts}`, fact.basis, areaName);
	const against =
		!isEngland(areaName) && published(fact.england) ? `, against ${num(fact.england.value, dp, unit)} for England` : '';
	// A provisional or revised figure says so with its period, wherever it is quoted (the area page and the letter).
	const period = a.release ? labelWithRelease(fact.period_label, a.release) : fact.period_label;
	return capitalise(`in ${period}, ${main}${against}`);
}

/** One or a few sentences on one indicator for one area: value, period, England, the comparison and the standard. */
export function describeFact(areaName: string, fact: IndicatorFact): string {
	if (!published(fact.area)) return missingSentence(areaName, fact);
	const dp = decimals(fact);
	const parts = [`${figureClause(areaName, fact, dp)}.`];
	if (!isEngland(areaName)) parts.push(comparisonSentence(areaName, fact, dp));
	parts.push(wordingFor(fact.indicator).note ?? '');
	parts.push(standardSentence(areaName, fact, dp));
	return parts.filter(Boolean).join(' ');
}
