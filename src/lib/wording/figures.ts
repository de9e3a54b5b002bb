/**
 * Plain-English sentences about one area's figures, for the area page and the letter to an MP. Pure and browser-safe.
 *
 * Honesty rules (DESIGN.md, Statistics rules): the words "significantly better / worse than England" appear only when
 * the published comparison is 'better' / 'worse' (England's value outside the area's 95% interval, on an indicator
 * with a direction). 'similar' is explained as a difference chance alone could produce; an indicator with no direction
 * is only ever "higher" or "lower"; suppressed and missing figures say why there is no number.
 */
import type { Basis, Comparison, Indicator, Unit } from '../data/contract';
import type { Figure } from '../data/series';
import { formatCount } from '../format';
import { LIST_SIZE_MONTH } from '../screening/estimate';

export interface IndicatorFact {
	/** From the indicators table (unit, polarity, standard, source, publisher). */
	indicator: Indicator;
	basis: Basis;
	/** E.g. "September 2025", "2022". */
	period_label: string;
	/** The area's figure; null when it is not published for this area. */
	area: Figure | null;
	england: Figure | null;
}

export type FactTone = 'better' | 'worse' | 'similar' | 'neutral' | 'missing';

export interface FactSentence {
	indicator_id: string;
	text: string;
	tone: FactTone;
}

export interface AreaSummary {
	headline: string;
	sentences: FactSentence[];
}

/** z for a two-sided 95% interval: se = (upper - lower) / (2 × Z95). */
export const Z95 = 1.959964;

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
	/** The main clause, e.g. "84.8% of people ... were told within 28 days"; `v` is the formatted value (with counts). */
	clause: (v: string, basis: Basis, area: string) => string;
	/** A short sentence that helps read the figure, after the comparison. */
	note?: string;
	/** How the counts read, where the default "(n of d)" would mislead (e.g. estimated counts). */
	counts?: (numerator: number, denominator: number) => string;
}

const WORDING: Record<string, Wording> = {
	fds_breast_suspected: {
		topic: 'people with suspected breast cancer told within 28 days whether they have cancer',
		clause: (v, b, a) =>
			`${v} of ${people('people', b, a)} who were urgently referred with suspected breast cancer were told within 28 days whether they had cancer`
	},
	fds_breast_symptomatic: {
		topic: 'people with breast symptoms (cancer not suspected) told within 28 days whether they have cancer',
		clause: (v, b, a) =>
			`${v} of ${people('people', b, a)} who were referred with breast symptoms, where cancer was not suspected at first, were told within 28 days whether they had cancer`
	},
	cwt31_breast: {
		topic: 'breast cancer treatments started within 31 days of the decision to treat',
		clause: (v, b, a) =>
			`${v} of breast cancer treatments for ${people('people', b, a)} started within 31 days of the decision to treat`
	},
	cwt62_breast: {
		topic: 'people with breast cancer who started treatment within 62 days of referral',
		clause: (v, b, a) =>
			`${v} of ${people('people with breast cancer', b, a)} started their first treatment within 62 days of being referred`
	},
	breast_symptomatic_14d: {
		topic: 'people with urgent breast symptoms seen by a specialist within 14 days',
		clause: (v, b, a) =>
			`${v} of ${people('people', b, a)} who were urgently referred with breast symptoms (cancer not suspected) saw a specialist within 14 days`
	},
	stage12_breast: {
		topic: 'breast cancers diagnosed at an early stage',
		clause: (v, b, a) =>
			`${v} of breast cancers in ${people('people', b, a)} were diagnosed at an early stage (stage 1 or 2)`,
		note: 'Only cancers with a recorded stage count here, and the figure is not adjusted for age.'
	},
	stage_completeness_breast: {
		topic: 'breast cancers with their stage recorded',
		clause: (v, b, a) => `${v} of breast cancers diagnosed in ${people('people', b, a)} had their stage recorded`,
		note: 'This shows how completely hospitals record their data in the national cancer dataset (COSD).'
	},
	mortality_breast_asr: {
		topic: 'the breast cancer death rate (adjusted for age)',
		clause: (v, b, a) => `the breast cancer death rate among ${people('women', b, a)} was ${v} once adjusted for age`
	},
	mortality_breast_crude: {
		topic: 'the breast cancer death rate (not adjusted for age)',
		clause: (v, b, a) => `the breast cancer death rate among ${people('women', b, a)} was ${v}, not adjusted for age`
	},
	screening_breast_coverage: {
		topic: 'women aged 53 to 70 screened for breast cancer in the previous three years',
		clause: (v, _b, a) =>
			`an estimated ${v} of women aged 53 to 70 registered with GP practices ${isEngland(a) ? 'in England' : `in ${a}`} had been screened for breast cancer in the previous three years`,
		note: `The figure is estimated from each practice's published percentage and its registered women aged 53 to 70 (GP list sizes of ${LIST_SIZE_MONTH}).`,
		counts: (n, d) => ` (about ${formatCount(Math.round(n))} of ${formatCount(d)} women)`
	}
};

