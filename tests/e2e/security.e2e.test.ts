/**
 * Safe by configuration (issue 12, part 4), against the built app as `node build` serves it: the security headers on
 * a rendered page, a prerendered page and a static file; no Content-Security-Policy violation in Chromium on the
 * pages, the map, DuckDB-WASM on /explore and the email journey; a chunked body over the limit answered 413; and SMTP
 * mode refusing to start without a public origin.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hydrated, launch } from './browser';
import { waitForMail } from './server';
import { startApp } from '../../scripts/app/start';

const KENT = 'E56000011';
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** A page that records every CSP violation (the DOM event, and Chromium's console report) and every script error. */
async function watchedPage(width = 1280): Promise<{ page: Page; problems: string[] }> {
	const problems: string[] = [];
	const page = await browser.newPage({ viewport: { width, height: 900 } });
	await page.exposeFunction('__cspViolation', (text: string) => problems.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
				`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
			);
		});
	});
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	return { page, problems };
}

function expectSecurityHeaders(headers: Headers, where: string): void {
	expect(headers.get('x-content-type-options'), where).toBe('nosniff');
	expect(headers.get('referrer-policy'), where).toBe('same-origin');
}

describe('security headers', () => {
	it('sends one policy on a rendered page: SvelteKit nonce, WebAssembly allowed, framing refused', async () => {
		const response = await fetch(`${inject('baseUrl')}/`);
		expect(response.status).toBe(200);
		expectSecurityHeaders(response.headers, '/');
		const csp = response.headers.get('content-security-policy')!;
		expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'nonce-[A-Za-z0-9+/=]+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		// The nonce in the header is the one on the page's inline script.
		const nonce = /'nonce-([^']+)'/.exec(csp)![1];
		expect(await response.text()).toContain(`nonce="${nonce}"`);
	});

	for (const page of ['/national', '/sources']) {
		it(`gives the prerendered ${page} its policy in a <meta> tag (hashed script)`, async () => {
			const response = await fetch(`${inject('baseUrl')}${page}`);
			expect(response.status).toBe(200);
			const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(await response.text());
			expect(meta, 'a CSP <meta> tag').not.toBeNull();
			expect(meta![1]).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
		});
	}

	it('refuses framing on the cross-site refusal too', async () => {
		const refused = await fetch(`${inject('baseUrl')}/api/send`, {
			method: 'POST',
			headers: { origin: 'https://attacker.example', 'content-type': 'application/json' },
			body: '{}'
		});
		expect(refused.status).toBe(403);
		expectSecurityHeaders(refused.headers, 'POST /api/send cross-site');
		expect(refused.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
	});
});

/** The hashed assets a page names (scripts, styles, preloads). */
async function assetsOf(url: string): Promise<string[]> {
	const html = await (await fetch(url)).text();
	return [...new Set([...html.matchAll(/\/?_app\/immutable\/[^"'\s<>)]+/g)].map((m) => m[0].replace(/^\/?/, '/')))];
}

describe('security headers on what never passes through the hooks', () => {
	for (const file of ['/national', '/sources', '/favicon.svg']) {
		it(`on ${file}`, async () => {
			const response = await fetch(`${inject('baseUrl')}${file}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
			// One policy header: the frame rule (the page rules of a prerendered page are in its <meta> tag).
			expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		});
	}

	it('on a hashed asset, with its long cache kept', async () => {
		const asset = (await assetsOf(`${inject('baseUrl')}/`))[0]!;
		const response = await fetch(inject('baseUrl') + asset);
		expect(response.status).toBe(200);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toContain('immutable');
	});
});

