/**
 * The frame rule as server.js applies it to every response (prerendered pages included). It must say what
 * src/lib/server/framing.ts says: tests/unit/framing.test.ts checks that the two agree on every kind of path.
 */

/**
 * Only /embed/... may be framed (any site); every other page refuses framing (clickjacking on the email form).
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function frameHeaders(pathname) {
	if (pathname.startsWith('/embed/')) return { 'content-security-policy': 'frame-ancestors *' };
	return { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" };
}

/**
 * Sets the rule's headers on a Node response before anything else answers the request.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function setFrameHeaders(req, res) {
	let pathname = (req.url ?? '/').split('?')[0] ?? '/';
	try {
		pathname = decodeURIComponent(pathname);
	} catch {
		// a malformed address is judged as written (it is not under /embed/ either way)
	}
	for (const [name, value] of Object.entries(frameHeaders(pathname))) res.setHeader(name, value);
}
