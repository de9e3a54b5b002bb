/**
 * The production server: adapter-node's own (build/index.js, with PORT, HOST, SOCKET_PATH and the rest as it
 * documents them), plus the frame rule (frame-rule.js) on every response. adapter-node serves prerendered pages (the
 * area pages with the email form, their cards) straight from disk, so src/hooks.server.ts never sees them and they
 * went out with no frame rule at all. Our listener sets it first, for every request; headers the app sets win.
 */
import http from 'node:http';
import { setFrameHeaders } from './frame-rule.js';

// build/index.js makes its one server with http.createServer(); our listener goes first on it.
const create = http.createServer;
/** @type {typeof http.createServer} */
const withFrameRule = (/** @type {any[]} */ ...args) => {
	http.createServer = create;
	return create(...args).prependListener('request', setFrameHeaders);
};
http.createServer = withFrameRule;
await import('./build/index.js');
