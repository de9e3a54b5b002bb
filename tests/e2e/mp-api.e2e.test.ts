/**
 * "Email your MP", server side, over HTTP against the built app and a real SMTP server on localhost (see ./server.ts):
 * confirmation email -> link -> "Send my email" -> the MP's email, and every refusal. Addresses at example.org
 * (reserved for documentation); the MP's address is the published one from static/data/csv/mps.csv, and nothing
 * leaves this machine: the app's only mail server is the test's.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { ActionsSummary, SendAnswer, SendRequest } from '../../src/lib/mp/contract';
import { LIMITS } from '../../src/lib/mp/contract';
import { axe, launch } from './browser';
import { readMails, TEST_MAIL_FROM, waitForMail, type ReceivedMail } from './server';
import { writerLine } from '../../scripts/store/harness';

// The app configured with SMTP (inject('baseUrl') is the same build in mailto mode).
const baseUrl = inject('smtpBaseUrl');
const maildir = inject('maildir');

// Aldershot (E14001063), in the Surrey and Sussex Cancer Alliance (E56000012); its MP's published address.
const MP = { name: 'Alex Baker', email: 'alex.baker.mp@parliament.uk' };
// SO43 7BB is in New Forest East (E14001373): Parliament publishes no email address for its MP.
const NO_EMAIL = { postcode: 'SO43 7BB', constituencyCode: 'E14001373' };
// Bassetlaw (E14001079): a real constituency, but not GU11 1AA's.
const BASSETLAW = 'E14001079';
// WS9 8AA is in Aldridge-Brownhills (E14001064), in the West Midlands Cancer Alliance (E56000007).
const ALDRIDGE = 'WS9 8AA';

function sendRequest(overrides: Partial<SendRequest> = {}): SendRequest {
	// Each writer's letter has a line of its own: near-copies of another writer's letter to the same MP are refused.
	const email = overrides.email ?? 'jane.example@example.org';
	return {
		postcode: 'gu11 1aa',
		constituencyCode: 'E14001063',
		name: 'Jane Example',
		email,
		address: '1 Example Road, Aldershot',
		subject: 'Breast cancer care in Surrey and Sussex',
		body: `Dear Alex Baker,\n\nPlease write to the Surrey and Sussex Cancer Alliance.\n\n${writerLine(email)}\n\nYours sincerely,\nJane Example\n1 Example Road, Aldershot GU11 1AA`,
		consent: false,
		website: '',
		...overrides
	};
}

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: <T = unknown>() => T;
}

/** node:http, so a test can choose its source address (another loopback address = another client IP). */
function call(
	method: string,
	pathname: string,
	options: { headers?: Record<string, string>; body?: string | Buffer; from?: string } = {}
): Promise<Answer> {
	const url = new URL(pathname, baseUrl);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				method,
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				headers: options.headers,
				localAddress: options.from
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
				});
			}
		);
		req.on('error', reject);
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

