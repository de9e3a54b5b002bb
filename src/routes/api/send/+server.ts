/**
 * GET  /api/send -> { mode: 'smtp' | 'mailto' }
 * POST /api/send  SendRequest -> SendAnswer
 *   403 cross-site, 415 not JSON, 413 over 32 KB, 400 invalid (with the field), 404/422 no MP address to send to,
 *   409 no SMTP here (use your own mail client), 429 rate limited (Retry-After), 502 the confirmation could not be sent,
 *   200 { status: 'confirmation_sent' }: the supporter has an email with a single-use link (/confirm/{token}).
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import type { SendAnswer, SendRequest } from '$lib/mp/contract';
import { validateSendRequest } from '$lib/mp/validate';
import { actionsStore } from '$lib/server/actions';
import { areaByCode } from '$lib/server/data';
import { configuredOrigin, linkOrigin, smtpConfigured } from '$lib/server/env';
import { recipientFor, sendConfirmation } from '$lib/server/mail';
import { CROSS_SITE_MESSAGE, ipKey, isSameOrigin, limits, readJson, take, tooMany } from '$lib/server/rate-limit';

const MAX_BYTES = 32 * 1024;
const NO_STORE = { 'cache-control': 'no-store' };

function refused(status: number, message: string, field?: keyof SendRequest): Response {
	const answer: SendAnswer = field ? { status: 'refused', field, message } : { status: 'refused', message };
	return json(answer, { status, headers: NO_STORE });
}

export const GET: RequestHandler = () => json({ mode: smtpConfigured() ? 'smtp' : 'mailto' }, { headers: NO_STORE });

export const POST: RequestHandler = async ({ request, url, getClientAddress }) => {
	if (!isSameOrigin(request, url, configuredOrigin())) return refused(403, CROSS_SITE_MESSAGE);
	if (!smtpConfigured()) {
		return refused(
			409,
			'This server sends through your own mail client: it does not send email itself. Open the letter in your email app, or copy it, and send it from there.'
		);
	}
	const ip = ipKey(getClientAddress());
	for (const window of [limits.sendPerIpShort, limits.sendPerIpDay]) {
		const verdict = window.check(ip);
		if (!verdict.ok) return tooMany(verdict, { status: 'refused' });
	}

	const body = await readJson(request, MAX_BYTES, (message) => ({ status: 'refused', message }));
	if (!body.ok) return body.response;
	const valid = validateSendRequest(body.value);
	if (!valid.ok) return refused(400, valid.message, valid.field);
	const send = valid.value;

	const recipient = recipientFor(send.constituencyCode);
	if (!recipient.ok) return refused(recipient.status, recipient.message, 'constituencyCode');
	for (const code of send.allianceCodes) {
		if (areaByCode.get(code)?.type !== 'alliance')
			return refused(
				400,
				'A Cancer Alliance in the request is not one we know. Enter your postcode again.',
				'allianceCodes'
			);
	}

	let store;
	try {
		store = await actionsStore();
	} catch (error) {
		console.error('POST /api/send: the action store is not available:', error);
		return refused(
			503,
			'Sending is not available right now. Please try again in a few minutes, or send the letter from your own email program.'
		);
	}
	const verdict = take([
		[limits.sendPerIpShort, ip],
		[limits.sendPerIpDay, ip],
		[limits.sendPerEmailDay, store.emailHash(send.email)]
	]);
	if (!verdict.ok) return tooMany(verdict, { status: 'refused' });

	let pending;
	try {
		pending = await store.createPending(send);
	} catch (error) {
		console.error('POST /api/send: could not store the pending email:', error);
		return refused(
			503,
			'Sending is not available right now. Please try again in a few minutes, or send the letter from your own email program.'
		);
	}
	try {
		await sendConfirmation({
			supporter: { name: send.name, email: send.email },
			mp: recipient.mp,
			constituencyName: recipient.constituencyName,
			subject: send.subject,
			body: send.body,
			link: `${linkOrigin(request, url)}/confirm/${pending.token}`,
			expiresAt: pending.expiresAt
		});
	} catch (error) {
		console.error(
			'POST /api/send: the confirmation email could not be sent:',
			error instanceof Error ? error.message : error
		);
		await store.markFailed(pending.actionId, pending.token).catch(() => {});
		return refused(
			502,
			`We could not send the confirmation email to ${send.email} just now, so nothing has been sent. Check the address, try again in a few minutes, or send the letter from your own email program.`,
			'email'
		);
	}
	const answer: SendAnswer = {
		status: 'confirmation_sent',
		message: `Nearly done: we have emailed ${send.email}. Open the link in that email and press "Send my email" to send your email to ${recipient.mp.name}. The link works once, for 24 hours.`
	};
	return json(answer, { status: 200, headers: NO_STORE });
};
