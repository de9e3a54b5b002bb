/**
 * The production server: adapter-node's own (build/index.js, with PORT, HOST, SOCKET_PATH and the rest as it
 * documents them), plus two steps for what adapter-node serves from disk without src/hooks.server.ts (prerendered
 * pages): the frame rule on every response (frame-rule.js: the area pages with the email form went out frameable),
 * and an area page shared on one measure answered with that measure's preview card (share-view.js).
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { setFrameHeaders } from './frame-rule.js';
import { sharedAreaView, withViewCard } from './share-view.js';

const PRERENDERED = new URL('./build/prerendered/', import.meta.url);

/** Answers /area/<code>?i=... from the prerendered page with the view's card; false when it is not such a request. */
function answerSharedArea(req, res) {
	const view = sharedAreaView(req.method, req.url);
	if (!view) return false;
	readFile(new URL(`area/${view.code}.html`, PRERENDERED), 'utf8').then(
		(html) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=600' });
			res.end(req.method === 'HEAD' ? undefined : withViewCard(html, view));
		},
		() => {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('There is no Cancer Alliance with this code.');
		}
	);
	return true;
}

// build/index.js makes its one server with http.createServer(); the frame rule goes first on it, and each of its own
// request listeners (its request counter, then polka's handler) leaves alone a request answered here.
const create = http.createServer;
http.createServer = (...args) => {
	http.createServer = create;
	const server = create(...args).prependListener('request', setFrameHeaders);
	const on = server.on.bind(server);
	server.on = (event, listener) =>
		on(
			event,
			event !== 'request'
				? listener
				: (req, res, ...rest) => {
						req.answeredHere ??= answerSharedArea(req, res);
						return req.answeredHere ? undefined : listener(req, res, ...rest);
					}
		);
	return server;
};
await import('./build/index.js');
