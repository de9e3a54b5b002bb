/**
 * The share of a letter in the supporter's own words (src/lib/mp/own-words.ts): worked examples by hand, then a real
 * letter composed from the committed exports (ME1 1AA: Rochester and Strood) with and without a sentence added.
 */
import { describe, expect, it } from 'vitest';
import {
	isLow,
	OWN_WORDS_LOW,
	ownWords,
	ownWordsText,
	promptFor,
	SENTENCE_PROMPTS,
	wordsOf
} from '../../src/lib/mp/own-words';
import { decideSeat } from '../../src/lib/server/seat';
import { draftFor } from '../../src/lib/server/draft';

describe('own words', () => {
	it('reads words as a reader does: case, punctuation and apostrophes', () => {
		expect(wordsOf('My mum’s wait: 62.0% — don\u2019t!')).toEqual(['my', "mum's", 'wait', '62', '0', "don't"]);
		expect(wordsOf('  \n ')).toEqual([]);
	});

	it('counts words as a multiset: each generated word pays for one word of the letter, once', () => {
		// Generated: "care here is worse" (4 words). Letter: the same plus "care matters to me" (8 words).
		// "care" appears twice in the letter but once in the generated text: one of them is the writer's own.
		expect(ownWords('Care here is worse. Care matters to me.', 'care here is worse')).toEqual({
			own: 4,
			total: 8,
			share: 0.5
		});
		// Reordering generated words is not writing; deleting them lowers the total only.
		expect(ownWords('worse is here care', 'care here is worse').own).toBe(0);
		expect(ownWords('care here', 'care here is worse')).toEqual({ own: 0, total: 2, share: 0 });
		expect(ownWords('', 'anything')).toEqual({ own: 0, total: 0, share: 0 });
	});

	it('on a real letter, counts exactly the sentence added, and nudges below 3%', async () => {
		const decision = await decideSeat('ME1 1AA', null);
		if (!decision.ok) throw new Error('ME1 1AA should have a seat');
		const draft = (story: string) =>
			draftFor({
				seat: decision.seat,
				alliances: decision.alliances,
				supporter: { name: 'First Writer', address: '1 High Street', postcode: 'ME1 1AA' },
				story,
				origin: 'http://localhost:3000'
			}).body;
		const generated = draft('');
		const untouched = ownWords(generated, generated);
		expect(untouched.own).toBe(0);
		expect(untouched.total).toBeGreaterThan(250);
		expect(isLow(untouched)).toBe(true);

		// 20 words, several of them ("the", "for", "and") also in the generated text: all 20 are counted as own.
		const sentence =
			'My sister waited seven weeks for her first treatment and the waiting was the hardest part for all of us.';
		const withSentence = ownWords(draft(sentence), generated);
		expect(withSentence.own).toBe(20);
		expect(withSentence.total).toBe(untouched.total + 20);
		expect(withSentence.share).toBeGreaterThan(OWN_WORDS_LOW);
		expect(isLow(withSentence)).toBe(false);
		expect(ownWordsText(withSentence)).toMatch(/^20 of [\d,]+ words \(\d+%\) are your own\.$/);

		const short = ownWords(draft('Please act.'), generated);
		expect(short.own).toBe(2);
		expect(isLow(short)).toBe(true);
	});

	it('says it plainly, never "0%" for a letter with an own word', () => {
		expect(ownWordsText({ own: 0, total: 400, share: 0 })).toBe('None of the 400 words are your own yet.');
		expect(ownWordsText({ own: 2, total: 402, share: 2 / 402 })).toBe('2 of 402 words (under 1%) are your own.');
		expect(ownWordsText({ own: 40, total: 1040, share: 40 / 1040 })).toBe('40 of 1,040 words (4%) are your own.');
	});

	it('chooses one prompt per key, the same every time', () => {
		expect(SENTENCE_PROMPTS).toContain(promptFor('E14001450'));
		expect(promptFor('E14001450')).toBe(promptFor('E14001450'));
		const chosen = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(promptFor));
		expect(chosen.size).toBeGreaterThan(1);
	});
});
