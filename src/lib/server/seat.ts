/**
 * The server decides who a supporter writes to: the constituency, its MP and the Cancer Alliances all come from the
 * postcode, through the one postcode index. A constituency code in a request is only a choice among the postcode's
 * own candidates (where its seat is uncertain), never an instruction.
 */
import type { PostcodeAnswer } from '../mp/contract';
import { letterAlliances } from '../mp/postcode-answer';
import { answerPostcode } from './postcode-index';

export type Seat = PostcodeAnswer['constituencies'][number];

export type SeatDecision =
	| {
			ok: true;
			answer: PostcodeAnswer;
			seat: Seat;
			/** The postcode's own alliance first, then every other alliance the seat reaches. */
			alliances: { code: string; name: string }[];
	  }
	| {
			ok: false;
			/** The answer, when the postcode itself was found (so the page can still show it). */
			answer: PostcodeAnswer | null;
			field: 'postcode' | 'constituencyCode';
			/** 400: the request does not fit the postcode; 404: unknown postcode; 422: nobody to write to here. */
			status: 400 | 404 | 422;
			message: string;
	  };

/**
 * The seat for `postcode`, given the supporter's `chosen` constituency (needed only where the seat is uncertain; where
 * it is certain, a different code is refused: it cannot have come from this site's own pages).
 */
export async function decideSeat(postcode: string, chosen: string | null): Promise<SeatDecision> {
	const { status, body } = await answerPostcode(postcode);
	if (status !== 200 || !('postcode' in body)) {
		const message = 'error' in body ? body.error : 'We could not look up this postcode.';
		return { ok: false, answer: null, field: 'postcode', status: status === 404 ? 404 : 400, message };
	}
	const answer = body;
	if (answer.country !== 'England') {
		return {
			ok: false,
			answer,
			field: 'postcode',
			status: 422,
			message: `${answer.postcode} is in ${answer.country}, where health services are not run by NHS England, so this email does not apply there.`
		};
	}
	if (answer.constituencies.length === 0 || answer.alliances.length === 0) {
		return {
			ok: false,
			answer,
			field: 'postcode',
			status: 422,
			message: `We found ${answer.postcode}, but not where it is. Please try the postcode of your home.`
		};
	}
	let seat: Seat | undefined;
	if (answer.constituencies.length === 1) {
		seat = answer.constituencies[0]!;
		if (chosen && chosen !== seat.code) {
			return {
				ok: false,
				answer,
				field: 'constituencyCode',
				status: 400,
				message: `${answer.postcode} is in ${seat.name}, not the constituency in this request. Nothing has been sent or kept: please start again from your postcode.`
			};
		}
	} else {
		seat = answer.constituencies.find((c) => c.code === chosen);
		if (!seat) {
			return {
				ok: false,
				answer,
				field: 'constituencyCode',
				status: 400,
				message: chosen
					? `That constituency is not one of those ${answer.postcode} could be in. Choose one of the constituencies listed.`
					: 'Choose the constituency you live in.'
			};
		}
	}
	return { ok: true, answer, seat, alliances: letterAlliances(answer, seat.code) };
}