/** A post as the site's own pages make it: JSON, with the browser's Origin. */
function post(
	pathname: string,
	body: unknown,
	options: { headers?: Record<string, string>; from?: string } = {}
): Promise<Answer> {
	return call('POST', pathname, {
		headers: { 'content-type': 'application/json', accept: 'application/json', origin: baseUrl, ...options.headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		from: options.from
	});
}

const mailsTo = async (address: string) =>
	(await readMails(maildir)).filter((m) => m.to.some((t) => t.address === address));
const linkIn = (mail: ReceivedMail) =>
	new RegExp(`${baseUrl.replace(/[.:/]/g, '\\$&')}/confirm/[A-Za-z0-9_-]{43}`).exec(mail.text)?.[0];

describe('email your MP: the API', () => {
	it('says it sends by SMTP (and the same build without SMTP settings says mailto, and refuses to send)', async () => {
		const answer = await call('GET', '/api/send');
		expect(answer.status).toBe(200);
		expect(answer.json()).toEqual({ mode: 'smtp' });

		const mailto = inject('baseUrl');
		await expect((await fetch(`${mailto}/api/send`)).json()).resolves.toEqual({ mode: 'mailto' });
		const refused = await fetch(`${mailto}/api/send`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: mailto },
			body: JSON.stringify(sendRequest())
		});
		expect(refused.status).toBe(409);
		await expect(refused.json()).resolves.toMatchObject({
			status: 'refused',
			message: expect.stringMatching(/^This server sends through your own mail client/)
		});
	});

	let usedLink = '';
	let usedToken = '';

	it('sends a confirmation link, shows the email without sending it, and sends it to the MP once confirmed', async () => {
		const request = sendRequest();
		const answer = await post('/api/send', request);
		expect(answer.status).toBe(200);
		const sent = answer.json<SendAnswer>();
		expect(sent.status).toBe('confirmation_sent');
		expect(sent.message).toContain(request.email);

		// The confirmation email: to the supporter, from the campaign, with a single-use link on the address the browser used.
		const confirmation = await waitForMail(
			maildir,
			(m) => m.to.some((t) => t.address === request.email) && /^Confirm your email to/.test(m.subject)
		);
		expect(confirmation.subject).toBe(`Confirm your email to ${MP.name}`);
		expect(confirmation.from[0]!.address).toBe(TEST_MAIL_FROM);
		expect(confirmation.text).toContain(`To: ${MP.name} <${MP.email}>`);
		expect(confirmation.text).toContain(`Subject: ${request.subject}`);
		expect(confirmation.text).toContain('expires in 24 hours');
		expect(confirmation.text).toContain(`how to have it deleted: ${baseUrl}/privacy`);
		const link = linkIn(confirmation);
		expect(link, 'a link to /confirm/{token} on the http address the browser used').toBeTruthy();
		const path = new URL(link!).pathname;

		// Opening the link (as a mail scanner would) shows the email and a button, twice over, and sends nothing.
		for (let i = 0; i < 2; i++) {
			const page = await call('GET', path, { headers: { accept: 'text/html' } });
			expect(page.status).toBe(200);
			expect(page.headers['cache-control']).toBe('no-store');
			// same-origin, not no-referrer: the token stays on the site, and the form's Origin is still sent.
			expect(page.headers['referrer-policy']).toBe('same-origin');
			expect(page.text).toContain(`Send your email to ${MP.name}`);
			expect(page.text).toMatch(/<form[^>]*method="POST"/);
			expect(page.text).toContain('Send my email');
			expect(page.text).toContain(request.subject);
		}
		expect(await mailsTo(MP.email)).toHaveLength(0);

		// The page's button (with JavaScript: a same-origin JSON post of the token).
		const token = path.split('/').pop()!;
		const confirmed = await post('/api/confirm', { token });
		expect(confirmed.status).toBe(200);
		expect(confirmed.json()).toMatchObject({
			state: 'sent',
			mpName: MP.name,
			constituencyName: 'Aldershot',
			supporterEmail: request.email
		});

		const toMp = await waitForMail(maildir, (m) => m.to.some((t) => t.address === MP.email));
		expect(toMp.to).toEqual([{ name: MP.name, address: MP.email }]);
		expect(toMp.replyTo).toEqual([{ name: request.name, address: request.email }]);
		expect(toMp.cc).toEqual([{ name: request.name, address: request.email }]);
		expect(toMp.from).toHaveLength(1);
		expect(toMp.from[0]!.address).toBe(TEST_MAIL_FROM);
		expect(toMp.from[0]!.name).toMatch(/^Jane Example via /);
		expect(toMp.subject).toBe(request.subject);
		// The letter as written, then a short footer saying where it came from, with the privacy page.
		expect(toMp.text.startsWith(request.body)).toBe(true);
		expect(toMp.text.slice(request.body.length)).toMatch(
			/^\s*-- \nSent by a constituent through .*\nHow their details are used: /
		);
		expect(toMp.text).toContain(`${baseUrl}/privacy`);
		expect(toMp.envelope.to.sort()).toEqual([MP.email, request.email].sort());
		expect(await mailsTo(MP.email)).toHaveLength(1);
		usedLink = path;
		usedToken = token;
	});

	it('refuses to use a link twice, and says so', async () => {
		expect(usedLink).not.toBe('');
		const again = await post('/api/confirm', { token: usedToken });
		expect(again.status).toBe(409);
		expect(again.json()).toMatchObject({ state: 'used', title: 'This link has already been used' });
		const page = await call('GET', usedLink, { headers: { accept: 'text/html' } });
		expect(page.text).toContain('This link has already been used');
		expect(page.text).not.toContain('Send my email');
		expect(await mailsTo(MP.email)).toHaveLength(1);
	});

	it('answers an unknown link with a clear page, never a crash', async () => {
		const unknown = `/confirm/${randomBytes(32).toString('base64url')}`;
		const page = await call('GET', unknown, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		expect(page.text).toContain('We do not recognise this link');
		const posted = await post('/api/confirm', { token: unknown.split('/').pop() });
		expect(posted.status).toBe(404);
		expect(posted.json()).toMatchObject({ state: 'unknown' });
		const junk = await call('GET', '/confirm/not-a-token', { headers: { accept: 'text/html' } });
		expect(junk.text).toContain('We do not recognise this link');
	});

	it('refuses cross-site posts', async () => {
		const evil = await post('/api/send', sendRequest(), { headers: { origin: 'http://evil.example' } });
		expect(evil.status).toBe(403);
		expect(evil.json()).toMatchObject({ status: 'refused', message: 'This form can only be sent from this website.' });

		const noOrigin = await call('POST', '/api/send', {
			headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
			body: JSON.stringify(sendRequest())
		});
		expect(noOrigin.status).toBe(403);
		const nullOrigin = await post('/api/send', sendRequest(), { headers: { origin: 'null' } });
		expect(nullOrigin.status).toBe(403);
		const noHeaders = await call('POST', '/api/send', {
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(sendRequest())
		});
		expect(noHeaders.status).toBe(403);
		// A browser that sends no Origin but says same-origin is let through (here to the honeypot: nothing recorded).
		const sameSite = await call('POST', '/api/actions', {
			headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
			body: JSON.stringify({ postcode: 'GU11 1AA', constituencyCode: 'E14001063', website: 'x' })
		});
		expect(sameSite.status).toBe(204);

		const actions = await post(
			'/api/actions',
			{ postcode: 'GU11 1AA', constituencyCode: 'E14001063', website: '' },
			{ headers: { origin: 'http://evil.example' } }
		);
		expect(actions.status).toBe(403);
		const confirm = await post(
			'/api/confirm',
			{ token: randomBytes(32).toString('base64url') },
			{ headers: { origin: 'http://evil.example' } }
		);
		expect(confirm.status).toBe(403);
		expect(confirm.json()).toMatchObject({
			status: 'refused',
			message: 'This form can only be sent from this website.'
		});
		// The panel's own form action, posted from another site, is refused the same way.
		const form = await call('POST', '/email-your-mp', {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
			body: 'step=postcode&intent=lookup&postcode=GU11+1PW'
		});
		expect(form.status).toBe(403);
	});

	it('refuses what is not a valid message, each with a clear message', async () => {
		const crlf = await post('/api/send', sendRequest({ name: 'Jane\r\nBcc: victim@example.org' }));
		expect(crlf.status).toBe(400);
		expect(crlf.json()).toMatchObject({ status: 'refused', field: 'name', message: expect.stringMatching(/one line/) });

		const subjectLf = await post('/api/send', sendRequest({ subject: 'Hello\nBcc: victim@example.org' }));
		expect(subjectLf.status).toBe(400);
		expect(subjectLf.json()).toMatchObject({ field: 'subject' });

		const badEmail = await post('/api/send', sendRequest({ email: 'Jane <jane@example.org>' }));
		expect(badEmail.status).toBe(400);
		expect(badEmail.json()).toMatchObject({ field: 'email' });

		const longBody = await post('/api/send', sendRequest({ body: 'a'.repeat(LIMITS.body + 1) }));
		expect(longBody.status).toBe(400);
		expect(longBody.json()).toMatchObject({ field: 'body', message: expect.stringMatching(/too long/) });

		const oversize = await post('/api/send', sendRequest({ body: 'a'.repeat(40_000) }));
		expect(oversize.status).toBe(413);
		expect(oversize.json()).toMatchObject({ status: 'refused', message: expect.stringMatching(/too large/) });

		const notJson = await call('POST', '/api/send', {
			headers: { 'content-type': 'text/plain', origin: baseUrl },
			body: JSON.stringify(sendRequest())
		});
		expect(notJson.status).toBe(415);
		const formType = await call('POST', '/api/send', {
			headers: { 'content-type': 'application/xml', origin: baseUrl },
			body: '<x/>'
		});
		expect(formType.status).toBe(415);

		const brokenJson = await post('/api/send', '{"name": ');
		expect(brokenJson.status).toBe(400);

		const wrongType = await post('/api/send', { ...sendRequest(), consent: 'yes' });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json()).toMatchObject({ field: 'consent' });

		const badCode = await post('/api/send', sendRequest({ constituencyCode: 'W07000041' }));
		expect(badCode.status).toBe(400);
		expect(badCode.json()).toMatchObject({ field: 'constituencyCode' });

		// The server decides the seat from the postcode: another constituency is refused, and nothing is kept or sent.
		const forged = await post('/api/send', sendRequest({ constituencyCode: BASSETLAW, email: 'forged@example.org' }));
		expect(forged.status).toBe(400);
		expect(forged.json()).toMatchObject({
			status: 'refused',
			field: 'constituencyCode',
			message: expect.stringMatching(
				/^GU11 1AA is in Aldershot, not the constituency in this request\. Nothing has been sent or kept/
			)
		});
		const unknownSeat = await post('/api/send', sendRequest({ constituencyCode: 'E14009999' }));
		expect(unknownSeat.status).toBe(400);
		expect(unknownSeat.json()).toMatchObject({ status: 'refused', field: 'constituencyCode' });

		const noEmail = await post('/api/send', sendRequest(NO_EMAIL));
		expect(noEmail.status).toBe(422);
		expect(noEmail.json()).toMatchObject({
			status: 'refused',
			field: 'constituencyCode',
			message: expect.stringMatching(/Parliament publishes no email address.*members\.parliament\.uk/)
		});

		// None of these sent anything.
		await new Promise((r) => setTimeout(r, 300));
		expect(
			(await readMails(maildir)).filter(
				(m) =>
					m.text.includes('Bcc: victim') ||
					m.to.some((t) => t.address === 'victim@example.org' || t.address === 'forged@example.org')
			)
		).toHaveLength(0);
	});

	it('refuses a filled-in honeypot with a neutral message, and sends nothing', async () => {
		const before = (await readMails(maildir)).length;
		const answer = await post(
			'/api/send',
			sendRequest({ website: 'http://spam.example', email: 'honeypot@example.org' })
		);
		expect(answer.status).toBe(400);
		const body = answer.json<SendAnswer>();
		expect(body.status).toBe('refused');
		expect(body.message).not.toMatch(/honeypot|website|bot/i);
		await new Promise((r) => setTimeout(r, 300));
		expect((await readMails(maildir)).length).toBe(before);

		const mailto = await post('/api/actions', {
			postcode: 'GU11 1AA',
			constituencyCode: 'E14001063',
			website: 'http://spam.example'
		});
		expect(mailto.status).toBe(204);
	});

	it('publishes counts per alliance and constituency, with counts under 10 suppressed', async () => {
		// One confirmed email for Aldershot so far: a count of 1, published as null.
		let summary = await call('GET', '/api/actions/summary');
		expect(summary.status).toBe(200);
		expect(summary.headers['cache-control']).toBe('public, max-age=60');
		let data = summary.json<ActionsSummary>();
		expect(data.suppressedBelow).toBe(10);
		expect(data.alliances).toHaveLength(20);
		expect(data.alliances.find((a) => a.code === 'E56000012')).toEqual({
			code: 'E56000012',
			name: 'Surrey and Sussex',
			count: null
		});
		expect(data.constituencies.find((c) => c.code === 'E14001063')).toEqual({
			code: 'E14001063',
			name: 'Aldershot',
			count: null
		});
		for (const row of [...data.alliances, ...data.constituencies])
			expect(row.count === null || row.count === 0 || row.count >= 10).toBe(true);

		// Ten supporters in Aldridge-Brownhills open their own mail client (from one more address, to stay within limits).
		for (let i = 0; i < 10; i++) {
			const r = await post(
				'/api/actions',
				{ postcode: ALDRIDGE, constituencyCode: 'E14001064', website: '' },
				{ from: '127.0.0.4' }
			);
			expect(r.status).toBe(204);
		}
		summary = await call('GET', '/api/actions/summary');
		data = summary.json<ActionsSummary>();
		const aldridge = data.constituencies.find((c) => c.code === 'E14001064');
		expect(aldridge?.name).toBe('Aldridge-Brownhills');
		expect(aldridge?.count).toBeGreaterThanOrEqual(10);
		expect(data.alliances.find((a) => a.code === 'E56000007')?.count).toBeGreaterThanOrEqual(10);

		// An eleventh record from the same address within 10 minutes is rate limited.
		const limited = await post(
			'/api/actions',
			{ postcode: ALDRIDGE, constituencyCode: 'E14001064', website: '' },
			{ from: '127.0.0.4' }
		);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
		expect(limited.json()).toMatchObject({ message: expect.stringMatching(/Too many requests.*try again in/) });
	});

	it('rate limits sends per address (5 in 10 minutes) and per email address (3 a day), with Retry-After', async () => {
		// Other loopback addresses, so the limits reached here do not affect the other tests' 127.0.0.1.
		for (let i = 0; i < 5; i++) {
			const ok = await post('/api/send', sendRequest({ email: `limit-ip-${i}@example.org` }), { from: '127.0.0.2' });
			expect(ok.status, ok.text).toBe(200);
		}
		const limited = await post('/api/send', sendRequest({ email: 'limit-ip-5@example.org' }), { from: '127.0.0.2' });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
		expect(limited.json()).toMatchObject({
			status: 'refused',
			message: expect.stringMatching(
				/^Too many requests from your connection in 10 minutes\. Please try again in \d+ minutes\.$/
			)
		});

		// Three letters from one address, each to a different MP (one per MP is the other rule).
		for (const seat of [
			{ postcode: 'GU11 1AA', constituencyCode: 'E14001063' },
			{ postcode: ALDRIDGE, constituencyCode: 'E14001064' },
			{ postcode: 'ME1 1AA', constituencyCode: 'E14001447' }
		]) {
			const ok = await post('/api/send', sendRequest({ ...seat, email: 'limit-email@example.org' }), {
				from: '127.0.0.3'
			});
			expect(ok.status, ok.text).toBe(200);
		}
		const sameEmail = await post(
			'/api/send',
			sendRequest({ postcode: 'SW1A 2AA', constituencyCode: 'E14001172', email: 'LIMIT-email@example.org' }),
			{ from: '127.0.0.3' }
		);
		expect(sameEmail.status).toBe(429);
		expect(sameEmail.json()).toMatchObject({
			status: 'refused',
			message: expect.stringMatching(/for this email address today/)
		});
		expect(Number(sameEmail.headers['retry-after'])).toBeGreaterThan(0);
	});

	it('takes one letter per supporter per MP: a second while the first waits is refused kindly, and sends nothing', async () => {
		const email = 'twice@example.org';
		const first = await post('/api/send', sendRequest({ email }), { from: '127.0.0.7' });
		expect(first.status, first.text).toBe(200);
		await waitForMail(maildir, (m) => m.to.some((t) => t.address === email));
		const second = await post('/api/send', sendRequest({ email: 'Twice@Example.org' }), { from: '127.0.0.7' });
		expect(second.status).toBe(409);
		expect(second.json()).toMatchObject({
			status: 'refused',
			message: expect.stringMatching(/^Thank you: a confirmation link for your letter to Alex Baker is already waiting/)
		});
		await new Promise((r) => setTimeout(r, 300));
		expect(await mailsTo(email)).toHaveLength(1);
		// A refusal spends none of the allowance: four more letters from this connection (five in all) still go.
		for (let i = 0; i < 4; i++) {
			const ok = await post('/api/send', sendRequest({ email: `twice-${i}@example.org` }), { from: '127.0.0.7' });
			expect(ok.status, ok.text).toBe(200);
		}
	});

	it('without JavaScript, the confirmation page’s form sends the email over plain http', async () => {
		const email = 'no-script@example.org';
		expect((await post('/api/send', sendRequest({ email }), { from: '127.0.0.6' })).status).toBe(200);
		const link = linkIn(await waitForMail(maildir, (m) => m.to.some((t) => t.address === email)))!;
		const path = new URL(link).pathname;

		// Any Accept header gets the page (curl's */* too), and a GET sends nothing.
		const plain = await call('GET', path, { headers: { accept: '*/*' } });
		expect(plain.status).toBe(200);
		expect(plain.text).toContain('Send my email');

		// A form post from another site, or with "Origin: null": refused, and the link still works.
		const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
		const evil = await call('POST', path, { headers: { ...form, origin: 'https://evil.example' }, body: '' });
		expect(evil.status).toBe(403);
		const nullOrigin = await call('POST', path, { headers: { ...form, origin: 'null' }, body: '' });
		expect(nullOrigin.status).toBe(403);
		// The browser's own origin on plain http, as `npm start` serves it (no ORIGIN set).
		const sent = await call('POST', path, { headers: { ...form, origin: baseUrl }, body: '' });
		expect(sent.status).toBe(200);
		expect(sent.text).toContain(`Your email is on its way to ${MP.name}`);
		await waitForMail(
			maildir,
			(m) => m.to.some((t) => t.address === MP.email) && m.cc.some((c) => c.address === email)
		);
		const again = await call('POST', path, { headers: { ...form, origin: baseUrl }, body: '' });
		expect(again.status).toBe(409);
		expect(again.text).toContain('This link has already been used');
	});
});

