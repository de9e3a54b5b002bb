/**
 * The answer page behind the survey's links (/replied/<token>): what it shows, and its three posts: the answer
 * (recorded, or changed), the chase letter (through ./send.ts, the first letter's own checks, limits and confirmation
 * email), and the key sentences of an MP's reply (kept for moderation). Time comes from ./clock.
 */
import { REPLY_ANSWERS, isReplyAnswer, type ReplyAnswer } from '$lib/replies/answers';
import { composeChase } from '$lib/mp/chase';
import { checkPostcode, checkLine, checkText } from '$lib/mp/validate';
import { LIMITS } from '$lib/mp/contract';
import { actionsStore } from './actions';
import { allianceFacts } from './area';
import { now } from './clock';
import { areaByCode } from './data';
import { linkOrigin } from './env';
import { recipientFor } from './mail';
import { acceptSend } from './send';
import { EXCERPT_MAX, type AnswerLink } from './store/followups';
import { ipKey } from './rate-limit';

/** The longest sentence of their own a supporter may add to a chase letter. */
export const CHASE_OWN_MAX = 600;

export type Notice = { kind: 'ok' | 'error'; text: string; field?: 'postcode' | 'address' | 'own' | 'excerpt' };

export type RepliedView =
	| {
			state: 'ready';
			mpName: string;
			constituencyName: string;
			sentOn: string;
			answer: ReplyAnswer | null;
			/** The answer the email's link proposed, ready to record with one press. */
			proposed: ReplyAnswer | null;
			/** open: the chase form; later: from `chaseFrom`; sent: already chased; none: not for this answer. */
			chase: 'open' | 'later' | 'sent' | 'none';
			chaseFrom: string;
			canExcerpt: boolean;
			excerpt: { status: string; text: string } | null;
			supporterEmail: string | null;
			notice: Notice | null;
	  }
	| { state: 'unknown' | 'unavailable'; title: string; message: string };

export const REPLIED_STATUS: Record<RepliedView['state'], number> = { ready: 200, unknown: 404, unavailable: 503 };

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });
const DAY_MS = 24 * 60 * 60 * 1000;

const UNKNOWN: RepliedView = {
	state: 'unknown',
	title: 'We do not recognise this link',
	message:
		'Check that you opened the whole link from the email. Links stop working when someone uses the deletion link in the email, and when the record is deleted 12 months after the letter.'
};
const UNAVAILABLE: RepliedView = {
	state: 'unavailable',
	title: 'This page is not available right now',
	message: 'Nothing has been recorded. Please try the link again in a few minutes.'
};

function view(link: AnswerLink, proposed: ReplyAnswer | null, notice: Notice | null): RepliedView {
	const to = recipientFor(link.constituencyCode);
	const chase =
		link.answer !== 'no_reply' || !link.email ? 'none' : link.chased ? 'sent' : link.chaseOpen ? 'open' : 'later';
	return {
		state: 'ready',
		mpName: to.ok ? to.mp.name : 'your MP',
		constituencyName: areaByCode.get(link.constituencyCode)?.name ?? link.constituencyCode,
		sentOn: day.format(new Date(link.deliveredAt)),
		answer: link.answer,
		proposed,
		chase,
		chaseFrom: day.format(new Date(link.deliveredAt + 21 * DAY_MS)),
		canExcerpt: link.answer === 'replied_and_wrote' || link.answer === 'replied_not_wrote',
		excerpt: link.excerpt,
		supporterEmail: link.email,
		notice
	};
}

async function withLink(token: string, fn: (link: AnswerLink) => Promise<RepliedView>): Promise<RepliedView> {
	try {
		const link = await (await actionsStore()).followUps.link(token, now());
		return link ? await fn(link) : UNKNOWN;
	} catch (error) {
		console.error('Answer page: the action store is not available:', error);
		return UNAVAILABLE;
	}
}

/** GET: shows the answer the link proposed with a button to record it, and records nothing. */
export function viewReplied(token: string, proposed: string | null): Promise<RepliedView> {
	return withLink(token, async (link) => view(link, isReplyAnswer(proposed) ? proposed : null, null));
}