/** Wording for an indicator this module does not know (e.g. an analyst's own `cosd_*`): built from its name. */
function fallbackWording(indicator: Indicator): Wording {
	const name = indicator.name.trim() || indicator.id;
	return {
		topic: `“${name}”`,
		clause: (v, _b, a) => `the figure for “${name}” in ${a} was ${v}`
	};
}

export function wordingFor(indicator: Indicator): Wording {
	return WORDING[indicator.id] ?? fallbackWording(indicator);
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

function isEngland(areaName: string): boolean {
	return areaName.trim().toLowerCase() === 'england';
}

function num(x: number, dp: number, unit: Unit): string {
	const s = x.toFixed(dp);
	if (unit === '%') return `${s}%`;
	return unit === 'per 100,000' ? `${s} per 100,000` : s;
}

/** The operational standard as written in a sentence: "85%", "12.5 per 100,000". */
function standardText(x: number, unit: Unit): string {
	const s = Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
	if (unit === '%') return `${s}%`;
	return unit === 'per 100,000' ? `${s} per 100,000` : s;
}

/** A number present and finite. */
const has = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** Figure usable as a number: present, not suppressed, with a value. */
function published(f: Figure | null): f is Figure & { value: number } {
	return f !== null && !f.suppressed && has(f.value);
}

/**
 * Decimal places for one fact: one, unless rounding would make England's value look equal to an end of the area's
 * interval when the comparison says England lies outside it (then two, or three).
 */
function decimals(fact: IndicatorFact): number {
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

// ---------------------------------------------------------------------------------------------------------------
// Classification

/** The tone of a fact: the published comparison, with any direction dropped for an indicator that has none. */
export function toneOf(fact: IndicatorFact): FactTone {
	if (!published(fact.area)) return 'missing';
	const c: Comparison = fact.area.comparison;
	if (c === 'similar') return 'similar';
	if ((c === 'better' || c === 'worse') && fact.indicator.polarity !== 'none') return c;
	return 'neutral';
}

/** How far England lies from the area's value, in standard errors (0 when it cannot be said). */
function strength(fact: IndicatorFact): number {
	const a = fact.area;
	const e = fact.england?.value;
	if (!a || !has(a.value) || !has(e) || !has(a.lower95) || !has(a.upper95)) return 0;
	const se = (a.upper95 - a.lower95) / (2 * Z95);
	return se > 0 ? Math.abs(a.value - e) / se : Number.POSITIVE_INFINITY;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

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
			? `That is significantly ${tone} than England: allowing for chance, the true figure for ${areaName} is likely to be ${range}, entirely ${side}${eng}.`
			: `That is significantly ${tone} than England.`;
	}
	if (tone === 'similar') {
		return `That is similar to England: the difference is within what chance alone could produce${hasInterval ? ` (the true figure is likely to be ${range})` : ''}.`;
	}
	const c = a.comparison;
	if (c !== 'not compared' && published(e)) {
		// 'higher' / 'lower', or better / worse on an indicator without a direction: say which way, without judgement.
		const dir = c === 'higher' || c === 'lower' ? c : a.value > e.value ? 'higher' : 'lower';
		const judgement =
			fact.indicator.polarity === 'none'
				? ' On this measure a higher or lower figure is not in itself better or worse.'
				: '';
		return `That is ${dir} than England, by more than chance alone would explain${hasInterval ? ` (the true figure is likely to be ${range})` : ''}.${judgement}`;
	}
	return `No test against England's figure is available for this one.`;
}

/** Two thresholds (acceptable and achievable): which of them the area, and England, reached. */
function levelsSentence(areaName: string, fact: IndicatorFact, acceptable: number, achievable: number): string {
	const { polarity, unit } = fact.indicator;
	const meets = (v: number, bar: number) => (polarity === 'higher' ? v >= bar : v <= bar);
	const reached = (v: number) =>
		meets(v, achievable)
			? 'reached both'
			: meets(v, acceptable)
				? 'reached the acceptable level but not the achievable one'
				: 'reached neither';
	const bound = polarity === 'higher' ? 'at least' : 'at most';
	const lead = `The programme's thresholds are ${bound} ${standardText(acceptable, unit)} (acceptable) and ${bound} ${standardText(achievable, unit)} (achievable)`;
	const a = (fact.area as Figure & { value: number }).value;
	if (isEngland(areaName)) return `${lead}; England as a whole ${reached(a)}.`;
	const england = published(fact.england) ? `; England as a whole ${reached(fact.england.value)}` : '';
	return `${lead}; ${areaName} ${reached(a)}${england}.`;
}

function standardSentence(areaName: string, fact: IndicatorFact, dp: number): string {
	const { standard, polarity, unit } = fact.indicator;
	if (!has(standard) || polarity === 'none' || !published(fact.area)) return '';
	if (has(fact.indicator.achievable)) return levelsSentence(areaName, fact, standard, fact.indicator.achievable);
	const meets = (v: number) => (polarity === 'higher' ? v >= standard : v <= standard);
	/** A figure that misses the standard but rounds onto it: show enough decimals to see the miss. */
	const justShort = (v: number): string => {
		if (meets(v) || !meets(Number(v.toFixed(dp)))) return '';
		let d = dp + 1;
		while (d < 4 && meets(Number(v.toFixed(d)))) d++;
		return ` (at ${num(v, d, unit)}, just short)`;
	};
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

/** One or a few sentences on one indicator for one area: value, period, England, the comparison and the standard. */
export function describeFact(areaName: string, fact: IndicatorFact): string {
	if (!published(fact.area)) return missingSentence(areaName, fact);
	const a = fact.area;
	const unit = fact.indicator.unit;
	const dp = decimals(fact);
	const wording = wordingFor(fact.indicator);
	const counts =
		unit === '%' && has(a.numerator) && has(a.denominator)
			? (wording.counts?.(a.numerator, a.denominator) ??
				` (${formatCount(a.numerator)} of ${formatCount(a.denominator)})`)
			: '';
	const value = `${num(a.value, dp, unit)}${counts}`;
	const main = wording.clause(value, fact.basis, areaName);
	const england = isEngland(areaName);
	const against =
		!england && published(fact.england) ? `, against ${num(fact.england.value, dp, unit)} for England` : '';
	const parts = [`In ${fact.period_label}, ${main}${against}.`];
	if (!england) parts.push(comparisonSentence(areaName, fact, dp));
	parts.push(wordingFor(fact.indicator).note ?? '');
	parts.push(standardSentence(areaName, fact, dp));
	return capitalise(parts.filter(Boolean).join(' '));
}

// ---------------------------------------------------------------------------------------------------------------
// Summary

const TONE_ORDER: Record<FactTone, number> = { worse: 0, similar: 1, better: 2, neutral: 3, missing: 4 };

function measures(n: number): string {
	return n === 1 ? '1 measure' : `${n} measures`;
}

function headline(areaName: string, tones: FactTone[]): string {
	const n = tones.filter((t) => t !== 'missing').length;
	const missing = tones.length - n;
	const worse = tones.filter((t) => t === 'worse').length;
	const better = tones.filter((t) => t === 'better').length;
	const similar = tones.filter((t) => t === 'similar').length;
	if (n === 0) {
		return tones.length === 0
			? `There are no figures to show for ${areaName} yet.`
			: `No figures are published for ${areaName} on ${tones.length === 1 ? 'this measure' : `these ${tones.length} measures`}.`;
	}
	// "on 2 of 7 measures" / "on the one measure with a figure"; "with figures" when some are missing.
	const withFigures = missing > 0 ? ` with figures` : '';
	const of = (k: number) =>
		n === 1 ? `on the one measure${missing > 0 ? ' with a figure' : ''}` : `on ${k} of the ${n} measures${withFigures}`;
	if (worse > 0 && better > 0) {
		return `${areaName} is significantly worse than England ${of(worse)} and significantly better on ${better}.`;
	}
	const tail = (other: string) => (n === 1 ? '.' : `, and significantly ${other} on none.`);
	if (worse > 0) return `${areaName} is significantly worse than England ${of(worse)}${tail('better')}`;
	if (better > 0) return `${areaName} is significantly better than England ${of(better)}${tail('worse')}`;
	const all =
		n === 1
			? `on the one measure${missing > 0 ? ' with a figure' : ''}`
			: n === 2
				? `on both measures${withFigures}`
				: `on all ${measures(n)}${withFigures}`;
	if (similar === n)
		return `${areaName} is similar to England ${all}: no difference is bigger than chance alone could produce.`;
	return `${areaName} is neither clearly better nor clearly worse than England ${n === 1 ? all : `on any of the ${measures(n)}${withFigures}`}.`;
}

/**
 * A one-sentence headline and one entry per fact, worst comparisons first (worse, similar, better, then figures with
 * no direction or no test, then missing ones); within "worse", the largest differences (in standard errors) first.
 */
export function summarise(areaName: string, facts: IndicatorFact[]): AreaSummary {
	const rows = facts.map((fact, i) => ({ fact, i, tone: toneOf(fact), strength: strength(fact) }));
	rows.sort((x, y) => {
		const t = TONE_ORDER[x.tone] - TONE_ORDER[y.tone];
		if (t !== 0) return t;
		if (x.tone === 'worse' && x.strength !== y.strength) return y.strength - x.strength;
		return x.i - y.i;
	});
	return {
		headline: headline(
			areaName,
			rows.map((r) => r.tone)
		),
		sentences: rows.map((r) => ({
			indicator_id: r.fact.indicator.id,
			text: describeFact(areaName, r.fact),
			tone: r.tone
		}))
	};
}
