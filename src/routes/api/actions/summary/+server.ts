/**
 * GET /api/actions/summary -> ActionsSummary: emails sent (confirmed) and mail clients opened, per Cancer Alliance
 * (all current alliances, 0 where none) and per constituency (those with any); counts of 1-9 are null.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actionsStore } from '$lib/server/actions';
import { alliances, areaByCode } from '$lib/server/data';

export const GET: RequestHandler = async () => {
	try {
		const store = await actionsStore();
		const summary = await store.summary({
			alliances: alliances('20').map(({ code, name }) => ({ code, name })),
			nameOf: (code) => areaByCode.get(code)?.name
		});
		return json(summary, { headers: { 'cache-control': 'public, max-age=60' } });
	} catch (error) {
		console.error('GET /api/actions/summary:', error);
		return json(
			{ message: 'The counts are not available right now.' },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