/** POST answer: records (or changes) the answer. */
export function answerPost(token: string, form: FormData): Promise<RepliedView> {
	return withLink(token, async (link) => {
		const answer = form.get('answer');
		if (!isReplyAnswer(answer)) return view(link, null, { kind: 'error', text: 'Choose one of the answers.' });
		const store = await actionsStore();
		await store.followUps.answer(token, answer, now());
		const fresh = (await store.followUps.link(token, now())) ?? link;
		return view(fresh, null, { kind: 'ok', text: 'Your answer is recorded. You can change it here at any time.' });
	});
}

/** POST excerpt: keeps the key sentences of the MP's reply until an operator approves them. */
export function excerptPost(token: string, form: FormData): Promise<RepliedView> {
	return withLink(token, async (link) => {
		const text = checkText(form.get('excerpt') ?? '', 'story', EXCERPT_MAX, true);
		if (!text.ok)
			return view(link, null, {
				kind: 'error',
				field: 'excerpt',
				text: text.message.replace(/^Your story/, 'The excerpt')
			});
		const store = await actionsStore();
		const kept = await store.followUps.submitExcerpt(token, text.value, now());
		const fresh = (await store.followUps.link(token, now())) ?? link;
		return view(
			fresh,
			null,
			kept
				? {
						kind: 'ok',
						text: 'Thank you: we will read it before it is published, with your MP’s name and no one else’s.'
					}
				: { kind: 'error', field: 'excerpt', text: 'Excerpts are for replies from your MP: record that answer first.' }
		);
	});
}

/**
 * POST chase: composes the follow-up letter from the area's figures and sends it through the first letter's path
 * (acceptSend: rate limits, the seat checked against the postcode, a confirmation email with a single-use link). The
 * address line and postcode are asked again: they were deleted with the first letter.
 */
export function chasePost(
	token: string,
	form: FormData,
	request: Request,
	url: URL,
	clientAddress: string
): Promise<RepliedView> {
	return withLink(token, async (link) => {
		const current = view(link, null, null);
		if (current.state !== 'ready' || current.chase !== 'open' || !link.email || !link.name)
			return view(link, null, { kind: 'error', text: 'A follow-up letter cannot be sent from this page now.' });
		const postcode = checkPostcode(form.get('postcode'));
		if (!postcode.ok) return view(link, null, { kind: 'error', field: 'postcode', text: postcode.message });
		const address = checkLine(form.get('address'), 'address', LIMITS.address);
		if (!address.ok) return view(link, null, { kind: 'error', field: 'address', text: address.message });
		const own = checkText(form.get('own') ?? '', 'story', CHASE_OWN_MAX, false);
		if (!own.ok) return view(link, null, { kind: 'error', field: 'own', text: own.message });
		const origin = linkOrigin(request, url);
		const name = link.name;
		const chase = (words: string) =>
			composeChase({
				mpName: current.mpName,
				constituencyName: current.constituencyName,
				constituencyCode: link.constituencyCode,
				alliances: link.allianceCodes.map((code) => ({
					code,
					name: areaByCode.get(code)?.name ?? code,
					facts: allianceFacts(code) ?? []
				})),
				sentAt: link.deliveredAt,
				supporter: { name, address: address.value, postcode: postcode.value },
				own: words,
				siteUrl: origin
			});
		const letter = chase(own.value);
		const outcome = await acceptSend(
			{
				postcode: postcode.value,
				constituencyCode: link.constituencyCode,
				name: link.name,
				email: link.email,
				address: address.value,
				subject: letter.subject,
				body: letter.body,
				consent: false, // the first letter's consent covers the follow-up; the chase keeps no details of its own
				website: ''
			},
			ipKey(clientAddress),
			origin,
			// Only the writer's own sentence counts towards "letters in your own words" (./similar.ts).
			{ chaseOf: link.actionId, draft: chase('').body }
		);
		const answer = outcome.answer;
		if (answer.status === 'confirmation_sent') return view(link, null, { kind: 'ok', text: answer.message });
		// A near-copy of another writer's follow-up asks for their own words: the "anything to add" box.
		const field =
			answer.field === 'postcode' || answer.field === 'address'
				? answer.field
				: answer.field === 'body'
					? 'own'
					: undefined;
		return view(link, null, { kind: 'error', text: answer.message, ...(field ? { field } : {}) });
	});
}

export { REPLY_ANSWERS };
