/**
 * The follow-up survey's one question ("Did your MP reply?") and its five answers, shared by the survey email, the
 * one-click answer page, the store and the reply-rate summary. The keys are stored: never rename one.
 */
export const REPLY_ANSWERS = [
	'replied_and_wrote',
	'replied_not_wrote',
	'acknowledgement',
	'no_reply',
	'not_expected'
] as const;

export type ReplyAnswer = (typeof REPLY_ANSWERS)[number];

/** How each answer reads in the email, on the answer page and in the summary's notes. */
export const REPLY_ANSWER_LABELS: Record<ReplyAnswer, string> = {
	replied_and_wrote: 'My MP replied and wrote to the Cancer Alliance',
	replied_not_wrote: 'My MP replied, but did not say they wrote to the Cancer Alliance',
	acknowledgement: 'I only had an acknowledgement',
	no_reply: 'No reply yet',
	not_expected: 'I did not expect a reply'
};

export function isReplyAnswer(value: unknown): value is ReplyAnswer {
	return typeof value === 'string' && (REPLY_ANSWERS as readonly string[]).includes(value);
}
