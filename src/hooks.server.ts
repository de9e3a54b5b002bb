/**
 * One cross-site check for every request that can change something (POST, PUT, PATCH, DELETE): the JSON endpoints and
 * the form actions alike, with or without JavaScript. SvelteKit's own check is switched off in svelte.config.js
 * (trustedOrigins: ['*']) because, behind adapter-node without ORIGIN, it compares the browser's http:// origin with
 * an assumed https:// one and refuses every plain-http form post; isSameOrigin compares hosts, or the configured
 * origin exactly when one is set.
 */
import { json, type Handle, type ServerInit } from '@sveltejs/kit';
import { deferHydration, type Deferred } from '$lib/server/after-paint';
import { building } from '$app/environment';
import { compressed } from '$lib/server/compress';
import { configuredOrigin } from '$lib/server/env';
import { CROSS_SITE_MESSAGE, isSameOrigin } from '$lib/server/rate-limit';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { refuseUnsafeStart, startServer } from '$lib/server/startup';

/**
 * Runs once when the server starts (adapter-node awaits it before listening): unsafe settings stop it here, then the
 * store opens (or the server refuses to start); not while prerendering.
 */
export const init: ServerInit = async () => {
	refuseUnsafeStart();
	if (!building) await startServer();
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every rendered response gets the security headers (src/lib/server/security-headers.ts), then gzip. */
export const handle: Handle = async (input) => {
	const { request, url } = input.event;
	return compressed(request, withSecurityHeaders(await sameOriginOnly(input), url.pathname));
};

/** The refusal of a cross-site post, or the app's own response. */
const sameOriginOnly: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	// The operator's endpoint takes a Bearer token, which no other site can make a browser send (src/lib/server/admin.ts).
	const operatorCall = url.pathname.startsWith('/admin/') && request.headers.has('authorization');
	if (UNSAFE.has(request.method) && !operatorCall && !isSameOrigin(request, url, configuredOrigin())) {
		const headers = { 'cache-control': 'no-store' };
		if (url.pathname.startsWith('/api/') || request.headers.get('accept')?.includes('application/json')) {
			return json({ status: 'refused', message: CROSS_SITE_MESSAGE }, { status: 403, headers });
		}
		return new Response(`${CROSS_SITE_MESSAGE} Go back to the page and try again.`, {
			status: 403,
			headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	let hashes: Deferred['hashes'] = null;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => {
			const deferred = deferHydration(html);
			hashes ??= deferred.hashes;
			return deferred.html;
		}
	});
	if (!hashes) return response;
	// The page starts its JavaScript after the first paint: no preload header may fetch it sooner, and a policy that
	// lists the start-up script's hash must list the edited script's instead.
	const { before, after } = hashes as NonNullable<Deferred['hashes']>;
	const headers = new Headers(response.headers);
	headers.delete('link');
	const policy = headers.get('content-security-policy');
	if (policy) headers.set('content-security-policy', policy.replaceAll(`'sha256-${before}'`, `'sha256-${after}'`));
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};