describe('email your MP: the confirmation page in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('works keyboard-only at 320 px, with no axe violations before or after sending', async () => {
		const email = 'browser-confirm@example.org';
		const answer = await post('/api/send', sendRequest({ email, name: 'Sam Example' }), { from: '127.0.0.5' });
		expect(answer.status, answer.text).toBe(200);
		const confirmation = await waitForMail(maildir, (m) => m.to.some((t) => t.address === email));
		const link = linkIn(confirmation)!;
		expect(link).toBeTruthy();

		const page = await browser.newPage({ viewport: { width: 320, height: 720 } });
		await page.goto(link);
		await expect(page.locator('h1').textContent()).resolves.toBe(`Send your email to ${MP.name}`);
		expect(await axe(page)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

		// Tab to the button and press Enter.
		let focused = '';
		for (let i = 0; i < 10 && focused !== 'Send my email'; i++) {
			await page.keyboard.press('Tab');
			focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		}
		expect(focused).toBe('Send my email');
		await page.keyboard.press('Enter');
		await page.locator('h1', { hasText: `Your email is on its way to ${MP.name}` }).waitFor();
		await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
		expect(await axe(page)).toEqual([]);

		const toMp = await waitForMail(
			maildir,
			(m) => m.to.some((t) => t.address === MP.email) && m.cc.some((c) => c.address === email)
		);
		expect(toMp.replyTo).toEqual([{ name: 'Sam Example', address: email }]);
		expect(toMp.from[0]!.name).toMatch(/^Sam Example via /);

		// Reloading the link now says it was used, and offers no button.
		await page.reload();
		await expect(page.locator('h1').textContent()).resolves.toBe('This link has already been used');
		await expect(page.getByRole('button', { name: 'Send my email' }).count()).resolves.toBe(0);
		expect(await axe(page)).toEqual([]);
		await page.close();
	});
});
