/**
 * One cross-site check for every request that can change something (POST, PUT, PATCH, DELETE): the JSON endpoints and
 * the form actions alike, with or without JavaScript. SvelteKit's own check is switched off in svelte.config.js
 * (trustedOrigins: ['*']) because, behind adapter-node without ORIGIN, it compares the browser's http:// origin with
 * an assumed https:// one and refuses every plain-http form post; isSameOrigin compares hosts, or the configured
 * origin exactly when one is set.
 */
import { json, type Handle, type ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { compressed } from '$lib/server/compress';
import { configuredOrigin } from '$lib/server/env';
import { frameHeaders } from '$lib/server/framing';
import { CROSS_SITE_MESSAGE, isSameOrigin } from '$lib/server/rate-limit';
import { startServer } from '$lib/server/startup';

/** The store opens (or the server refuses to start) before the first request; not while prerendering. */
export const init: ServerInit = async () => {
	if (!building) await startServer();
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const handle: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (UNSAFE.has(request.method) && !isSameOrigin(request, url, configuredOrigin())) {
		const headers = { 'cache-control': 'no-store' };
		if (url.pathname.startsWith('/api/') || request.headers.get('accept')?.includes('application/json')) {
			return json({ status: 'refused', message: CROSS_SITE_MESSAGE }, { status: 403, headers });
		}
		return new Response(`${CROSS_SITE_MESSAGE} Go back to the page and try again.`, {
			status: 403,
			headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return compressed(request, withHeaders(await resolve(event), frameHeaders(url.pathname)));
};

/** The response with headers added where it has none of its own (a copy when its headers are immutable). */
function withHeaders(response: Response, extra: Record<string, string>): Response {
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(extra)) if (!headers.has(name)) headers.set(name, value);
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
