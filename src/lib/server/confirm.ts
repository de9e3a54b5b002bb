/**
 * The confirmation link's page and its one send: what /confirm/<token> shows (ready, sent, queued, or why not), and
 * the send the supporter's click makes (rate-limited per connection): the letter to the MP is queued in the outbox in
 * the same transaction as the token's use, and the page waits a moment for the outbox worker to deliver it.
 */
import { actionsStore, kickOutbox, type PeekResult } from './actions';
import { linkOrigin, smtpConfigured } from './env';
import { formatExpiry, mpMail, recipientFor } from './mail';
import { humanDuration, storedLimits, takeStored, type Verdict } from './rate-limit';

/** What the confirmation page shows: before sending (ready), after sending, or why not. */
export type ConfirmView =
	| {
			state: 'ready';
			mpName: string;
			mpEmail: string;
			constituencyName: string;
			supporterName: string;
			supporterEmail: string;
			subject: string;
			body: string;
			expires: string;
	  }
	| { state: 'sent'; mpName: string; constituencyName: string; supporterEmail: string }
	| { state: 'queued'; mpName: string; constituencyName: string; supporterEmail: string }
	| {
			state: 'unknown' | 'used' | 'expired' | 'failed' | 'unavailable' | 'limited';
			title: string;
			message: string;
	  };

export const CONFIRM_STATUS: Record<ConfirmView['state'], number> = {
	ready: 200,
	sent: 200,
	queued: 202,
	unknown: 404,
	used: 409,
	expired: 410,
	failed: 502,
	unavailable: 503,
	limited: 429
};

const when_sent = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'long',
	timeStyle: 'short',
	timeZone: 'Europe/London'
});

/** The page for a token that cannot be used (unknown, already used, expired). */
export function notReady(result: Exclude<PeekResult, { kind: 'ready' }>): ConfirmView {
	if (result.kind === 'expired') {
		return {
			state: 'expired',
			title: 'This link has expired',
			message:
				'Confirmation links work for 24 hours. Your email was not sent, and the details you gave have been deleted. You can write it again from your area’s page.'
		};
	}
	if (result.kind === 'used') {
		const to = result.constituencyCode ? recipientFor(result.constituencyCode) : null;
		const mp = to?.ok ? to.mp.name : 'your MP';
		if (result.status === 'sent') {
			return {
				state: 'used',
				title: 'This link has already been used',
				message: `Your email to ${mp} was sent on ${when_sent.format(new Date(result.at))} UK time. Each link works once, so it cannot be sent again.`
			};
		}
		if (result.status === 'failed') {
			return {
				state: 'used',
				title: 'This link has already been used',
				message: `Your email to ${mp} could not be delivered: the mail server refused it, or did not answer for two days. It was not sent, and we kept none of your details. Please write it again from your area’s page.`
			};
		}
		return {
			state: 'used',
			title: 'This link has already been used',
			message: `Your email to ${mp} is queued: the mail server has not taken it yet, and we keep trying for two days. Open this link again later to see whether it has gone. Each link works once.`
		};
	}
	return {
		state: 'unknown',
		title: 'We do not recognise this link',
		message:
			'Check that you opened the whole link from the email. Links work once and for 24 hours; if yours is older, or was used already, you can write your email again from your area’s page.'
	};
}

const UNAVAILABLE = {
	state: 'unavailable' as const,
	title: 'Sending is not available right now',
	message: 'Your link has not been used, so it will still work: please try again in a few minutes.'
};

/** The first, GET-safe view of a confirmation link: shows what will be sent, uses nothing. */
export async function viewConfirmation(token: string): Promise<ConfirmView> {
	let result: PeekResult;
	try {
		result = await (await actionsStore()).peek(token);
	} catch (error) {
		console.error('Confirmation page: the action store is not available:', error);
		return UNAVAILABLE;
	}
	if (result.kind !== 'ready') return notReady(result);
	const to = recipientFor(result.payload.constituencyCode);
	if (!to.ok) return { state: 'failed', title: 'We cannot send this email', message: to.message };
	return {
		state: 'ready',
		mpName: to.mp.name,
		mpEmail: to.mp.email,
		constituencyName: to.constituencyName,
		supporterName: result.payload.name,
		supporterEmail: result.payload.email,
		subject: result.payload.subject,
		body: result.payload.body,
		expires: formatExpiry(result.expiresAt)
	};
}

/** How long the confirmation page waits for the outbox to deliver before it says "queued". */
const WAIT_FOR_DELIVERY_MS = 5_000;

async function settled(store: Awaited<ReturnType<typeof actionsStore>>, actionId: string) {
	const until = Date.now() + WAIT_FOR_DELIVERY_MS;
	for (;;) {
		const status = await store.actionStatus(actionId);
		if (status !== 'queued' || Date.now() > until) return status;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * Uses a confirmation token, once, and queues the email to the MP in the same transaction; then waits a moment for
 * the outbox to deliver it, so the page says "sent" (or "queued": delivery is retried for two days, or "could not
 * be delivered"). Never throws: every outcome is a view.
 */
export async function sendConfirmed(token: string, origin: string): Promise<ConfirmView> {
	if (!smtpConfigured())
		return {
			...UNAVAILABLE,
			message: 'This server is not set up to send email at the moment. Your link has not been used.'
		};
	let store;
	let result;
	try {
		store = await actionsStore();
		result = await store.consume(token, (payload) => {
			const to = recipientFor(payload.constituencyCode);
			if (!to.ok) return { error: to.message };
			return {
				mail: mpMail({
					mp: to.mp,
					supporter: { name: payload.name, email: payload.email },
					subject: payload.subject,
					body: payload.body,
					origin
				})
			};
		});
	} catch (error) {
		console.error('Confirmation: could not use the token:', error);
		return UNAVAILABLE;
	}
	if (result.kind === 'refused')
		return { state: 'failed', title: 'We cannot send this email', message: result.message };
	if (result.kind !== 'queued') return notReady(result);
	const { payload } = result;
	const to = recipientFor(payload.constituencyCode);
	if (!to.ok) return { state: 'failed', title: 'We cannot send this email', message: to.message };
	kickOutbox();
	const status = await settled(store, payload.actionId).catch(() => 'queued' as const);
	const who = { mpName: to.mp.name, constituencyName: to.constituencyName, supporterEmail: payload.email };
	if (status === 'sent') return { state: 'sent', ...who };
	if (status === 'failed')
		return {
			state: 'failed',
			title: 'Your email could not be delivered',
			message: `The mail server refused your email to ${to.mp.name}, so it has not been sent, and we have not kept it. Please write it again from your area’s page, or send it from your own email program to ${to.mp.email}.`
		};
	return { state: 'queued', ...who };
}

/**
 * The confirmation POST (a form action without JavaScript, JSON with it): same-origin, rate-limited per connection in
 * the store (shared by every server), then sent.
 */
export async function confirmPost(token: string, request: Request, url: URL, ip: string): Promise<ConfirmView> {
	let verdict: Verdict;
	try {
		verdict = await takeStored(await actionsStore(), [[storedLimits.confirmPerIp, ip]]);
	} catch (error) {
		console.error('Confirmation: the action store is not available:', error);
		return UNAVAILABLE;
	}
	if (!verdict.ok) {
		return {
			state: 'limited',
			title: 'Too many attempts',
			message: `Too many confirmations from your connection in a short time. Your link has not been used: please try again in ${humanDuration(verdict.retryAfter)}.`
		};
	}
	return sendConfirmed(token, linkOrigin(request, url));
}
