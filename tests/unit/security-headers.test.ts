/** The security headers and the start-up refusal, as pure rules (the served app is checked in tests/e2e/security). */
import { describe, expect, it } from 'vitest';
import { securityHeaders, withSecurityHeaders } from '../../src/lib/server/security-headers';
import { originProblem } from '../../src/lib/server/startup';

const PAGE_POLICY = "default-src 'self'; script-src 'self' 'nonce-abc'";

describe('securityHeaders', () => {
	it("merges the frame rule into the page's own policy: one header, framing refused", () => {
		const h = securityHeaders('/area/E56000011', PAGE_POLICY);
		expect(h['content-security-policy']).toBe(`${PAGE_POLICY}; frame-ancestors 'none'`);
		expect(h['x-frame-options']).toBe('DENY');
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('same-origin');
	});

	it('lets any site frame an embed, and says nothing about framing in X-Frame-Options there', () => {
		const h = securityHeaders('/embed/area/E56000011', PAGE_POLICY);
		expect(h['content-security-policy']).toBe(`${PAGE_POLICY}; frame-ancestors *`);
		expect(h['x-frame-options']).toBeUndefined();
	});

	it('sends the frame rule alone where there is no page policy (JSON, static files)', () => {
		expect(securityHeaders('/api/send', null)['content-security-policy']).toBe("frame-ancestors 'none'");
		expect(securityHeaders('/api/send', ' ;')['content-security-policy']).toBe("frame-ancestors 'none'");
	});

	it('keeps a policy that already states frame-ancestors as it is', () => {
		const own = "default-src 'none'; frame-ancestors 'self'";
		expect(securityHeaders('/x', own)['content-security-policy']).toBe(own);
	});

	it('copies the response with the headers set, keeping its status and body', async () => {
		const original = new Response('hello', {
			status: 201,
			headers: { 'content-security-policy': PAGE_POLICY, 'x-content-type-options': 'sniff-me' }
		});
		const secured = withSecurityHeaders(original, '/');
		expect(secured.status).toBe(201);
		expect(await secured.text()).toBe('hello');
		expect(secured.headers.get('x-content-type-options')).toBe('nosniff');
		expect(secured.headers.get('content-security-policy')).toBe(`${PAGE_POLICY}; frame-ancestors 'none'`);
	});
});

describe('originProblem', () => {
	it('refuses SMTP mode without a configured origin, naming the variable to set', () => {
		expect(originProblem(true, null)).toMatch(/^Refusing to start: .*PUBLIC_ORIGIN=https:\/\/example\.org/);
	});
	it('accepts SMTP mode with an origin, and mailto mode without one', () => {
		expect(originProblem(true, 'https://example.org')).toBeNull();
		expect(originProblem(false, null)).toBeNull();
	});
});
