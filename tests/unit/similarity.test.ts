/**
 * Letters to the same MP compared as the server compares them (src/lib/mp/similarity.ts): real letters composed from
 * the committed exports for a real seat (ME1 1AA: Rochester and Strood, Kent and Medway), from two writers, with and
 * without sentences of their own. The measurements behind the threshold SIMILAR_AT are printed (npx vitest run
 * tests/unit/similarity.test.ts) and held below.
 */
import { describe, expect, it } from 'vitest';
import {
	bandKeys,
	BANDS,
	jaccard,
	letterPrint,
	ownShingles,
	printBytes,
	printFromBytes,
	shingles,
	signature,
	similarity,
	SIMILAR_AT,
	SIGNATURE_SIZE
} from '../../src/lib/mp/similarity';
import { decideSeat } from '../../src/lib/server/seat';
import { draftFor } from '../../src/lib/server/draft';

const ORIGIN = 'http://localhost:3000';
const decision = await decideSeat('ME1 1AA', null);
if (!decision.ok) throw new Error('ME1 1AA should have a seat');
const writers = [
	{ name: 'First Writer', address: '1 High Street', postcode: 'ME1 1AA' },
	{ name: 'Second Writer', address: '2 High Street', postcode: 'ME1 1AA' }
];
const letter = (writer: number, story: string) =>
	draftFor({ seat: decision.seat, alliances: decision.alliances, supporter: writers[writer]!, story, origin: ORIGIN })
		.body;
const generated = (writer: number) => letter(writer, '');

/** The writers' own sentences (written for this test). */
const SENTENCE_A =
	'My sister waited seven weeks for her first treatment and the waiting was the hardest part for all of us.';
const SENTENCE_B = 'I was diagnosed two years ago and I want every woman here to get the care I was lucky to have.';
const SENTENCE_A_EDITED = SENTENCE_A.replace('seven', 'eight');
const SENTENCE_A_SHORT = 'My sister waited seven weeks for treatment.';

/** Both measures for a pair: the whole letters' Jaccard, and the estimate on what each writer added. */
function measure(a: { writer: number; story: string }, b: { writer: number; story: string }) {
	const [la, lb] = [letter(a.writer, a.story), letter(b.writer, b.story)];
	return {
		whole: jaccard(shingles(la), shingles(lb)),
		own: jaccard(ownShingles(la, generated(a.writer)), ownShingles(lb, generated(b.writer))),
		estimate: similarity(letterPrint(la, generated(a.writer)), letterPrint(lb, generated(b.writer)))
	};
}

const pairs = {
	'identical letter, same writer': measure({ writer: 0, story: '' }, { writer: 0, story: '' }),
	'both untouched, two writers': measure({ writer: 0, story: '' }, { writer: 1, story: '' }),
	'same sentence added, two writers': measure({ writer: 0, story: SENTENCE_A }, { writer: 1, story: SENTENCE_A }),
	'same sentence, one word changed': measure({ writer: 0, story: SENTENCE_A }, { writer: 1, story: SENTENCE_A_EDITED }),
	'untouched vs one sentence added': measure({ writer: 0, story: '' }, { writer: 1, story: SENTENCE_A }),
	'untouched vs one short sentence': measure({ writer: 0, story: '' }, { writer: 1, story: SENTENCE_A_SHORT }),
	'different sentences': measure({ writer: 0, story: SENTENCE_A }, { writer: 1, story: SENTENCE_B }),
	'same sentence, then one more of their own': measure(
		{ writer: 0, story: SENTENCE_A },
		{ writer: 1, story: `${SENTENCE_A} ${SENTENCE_B}` }
	)
};
console.table(
	Object.fromEntries(
		Object.entries(pairs).map(([k, v]) => [
			k,
			{ whole: v.whole.toFixed(3), own: v.own.toFixed(3), estimate: v.estimate.toFixed(3) }
		])
	)
);

