/**
 * /postcode: the home page's postcode box without JavaScript. The form posts here (so the postcode is never in a
 * URL); an old `?postcode=` link is answered the same way. A postcode with an alliance gets its area and the
 * email-your-MP steps already looked up, so the postcode is not asked twice; anything else gets the reason.
 */
import type { Actions, PageServerLoad } from './$types';
import { postcodeOutcome } from '$lib/postcode/outcome';
import { areaByCode } from '$lib/server/data';
import { linkOrigin } from '$lib/server/env';
import { runJourney } from '$lib/server/journey';
import { loadPostcodeIndexShard } from '$lib/server/postcode-index';
import { ipKey } from '$lib/server/rate-limit';

async function answer(input: string, variant: '20' | '21', ip: string, origin: string) {
	const outcome = await postcodeOutcome(input, loadPostcodeIndexShard, variant);
	if (outcome.kind !== 'go') return { input, variant, message: outcome.message, area: null, journey: null };
	const lookup = new FormData();
	for (const [k, v] of Object.entries({
		step: 'postcode',
		intent: 'lookup',
		postcode: outcome.postcode,
		area: outcome.code
	}))
		lookup.set(k, v);
	const { view } = await runJourney(lookup, { ip, origin });
	const area = { code: outcome.code, name: areaByCode.get(outcome.code)?.name ?? outcome.code };
	return { input: outcome.postcode, variant, message: '', area, journey: view };
}

const variantOf = (value: FormDataEntryValue | string | null): '20' | '21' => (value === '21' ? '21' : '20');

export const load: PageServerLoad = async ({ url, request, getClientAddress, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const input = url.searchParams.get('postcode');
	if (input === null)
		return { input: '', variant: variantOf(url.searchParams.get('v')), message: '', area: null, journey: null };
	return answer(input, variantOf(url.searchParams.get('v')), ipKey(getClientAddress()), linkOrigin(request, url));
};

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const form = await request.formData();
		const input = form.get('postcode');
		return answer(
			typeof input === 'string' ? input : '',
			variantOf(form.get('v')),
			ipKey(getClientAddress()),
			linkOrigin(request, url)
		);
	}
};
