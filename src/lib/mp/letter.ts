/**
 * The email a supporter sends their MP: a one-line opening, the supporter's own story where an MP's office reads
 * first, then the area's real published figures worded as the area page words them (letter-figures.ts), the
 * campaign's asks in the product's own words, one source line per publisher, and the supporter's name. About 350
 * generated words at most. Pure and browser-safe: the panel composes it live, and the server composes the same letter
 * for the panel without JavaScript.
 *
 * Honesty rules (DESIGN.md): "significantly worse" only where the published comparison is 'worse' (England outside the
 * area's 95% interval, which for screening coverage allows for the estimate's own error); 'similar' is never called
 * worse; a standard is said to be met or not; where an area does better than England the letter says so and asks the
 * MP to help keep it that way; a missing or withheld figure is said plainly, never filled in; a measure whose figure
 * counts the constituency's residents in another alliance is left out, and the letter says why.
 */
import { LIMITS, type MpRecord } from './contract';
import { salutation } from './address';
import { allianceFigures, slotsFor, sourceLines } from './letter-figures';
import type { IndicatorFact } from '../wording/figures';
import { toneOf } from '../wording/fact';
import { standardShortfall } from '../wording/standard';
import { listOf } from '../wording/text';

export { MAX_FIGURES, figureSentence } from './letter-figures';

export interface LetterAlliance {
	code: string;
	name: string;
	/** The alliance's latest figure for each indicator (as the area page shows them). Empty when they could not be loaded. */
	facts: IndicatorFact[];
	/** Share of the constituency's residents who live in this alliance (0-1), where known. */
	share?: number | null;
}

