/**
 * /privacy/delete/{token}: the deletion link in every email to a supporter. GET asks (mail scanners open links, so
 * a GET deletes nothing); the form's POST deletes the supporter's letter, queued emails, keys and address hash
 * (Store.deleteByLink) and says so. src/hooks.server.ts refuses a post from another site.
 */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actionsStore, isTokenShaped } from '$lib/server/actions';

const HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'x-robots-tag': 'noindex' };

export const load: PageServerLoad = ({ params, setHeaders }) => {
	setHeaders(HEADERS);
	return { wellFormed: isTokenShaped(params.token) };
};

export const actions: Actions = {
	default: async ({ params }) => {
		try {
			const deleted = await (await actionsStore()).deleteByLink(params.token);
			return deleted ? { deleted: true, unavailable: false } : fail(404, { deleted: false, unavailable: false });
		} catch (error) {
			console.error('Deletion link: the action store is not available:', error);
			return fail(503, { deleted: false, unavailable: true });
		}
	}
};
