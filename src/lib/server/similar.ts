/**
 * The server's side of "letters in the supporter's own words": a letter's print (what its writer added to the letter
 * we generated for them, as a MinHash signature: src/lib/mp/similarity.ts), and whether it is almost the same as one
 * already waiting for confirmation, queued or sent to the same MP by someone else. The rule and its threshold are in
 * the README ("Letters in your own words").
 */
import type { SendRequest } from '../mp/contract';
import { bandKeys, letterPrint, PRINT_SCHEME, printBytes, SIMILAR_AT } from '../mp/similarity';
import type { Store } from './actions';
import { draftFor } from './draft';
import type { SeatDecision } from './seat';
import { nearestPrint, type LetterPrint } from './store/prints';
import { TOKEN_TTL_MS } from './store/types';

/**
 * The print of a letter: its body against the letter we would generate for this writer and seat (no story), or
 * against `generatedBody` when that is a different letter (a chase letter: src/lib/mp/chase.ts, without their words).
 */
export function printOf(
	send: Pick<SendRequest, 'name' | 'address' | 'postcode' | 'body'>,
	decision: Extract<SeatDecision, { ok: true }>,
	origin: string,
	generatedBody?: string
): LetterPrint {
	const generated =
		generatedBody ??
		draftFor({
			seat: decision.seat,
			alliances: decision.alliances,
			supporter: { name: send.name, address: send.address, postcode: send.postcode },
			story: '',
			origin
		}).body;
	const sig = letterPrint(send.body, generated);
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
