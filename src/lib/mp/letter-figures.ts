/**
 * The figures a letter to an MP quotes for one Cancer Alliance, worded as the area page words them (src/lib/wording),
 * and how they are chosen. Pure and browser-safe.
 *
 * Which figures, and how many (at most MAX_FIGURES in the whole letter, most of them for the postcode's own alliance):
 * 1. Reasons to write, most serious first. A measure is a reason when it is significantly worse than England, or when
 *    it falls short of its NHS standard (or screening's acceptable level) by more than chance, its whole 95% interval
 *    on the wrong side, even where it is similar to England. Seriousness is the distance in standard errors, from
 *    England or from the standard, whichever is larger; a measure worse than England that still meets its standard
 *    comes after every reason that does not.
 * 2. With three places or more, one is kept for the measure furthest better than England, where there is one, so the
 *    letter is fair; with fewer, the alliance's headline still names every measure where it does better, and the
 *    letter asks the MP to help keep it that way.
 * 3. Early diagnosis is a share of the cancers whose stage was recorded, so it is quoted only next to stage recording
 *    (the pair takes two places), and the two lines cannot seem to contradict each other.
 * 4. With no reason to write, up to two measures better than England, or failing those up to two similar to it, so
 *    the letter still carries figures.
 * Measures on which most of the constituency's residents here are counted in another alliance's figure (data/counting)
 * are left out, and the letter says so; a smaller share counted elsewhere is said beside the figures.
 */
import { WAITING_TIME_IDS } from '../data/indicators';
import { SCREENING_INDICATOR_ID } from '../screening/estimate';
import { decimals, figureClause, strength, wordingFor, type IndicatorFact } from '../wording/figures';
import { toneOf } from '../wording/fact';
import { meetsStandard, standardBrief, standardShortfall } from '../wording/standard';
import { summarise } from '../wording/summary';
import { listOf, published } from '../wording/text';

/**
 * How many figures the letter quotes in all, at most: the composer quotes fewer where the letter would pass WORD_LIMIT
 * (the postcode's own alliance keeps one; another alliance may keep only its headline).
 */
export const MAX_FIGURES = 3;

/** Where this share or more of a constituency's residents here are counted elsewhere, the measure is left out. */
export const LEAVE_OUT_SHARE = 0.5;

const EARLY = 'stage12_breast';
const RECORDED = 'stage_completeness_breast';

/** Places for each alliance: the first (the postcode's own) gets what the others, one each, leave. */
export function slotsFor(n: number): number[] {
	return Array.from({ length: n }, (_, i) => (i === 0 ? Math.max(1, MAX_FIGURES - (n - 1)) : 1));
}

/** The measures this alliance's figures cover for the constituency, and those left out (counted elsewhere). */
export function coverage(
	facts: IndicatorFact[],
	constituency: string | undefined
): { kept: IndicatorFact[]; left: IndicatorFact[] } {
	const counted = (f: IndicatorFact) =>
		(f.outside ?? []).filter((o) => o.constituency === constituency).reduce((s, o) => s + o.share, 0);
	return {
		kept: facts.filter((f) => counted(f) < LEAVE_OUT_SHARE),
		left: facts.filter((f) => counted(f) >= LEAVE_OUT_SHARE)
	};
}

