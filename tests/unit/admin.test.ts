/** The operator endpoint's gate (src/lib/server/admin.ts): off without a long token, loopback only, the exact token. */
import { describe, expect, it } from 'vitest';
import { adminCheck, isLoopback, sameSecret } from '../../src/lib/server/admin';

const token = 'an operator token for this test only, 32+ chars';
const on = { token, allowRemote: false };

describe('adminCheck', () => {
	it('is off (404) without ADMIN_TOKEN or with one shorter than 32 characters', () => {
		expect(adminCheck(`Bearer ${token}`, '127.0.0.1', { token: null, allowRemote: false })).toMatchObject({
			status: 404
		});
		expect(adminCheck('Bearer short', '127.0.0.1', { token: 'short', allowRemote: false })).toMatchObject({
			status: 404
		});
	});

	it('answers only loopback addresses unless ADMIN_ALLOW_REMOTE, and only the exact Bearer token', () => {
		expect(adminCheck(`Bearer ${token}`, '127.0.0.1', on)).toEqual({ ok: true });
		expect(adminCheck(`Bearer ${token}`, '::1', on)).toEqual({ ok: true });
		expect(adminCheck(`Bearer ${token}`, '::ffff:127.0.0.1', on)).toEqual({ ok: true });
		expect(adminCheck(`Bearer ${token}`, '192.0.2.10', on)).toMatchObject({ status: 403 });
		expect(adminCheck(`Bearer ${token}`, '2001:db8::1', on)).toMatchObject({ status: 403 });
		expect(adminCheck(`Bearer ${token}`, '192.0.2.10', { token, allowRemote: true })).toEqual({ ok: true });
		for (const header of [null, '', token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`])
			expect(adminCheck(header, '127.0.0.1', on), String(header)).toMatchObject({ ok: false, status: 401 });
	});

	it('tells loopback from other addresses, and compares secrets of any length', () => {
		expect(['127.0.0.1', '127.9.8.7', '::1'].every(isLoopback)).toBe(true);
		expect(['128.0.0.1', '10.0.0.1', '::2', '1270.0.0.1', '::ffff:10.0.0.1'].some(isLoopback)).toBe(false);
		expect(sameSecret('abc', 'abc')).toBe(true);
		expect(sameSecret('abc', 'abcd')).toBe(false);
		expect(sameSecret('', 'abc')).toBe(false);
	});
});