describe('no Content-Security-Policy violations in Chromium', () => {
	it('(the watch itself sees a violation: an injected inline script is blocked and reported)', async () => {
		const { page, problems } = await watchedPage();
		await page.goto(`${inject('baseUrl')}/`);
		await page.evaluate(() => {
			const s = document.createElement('script');
			s.textContent = 'window.__ran = true';
			document.body.append(s);
		});
		await expect.poll(() => problems.length).toBeGreaterThan(0);
		expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
		await page.close();
	});

	for (const path of ['/', `/area/${KENT}`, '/compare']) {
		it(`on ${path}`, async () => {
			const { page, problems } = await watchedPage();
			await page.goto(inject('baseUrl') + path);
			await hydrated(page);
			await page.waitForLoadState('networkidle');
			// Hydrated: the map or chart controls answer.
			expect(await page.evaluate(() => document.querySelectorAll('svg').length)).toBeGreaterThan(0);
			expect(problems).toEqual([]);
			await page.close();
		});
	}

	it('on /explore, with DuckDB-WASM compiling and answering a query', async () => {
		const { page, problems } = await watchedPage();
		await page.goto(`${inject('baseUrl')}/explore`);
		await hydrated(page);
		await page.locator('#sql').fill("SELECT count(*) AS alliances FROM areas WHERE type = 'alliance'");
		await page.locator('#sql').press('Control+Enter');
		await page.waitForSelector('[data-testid="sql-result"] tbody tr, [data-testid="sql-error"]', { timeout: 45_000 });
		expect(await page.$('[data-testid="sql-error"]')).toBeNull();
		expect(Number(await page.textContent('[data-testid="sql-result"] tbody td'))).toBeGreaterThanOrEqual(20);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('on the email-your-MP journey, through to the confirmation email being sent', async () => {
		const { page, problems } = await watchedPage();
		await page.goto(`${inject('smtpBaseUrl')}/email-your-mp?area=${KENT}`);
		await page.waitForLoadState('networkidle');
		await page.fill('#mp-postcode', 'ME1 1AA');
		await page.click('button[value="lookup"]');
		await page.waitForSelector('[data-testid="mp-name"]');
		await page.click('button[value="continue"]');
		await page.fill('#mp-name', 'Sam Taylor');
		await page.fill('#mp-email', 'csp.check@example.org');
		await page.fill('#mp-address', '14 Castle View');
		await page.click('button[value="continue"]');
		await page.fill('#mp-story', 'Checking that every step of the journey runs under the security policy.');
		await page.click('button[value="continue"]');
		await page.waitForSelector('#mp-consent');
		await page.click('button[value="continue"]');
		await page.click('[data-testid="mp-send"]');
		await page.waitForSelector('[data-testid="mp-sent"]');
		expect(problems).toEqual([]);
		await page.close();
	});
});

/**
 * A POST by node:http, so a test can set what fetch will not: a `Host` header, a chunked body of `chunked` bytes (no
 * Content-Length), and the source address (another loopback address is another client for the rate limits).
 */
function rawPost(
	url: string,
	options: { headers?: Record<string, string>; body?: string; chunked?: number; from?: string }
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const headers: Record<string, string> = {
			origin: target.origin,
			'content-type': 'application/json',
			...(options.chunked !== undefined ? { 'transfer-encoding': 'chunked' } : {}),
			...options.headers
		};
		const req = httpRequest(target, { method: 'POST', headers, localAddress: options.from }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		if (options.chunked === undefined) return void req.end(options.body);
		const chunk = Buffer.alloc(16 * 1024, 'a');
		let sent = 0;
		const write = () => {
			while (sent < options.chunked!) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', write);
			}
			req.end();
		};
		write();
	});
}

describe('request bodies over the limit', () => {
	// 40 KB: over /api/send's own 32 KB; 2 MB: over adapter-node's BODY_SIZE_LIMIT (512 KB) as well.
	for (const bytes of [40 * 1024, 2 * 1024 * 1024]) {
		it(`answers a chunked ${bytes / 1024} KB POST with 413, not a dropped connection`, async () => {
			const answer = await rawPost(`${inject('baseUrl')}/api/send`, { chunked: bytes });
			expect(answer.status).toBe(413);
			expect(JSON.parse(answer.body)).toMatchObject({ status: 'refused', message: expect.stringMatching(/too large/) });
			// The server is still there.
			expect((await fetch(`${inject('baseUrl')}/api/send`)).status).toBe(200);
		});
	}
});

describe('links in emails', () => {
	it('come from PUBLIC_ORIGIN, never from the Host header of the request', async () => {
		const base = inject('smtpBaseUrl');
		const email = 'host.header@example.org';
		// ME1 1AA: Rochester and Strood (E14001447), the real seat and MP; the supporter's address is reserved.
		const answer = await rawPost(`${base}/api/send`, {
			headers: { host: 'attacker.example', origin: base },
			from: '127.0.0.8',
			body: JSON.stringify({
				postcode: 'ME1 1AA',
				constituencyCode: 'E14001447',
				name: 'Sam Taylor',
				email,
				address: '14 Castle View',
				subject: 'Breast cancer care in Kent and Medway',
				body: 'Please ask the Kent and Medway Cancer Alliance about waiting times.',
				consent: false,
				website: ''
			})
		});
		expect(answer.status, answer.body).toBe(200);
		const mail = await waitForMail(inject('maildir'), (m) => m.to.some((t) => t.address === email));
		expect(mail.text).toMatch(new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/confirm/[A-Za-z0-9_-]+`));
		expect(mail.text).not.toContain('attacker.example');
	});
});

describe('start-up', () => {
	it('refuses SMTP mode without a public origin for its links, with a clear message and exit code 1', async () => {
		// PUBLIC_ORIGIN empty: scripts/app/start.ts would otherwise give an SMTP app its own address.
		const app = await startApp({ SMTP_HOST: '127.0.0.1', MAIL_FROM: 'campaign@example.org', PUBLIC_ORIGIN: '' });
		expect(await app.exited).toBe(1);
		expect(app.output()).toContain('Refusing to start: SMTP_HOST is set but neither PUBLIC_ORIGIN nor ORIGIN');
		expect(app.output()).not.toContain('Listening on');
	});
});
