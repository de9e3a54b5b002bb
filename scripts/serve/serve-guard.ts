/**
 * What the built server adds in front of adapter-node's handler (bundled into each build as serve-guard.js and wired
 * in by scripts/serve/adapter.js), for the responses that never reach src/hooks.server.ts: static files and
 * prerendered pages.
 * - Security headers on every response (src/lib/server/security-headers.ts); a rendered page's own, set later by
 *   SvelteKit, replace them.
 * - A file that was served at start but is gone from disk answers 404. adapter-node's static server lists the files
 *   once at start and streams them with no error handler, so a request for a deleted file crashed the whole process
 *   (ENOENT, an unhandled 'error' event).
 * - The server notes its process id in its build folder while it runs, so pruning old builds never deletes the one
 *   it serves from (scripts/serve/builds.js).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../../src/lib/server/security-headers';
import { SERVERS_DIR } from './builds.js';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => unknown) => unknown;

function walk(dir: string, rel: string, visit: (rel: string, abs: string) => void): void {
	if (!existsSync(dir)) return;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const abs = path.join(dir, entry.name);
		const name = rel ? `${rel}/${entry.name}` : entry.name;
		if (entry.isDirectory()) walk(abs, name, visit);
		else visit(name, abs);
	}
}

/** Every file the build serves as it is (client assets, then prerendered pages), by the URL paths that reach it. */
export function servedFiles(dir: string): Map<string, string> {
	const files = new Map<string, string>();
	const add = (url: string, abs: string) => {
		if (!files.has(url)) files.set(url, abs);
	};
	for (const sub of ['client', 'prerendered']) {
		walk(path.join(dir, sub), '', (rel, abs) => {
			const url = `/${rel}`;
			add(url, abs);
			if (url.endsWith('/index.html')) {
				add(url.slice(0, -'index.html'.length), abs);
				add(url.slice(0, -'/index.html'.length) || '/', abs);
			} else if (url.endsWith('.html')) add(url.slice(0, -'.html'.length), abs);
		});
	}
	return files;
}

/** The request's path, decoded as adapter-node's static server decodes it. */
export function requestPath(url: string | undefined): string {
	const raw = (url ?? '/').split(/[?#]/)[0] || '/';
	try {
		return decodeURI(raw);
	} catch {
		return raw;
	}
}

/** Notes this process in `dir`/.servers until it exits. */
function registerServer(dir: string): void {
	const servers = path.join(dir, SERVERS_DIR);
	const mark = path.join(servers, String(process.pid));
	try {
		mkdirSync(servers, { recursive: true });
		writeFileSync(mark, '');
		process.once('exit', () => rmSync(mark, { force: true }));
	} catch (error) {
		// A read-only build still serves; only pruning loses its hint.
		console.error(`Could not note this server in ${servers}: ${(error as Error).message}`);
	}
}

/** adapter-node's handler for the build in `dir`, behind the headers and the missing-file check. */
export function guarded(handler: Middleware, dir: string): Middleware {
	const files = servedFiles(dir);
	registerServer(dir);
	return (req, res, next) => {
		const pathname = requestPath(req.url);
		for (const [name, value] of Object.entries(securityHeaders(pathname, null))) res.setHeader(name, value);
		const file = files.get(pathname);
		if (file !== undefined && !existsSync(file)) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
			res.end('Not found: this file belonged to an earlier build. Reload the page.');
			return;
		}
		return handler(req, res, next);
	};
}
