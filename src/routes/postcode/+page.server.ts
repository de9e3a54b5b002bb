import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { postcodeOutcome } from '$lib/postcode/outcome';
import { alliances, postcodeShard } from '$lib/server/data';

// For browsers without JavaScript: the finder's form lands here.
export const load: PageServerLoad = async ({ url }) => {
	const input = url.searchParams.get('postcode') ?? '';
	const list = alliances('20').map(({ code, name }) => ({ code, name }));
	const outcome = await postcodeOutcome(input, postcodeShard, (code) => list.find((a) => a.code === code)?.name);
	if (outcome.kind === 'go') redirect(303, `/area/${outcome.code}?postcode=${encodeURIComponent(outcome.postcode)}`);
	return { input, outcome, alliances: list };
};
