/**
 * An area page shared on one measure (/area/<code>?i=<measure>) gets that measure's preview card (issue 16). Area
 * pages are prerendered, and adapter-node serves them from disk whatever the query, so server.js answers these
 * requests itself: the prerendered page with its og:image and twitter:image pointing at the view's card,
 * /card.png?a=<code>&i=<measure> (an unknown measure falls back to the default card there, as on the home page).
 */

/**
 * The query's measure when the request is a GET of an area page with a well-formed `i`; otherwise null.
 * @param {string | undefined} method
 * @param {string | undefined} rawUrl
 * @returns {{ code: string; measure: string } | null}
 */
export function sharedAreaView(method, rawUrl) {
	if (method !== 'GET' && method !== 'HEAD') return null;
	const url = new URL(rawUrl ?? '/', 'http://localhost');
	const match = /^\/area\/(E\d{8})$/.exec(url.pathname);
	const measure = url.searchParams.get('i');
	if (!match || !measure || !/^[a-z0-9_]{1,64}$/.test(measure)) return null;
	return { code: /** @type {string} */ (match[1]), measure };
}

/**
 * The prerendered page's HTML with its card addresses (og:image, twitter:image) swapped for the view's card.
 * @param {string} html
 * @param {{ code: string; measure: string }} view
 */
export function withViewCard(html, view) {
	const card = `/area/${view.code}/card.png"`;
	return html.split(card).join(`/card.png?a=${view.code}&amp;i=${view.measure}"`);
}
