/**
 * The server's side of "letters in the supporter's own words": a letter's print (what its writer added to the letter
 * we generated for them, as a MinHash signature: src/lib/mp/similarity.ts), and whether it is almost the same as one
 * already waiting for confirmation, queued or sent to the same MP by someone else. The rule and its threshold are in
 * the README ("Letters in your own words").
 */
import type { SendRequest } from '../mp/contract';
import { letterPrint, PRINT_SCHEME, printBytes, printFromBytes, similarity, SIMILAR_AT } from '../mp/similarity';
import type { Store } from './actions';
import { draftFor } from './draft';
import type { SeatDecision } from './seat';
import { printsFor, type LetterPrint } from './store/prints';
import { TOKEN_TTL_MS } from './store/types';

/** The print of a letter: its body against the letter we would generate for this writer and seat (no story). */
export function printOf(
	send: Pick<SendRequest, 'name' | 'address' | 'postcode' | 'body'>,
	decision: Extract<SeatDecision, { ok: true }>,
	origin: string
): LetterPrint {
	const generated = draftFor({
		seat: decision.seat,
		alliances: decision.alliances,
		supporter: { name: send.name, address: send.address, postcode: send.postcode },
		story: '',
		origin
	});
	return {
		constituencyCode: decision.seat.code,
		scheme: PRINT_SCHEME,
		signature: printBytes(letterPrint(send.body, generated.body))
	};
}

/** The highest estimated similarity between `print` and the prints of other writers' letters to the same MP (0 if none). */
export async function nearest(store: Store, print: LetterPrint, emailHash: string, now = Date.now()): Promise<number> {
	const mine = printFromBytes(print.signature);
	let best = 0;
	const others = await printsFor(store.sql, {
		constituencyCode: print.constituencyCode,
		scheme: print.scheme,
		emailHash,
		pendingSince: now - TOKEN_TTL_MS
	});
	for (const other of others) best = Math.max(best, similarity(mine, printFromBytes(other)));
	return best;
}

/** Whether the letter is too like one already sent to this MP by someone else (SIMILAR_AT or more). */
export async function tooSimilar(store: Store, print: LetterPrint, emailHash: string): Promise<boolean> {
	return (await nearest(store, print, emailHash)) >= SIMILAR_AT;
}
