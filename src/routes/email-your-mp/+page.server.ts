/**
 * /email-your-mp: the email-your-MP steps as a page of its own. Every step's form posts here (the panel on an area
 * page too, through `use:enhance`), so the journey works the same with JavaScript off. Nothing personal goes in a URL.
 */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { areaByCode } from '$lib/server/data';
import { linkOrigin } from '$lib/server/env';
import { startView } from '$lib/mp/journey';
import { runJourney } from '$lib/server/journey';
import { ipKey } from '$lib/server/rate-limit';

const NO_STORE = { 'cache-control': 'no-store' };

function areaName(code: string): string | null {
	const area = areaByCode.get(code);
	return area?.type === 'alliance' ? area.name : null;
}

export const load: PageServerLoad = ({ setHeaders, url }) => {
	setHeaders(NO_STORE);
	const area = url.searchParams.get('area') ?? '';
	const name = areaName(area);
	return { start: startView(name ? area : ''), areaName: name };
};

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const { status, view } = await runJourney(await request.formData(), {
			ip: ipKey(getClientAddress()),
			origin: linkOrigin(request, url)
		});
		return status === 200 ? { view } : fail(status, { view });
	}
};
