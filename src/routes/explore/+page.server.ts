import type { PageServerLoad } from './$types';
import { manifest } from '$lib/server/data';

// The page is the same for every query: the query itself is read from the address in the browser.
export const prerender = true;

export const load: PageServerLoad = () => ({
	tables: manifest.tables.map((t) => ({
		name: t.name,
		file: t.file,
		rows: t.rows,
		description: t.description,
		source: t.source,
		licence: t.licence,
		columns: t.columns
	}))
});
