/**
 * POST /api/actions  MailtoRecord -> 204: records that a supporter opened their own mail client with the letter. The
 * constituency and Cancer Alliances are the server's, from the postcode; the request only chooses among the postcode's
 * candidates. 403 cross-site, 415 not JSON, 413 over 4 KB, 400 invalid or not the postcode's seat, 429 rate limited
 * (Retry-After). A filled-in honeypot gets 204 too, and nothing is recorded.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { validateMailtoRecord } from '$lib/mp/validate';
import { actionsStore, type Store, type Window } from '$lib/server/actions';
import { ipKey, readJson, refusedBy, storedLimits, takeStored, tooMany } from '$lib/server/rate-limit';
import { decideSeat } from '$lib/server/seat';

const MAX_BYTES = 4 * 1024;
const UNAVAILABLE = 'Could not record this just now. Your email is not affected.';

const bad = (status: number, message: string) =>
	json({ message }, { status, headers: { 'cache-control': 'no-store' } });

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const ip = ipKey(getClientAddress());
	// The limits live in the store, shared by every server: checked before the body is read, counted once it is valid.
	const byIp: [Window, string][] = [
		[storedLimits.actionsPerIpShort, ip],
		[storedLimits.actionsPerIpDay, ip]
	];
	let store: Store;
	try {
		store = await actionsStore();
		const early = await store.rateCheck(byIp);
		if (!early.ok) return tooMany(refusedBy(early.window, early.retryAfter));
	} catch (error) {
		console.error('POST /api/actions: the action store is not available:', error);
		return bad(503, UNAVAILABLE);
	}
	const body = await readJson(request, MAX_BYTES, (message) => ({ message }));
	if (!body.ok) return body.response;
	const honeypot = (body.value as { website?: unknown } | null)?.website;
	if (typeof honeypot === 'string' && honeypot !== '') return new Response(null, { status: 204 });
	const record = validateMailtoRecord(body.value);
	if (!record.ok) return bad(400, record.message);
	const decision = await decideSeat(record.value.postcode, record.value.constituencyCode);
	if (!decision.ok) return bad(decision.status === 404 ? 404 : 400, decision.message);

	try {
		const verdict = await takeStored(store, byIp);
		if (!verdict.ok) return tooMany(verdict);
		await store.recordMailto({
			constituencyCode: decision.seat.code,
			allianceCodes: decision.alliances.map((a) => a.code)
		});
	} catch (error) {
		console.error('POST /api/actions: could not record:', error);
		return bad(503, UNAVAILABLE);
	}
	return new Response(null, { status: 204 });
};
