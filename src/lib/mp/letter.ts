/**
 * The email a supporter sends their MP: built from the area's real published figures, the campaign's asks and the
 * supporter's own words. Pure and browser-safe (the panel composes it live; the server may recompose it in tests).
 *
 * Honesty rules (DESIGN.md): "significantly worse" only where the published comparison is 'worse' (England outside
 * the area's 95% interval); 'similar' is never called worse; where an area does better than England the letter says
 * so and asks the MP to help keep it that way; a missing or withheld figure is said plainly, never filled in.
 */
import type { Unit } from '../data/contract';
import { summarise, toneOf, wordingFor, type FactTone, type IndicatorFact } from '../wording/figures';
import { LIMITS, type MpRecord } from './contract';

export interface LetterAlliance {
	code: string;
	name: string;
	/** The alliance's latest figure for each indicator (as the area page shows them). Empty when they could not be loaded. */
	facts: IndicatorFact[];
}

export interface LetterInput {
	mp: MpRecord | null;
	constituencyName: string;
	/** The Cancer Alliance(s) covering the supporter's constituency: one, or two where it straddles a boundary. */
	alliances: LetterAlliance[];
	supporter: { name: string; address: string; postcode: string };
	/** The supporter's own words, used verbatim (trimmed). */
	story: string;
	/** Where the figures can be checked, e.g. "https://example.org": adds a link to each alliance's page. */
	siteUrl?: string;
}

export interface Letter {
	subject: string;
	body: string;
}

/** The longest story the panel accepts; the composer trims further only if the whole email would pass LIMITS.body. */
export const STORY_MAX = 2000;

/** How many figures the letter quotes in all, so that it stays readable (at least one per alliance). */
export const MAX_FIGURES = 4;

/** Questions that help a supporter write a few sentences of their own: identical mass mail counts for less. */
export const storyPrompts: string[] = [
	'Has breast cancer affected you, or someone close to you? What happened?',
	'Did you or they wait for an appointment, a test result or treatment? How long, and how did the wait feel?',
	'Was anything missing or hard to get: support after treatment, reconstruction, help with your mental health, fertility advice, or information about secondary breast cancer?',
	'Why does it matter to you that care is as good here as anywhere else in England?'
];

// ---------------------------------------------------------------------------------------------------------------
// Small text helpers

/** One line: runs of whitespace (including line breaks) become one space. */
function oneLine(s: string, max: number): string {
	return clip(s.replace(/\s+/g, ' ').trim(), max);
}

