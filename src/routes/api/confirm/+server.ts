/**
 * POST /api/confirm  { token } -> ConfirmView (JSON): the confirmation page's "Send my email" button when JavaScript
 * runs. Uses the token once and sends the email to the MP. Status: 200 sent, 404 unknown, 409 used, 410 expired,
 * 429 rate limited, 502 the mail server refused, 503 unavailable, 403 cross-site; 415/413/400 for a malformed request.
 * JSON (not a form post) so that it works whatever the deployment's ORIGIN: SvelteKit's own origin check applies to
 * form posts, and compares with https:// when adapter-node has no ORIGIN or PROTOCOL_HEADER.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { CONFIRM_STATUS, confirmPost } from '$lib/server/confirm';
import { ipKey, readJson } from '$lib/server/rate-limit';

const NO_STORE = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async ({ request, url, getClientAddress }) => {
	const body = await readJson(request, 4 * 1024, (message) => ({
		state: 'unknown',
		title: 'This request was not understood',
		message
	}));
	if (!body.ok) return body.response;
	const token = (body.value as { token?: unknown } | null)?.token;
	if (typeof token !== 'string')
		return json(
			{ state: 'unknown', title: 'This request was not understood', message: 'The confirmation token is missing.' },
			{ status: 400, headers: NO_STORE }
		);
	const view = await confirmPost(token, request, url, ipKey(getClientAddress()));
	return json(view, { status: CONFIRM_STATUS[view.state], headers: NO_STORE });
};
