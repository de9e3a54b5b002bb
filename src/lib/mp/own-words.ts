/**
 * How much of a letter is in the supporter's own words: the share of its words that are not in the letter we
 * generated for them. Pure and browser-safe: the panel shows it live as the supporter types, and the server draws the
 * same figure for the page without JavaScript.
 *
 * Words are compared as multisets (bags), not sets: every word of the generated letter can "pay for" one word of the
 * supporter's letter, once. So a letter that is the generated one plus a sentence scores exactly that sentence's
 * words, even when the sentence reuses common words ("the", "care") that the generated text also has; a generated
 * paragraph deleted lowers the total, not the own count. Reordering generated words is not counted as own words:
 * shuffling is not writing.
 */
import { textHash } from './journey';

/**
 * Words, lower-cased: runs of letters and digits, with an apostrophe inside a word kept ("don't", "women's"), and
 * typographic apostrophes read as plain ones. "62.0%" is two words ("62", "0"): numbers come from the generated text.
 */
export function wordsOf(text: string): string[] {
	return (
		text
			.normalize('NFKC')
			.toLowerCase()
			.replace(/[\u2018\u2019\u02bc]/g, "'")
			.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
	);
}

export interface OwnWords {
	/** Words of the letter not found in the generated text (counted as a multiset). */
	own: number;
	/** Words of the letter. */
	total: number;
	/** own / total, 0 for an empty letter. */
	share: number;
}

/** The share of `letter`'s words that are not in `generated` (see the top of this file). */
export function ownWords(letter: string, generated: string): OwnWords {
	const stock = new Map<string, number>();
	for (const w of wordsOf(generated)) stock.set(w, (stock.get(w) ?? 0) + 1);
	const words = wordsOf(letter);
	let own = 0;
	for (const w of words) {
		const left = stock.get(w) ?? 0;
		if (left > 0) stock.set(w, left - 1);
		else own++;
	}
	return { own, total: words.length, share: words.length ? own / words.length : 0 };
}

/**
 * Below this share the panel asks, kindly, for a sentence of the supporter's own. 3% is one short sentence (about 12
 * words) in a generated letter of about 400 words: the least that makes a letter recognisably the writer's.
 */
export const OWN_WORDS_LOW = 0.03;

/**
 * One-sentence prompts, from the campaign's invitation to say why this matters to you: your own or a loved one's
 * experience, waiting, treatment and support. Short on purpose: the story step has the longer questions.
 */
export const SENTENCE_PROMPTS: string[] = [
	'Why does breast cancer care where you live matter to you?',
	'Has breast cancer touched you or someone you love? One sentence about it is enough.',
	'Did you or someone close to you wait for a scan, a result or treatment? How long was it?',
	'Was there support you or someone you know needed after treatment and could not get?',
	'What would you want your MP to know about care in your area?'
];

/** One prompt per supporter, the same on every draw (so the server's page and the panel agree): chosen by `key`. */
export function promptFor(key: string): string {
	return SENTENCE_PROMPTS[parseInt(textHash(key), 36) % SENTENCE_PROMPTS.length]!;
}

/** "38 of 412 words (9%) are your own." in plain English, rounding so that a single own word never shows as 0%. */
export function ownWordsText({ own, total, share }: OwnWords): string {
	const n = (x: number) => x.toLocaleString('en-GB');
	if (own === 0) return `None of the ${n(total)} words are your own yet.`;
	const pct = share < 0.01 ? 'under 1%' : `${Math.round(share * 100)}%`;
	return `${n(own)} of ${n(total)} words (${pct}) are your own.`;
}

export const isLow = (o: OwnWords): boolean => o.share < OWN_WORDS_LOW;
