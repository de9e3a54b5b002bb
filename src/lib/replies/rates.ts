/**
 * Reply rates from supporters' answers to the follow-up survey ("did your MP reply?"), per MP or per Cancer Alliance.
 *
 * Definitions (the README's "Reply rates" repeats them):
 *   delivered    letters to the MP that the relay accepted (actions 'sent'); 1-9 withheld, as every count is
 *   answers      supporters who answered the survey, any answer; 1-9 withheld
 *   counted      answers minus "I did not expect a reply": the denominator of every share below (someone who did not
 *                expect a reply tells us nothing about whether the MP replies)
 *   replied      "replied and wrote to the Alliance" + "replied, but not that they wrote": the share reporting a reply
 *   wrote        "replied and wrote to the Alliance": the share reporting that the MP wrote to the Alliance
 *   acknowledged "only an acknowledgement": not a reply (WriteToThem counts it the same way), shown as its own share
 *
 * Each share has a Wilson 95% interval. Below `minAnswers` counted answers (10) every share is held back (null, with
 * the reason): a share of 3 in 7 says almost nothing and could point at one supporter.
 */
import { wilson } from '../stats/wilson';
import type { ReplyAnswer } from './answers';

/** The fewest counted answers that show a share; the same 10 as the action counts' suppression. */
export const REPLY_RATE_MIN_ANSWERS = 10;

export type AnswerCounts = Record<ReplyAnswer, number>;

export interface Share {
	/** Proportion in 0..1. */
	share: number;
	lower: number;
	upper: number;
	/** The numerator: how many counted answers said so. */
	count: number;
}

export interface ReplyRate {
	/** null for 1-9 ("fewer than 10"). */
	delivered: number | null;
	/** Every answer, any kind; null for 1-9. */
	answers: number | null;
	/** The shares' denominator (answers minus "did not expect a reply"); null when held back. */
	counted: number | null;
	replied: Share | null;
	wrote: Share | null;
	acknowledged: Share | null;
	/** Why the shares are null, or null when they are shown. */
	heldBack: string | null;
}

/** A count of 1 to (threshold - 1) as null; 0 and the threshold up are shown. */
export function withheldBelow(count: number, threshold = REPLY_RATE_MIN_ANSWERS): number | null {
	return count >= 1 && count < threshold ? null : count;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function share(count: number, of: number): Share {
	const interval = wilson(count, of)!;
	return { share: round(count / of), lower: round(interval.lower), upper: round(interval.upper), count };
}

export const NO_ANSWERS: AnswerCounts = {
	replied_and_wrote: 0,
	replied_not_wrote: 0,
	acknowledgement: 0,
	no_reply: 0,
	not_expected: 0
};

/** One area's rate record from its delivered letters and its answers by kind. */
export function replyRate(delivered: number, answers: AnswerCounts, minAnswers = REPLY_RATE_MIN_ANSWERS): ReplyRate {
	const total = Object.values(answers).reduce((a, b) => a + b, 0);
	if (total > delivered) throw new RangeError(`replyRate: ${total} answers for ${delivered} delivered letters`);
	const counted = total - answers.not_expected;
	const shown = { delivered: withheldBelow(delivered, minAnswers), answers: withheldBelow(total, minAnswers) };
	if (counted < minAnswers)
		return {
			...shown,
			counted: null,
			replied: null,
			wrote: null,
			acknowledged: null,
			heldBack: `fewer than ${minAnswers} answers`
		};
	return {
		...shown,
		counted,
		replied: share(answers.replied_and_wrote + answers.replied_not_wrote, counted),
		wrote: share(answers.replied_and_wrote, counted),
		acknowledged: share(answers.acknowledgement, counted),
		heldBack: null
	};
}

/** A share in words for tables and notes: "55% (95% interval 42% to 67%)". */
export function shareInWords(s: Share | null, heldBack: string | null): string {
	if (!s) return heldBack ?? 'not available';
	const pct = (x: number) => `${Math.round(x * 100)}%`;
	return `${pct(s.share)} (95% interval ${pct(s.lower)} to ${pct(s.upper)})`;
}
