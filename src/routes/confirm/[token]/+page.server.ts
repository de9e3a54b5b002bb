/**
 * /confirm/{token}: GET shows what will be sent and a "Send my email" button, and uses nothing (mail scanners that
 * open links cannot send anything). The button POSTs: as JSON to /api/confirm when JavaScript runs, or to this
 * page's form action without it; src/hooks.server.ts refuses either from another site.
 * Referrer-Policy is same-origin: the token in this page's address never leaves the site, and the browser still sends
 * the form's Origin (with no-referrer, Chromium sends "Origin: null", which the cross-site check rightly refuses).
 */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CONFIRM_STATUS, confirmPost, viewConfirmation } from '$lib/server/confirm';
import { ipKey } from '$lib/server/rate-limit';

const HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'x-robots-tag': 'noindex' };

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders(HEADERS);
	return { view: await viewConfirmation(params.token) };
};

export const actions: Actions = {
	// The page's load runs after the action, in the same request, and sets the headers.
	default: async ({ params, request, url, getClientAddress }) => {
		const view = await confirmPost(params.token, request, url, ipKey(getClientAddress()));
		return view.state === 'sent' || view.state === 'queued' ? { view } : fail(CONFIRM_STATUS[view.state], { view });
	}
};
