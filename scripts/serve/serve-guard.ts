/**
 * What the built server adds in front of adapter-node's handler (bundled into each build as serve-guard.js and wired
 * in by scripts/serve/adapter.js), for the responses that never reach src/hooks.server.ts: static files and
 * prerendered pages.
 * - Security headers on every response (src/lib/server/security-headers.ts); a rendered page's own, set later by
 *   SvelteKit, replace them.
 * - A file that was served at start but is gone from disk answers 404. adapter-node's static server lists the files
 *   once at start and streams them with no error handler, so a request for a deleted file crashed the whole process
 *   (ENOENT, an unhandled 'error' event).
 * - An asset of an earlier build (still in builds/) is served from there, so pages a previous server gave out keep
 *   working after a deploy restarts the server, until they reload.
 * - The server notes its process id in its build folder while it runs, so pruning old builds never deletes the one
 *   it serves from (scripts/serve/builds.js).
 */
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Every file the build serves as it is (client assets, then prerendered pages), by the URL paths that reach it: a
 * page's .html by its path without it, and a precompressed copy (x.js.gz, which sirv sends for x.js) under both.
 */
export function servedFiles(dir: string): Map<string, string[]> {
	const files = new Map<string, string[]>();
	for (const sub of ['client', 'prerendered']) {
		const here = new Map<string, string[]>();
		const add = (url: string, abs: string) => here.set(url, [...(here.get(url) ?? []), abs]);
		walk(path.join(dir, sub), '', (rel, abs) => {
			const plain = rel.replace(/\.(gz|br)$/, '');
			for (const name of plain === rel ? [rel] : [rel, plain]) {
				const url = `/${name}`;
				add(url, abs);
				if (url.endsWith('/index.html')) {
					add(url.slice(0, -'index.html'.length), abs);
					add(url.slice(0, -'/index.html'.length) || '/', abs);
				} else if (url.endsWith('.html')) add(url.slice(0, -'.html'.length), abs);
			}
		});
		// The static server looks in client/ first: a path there is never answered from prerendered/.
		for (const [url, list] of here) if (!files.has(url)) files.set(url, list);
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

/** Hashed build assets: named by their content, so any build's copy of one is the right file. */
const IMMUTABLE = /^\/_app\/immutable\/(?:[\w-]+\/)*[\w.-]+$/;
const TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.wasm': 'application/wasm',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2'
};

/**
 * Where an asset of an earlier build is, for the pages a previous server gave out before this one started (a deploy
 * restarts the server; its open pages still ask for their own chunks). Newest build first; null when none has it.
 */
export function earlierAsset(dir: string, pathname: string): string | null {
	if (!IMMUTABLE.test(pathname) || pathname.includes('..')) return null;
	const root = path.dirname(dir);
	const siblings = readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory() && path.join(root, d.name) !== dir)
		.map((d) => d.name)
		.sort()
		.reverse();
	for (const name of siblings) {
		const file = path.join(root, name, 'client', pathname);
		if (existsSync(file)) return file;
	}
	return null;
}

function notFound(res: ServerResponse): void {
	res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
	res.end('Not found: this file belonged to an earlier build. Reload the page.');
}

/** Streams `file`, answering 404 (or ending the response) if it cannot be read: never an unhandled error. */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
	const stream = createReadStream(file);
	stream.on('error', () => (res.headersSent ? res.destroy() : notFound(res)));
	stream.once('open', () => {
		res.writeHead(200, {
			'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
			'cache-control': 'public,max-age=31536000,immutable'
		});
		if (req.method === 'HEAD') {
			stream.destroy();
			res.end();
		} else stream.pipe(res);
	});
}

/** adapter-node's handler for the build in `dir`, behind the headers and the missing-file check. */
export function guarded(handler: Middleware, dir: string): Middleware {
	const files = servedFiles(dir);
	registerServer(dir);
	return (req, res, next) => {
		const pathname = requestPath(req.url);
		for (const [name, value] of Object.entries(securityHeaders(pathname, null))) res.setHeader(name, value);
		const known = files.get(pathname);
		// Any of them gone (the file or its .gz): the static server would stream it and crash.
		if (known?.some((file) => !existsSync(file))) return notFound(res);
		if (known === undefined && (req.method === 'GET' || req.method === 'HEAD')) {
			const earlier = earlierAsset(dir, pathname);
			if (earlier) return sendFile(req, res, earlier);
		}
		return handler(req, res, next);
	};
}
