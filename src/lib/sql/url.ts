/** The query lives in the page's address (`?q=`), so a link reproduces it. Only the SQL is kept; nothing else. */

/** Longer queries still run, but are not written into the address: some browsers, chat apps and mail clients cut long links. */
export const MAX_SHARED_QUERY_LENGTH = 8000;

/** The query a link carries, or null when it carries none (a missing, blank or over-long `q`). */
export function queryFromSearch(search: URLSearchParams): string | null {
	const q = search.get('q');
	if (q === null || q.trim() === '' || q.length > MAX_SHARED_QUERY_LENGTH) return null;
	return q;
}

/** The address that shares `sql` on `path`, or the bare path when there is nothing (or too much) to share. */
export function queryHref(path: string, sql: string): string {
	if (sql.trim() === '' || sql.length > MAX_SHARED_QUERY_LENGTH) return path;
	return `${path}?${new URLSearchParams({ q: sql })}`;
}
