/**
 * The confirmation link's page and its one send: what /confirm/<token> shows (ready, sent, or why not), and the send
 * the supporter's click makes (rate-limited per connection), through ./mail with the details ./actions kept.
 */
import { actionsStore, type PeekResult } from './actions';
import { linkOrigin, smtpConfigured } from './env';
import { formatExpiry, recipientFor, sendToMp } from './mail';
import { humanDuration, limits, take } from './rate-limit';

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
	| {
			state: 'unknown' | 'used' | 'expired' | 'failed' | 'unavailable' | 'limited';
			title: string;
			message: string;
	  };

export const CONFIRM_STATUS: Record<ConfirmView['state'], number> = {
	ready: 200,
	sent: 200,
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
				message: `We could not send your email to ${mp} when this link was used, and we kept none of your details. Please write it again from your area’s page.`
			};
		}
		return {
			state: 'used',
			title: 'This link has already been used',
			message: `Your email to ${mp} is being sent. Each link works once.`
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

/**
 * Uses a confirmation token, once, and sends the email to the MP: 'sent' recorded on success; on failure 'failed'
 * with nothing personal kept. Never throws: every outcome is a view.
 */
export async function sendConfirmed(token: string, origin: string): Promise<ConfirmView> {
	if (!smtpConfigured())
		return {
			...UNAVAILABLE,
			message: 'This server is not set up to send email at the moment. Your link has not been used.'
		};
	let store;
	try {
		store = await actionsStore();
	} catch (error) {
		console.error('Confirmation: the action store is not available:', error);
		return UNAVAILABLE;
	}
	let result;
	try {
		result = await store.consume(token);
	} catch (error) {
		console.error('Confirmation: could not use the token:', error);
		return UNAVAILABLE;
	}
	if (result.kind !== 'ok') return notReady(result);
	const { payload } = result;
	const to = recipientFor(payload.constituencyCode);
	const fail = async (message: string): Promise<ConfirmView> => {
		await store
			.markFailed(payload.actionId)
			.catch((error) => console.error('Confirmation: could not record a failure:', error));
		return { state: 'failed', title: 'Your email could not be sent', message };
	};
	if (!to.ok) return fail(to.message);
	try {
		await sendToMp({
			mp: to.mp,
			supporter: { name: payload.name, email: payload.email },
			subject: payload.subject,
			body: payload.body,
			origin
		});
	} catch (error) {
		console.error(
			`Confirmation: sending to the MP for ${payload.constituencyCode} failed:`,
			error instanceof Error ? error.message : error
		);
		return fail(
			`The mail server did not accept your email to ${to.mp.name}, so it has not been sent. For your privacy we have not kept it: please write it again from your area’s page, or send it from your own email program to ${to.mp.email}.`
		);
	}
	try {
		await store.markSent(payload);
	} catch (error) {
		console.error('Confirmation: the email was sent but could not be recorded:', error);
	}
	return { state: 'sent', mpName: to.mp.name, constituencyName: to.constituencyName, supporterEmail: payload.email };
}

/** The confirmation POST (a form action without JavaScript, JSON with it): same-origin, rate-limited, then sent. */
export async function confirmPost(token: string, request: Request, url: URL, ip: string): Promise<ConfirmView> {
	const verdict = take([[limits.confirmPerIp, ip]]);
	if (!verdict.ok) {
		return {
			state: 'limited',
			title: 'Too many attempts',
			message: `Too many confirmations from your connection in a short time. Your link has not been used: please try again in ${humanDuration(verdict.retryAfter)}.`
		};
	}
	return sendConfirmed(token, linkOrigin(request, url));
}
