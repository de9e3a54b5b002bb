/**
 * GET  /api/send -> { mode: 'smtp' | 'mailto' }
 * POST /api/send  SendRequest -> SendAnswer
 *   403 cross-site, 415 not JSON, 413 over 32 KB, 400 invalid (with the field; also a constituency that is not the
 *   postcode's), 404 unknown postcode, 422 no MP address to send to, 409 no SMTP here or a letter to this MP already
 *   waiting or sent (or, field 'body', almost the same as another supporter's to this MP: add your own words),
 *   429 rate limited (Retry-After), 502 the confirmation could not be sent, 503 store unavailable,
 *   200 { status: 'confirmation_sent' }: the supporter has an email with a single-use link (/confirm/{token}).
 * The constituency, MP and Cancer Alliances come from the postcode on the server (src/lib/server/seat.ts).
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import type { SendAnswer } from '$lib/mp/contract';
import { validateSendRequest } from '$lib/mp/validate';
import { linkOrigin, smtpConfigured } from '$lib/server/env';
import { ipKey, readJson } from '$lib/server/rate-limit';
import { acceptSend } from '$lib/server/send';

const MAX_BYTES = 32 * 1024;
const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = () => json({ mode: smtpConfigured() ? 'smtp' : 'mailto' }, { headers: NO_STORE });

export const POST: RequestHandler = async ({ request, url, getClientAddress }) => {
	const body = await readJson(request, MAX_BYTES, (message) => ({ status: 'refused', message }));
	if (!body.ok) return body.response;
	const valid = validateSendRequest(body.value);
	if (!valid.ok) {
		const field = valid.field === 'story' ? undefined : valid.field;
		const answer: SendAnswer = field
			? { status: 'refused', field, message: valid.message }
			: { status: 'refused', message: valid.message };
		return json(answer, { status: 400, headers: NO_STORE });
	}
	const outcome = await acceptSend(valid.value, ipKey(getClientAddress()), linkOrigin(request, url));
	const headers: Record<string, string> = { ...NO_STORE };
	if (outcome.retryAfter !== undefined) headers['retry-after'] = String(outcome.retryAfter);
	return json(outcome.answer, { status: outcome.status, headers });
};
