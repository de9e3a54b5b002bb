import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { postcodeOutcome } from '$lib/postcode/outcome';
import { loadPostcodeIndexShard } from '$lib/server/postcode-index';

// For browsers without JavaScript: the home page's postcode box lands here (with v=21 from the East of England split view).
export const load: PageServerLoad = async ({ url }) => {
	const input = url.searchParams.get('postcode') ?? '';
	const variant: '20' | '21' = url.searchParams.get('v') === '21' ? '21' : '20';
	const outcome = await postcodeOutcome(input, loadPostcodeIndexShard, variant);
	if (outcome.kind === 'go') redirect(303, `/area/${outcome.code}?postcode=${encodeURIComponent(outcome.postcode)}`);
	return { input, variant, message: outcome.message };
};
