/**
 * /replied/{token}?a={answer}: the page behind each answer link in the follow-up survey email.
 *
 * GET records nothing: it shows the answer the link proposed, ready to record with one press (a POST form that works
 * without JavaScript), beside the other answers. Why not record on GET: mail scanners (corporate gateways, webmail
 * link checkers) open every link in an email before the reader does, so a GET that recorded would record all five
 * answers in turn, the last one winning, and the reply rates would be noise. A POST from this site's own page is
 * something only the reader does; src/hooks.server.ts refuses posts from other sites. Referrer-Policy same-origin
 * keeps the token in the address inside the site.
 */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { answerPost, chasePost, excerptPost, REPLIED_STATUS, viewReplied, type RepliedView } from '$lib/server/replied';

const HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'x-robots-tag': 'noindex' };

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	setHeaders(HEADERS);
	return { view: await viewReplied(params.token, url.searchParams.get('a')) };
};

/** A form action's answer: the view, with the page's status when it is not an ordinary one. */
const answer = (view: RepliedView) =>
	view.state !== 'ready'
		? fail(REPLIED_STATUS[view.state], { view })
		: view.notice?.kind === 'error'
			? fail(400, { view })
			: { view };

export const actions: Actions = {
	answer: async ({ params, request }) => answer(await answerPost(params.token, await request.formData())),
	excerpt: async ({ params, request }) => answer(await excerptPost(params.token, await request.formData())),
	chase: async ({ params, request, url, getClientAddress }) =>
		answer(await chasePost(params.token, await request.formData(), request, url, getClientAddress()))
};
