/**
 * The operator's endpoint on a running server (POST /admin/outbox), for `npm run outbox` while the embedded store is
 * held by the server (PGlite is one process's). Off unless ADMIN_TOKEN is set (32 characters or more); then a call
 * must carry `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time) and come from this machine (loopback),
 * unless ADMIN_ALLOW_REMOTE=true (behind a proxy that sets ADDRESS_HEADER, the address it gives is the one checked).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type AdminRefusal = { ok: false; status: 401 | 403 | 404; message: string };

/** IPv4 127.0.0.0/8 (also IPv4-mapped) and IPv6 ::1. */
export function isLoopback(address: string): boolean {
	const v4 = /^(?:::ffff:)?(\d+)\.\d+\.\d+\.\d+$/i.exec(address);
	if (v4) return v4[1] === '127';
	return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** The same in constant time, whatever the lengths (both are hashed first). */
export function sameSecret(given: string, expected: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether a call may use the endpoint. `token` is ADMIN_TOKEN (null or short: the endpoint is off and answers 404, as
 * any unknown address), `allowRemote` is ADMIN_ALLOW_REMOTE.
 */
export function adminCheck(
	authorization: string | null,
	address: string,
	settings: { token: string | null; allowRemote: boolean }
): { ok: true } | AdminRefusal {
	if (!settings.token || settings.token.length < 32) return { ok: false, status: 404, message: 'Not found' };
	if (!settings.allowRemote && !isLoopback(address))
		return {
			ok: false,
			status: 403,
			message: 'The admin endpoint answers this machine only (set ADMIN_ALLOW_REMOTE=true to change that).'
		};
	const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
	if (!sameSecret(given, settings.token))
		return { ok: false, status: 401, message: 'Give the server’s ADMIN_TOKEN as a Bearer token.' };
	return { ok: true };
}
