/**
 * POST /api/actions  MailtoRecord -> 204: records that a supporter opened their own mail client with the letter.
 *   403 cross-site, 415 not JSON, 413 over 4 KB, 400 invalid, 429 rate limited (Retry-After). A filled-in honeypot
 *   gets 204 too, and nothing is recorded.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import type { MailtoRecord } from '$lib/mp/contract';
import { ALLIANCE_CODE, CONSTITUENCY_CODE, MAX_ALLIANCES } from '$lib/mp/validate';
import { actionsStore } from '$lib/server/actions';
import { areaByCode } from '$lib/server/data';
import { configuredOrigin } from '$lib/server/env';
import { CROSS_SITE_MESSAGE, ipKey, isSameOrigin, limits, readJson, take, tooMany } from '$lib/server/rate-limit';

const MAX_BYTES = 4 * 1024;

const bad = (status: number, message: string) =>
	json({ message }, { status, headers: { 'cache-control': 'no-store' } });

/** The record, checked against the server's areas, or a message. */
function parseRecord(input: unknown): { ok: true; value: MailtoRecord } | { ok: false; message: string } {
	if (typeof input !== 'object' || input === null || Array.isArray(input))
		return { ok: false, message: 'The request was not understood: expected a record.' };
	const r = input as Record<string, unknown>;
	if (typeof r.website !== 'string')
		return { ok: false, message: 'The request was not understood: a field is missing.' };
	if (
		typeof r.constituencyCode !== 'string' ||
		!CONSTITUENCY_CODE.test(r.constituencyCode) ||
		areaByCode.get(r.constituencyCode)?.type !== 'constituency'
	) {
		return { ok: false, message: 'The constituency is not an English constituency we know.' };
	}
	const codes = r.allianceCodes;
	if (!Array.isArray(codes) || codes.length === 0 || codes.length > MAX_ALLIANCES)
		return { ok: false, message: 'The Cancer Alliance codes are missing or too many.' };
	for (const code of codes) {
		if (typeof code !== 'string' || !ALLIANCE_CODE.test(code) || areaByCode.get(code)?.type !== 'alliance')
			return { ok: false, message: 'A Cancer Alliance code is not one we know.' };
	}
	return {
		ok: true,
		value: { constituencyCode: r.constituencyCode, allianceCodes: [...new Set(codes as string[])], website: r.website }
	};
}

export const POST: RequestHandler = async ({ request, url, getClientAddress }) => {
	if (!isSameOrigin(request, url, configuredOrigin())) return bad(403, CROSS_SITE_MESSAGE);
	const ip = ipKey(getClientAddress());
	for (const window of [limits.actionsPerIpShort, limits.actionsPerIpDay]) {
		const verdict = window.check(ip);
		if (!verdict.ok) return tooMany(verdict);
	}
	const body = await readJson(request, MAX_BYTES, (message) => ({ message }));
	if (!body.ok) return body.response;
	const honeypot = (body.value as { website?: unknown } | null)?.website;
	if (typeof honeypot === 'string' && honeypot !== '') return new Response(null, { status: 204 });
	const record = parseRecord(body.value);
	if (!record.ok) return bad(400, record.message);

	const verdict = take([
		[limits.actionsPerIpShort, ip],
		[limits.actionsPerIpDay, ip]
	]);
	if (!verdict.ok) return tooMany(verdict);
	try {
		await (await actionsStore()).recordMailto(record.value);
	} catch (error) {
		console.error('POST /api/actions: could not record:', error);
		return bad(503, 'Could not record this just now. Your email is not affected.');
	}
	return new Response(null, { status: 204 });
};
