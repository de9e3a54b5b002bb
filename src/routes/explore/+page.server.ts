import type { PageServerLoad } from './$types';
import { manifest } from '$lib/server/data';
import { answerOnServer, warmExplore } from '$lib/server/explore';
import { EXPLORE_LIMITS } from '$lib/server/explore/limits';
import { queryFromSearch } from '$lib/sql/url';

const tables = manifest.tables.map((t) => ({
	name: t.name,
	file: t.file,
	rows: t.rows,
	description: t.description,
	source: t.source,
	licence: t.licence,
	columns: t.columns
}));
/** What the page says about the server's limits. */
const limits = { timeMs: EXPLORE_LIMITS.timeMs, rows: EXPLORE_LIMITS.rows };

// Rendered per request: a shared `?q=` link's first rows are in the HTML (with or without JavaScript).
export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const sql = queryFromSearch(url.searchParams);
	if (sql === null) {
		warmExplore()?.catch(() => {}); // a query typed next may be a link shared later
		return { tables, limits, sql: null, answer: null };
	}
	let answer;
	try {
		answer = await answerOnServer(sql, getClientAddress());
	} catch (error) {
		console.error('explore: the server could not answer', error);
		answer = null; // the browser engine answers instead
	}
	return { tables, limits, sql, answer };
};