export interface LetterInput {
	mp: MpRecord | null;
	constituencyName: string;
	/** The constituency's 2024 code: says which facts' `outside` entries (residents counted elsewhere) apply. */
	constituencyCode?: string;
	/** The postcode's own Cancer Alliance first, then any other alliance the constituency reaches. */
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

/** The most words of the letter's own text (the supporter's story is not counted): about 350, not more. */
export const WORD_LIMIT = 350;

/** Words as a reader counts them: runs of text with a letter or digit ("62.0%", "ME1", "COSD"; not "-"). */
export function countWords(text: string): number {
	return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The longest story the panel accepts; the composer trims further only if the whole email would pass LIMITS.body. */
export const STORY_MAX = 2000;

/** Questions that help a supporter write a few sentences of their own: identical mass mail counts for less. */
export const storyPrompts: string[] = [
	'Has breast cancer affected you, or someone close to you? What happened?',
	'Did you or they wait for an appointment, a test result or treatment? How long, and how did the wait feel?',
	'Was anything missing or hard to get: support after treatment, reconstruction, help with your mental health, fertility advice, or information about secondary breast cancer?',
	'Why does it matter to you that care is as good here as anywhere else in England?'
];

/** What the MP is asked to put to the Cancer Alliance: the campaign's asks, in the product's own words. */
const ASKS = [
	'compare its results with other areas and act on every gap;',
	'get every hospital to record complete data in COSD, and hold to account any that do not;',
	'plan the staff needed across breast cancer care;',
	'give fair access to medicines, fertility services, reconstruction without a time limit and psychological support;',
	'help GPs recognise secondary breast cancer;',
	'shape screening and awareness work around local people.'
];

// ---------------------------------------------------------------------------------------------------------------
// Small text helpers

/** At most `max` characters, ending with an ellipsis when cut (at a word boundary where one is near). */
function clip(s: string, max: number): string {
	if (s.length <= max) return s;
	if (max <= 1) return s.slice(0, Math.max(0, max));
	const cut = s.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One line: runs of whitespace (including line breaks) become one space. */
function oneLine(s: string, max: number): string {
	return clip(s.replace(/\s+/g, ' ').trim(), max);
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

/** "Kent and Medway Cancer Alliance" (a name that already says "Cancer Alliance" is left alone). */
export function allianceTitle(name: string): string {
	return /cancer alliance$/i.test(name.trim()) ? name.trim() : `${name.trim()} Cancer Alliance`;
}

// ---------------------------------------------------------------------------------------------------------------
// The letter

function subjectFor(alliances: LetterAlliance[], constituencyName: string): string {
	const names = alliances.length ? listOf(alliances.map((a) => allianceTitle(a.name))) : 'our local Cancer Alliance';
	const place = constituencyName ? ` in ${constituencyName}` : '';
	const full = `Please write to ${names} about breast cancer care${place}`;
	if (full.length <= LIMITS.subject) return full;
	const shorter = `Please write to ${names} about breast cancer care`;
	if (shorter.length <= LIMITS.subject) return shorter;
	return clip(shorter, LIMITS.subject);
}

/** Who plans the services: one alliance, or each with its share of the constituency, the supporter's own first. */
function context(alliances: LetterAlliance[]): string {
	if (alliances.length === 0) return '';
	if (alliances.length === 1) return `Here, NHS cancer services are planned by ${allianceTitle(alliances[0]!.name)}.`;
	const pct = (a: LetterAlliance) => (typeof a.share === 'number' ? `${Math.round(a.share * 100)}%` : '');
	const titled = alliances.map((a, i) => {
		const share = pct(a);
		if (i === 0) return `${allianceTitle(a.name)} (mine${share ? `, ${share} of our residents` : ''})`;
		return `${allianceTitle(a.name)}${share ? ` (${share})` : ''}`;
	});
	const n = ['two', 'three', 'four'][alliances.length - 2] ?? String(alliances.length);
	return `Our constituency is covered by ${n} Cancer Alliances: ${listOf(titled)}.`;
}

/** After the figures: ask why where an alliance falls behind, and to keep it so where it does better. */
function closingOnFigures(sections: { name: string; behind: boolean; better: boolean }[]): string {
	const betterNames = sections.filter((s) => s.better).map((s) => s.name);
	const behindNames = sections.filter((s) => s.behind).map((s) => s.name);
	const does = betterNames.length > 1 ? 'do' : 'does';
	if (betterNames.length && behindNames.length) {
		const behind =
			sections.length === 1 ? 'it falls' : behindNames.length === 1 ? `${behindNames[0]} falls` : 'they fall';
		const betterWho =
			sections.length === 1
				? 'it does'
				: betterNames.length === sections.length
					? 'they do'
					: `${listOf(betterNames)} ${does}`;
		return `Where ${behind} behind, I would like to know why; where ${betterWho} better, I would like it to stay that way.`;
	}
	if (betterNames.length) {
		return `I am glad that ${listOf(betterNames)} ${does} better than England on some measures, and I would like it to stay that way.`;
	}
	if (behindNames.length) return 'I would like to know why these gaps exist, and what will be done to close them.';
	return 'Being close to the England average is not the same as being as good as the best, and I would like to know what is being done to improve.';
}

/** The whole email: subject and plain-text body, within LIMITS. */
export function composeLetter(input: LetterInput): Letter {
	const mpName = input.mp ? oneLine(input.mp.name, LIMITS.name) : '';
	const name = oneLine(input.supporter.name, LIMITS.name);
	const address = oneLine(input.supporter.address, LIMITS.address);
	const postcode = oneLine(input.supporter.postcode, 10);
	const constituency = oneLine(input.constituencyName, 120);
	const alliances = input.alliances.map((a) => ({ ...a, name: oneLine(a.name, 120) }));

	const where = [address, postcode].filter(Boolean).join(', ');
	const opening = `I am your constituent${constituency ? ` in ${constituency}` : ''}${where ? ` (${where})` : ''} and ask for your help to end the postcode lottery in breast cancer care.`;

	const sectionsFor = (slots: number[]) =>
		alliances.map((a, i) => {
			const part = allianceFigures(a.name, a.facts, slots[i]!, constituency, input.constituencyCode);
			return {
				name: a.name,
				text: [...part.before, part.lead, part.bullets.join('\n'), ...part.after].filter(Boolean).join('\n\n'),
				behind: part.kept.some((f) => toneOf(f) === 'worse' || standardShortfall(f) > 0),
				better: part.kept.some((f) => toneOf(f) === 'better'),
				used: part.kept,
				facts: a.facts.length
			};
		});

	const titles = alliances.map((a) => allianceTitle(a.name));
	// Several alliances are named just above, in the context: "both Cancer Alliances" is enough here.
	const whom =
		titles.length === 0
			? 'our local Cancer Alliance'
			: titles.length === 1
				? titles[0]!
				: `${titles.length === 2 ? 'both' : `all ${['three', 'four'][titles.length - 3] ?? titles.length}`} Cancer Alliances`;
	const asks = [
		`Please ask ${whom} what ${titles.length > 1 ? 'each' : 'it'} is doing to:`,
		ASKS.map((a) => `- ${a}`).join('\n'),
		`Please share ${titles.length > 1 ? 'their replies' : 'the reply'} with me.`
	].join('\n\n');

	const site = input.siteUrl?.replace(/\/+$/, '');
	const links = site ? alliances.map((a) => `${site}/area/${a.code}`) : [];
	const signOff = `Thank you for reading this.\n\n${mpName ? 'Yours sincerely' : 'Yours faithfully'},\n\n${name}`;

	const compose = (slots: number[]) => {
		const sections = sectionsFor(slots);
		const lines = sourceLines(sections.flatMap((s) => s.used));
		const sources = lines.length
			? [`Sources${links.length ? ` (every figure, with its margin of error: ${listOf(links)})` : ''}:`, ...lines].join(
					'\n'
				)
			: links.length
				? `Every figure, with its source and margin of error: ${listOf(links)}`
				: '';
		const closing = sections.some((s) => s.facts > 0) ? closingOnFigures(sections) : '';
		return (story: string) =>
			[
				salutation(mpName),
				opening,
				story,
				context(alliances),
				...sections.map((s) => s.text).filter(Boolean),
				closing,
				asks,
				sources,
				signOff
			]
				.filter(Boolean)
				.join('\n\n');
	};

	// At most WORD_LIMIT words of the letter's own: quote fewer figures until it fits, the least pressing first (the
	// first alliance's down to one, then the others' down to none: their headlines remain).
	const slots = slotsFor(alliances.length);
	let build = compose(slots);
	for (;;) {
		if (countWords(build('')) <= WORD_LIMIT) break;
		const i = slots[0]! > 1 ? 0 : slots.findLastIndex((n, k) => k > 0 && n > 0);
		if (i < 0) break;
		slots[i]!--;
		build = compose(slots);
	}

	let story = clip(tidyStory(input.story), STORY_MAX);
	let body = build(story);
	if (body.length > LIMITS.body) {
		// Keep the whole letter within the limit: the story gives way first, then (in extremis) the end is cut.
		const room = LIMITS.body - build('').length - 2;
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
