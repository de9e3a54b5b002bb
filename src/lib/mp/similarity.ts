/**
 * How alike two letters to the same MP are, kept as a small signature so the letters themselves need not be: a MinHash
 * (Broder 1997) of the letter's word 5-shingles that are not in the letter we generated for its writer.
 *
 * Why the generated text is taken out first: every letter to one MP shares the same generated figures and asks (about
 * 400 words), so on whole letters one added sentence moves the Jaccard similarity only from about 0.96 to 0.88, and
 * one word changed in a pasted sentence leaves it at 0.93 (measured in tests/unit/similarity.test.ts): no threshold
 * would tell "a sentence of my own" from "the same letter with another name". With it taken out, what is compared is what the writer added or changed: two untouched letters both have
 * nothing of their own (similarity 1), two different sentences have nothing in common (about 0).
 *
 * Hand-written rather than the npm `minhash` package (0.0.9: untyped, unseeded permutations, built with Babel 6): the
 * signature is stored, so its hash functions must be fixed, and they take 20 lines. Pure and browser-safe.
 */
import { wordsOf } from './own-words';

/** Words per shingle: 5 is the usual choice for short texts (long enough that shared phrases are rare by chance). */
export const SHINGLE_WORDS = 5;
/** Hash functions per signature: the estimate's standard error is at most 0.5 / sqrt(128) = 0.044. */
export const SIGNATURE_SIZE = 128;
/** Names the scheme stored with each signature: signatures are compared only with those of the same scheme. */
export const PRINT_SCHEME = `minhash-${SIGNATURE_SIZE}-w${SHINGLE_WORDS}-v1`;
/**
 * A letter whose estimated similarity with one already sent to the same MP is at least this is asked to be
 * personalised: three in five of the phrases the two writers added are the same. Chosen by measuring real letters
 * (tests/unit/similarity.test.ts): both untouched, or the same sentence pasted, 1; a pasted sentence with one word
 * changed, about 0.65 to 0.75; the same pasted sentence plus one of the writer's own, about 0.4; different sentences
 * of one's own, or a sentence against none, 0. The estimate's standard error near 0.6 is 0.04.
 */
export const SIMILAR_AT = 0.6;

/** The empty set's slots: no shingle hashes this high, so two empty sets agree everywhere (similarity 1). */
const EMPTY_SLOT = 0xffffffff;

/** MurmurHash3's 32-bit finaliser: a fast, well-mixed permutation of 32-bit integers. */
function fmix32(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** FNV-1a over a string's UTF-16 units, then mixed: the shingle's 32-bit identity. */
function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return fmix32(h);
}

/** One fixed seed per hash function (fixed: stored signatures must stay comparable across restarts and releases). */
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b1)));

/** The text's word shingles, hashed (a text of fewer than 5 words is one shingle of all of them). */
export function shingles(text: string): Set<number> {
	const words = wordsOf(text);
	const out = new Set<number>();
	if (words.length === 0) return out;
	for (let i = 0; i + SHINGLE_WORDS <= Math.max(words.length, SHINGLE_WORDS); i++)
		out.add(hashString(words.slice(i, i + SHINGLE_WORDS).join(' ')));
	return out;
}

/**
 * The shingles of `letter` that the generated text does not have: what its writer added or changed. `generated` is
 * the text, or its shingles where the caller has them.
 */
export function ownShingles(letter: string, generated: string | Set<number>): Set<number> {
	const common = typeof generated === 'string' ? shingles(generated) : generated;
	const own = new Set<number>();
	for (const s of shingles(letter)) if (!common.has(s)) own.add(s);
	return own;
}

/** The MinHash signature of a set of shingle hashes: for each seeded hash function, the least value over the set. */
export function signature(set: Set<number>): Uint32Array {
	const sig = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY_SLOT);
	for (const s of set)
		for (let i = 0; i < SIGNATURE_SIZE; i++) {
			const h = fmix32(s ^ SEEDS[i]!);
			if (h < sig[i]!) sig[i] = h;
		}
	return sig;
}

/** The estimated Jaccard similarity of the two sets: the share of slots where their signatures agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
	if (a.length !== b.length) throw new Error('signatures of different sizes cannot be compared');
	let same = 0;
	for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
	return same / a.length;
}

/**
 * Locality-sensitive hashing (banding): the signature in 32 bands of 4 slots, each band hashed to one key with the MP's
 * constituency code. Two letters to the same MP share a key with probability 1 - (1 - J^4)^32, J their similarity:
 * 98.8% at 0.6, 99.98% at 0.7, always at 1; 0.003% at 0.1. The store looks up only prints that share a key (an
 * indexed array), then compares their whole signatures, so a send reads a handful of prints, not all of an MP's.
 */
export const BANDS = 32;
const ROWS = SIGNATURE_SIZE / BANDS;

export function bandKeys(sig: Uint32Array, constituencyCode: string): number[] {
	const salt = hashString(constituencyCode);
	return Array.from({ length: BANDS }, (_, b) => {
		let h = fmix32(salt ^ Math.imul(b + 1, 0x9e3779b1));
		for (let r = 0; r < ROWS; r++) h = fmix32(h ^ sig[b * ROWS + r]!);
		return h | 0; // a signed 32-bit integer: PostgreSQL's INTEGER
	});
}

/** A letter's print: the signature of its own shingles (see the top of this file). */
export function letterPrint(letter: string, generated: string): Uint32Array {
	return signature(ownShingles(letter, generated));
}

/** The exact Jaccard similarity of two sets (1 for two empty sets): what the signature estimates, for measuring. */
export function jaccard(a: Set<number>, b: Set<number>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let both = 0;
	for (const x of a) if (b.has(x)) both++;
	return both / (a.size + b.size - both);
}

/** A signature as bytes for the store (little-endian), and back. */
export function printBytes(sig: Uint32Array): Uint8Array {
	const bytes = new Uint8Array(sig.length * 4);
	const view = new DataView(bytes.buffer);
	sig.forEach((v, i) => view.setUint32(i * 4, v, true));
	return bytes;
}

export function printFromBytes(bytes: Uint8Array): Uint32Array {
	if (bytes.length !== SIGNATURE_SIZE * 4) throw new Error(`a print has ${SIGNATURE_SIZE * 4} bytes`);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => view.getUint32(i * 4, true));
}
