import type { PageServerLoad } from './$types';
import { resolveRelease } from '$lib/server/releases';
import { embedMap } from '$lib/server/embed';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const release = await resolveRelease(url.searchParams.get('release'));
	// A pinned release never changes; the latest changes once a month at most.
	setHeaders({ 'cache-control': `public, max-age=${release.pinned ? 86400 : 600}` });
	return embedMap(release, url.searchParams);
};
