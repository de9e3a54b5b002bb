/**
 * The server's side of "letters in the supporter's own words": a letter's print (what its writer added to the letter
 * we generated for them, as a MinHash signature: src/lib/mp/similarity.ts), and whether it is almost the same as one
 * already waiting for confirmation, queued or sent to the same MP by someone else. The rule and its threshold are in
 * the README ("Letters in your own words").
 */
import type { SendRequest } from '../mp/contract';
import { createHash } from 'node:crypto';
import { bandKeys, ownShingles, PRINT_SCHEME, printBytes, shingles, signature, SIMILAR_AT } from '../mp/similarity';
import type { Store } from './actions';
import { draftFor } from './draft';
import type { SeatDecision } from './seat';
import { nearestPrint, type LetterPrint } from './store/prints';
import { TOKEN_TTL_MS } from './store/types';

/**
 * The shingles of the letter we generate for a writer and seat (no story), by a hash of what they depend on: a sender
 * of many letters through the API with one name and address (a campaign tool, the bench) composes it once. Only the
 * shingles' hashes are kept, never the letter or the writer's details; the oldest go first.
 */
const templates = new Map<string, Set<number>>();
const TEMPLATES_KEPT = 500;

function templateShingles(
	send: Pick<SendRequest, 'name' | 'address' | 'postcode'>,
	decision: Extract<SeatDecision, { ok: true }>,
	origin: string
): Set<number> {
	const supporter = { name: send.name, address: send.address, postcode: send.postcode };
	const key = createHash('sha256')
		.update(JSON.stringify([decision.seat.code, decision.alliances.map((a) => a.code), supporter, origin]))
		.digest('base64url');
	let found = templates.get(key);
	if (!found) {
		found = shingles(
			draftFor({ seat: decision.seat, alliances: decision.alliances, supporter, story: '', origin }).body
		);
		templates.set(key, found);
		if (templates.size > TEMPLATES_KEPT) templates.delete(templates.keys().next().value!);
	}
	return found;
}

/**
 * The print of a letter: its body against the letter we would generate for this writer and seat (no story):
 * `generated` where the caller has just composed it (the panel), or a different letter (a chase letter: src/lib/mp/chase.ts,
 * without their words), else composed here.
 */
export function printOf(
	send: Pick<SendRequest, 'name' | 'address' | 'postcode' | 'body'>,
	decision: Extract<SeatDecision, { ok: true }>,
	origin: string,
	generated?: string
): LetterPrint {
	const common = generated === undefined ? templateShingles(send, decision, origin) : shingles(generated);
	const sig = signature(ownShingles(send.body, common));
	return {
		constituencyCode: decision.seat.code,
		scheme: PRINT_SCHEME,
		signature: printBytes(sig),
		bands: bandKeys(sig, decision.seat.code)
	};
}

/** Whether the letter is too like one already sent to this MP by someone else (SIMILAR_AT or more). */
export async function tooSimilar(store: Store, print: LetterPrint, emailHash: string): Promise<boolean> {
	return (await nearestPrint(store.sql, print, emailHash, Date.now() - TOKEN_TTL_MS)) >= SIMILAR_AT;
}
