import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { areaByCode } from '$lib/server/data';
import { areaPage } from '$lib/server/area';
import { approvedExcerpts } from '$lib/server/excerpts';
import { repliesForArea } from '$lib/server/replies';

// Rendered by the server rather than prerendered: adapter-node serves prerendered files uncompressed (precompress is
// off, see svelte.config.js), and this page's HTML is 235 KB raw but 39 KB gzip. Each alliance's page data is worked
// out once per process: the published figures do not change while it runs.
const pages = new Map<string, ReturnType<typeof areaPage>>();

export const load: PageServerLoad = async ({ params }) => {
	const area = areaByCode.get(params.code);
	if (!area || area.type !== 'alliance') error(404, 'There is no Cancer Alliance with this code.');
	let page = pages.get(area.code);
	if (!page) pages.set(area.code, (page = areaPage(area)));
	// Reply rates and approved reply excerpts change as supporters answer: read each time (the summary is kept 30 s;
	// the excerpts are one indexed query), beside the cached figures.
	const [replies, excerpts] = await Promise.all([
		repliesForArea(area.code, page.constituencies),
		approvedExcerpts(area.code)
	]);
	return { ...page, replies, excerpts };
};
