import { error } from '@sveltejs/kit';
import type { EntryGenerator, PageServerLoad } from './$types';
import { areaByCode } from '$lib/server/data';
import { allianceCodes, areaPage } from '$lib/server/area';

export const prerender = true;

export const entries: EntryGenerator = () => allianceCodes().map((code) => ({ code }));

export const load: PageServerLoad = ({ params }) => {
	const area = areaByCode.get(params.code);
	if (!area || area.type !== 'alliance') error(404, 'There is no Cancer Alliance with this code.');
	return areaPage(area);
};