/** The figures to quote from `facts` (those that cover the constituency), in the letter's order, at most `slots`. */
export function chooseFigures(facts: IndicatorFact[], slots: number): IndicatorFact[] {
	const concern = (f: IndicatorFact) => Math.max(toneOf(f) === 'worse' ? strength(f) : 0, standardShortfall(f));
	const reasons = facts
		.filter((f) => concern(f) > 0)
		.sort((a, b) => Number(meetsStandard(a) === true) - Number(meetsStandard(b) === true) || concern(b) - concern(a));
	const better = facts.filter((f) => toneOf(f) === 'better').sort((a, b) => strength(b) - strength(a));
	const chosen: IndicatorFact[] = [];
	const recorded = facts.find((f) => f.indicator.id === RECORDED && published(f.area));
	const add = (f: IndicatorFact, limit: number): void => {
		if (chosen.includes(f)) return;
		if (f.indicator.id === EARLY) {
			if (!recorded) return;
			const at = chosen.indexOf(recorded);
			if (at >= 0) {
				if (chosen.length + 1 <= limit) chosen.splice(at + 1, 0, f);
			} else if (chosen.length + 2 <= limit) chosen.push(recorded, f);
			return;
		}
		if (chosen.length + 1 <= limit) chosen.push(f);
	};
	// With three places or more, one is kept for a better measure; with fewer, the headline's list names them.
	const keep = better.length > 0 && slots >= 3 ? 1 : 0;
	for (const f of reasons) add(f, slots - keep);
	// The best measure better than England; a second one only in a letter with no reason to write.
	const reasonsQuoted = chosen.length;
	for (const f of better) if (chosen.length - reasonsQuoted < (reasonsQuoted > 0 ? 1 : 2)) add(f, slots);
	if (chosen.length === 0) for (const f of facts.filter((x) => toneOf(x) === 'similar')) add(f, Math.min(2, slots));
	return chosen;
}

/** "That is significantly worse than England." and its kin: the area page's comparison words, briefly. */
function verdict(fact: IndicatorFact): string {
	const tone = toneOf(fact);
	if (tone === 'worse' || tone === 'better') return `That is significantly ${tone} than England.`;
	if (tone === 'similar') {
		const u = wordingFor(fact.indicator).uncertainty;
		return `That is similar to England${u ? `, allowing for ${u}` : ''}.`;
	}
	const a = fact.area!;
	const e = fact.england;
	if (a.comparison === 'not compared' || !published(a) || !published(e)) return '';
	const dir =
		a.comparison === 'higher' || a.comparison === 'lower' ? a.comparison : a.value > e.value ? 'higher' : 'lower';
	return fact.indicator.polarity === 'none'
		? `That is ${dir} than England, though on this measure ${dir} is not in itself better or worse.`
		: `That is ${dir} than England.`;
}

/** One quoted figure: as the area page states it, its comparison with England, and its standard where it has one. */
export function figureSentence(areaName: string, fact: IndicatorFact): string {
	if (!published(fact.area)) return '';
	const dp = decimals(fact);
	return [`${figureClause(areaName, fact, dp)}.`, verdict(fact), standardBrief(fact, dp)].filter(Boolean).join(' ');
}

/** Plain words for figures that cannot be quoted: not published, or withheld because the numbers are small. */
export function missingSentences(areaName: string, facts: IndicatorFact[]): string[] {
	const missing = facts.filter((f) => toneOf(f) === 'missing');
	const item = (f: IndicatorFact) => `${wordingFor(f.indicator).topic} (${f.period_label})`;
	const withheld = missing.filter((f) => f.area?.suppressed === true);
	const absent = missing.filter((f) => f.area?.suppressed !== true);
	const out: string[] = [];
	if (absent.length) out.push(`No figure is published for ${areaName} on ${listOf(absent.map(item), 'or')}.`);
	if (withheld.length) {
		out.push(
			`The figure for ${areaName} on ${listOf(withheld.map(item), 'or')} is withheld because the numbers are small enough to risk identifying patients.`
		);
	}
	return out;
}

/** "waiting times", "screening coverage": what a group of measures counted elsewhere is called. */
function topicOf(fact: IndicatorFact): string {
	if (WAITING_TIME_IDS.has(fact.indicator.id)) return 'waiting times';
	if (fact.indicator.id === SCREENING_INDICATOR_ID) return 'screening coverage';
	return wordingFor(fact.indicator).label;
}

