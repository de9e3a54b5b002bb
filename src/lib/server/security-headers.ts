/**
 * The security headers every response carries, rendered or static. The Content-Security-Policy's page rules
 * (scripts, styles, WebAssembly) come from SvelteKit's own `kit.csp` in svelte.config.js, so its inline hydration
 * script is allowed by a nonce (rendered pages) or a hash (prerendered pages, in a <meta> tag); the one thing a
 * <meta> policy cannot say, who may frame the page, is added here from framing.ts, merged into the same header so a
 * response never carries two policies. Used by src/hooks.server.ts (rendered responses) and by the server guard
 * (scripts/serve/serve-guard.ts: static files and prerendered pages, which never reach the hooks). Imports stay
 * relative so the guard can bundle this file.
 */
import { frameHeaders } from './framing';

/** Sent with everything: no MIME sniffing, and no page address (which may hold a confirmation token) to other sites. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin'
};

/** `a; b` with empty parts dropped, so a policy never gains an empty directive. */
function joinPolicies(...parts: (string | null | undefined)[]): string {
	return parts
		.map((p) => p?.trim().replace(/;+$/, ''))
		.filter((p): p is string => !!p)
		.join('; ');
}

/**
 * The security headers for a response to `pathname`. `pagePolicy` is the Content-Security-Policy the response
 * already has (SvelteKit's, on a rendered page), or null; the frame rule is appended to it. Header names are lower
 * case.
 */
export function securityHeaders(pathname: string, pagePolicy: string | null): Record<string, string> {
	const frame = frameHeaders(pathname);
	const headers: Record<string, string> = { ...BASE_HEADERS, ...frame };
	const framePolicy = frame['content-security-policy'];
	// A page policy that already states frame-ancestors keeps its own (it was written for this response).
	headers['content-security-policy'] = /(^|;)\s*frame-ancestors\b/i.test(pagePolicy ?? '')
		? joinPolicies(pagePolicy)
		: joinPolicies(pagePolicy, framePolicy);
	return headers;
}

/** The response with its security headers (a copy: a Response's own headers may be immutable). */
export function withSecurityHeaders(response: Response, pathname: string): Response {
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(
		securityHeaders(pathname, response.headers.get('content-security-policy'))
	)) {
		headers.set(name, value);
	}
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