describe('letter similarity', () => {
	it('gives 1 for the same letter, and for two writers who both left the generated letter as it is', () => {
		expect(pairs['identical letter, same writer'].estimate).toBe(1);
		expect(pairs['both untouched, two writers'].estimate).toBe(1);
		expect(pairs['same sentence added, two writers'].estimate).toBe(1);
	});

	it('on whole letters, one sentence of one’s own hardly moves the similarity: no threshold could separate them', () => {
		const untouched = pairs['both untouched, two writers'].whole;
		const added = pairs['untouched vs one sentence added'].whole;
		expect(untouched).toBeLessThan(1); // the names and addresses differ
		expect(untouched - added).toBeLessThan(0.1);
		expect(added).toBeGreaterThan(0.8);
	});

	it('with the generated letter taken out, a sentence of one’s own falls far below the threshold', () => {
		for (const key of [
			'untouched vs one sentence added',
			'untouched vs one short sentence',
			'different sentences'
		] as const) {
			expect(pairs[key].own, key).toBeLessThan(0.1);
			expect(pairs[key].estimate, key).toBeLessThan(SIMILAR_AT - 0.4);
		}
	});

	it('a pasted sentence with one word changed is still asked for more; one more sentence of one’s own is not', () => {
		const edited = pairs['same sentence, one word changed'];
		expect(edited.own).toBeGreaterThan(SIMILAR_AT);
		expect(edited.estimate).toBeGreaterThanOrEqual(SIMILAR_AT);
		const more = pairs['same sentence, then one more of their own'];
		expect(more.own).toBeLessThan(SIMILAR_AT - 0.1);
		expect(more.estimate).toBeLessThan(SIMILAR_AT);
	});

	it('estimates Jaccard within a few standard errors, and round-trips through bytes', () => {
		const a = new Set(Array.from({ length: 400 }, (_, i) => i * 7919));
		const b = new Set(Array.from({ length: 400 }, (_, i) => (i + 100) * 7919)); // 300 shared of 500: J = 0.6
		expect(jaccard(a, b)).toBeCloseTo(0.6, 10);
		expect(Math.abs(similarity(signature(a), signature(b)) - 0.6)).toBeLessThan(3 * Math.sqrt(0.24 / SIGNATURE_SIZE));
		const sig = signature(a);
		expect(printBytes(sig)).toHaveLength(SIGNATURE_SIZE * 4);
		expect(printFromBytes(printBytes(sig))).toEqual(sig);
		expect(() => printFromBytes(new Uint8Array(3))).toThrow();
	});

	it('gives similar prints to the same MP a shared band key, and different MPs none', () => {
		const sig = (story: string, writer = 1) => letterPrint(letter(writer, story), generated(writer));
		const [a, b] = [sig(SENTENCE_A, 0), sig(SENTENCE_A_EDITED)];
		const shared = (x: number[], y: number[]) => x.some((k) => y.includes(k));
		expect(shared(bandKeys(a, 'E14001447'), bandKeys(b, 'E14001447'))).toBe(true);
		expect(shared(bandKeys(a, 'E14001447'), bandKeys(a, 'E14001349'))).toBe(false);
		expect(shared(bandKeys(a, 'E14001447'), bandKeys(sig(SENTENCE_B), 'E14001447'))).toBe(false);
		expect(bandKeys(a, 'E14001447')).toHaveLength(BANDS);
		// The chance that a pair at the threshold shares no key: 1.2%.
		expect((1 - SIMILAR_AT ** 4) ** BANDS).toBeLessThan(0.013);
	});

	it('ignores case, punctuation and line breaks; a text under five words is one shingle', () => {
		expect(shingles('My MUM waited, for weeks!')).toEqual(shingles('my mum\nwaited for weeks'));
		expect(shingles('Please help').size).toBe(1);
		expect(shingles('').size).toBe(0);
		expect(similarity(signature(new Set()), signature(new Set()))).toBe(1);
		expect(similarity(signature(new Set()), signature(shingles('Please help')))).toBe(0);
	});
});