/** "Thames Valley's", "East Midlands'". */
function possessive(name: string): string {
	return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** "NHS Nottingham and Nottinghamshire ICB" from the ONS name of an ICB or Sub-ICB. */
function shortName(name: string): string {
	return name.replace(/ Integrated Care Board$/, ' ICB').replace(/ - [0-9A-Z]{3}$/, '');
}

/**
 * Where this alliance's figures do not cover the constituency's residents: which measures were left out (or, for a
 * smaller share, which figures leave some residents out), and whose figures count them instead.
 */
export function elsewhereSentences(
	areaName: string,
	constituencyName: string,
	constituency: string | undefined,
	facts: IndicatorFact[]
): string[] {
	const entries = facts.flatMap((f) =>
		(f.outside ?? []).filter((o) => o.constituency === constituency).map((o) => ({ f, o }))
	);
	const groups = new Map<string, { topics: string[]; vias: string[]; share: number; name: string }>();
	for (const { f, o } of entries) {
		const key = `${o.countedIn.code}|${o.share >= LEAVE_OUT_SHARE ? 'left' : o.share}`;
		const g = groups.get(key) ?? { topics: [], vias: [], share: o.share, name: o.countedIn.name };
		if (!g.topics.includes(topicOf(f))) g.topics.push(topicOf(f));
		if (!g.vias.includes(shortName(o.via.name))) g.vias.push(shortName(o.via.name));
		groups.set(key, g);
	}
	const who = constituencyName || 'our constituency';
	return [...groups.values()].map((g) =>
		g.share >= LEAVE_OUT_SHARE
			? `${possessive(areaName)} figures for ${listOf(g.topics)} do not cover ${who}: its residents are counted with ${g.name} (through ${listOf(g.vias)}), so I have left them out.`
			: `About ${Math.round(g.share * 100)}% of ${possessive(who)} residents in ${areaName} are counted with ${g.name} on ${listOf(g.topics)} (through ${listOf(g.vias)}).`
	);
}

/** One alliance's part of the letter: any measures left out, its headline, the chosen figures, and any missing. */
export function allianceFigures(
	areaName: string,
	facts: IndicatorFact[],
	slots: number,
	constituencyName: string,
	constituency: string | undefined
): {
	/** What this alliance's figures leave out for the constituency, said before its headline. */
	before: string[];
	lead: string;
	bullets: string[];
	/** Figures not published or withheld. */
	after: string[];
	quoted: IndicatorFact[];
	kept: IndicatorFact[];
} {
	const { kept } = coverage(facts, constituency);
	const quoted = chooseFigures(kept, slots);
	return {
		before: elsewhereSentences(areaName, constituencyName, constituency, facts),
		lead: kept.length ? summarise(areaName, kept).headline : '',
		bullets: quoted.map((f) => `- ${figureSentence(areaName, f)}`),
		after: missingSentences(areaName, kept),
		quoted,
		kept
	};
}

/** "Cancer Waiting Times, NHS England (September 2025)": one line per publisher, for the figures used. */
export function sourceLines(facts: IndicatorFact[]): string[] {
	const byPublisher = new Map<string, { sources: string[]; periods: string[] }>();
	for (const f of facts) {
		// "National Disease Registration Service (NDRS), NHS England" -> "NDRS, NHS England".
		const publisher = f.indicator.publisher.replace(/[^,(]*\(([A-Z]{2,})\)/g, '$1').trim();
		// "NDRS Cancer Data Hub: cancer stage at diagnosis, England 2013-2022" -> "Cancer Data Hub: cancer stage at diagnosis".
		const acronym = /\(([A-Z]{2,})\)/.exec(f.indicator.publisher)?.[1];
		const full = f.indicator.source.split(/\s*[(,]/)[0]!.trim() || f.indicator.source;
		const source = acronym && full.startsWith(`${acronym} `) ? full.slice(acronym.length + 1) : full;
		const p = byPublisher.get(publisher) ?? { sources: [], periods: [] };
		if (!p.sources.includes(source)) p.sources.push(source);
		if (!p.periods.includes(f.period_label)) p.periods.push(f.period_label);
		byPublisher.set(publisher, p);
	}
	return [...byPublisher].map(([publisher, p]) => `- ${listOf(p.sources)}, ${publisher} (${listOf(p.periods)})`);
}
