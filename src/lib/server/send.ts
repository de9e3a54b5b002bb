/**
 * Accepting a letter for sending, one path for POST /api/send and the panel's form action: rate limits, the seat
 * decided from the postcode, the MP's published address, one letter per supporter per MP per campaign period, then a
 * pending letter and a confirmation email with a single-use link. Nothing is stored unless every check passed.
 * A letter almost the same as one another supporter already sent to this MP is refused kindly, asking for something
 * of the writer's own (./similar.ts).
 */
import type { SendAnswer, SendRequest } from '../mp/contract';
import { actionsStore, kickOutbox, type Window } from './actions';
import { smtpConfigured } from './env';
import { confirmationMail, formatExpiry, recipientFor } from './mail';
import { refusedBy, sendWindows, type Refused } from './rate-limit';
import { decideSeat } from './seat';
import { printOf, tooSimilar } from './similar';

export interface SendOutcome {
	status: number;
	answer: SendAnswer;
	/** Seconds, for a Retry-After header. */
	retryAfter?: number;
	/** Refused as almost the same as a letter already sent to this MP: the panel asks for the writer's own words. */
	personalise?: boolean;
}

const UNAVAILABLE =
	'Sending is not available right now. Please try again in a few minutes, or send the letter from your own email program.';

const refused = (status: number, message: string, field?: keyof SendRequest): SendOutcome => ({
	status,
	answer: field ? { status: 'refused', field, message } : { status: 'refused', message }
});

const limited = (verdict: Refused): SendOutcome => ({
	...refused(429, verdict.message),
	retryAfter: verdict.retryAfter
});

/** Kind, and says what to do: the writer has done nothing wrong. */
const personaliseMessage = (mp: string) =>
	`Thank you for writing. Your letter is almost the same as one another constituent has already sent to ${mp}, and MPs' offices give much more weight to letters in the writer's own words. Please add a sentence or two of your own (why this matters to you, or what you or someone close to you went through), then send it again. Nothing has been sent or kept.`;

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

/**
 * Checks and queues a validated request. `ip` is the rate-limit key of the client; `linkOrigin` the origin for the
 * confirmation link.
 */
export async function acceptSend(
	send: SendRequest,
	ip: string,
	linkOrigin: string,
	/** The letter we generated for this writer without their story, where the caller has just composed it. */
	generated?: string
): Promise<SendOutcome> {
	if (!smtpConfigured()) {
		return refused(
			409,
			'This server sends through your own mail client: it does not send email itself. Open the letter in your email app, or copy it, and send it from there.'
		);
	}
	let store;
	try {
		store = await actionsStore();
	} catch (error) {
		console.error('Sending: the action store is not available:', error);
		return refused(503, UNAVAILABLE);
	}
	const byIp: [Window, string][] = [
		[sendWindows.perIpShort, ip],
		[sendWindows.perIpDay, ip]
	];
	const early = await store.rateCheck(byIp);
	if (!early.ok) return limited(refusedBy(early.window, early.retryAfter));

	const decision = await decideSeat(send.postcode, send.constituencyCode);
	if (!decision.ok) return refused(decision.status, decision.message, decision.field);
	const recipient = recipientFor(decision.seat.code);
	if (!recipient.ok) return refused(recipient.status, recipient.message, 'constituencyCode');

	const windows: [Window, string][] = [...byIp, [sendWindows.perEmailDay, store.emailHash(send.email)]];
	const verdict = await store.rateCheck(windows);
	if (!verdict.ok) return limited(refusedBy(verdict.window, verdict.retryAfter));

	// Before anything is stored or counted: a near-copy spends none of the supporter's allowance.
	const print = printOf(send, decision, linkOrigin, generated);
	if (await tooSimilar(store, print, store.emailHash(send.email)))
		return { ...refused(409, personaliseMessage(recipient.mp.name), 'body'), personalise: true };

	// The pending letter, its action, its rate-limit hits and its confirmation email: one transaction. A relay that is
	// down only delays the email (the outbox retries it); a refusal above spends none of the supporter's allowance.
	let pending;
	try {
		pending = await store.createPending(
			{
				postcode: send.postcode,
				constituencyCode: decision.seat.code,
				allianceCodes: decision.alliances.map((a) => a.code),
				name: send.name,
				email: send.email,
				address: send.address,
				subject: send.subject,
				body: send.body,
				consent: send.consent
			},
			(links) =>
				confirmationMail({
					supporter: { name: send.name, email: send.email },
					mp: recipient.mp,
					constituencyName: recipient.constituencyName,
					subject: send.subject,
					body: send.body,
					link: `${linkOrigin}/confirm/${links.token}`,
					privacyLink: `${linkOrigin}/privacy`,
					deletionLink: `${linkOrigin}/privacy/delete/${links.deletionToken}`,
					expiresAt: links.expiresAt
				}),
			{ hits: windows, print }
		);
	} catch (error) {
		console.error('Sending: could not store the pending email:', error);
		return refused(503, UNAVAILABLE);
	}
	if (pending.kind === 'duplicate') {
		const message =
			pending.status !== 'confirmation_sent'
				? `Thank you: you already wrote to ${recipient.mp.name} about this on ${day.format(new Date(pending.at))}, and one letter from each person counts most. If you have something new to add, reply to your MP's answer, or write again after 30 days.`
				: `Thank you: a confirmation link for your letter to ${recipient.mp.name} is already waiting in ${send.email}'s inbox (it works until ${formatExpiry(pending.at + 24 * 60 * 60 * 1000)}). Open it to send your letter; we have not sent another.`;
		return refused(409, message);
	}
	kickOutbox();
	return {
		status: 200,
		answer: {
			status: 'confirmation_sent',
			message: `Nearly done: we have emailed ${send.email}. Open the link in that email and press "Send my email" to send your email to ${recipient.mp.name}. The link works once, for 24 hours.`
		}
	};
}
