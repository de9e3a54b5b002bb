/**
 * GET /api/postcode/{postcode} -> PostcodeAnswer (src/lib/mp/contract.ts): the postcode's 2024 constituency (or the
 * two or three candidates where its ward is split), each with its MP, and its Cancer Alliance. Any case and spacing
 * ("sw1a2aa", "SW1A%202AA"). 400 { error } for something that is not a postcode, 404 { error } for a well-formed
 * postcode that is not in OS Code-Point Open (2023). Northern Ireland (BT) postcodes are not in Code-Point: 200 with
 * country "Northern Ireland", no constituency, and notes saying so. Answers change only when the data are rebuilt, so
 * they may be cached for a day.
 */
import { json } from '@sveltejs/kit';
import { answerPostcode } from '$lib/server/postcode-index';
import type { RequestHandler } from './$types';

const CACHE = { 'cache-control': 'public, max-age=86400' };

export const GET: RequestHandler = async ({ params }) => {
	try {
		const { status, body } = await answerPostcode(params.postcode);
		return json(body, { status, headers: CACHE });
	} catch (error) {
		console.error(`GET /api/postcode/${params.postcode}:`, error);
		return json(
			{ error: 'Sorry, the postcode lookup is not working just now. Please try again in a minute.' },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