/** At most `max` characters, ending with an ellipsis when cut (at a word boundary where one is near). */
function clip(s: string, max: number): string {
	if (s.length <= max) return s;
	if (max <= 1) return s.slice(0, Math.max(0, max));
	const cut = s.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The supporter's story as they wrote it, tidied only at the edges: CRLF to LF, no trailing spaces, at most one blank line in a row. */
function tidyStory(s: string): string {
	return (
		s
			.replace(/\r\n?/g, '\n')
			// eslint-disable-next-line no-control-regex -- these control characters are what the pattern removes
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
			.split('\n')
			.map((line) => line.trimEnd())
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim()
	);
}

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "a", "a and b", "a, b and c" */
function listOf(items: string[], conjunction = 'and'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

const has = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function fmt(x: number, unit: Unit, dp: number): string {
	const s = x.toFixed(dp);
	if (unit === '%') return `${s}%`;
	return unit === 'per 100,000' ? `${s} per 100,000` : s;
}

/** "Kent and Medway Cancer Alliance" (a name that already says "Cancer Alliance" is left alone). */
export function allianceTitle(name: string): string {
	return /cancer alliance$/i.test(name.trim()) ? name.trim() : `${name.trim()} Cancer Alliance`;
}

// ---------------------------------------------------------------------------------------------------------------
// Choosing and wording the figures

interface Ranked {
	fact: IndicatorFact;
	tone: FactTone;
	/** Position in the narrative's order: worse (largest gap first), similar, better, no direction, missing. */
	order: number;
}

/** The alliance's facts in the area page's order (worst relative to England first), with their tones. */
function rank(areaName: string, facts: IndicatorFact[]): Ranked[] {
	const byId = new Map(facts.map((f) => [f.indicator.id, f]));
	return summarise(areaName, facts)
		.sentences.map((s, order) => ({ fact: byId.get(s.indicator_id), tone: s.tone, order }))
		.filter((r): r is Ranked => r.fact !== undefined);
}

/**
 * Up to `slots` figures: the worst gaps first, but one place kept for a figure where the area does better than
 * England (so the letter is fair), then any other published figures. Returned in the narrative's order.
 */
function pick(ranked: Ranked[], slots: number): Ranked[] {
	const of = (t: FactTone) => ranked.filter((r) => r.tone === t);
	const worse = of('worse');
	const better = of('better');
	const chosen = worse.slice(0, better.length > 0 ? Math.max(1, slots - 1) : slots);
	if (better.length > 0 && chosen.length < slots) chosen.push(better[0]!);
	const rest = [...worse, ...better, ...of('similar'), ...of('neutral')];
	for (const r of rest) {
		if (chosen.length >= slots) break;
		if (!chosen.includes(r)) chosen.push(r);
	}
	return chosen.sort((a, b) => a.order - b.order);
}

/** One decimal place, or two where one would make the area and England look the same despite a real difference. */
function decimals(fact: IndicatorFact): number {
	const a = fact.area?.value;
	const e = fact.england?.value;
	if (!has(a) || !has(e)) return 1;
	return fmt(a, fact.indicator.unit, 1) === fmt(e, fact.indicator.unit, 1) && a !== e ? 2 : 1;
}

/** "Cancer Waiting Times, NHS England" from the indicator's source and publisher. */
function sourceLine(fact: IndicatorFact): string {
	const source = fact.indicator.source.split(/\s*[(,]/)[0]!.trim() || fact.indicator.source;
	const publisher = fact.indicator.publisher.replace(/\s*\([^)]*\)/g, '').trim();
	return publisher ? `${source}, ${publisher}` : source;
}

function verdict(fact: IndicatorFact, tone: FactTone): string {
	if (tone === 'worse') return 'That is significantly worse than England.';
	if (tone === 'better') return 'That is significantly better than England.';
	if (tone === 'similar') return 'That is similar to England: the difference is small enough to be down to chance.';
	const a = fact.area!;
	const e = fact.england?.value;
	if (a.comparison === 'not compared' || !has(a.value) || !has(e)) return '';
	const dir = a.comparison === 'higher' || a.comparison === 'lower' ? a.comparison : a.value > e ? 'higher' : 'lower';
	return fact.indicator.polarity === 'none'
		? `That is ${dir} than England, though on this measure ${dir} is not in itself better or worse.`
		: `That is ${dir} than England.`;
}

/** "It falls short of the NHS standard of at least 85%." where the area misses an operational standard. */
function standardNote(fact: IndicatorFact): string {
	const { standard, polarity, unit } = fact.indicator;
	const a = fact.area?.value;
	if (!has(standard) || polarity === 'none' || !has(a)) return '';
	const meets = (bar: number) => (polarity === 'higher' ? a >= bar : a <= bar);
	const text = (x: number) => {
		const s = Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
		return unit === '%' ? `${s}%` : s;
	};
	const bound = polarity === 'higher' ? 'at least' : 'at most';
	const achievable = fact.indicator.achievable;
	if (has(achievable)) {
		// A programme with two thresholds (breast screening coverage: acceptable and achievable).
		if (!meets(standard))
			return `It falls short of the programme's acceptable level of ${bound} ${text(standard)} (its achievable level is ${text(achievable)}).`;
		return meets(achievable)
			? ''
			: `It reaches the programme's acceptable level of ${text(standard)} but not its achievable level of ${text(achievable)}.`;
	}
	if (meets(standard)) return '';
	return `It falls short of the NHS standard of ${bound} ${text(standard)}.`;
}

/** A short sentence: value, period, England's value, the comparison, the standard where missed, and the source. */
export function figureSentence(areaName: string, fact: IndicatorFact): string {
	const tone = toneOf(fact);
	const a = fact.area;
	if (!a || a.suppressed || !has(a.value)) return '';
	const dp = decimals(fact);
	const unit = fact.indicator.unit;
	const clause = wordingFor(fact.indicator).clause(fmt(a.value, unit, dp), fact.basis, areaName);
	const e = fact.england?.value;
	const against = has(e) ? `, against ${fmt(e, unit, dp)} for England` : '';
	return [
		`${capitalise(`in ${fact.period_label}, ${clause}`)}${against}.`,
		verdict(fact, tone),
		standardNote(fact),
		`(Source: ${sourceLine(fact)}.)`
	]
		.filter(Boolean)
		.join(' ');
}

/** Plain words for figures the letter cannot quote: not published, or withheld because the numbers are small. */
function missingSentences(areaName: string, facts: IndicatorFact[]): string[] {
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

/** How many figures each alliance gets: MAX_FIGURES shared out, the first alliance (the postcode's own) first. */
function slotsFor(n: number): number[] {
	const total = Math.max(MAX_FIGURES, n);
	return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------------
// The letter

const ASKS = [
	'compare its results with other areas, using the national cancer data dashboards and its own data, and look into every gap, and every trend going the wrong way;',
	'make sure every hospital records complete information in the Cancer Outcomes and Services Dataset (COSD), and hold to account any that do not;',
	'plan the staff it needs at every stage of breast cancer care, from the first referral to follow-up;',
	'agree one standard of care across its area, so that every patient can get the medicines they need, fertility services where treatment may affect fertility, breast reconstruction without a time limit, and psychological support;',
	'help GPs recognise the signs and symptoms of secondary breast cancer;',
	'shape screening, prevention and awareness work around the people who actually live here.'
];

function subjectFor(alliances: LetterAlliance[], constituencyName: string): string {
	const names = alliances.length ? listOf(alliances.map((a) => allianceTitle(a.name))) : 'our local Cancer Alliance';
	const place = constituencyName ? ` in ${constituencyName}` : '';
	const full = `Please write to ${names} about breast cancer care${place}`;
	if (full.length <= LIMITS.subject) return full;
	const shorter = `Please write to ${names} about breast cancer care`;
	if (shorter.length <= LIMITS.subject) return shorter;
	return clip(shorter, LIMITS.subject);
}

function allianceSection(
	alliance: LetterAlliance,
	slots: number,
	several: boolean,
	siteUrl: string | undefined
): { text: string; worse: boolean; better: boolean } {
	const name = alliance.name.trim();
	const ranked = rank(name, alliance.facts);
	const chosen = pick(ranked, slots);
	const worse = ranked.some((r) => r.tone === 'worse');
	const better = ranked.some((r) => r.tone === 'better');
	const link = siteUrl
		? `Every figure for ${name}, with its source and margin of error, is at ${siteUrl.replace(/\/+$/, '')}/area/${alliance.code}`
		: '';
	if (alliance.facts.length === 0) {
		return { text: [several ? `${name}:` : '', link ? `${link}.` : ''].filter(Boolean).join(' '), worse, better };
	}
	const headline = summarise(name, alliance.facts).headline;
	const mood = worse
		? 'Its latest published figures worry me.'
		: better
			? 'Its latest published figures are better than England’s in places.'
			: 'Its latest published figures are close to England’s.';
	const lead = several ? headline : `${mood} ${headline}`;
	const bullets = chosen.map((r) => `- ${figureSentence(name, r.fact)}`);
	const paragraphs = [lead, bullets.join('\n')];
	const missing = missingSentences(name, alliance.facts);
	const tail = [...missing, link ? `${link}.` : ''].filter(Boolean).join(' ');
	if (tail) paragraphs.push(tail);
	return { text: paragraphs.join('\n\n'), worse, better };
}

function closingOnFigures(sections: { name: string; worse: boolean; better: boolean }[]): string {
	const betterNames = sections.filter((s) => s.better).map((s) => s.name);
	const worseNames = sections.filter((s) => s.worse).map((s) => s.name);
	const anyWorse = worseNames.length > 0;
	if (betterNames.length && anyWorse) {
		const behind =
			sections.length === 1 ? 'it falls' : worseNames.length === 1 ? `${worseNames[0]} falls` : 'they fall';
		return `Where ${listOf(betterNames)} ${betterNames.length > 1 ? 'do' : 'does'} better than England, I would like you to help keep it that way. Where ${behind} behind, I would like to know why, and what will change.`;
	}
	if (betterNames.length) {
		return `I am glad that ${listOf(betterNames)} ${betterNames.length > 1 ? 'do' : 'does'} better than England on some measures, and I would like you to help keep it that way. The gaps between areas across England are still too wide, and every area can learn from the best.`;
	}
	if (anyWorse) return 'I would like to know why these gaps exist, and what will be done to close them.';
	return 'Being close to the England average is not the same as being as good as the best areas, and I would like to know what is being done to improve.';
}

/** The whole email: subject and plain-text body, within LIMITS. */
export function composeLetter(input: LetterInput): Letter {
	const mpName = input.mp ? oneLine(input.mp.name, LIMITS.name) : '';
	const name = oneLine(input.supporter.name, LIMITS.name);
	const address = oneLine(input.supporter.address, LIMITS.address);
	const postcode = oneLine(input.supporter.postcode, 10);
	const constituency = oneLine(input.constituencyName, 120);
	const alliances = input.alliances.map((a) => ({ ...a, name: oneLine(a.name, 120) }));
	const several = alliances.length > 1;

	const greeting = mpName ? `Dear ${mpName},` : 'Dear Member of Parliament,';
	const where = [address, postcode].filter(Boolean).join(', ');
	const constituent = constituency
		? `I am one of your constituents in ${constituency}${where ? `, living at ${where}` : ''}.`
		: `I am one of your constituents${where ? `, living at ${where}` : ''}.`;
	const opening = `${constituent} In 2018 a cross-party group of MPs found that breast cancer patients in England get different diagnosis, treatment and care depending on where they live. I am writing to ask for your help to end this postcode lottery where we live.`;

	const titles = alliances.map((a) => allianceTitle(a.name));
	const intro = several
		? `Our constituency is covered by ${alliances.length === 2 ? 'two' : alliances.length} Cancer Alliances, the NHS bodies that plan and co-ordinate cancer services locally: ${listOf(titles)}. Their latest published figures, against England as a whole:`
		: alliances.length === 1
			? `Our area is covered by ${titles[0]}, the NHS body that plans and co-ordinates cancer services locally.`
			: '';
	const slots = slotsFor(alliances.length);
	const sections = alliances.map((a, i) => ({
		name: a.name,
		...allianceSection(a, slots[i]!, several, input.siteUrl)
	}));
	const figures = sections.map((s) => s.text).filter(Boolean);
	const anyFacts = alliances.some((a) => a.facts.length > 0);
	const closing = anyFacts ? closingOnFigures(sections) : '';

	const whom =
		titles.length === 0 ? 'our local Cancer Alliance' : titles.length === 1 ? titles[0]! : `both ${listOf(titles)}`;
	const asks = [
		`Please write to ${whom} and ask what ${titles.length > 1 ? 'each' : 'it'} is doing to:`,
		ASKS.map((a) => `- ${a}`).join('\n'),
		`I would be grateful if you would share ${titles.length > 1 ? 'their replies' : 'the reply'} with me.`
	].join('\n\n');

	const signOff = `Thank you for taking the time to read this. I look forward to hearing from you.\n\n${mpName ? 'Yours sincerely' : 'Yours faithfully'},\n\n${name}`;

	const build = (story: string) =>
		[greeting, opening, intro, ...figures, closing, asks, story ? `Why this matters to me:\n\n${story}` : '', signOff]
			.filter(Boolean)
			.join('\n\n');

	let story = clip(tidyStory(input.story), STORY_MAX);
	let body = build(story);
	if (body.length > LIMITS.body) {
		// Keep the whole letter within the limit: the story gives way first, then (in extremis) the end is cut.
		const room = LIMITS.body - build('').length - 'Why this matters to me:\n\n\n\n'.length;
		story = room > 20 ? clip(story, room) : '';
		body = build(story);
		if (body.length > LIMITS.body) body = clip(body, LIMITS.body);
	}
	return { subject: subjectFor(alliances, constituency), body };
}

/**
 * A mailto: link (RFC 6068) with the subject and body filled in. Line breaks become %0D%0A, spaces %20, and every
 * character with a meaning in a URL (&, ?, #, %, =) is percent-encoded, so the mail client gets the text exactly.
 */
export function mailtoHref(to: string | null, subject: string, body: string): string {
	const enc = (s: string) =>
		encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	const address = (to ?? '').trim();
	const addr = address ? enc(address).replace(/%40/g, '@') : '';
	const crlf = (s: string) => s.replace(/\r\n|\r|\n/g, '\r\n');
	return `mailto:${addr}?subject=${enc(crlf(subject))}&body=${enc(crlf(body))}`;
}
