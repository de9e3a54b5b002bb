import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { resolveRelease } from '$lib/server/releases';
import { embedArea } from '$lib/server/embed';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const release = await resolveRelease(url.searchParams.get('release'));
	const view = embedArea(release, params.code);
	if (!view) error(404, 'There is no Cancer Alliance with this code.');
	setHeaders({ 'cache-control': `public, max-age=${release.pinned ? 86400 : 600}` });
	return view;
};
