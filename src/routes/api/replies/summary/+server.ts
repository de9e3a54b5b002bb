/**
 * GET /api/replies/summary -> ReplySummary (src/lib/replies/summary.ts): per Cancer Alliance and per constituency,
 * letters delivered, survey answers, and the shares reporting a reply and a letter to the Alliance, each with its
 * Wilson 95% interval; shares held back below 10 answers, counts of 1-9 null. No ranks.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { replySummaryNow } from '$lib/server/replies';

export const GET: RequestHandler = async () => {
	try {
		return json(await replySummaryNow(), { headers: { 'cache-control': 'public, max-age=60' } });
	} catch (error) {
		console.error('GET /api/replies/summary:', error);
		return json(
			{ message: 'The reply rates are not available right now.' },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
