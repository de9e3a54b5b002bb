/** The sending endpoints' guards: sliding-window limits, the same-origin check, IP keys and the bounded JSON reader. */
import { describe, expect, it } from 'vitest';
import { humanDuration, ipKey, isSameOrigin, readJson, SlidingWindow, take } from '../../src/lib/server/rate-limit';

describe('SlidingWindow', () => {
	it('allows `limit` events per window, then refuses with the seconds until the oldest leaves', () => {
		const w = new SlidingWindow(3, 60_000, 'in a minute');
		const t = 1_000_000;
		for (const dt of [0, 10_000, 20_000]) {
			expect(w.check('a', t + dt).ok).toBe(true);
			w.record('a', t + dt);
		}
		const refused = w.check('a', t + 30_000);
		expect(refused).toEqual({
			ok: false,
			retryAfter: 30,
			message: 'Too many requests in a minute. Please try again in 30 seconds.'
		});
		expect(w.check('b', t + 30_000).ok).toBe(true); // other keys are separate
		expect(w.check('a', t + 60_001).ok).toBe(true); // the first event has left the window
		w.record('a', t + 60_001);
		expect(w.check('a', t + 60_002)).toMatchObject({ ok: false, retryAfter: 10 });
	});

	it('take() counts in every window only when all allow it', () => {
		const short = new SlidingWindow(2, 60_000, 'short');
		const long = new SlidingWindow(10, 3_600_000, 'long');
		const t = 5_000_000;
		expect(
			take(
				[
					[short, 'ip'],
					[long, 'ip']
				],
				t
			).ok
		).toBe(true);
		expect(
			take(
				[
					[short, 'ip'],
					[long, 'ip']
				],
				t
			).ok
		).toBe(true);
		expect(
			take(
				[
					[short, 'ip'],
					[long, 'ip']
				],
				t
			)
		).toMatchObject({ ok: false, message: expect.stringMatching(/short/) });
		// The refused event was not counted in the long window: 8 more fit there.
		for (let i = 0; i < 8; i++) expect(take([[long, 'ip']], t).ok).toBe(true);
		expect(take([[long, 'ip']], t).ok).toBe(false);
	});

	it('keeps at most maxKeys keys', () => {
		const w = new SlidingWindow(1, 60_000, 'x', 3);
		for (const k of ['a', 'b', 'c', 'd']) w.record(k, 1);
		expect(w.check('a', 2).ok).toBe(true); // dropped as least recently used
		expect(w.check('d', 2).ok).toBe(false);
	});

	it('says durations in words', () => {
		expect(humanDuration(1)).toBe('1 second');
		expect(humanDuration(89)).toBe('89 seconds');
		expect(humanDuration(600)).toBe('10 minutes');
		expect(humanDuration(86_400)).toBe('24 hours');
	});
});

describe('ipKey', () => {
	it('keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64', () => {
		expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
		expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(ipKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
		expect(ipKey('2001:db8:1:2::1')).toBe(ipKey('2001:db8:1:2:ffff::9'));
		expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(ipKey('::1')).toBe('0:0:0:0::/64');
	});
});

describe('isSameOrigin', () => {
	const url = new URL('https://127.0.0.1:3000/api/send'); // adapter-node without ORIGIN: https assumed
	const req = (headers: Record<string, string>) => new Request('http://x/', { method: 'POST', headers });

	it('accepts the request’s own origin, and the same host over plain http when nothing is configured', () => {
		expect(isSameOrigin(req({ origin: 'https://127.0.0.1:3000' }), url)).toBe(true);
		expect(isSameOrigin(req({ origin: 'http://127.0.0.1:3000' }), url)).toBe(true);
		expect(isSameOrigin(req({ 'sec-fetch-site': 'same-origin' }), url)).toBe(true);
	});

	it('refuses other sites, other ports, null, other schemes and requests with neither header', () => {
		for (const origin of [
			'http://evil.example',
			'https://127.0.0.1:3001',
			'null',
			'file://',
			'chrome-extension://abc',
			'not a url'
		]) {
			expect(isSameOrigin(req({ origin }), url), origin).toBe(false);
		}
		expect(isSameOrigin(req({ origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' }), url)).toBe(false);
		expect(isSameOrigin(req({ 'sec-fetch-site': 'cross-site' }), url)).toBe(false);
		expect(isSameOrigin(req({ 'sec-fetch-site': 'same-site' }), url)).toBe(false);
		expect(isSameOrigin(req({}), url)).toBe(false);
	});

	it('with a configured origin, accepts that origin and the request’s, nothing else', () => {
		const prod = new URL('https://campaign.example.org/api/send');
		expect(isSameOrigin(req({ origin: 'https://campaign.example.org' }), prod, 'https://campaign.example.org')).toBe(
			true
		);
		expect(isSameOrigin(req({ origin: 'http://campaign.example.org' }), prod, 'https://campaign.example.org')).toBe(
			false
		);
		expect(
			isSameOrigin(req({ origin: 'https://www.campaign.example.org' }), prod, 'https://campaign.example.org')
		).toBe(false);
	});
});

describe('readJson', () => {
	const refusal = (message: string) => ({ status: 'refused', message });
	const post = (body: string, type = 'application/json') =>
		new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body });

	it('reads JSON within the limit', async () => {
		const r = await readJson(post('{"a":1}', 'application/json; charset=utf-8'), 100, refusal);
		expect(r).toEqual({ ok: true, value: { a: 1 } });
	});

	it('refuses other content types (415), bodies over the limit (413) and broken JSON (400)', async () => {
		const status = async (request: Request, max = 100) => {
			const r = await readJson(request, max, refusal);
			if (r.ok) throw new Error('expected a refusal');
			return [r.response.status, ((await r.response.json()) as { message: string }).message];
		};
		expect(await status(post('{}', 'text/plain'))).toEqual([415, expect.stringMatching(/JSON/)]);
		expect(await status(post('{}', 'application/jsonp'))).toEqual([415, expect.any(String)]);
		expect(await status(post(JSON.stringify({ a: 'x'.repeat(2000) }), 'application/json'), 1024)).toEqual([
			413,
			'The request is too large: at most 1 KB.'
		]);
		expect(await status(post('{"a": '))).toEqual([400, 'The request is not valid JSON.']);
		expect(
			await status(
				new Request('http://x/', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: new Uint8Array([0xff, 0xfe, 0x7b])
				})
			)
		).toEqual([400, 'The request is not valid JSON.']);
	});
});
