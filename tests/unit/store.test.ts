/**
 * Over 300 lines: one suite run on both back ends, plus the embedded store's on-disk cases.
 *
 * The action store, the same suite on both back ends: the embedded one (PGlite in a temporary folder) and a real
 * PostgreSQL server the suite starts itself (tests/unit/store-suite.ts). Single-use tokens, expiry, the outbox written
 * with its action, sealed personal data, shared rate limits given back on failure, the deletion link, retention,
 * suppressed counts, and (embedded) durability through kill -9 and one process per store.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	CAMPAIGN_PERIOD_MS,
	countOrWithheld,
	DEAD_KEPT_MS,
	hashToken,
	RETENTION_MS,
	Store,
	TOKEN_TTL_MS,
	type PendingRequest,
	type Window
} from '../../src/lib/server/actions';
import { openPglite } from '../../src/lib/server/store/pglite';
import { confirmation, letter, pendingRequest, SECRET, storeSuite, T0 } from './store-suite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suite = storeSuite('store-');

const request = pendingRequest;

const window: Window = { bucket: 'test', limit: 2, windowMs: 60_000, describe: 'in a test minute' };

describe.each(suite.backends)('$name', ({ open }) => {
	let store: Store;

	beforeAll(async () => {
		store = await Store.open(await open(), SECRET);
	});
	afterAll(async () => store?.close());
	beforeEach(async () => {
		await store.sql.query(`TRUNCATE seal_keys, pending, actions, outbox, rate_hits`);
	});

	async function created(req: PendingRequest, now: number, hits: [Window, string][] = []) {
		const result = await store.createPending(req, confirmation, { now, hits });
		if (result.kind !== 'created') throw new Error(`expected a new pending letter, got ${result.kind}`);
		return result;
	}

	/** Confirms and delivers a letter: the outbox worker's part without a relay. */
	async function sent(token: string, now: number) {
		const consumed = await store.consume(token, letter, now);
		if (consumed.kind !== 'queued') throw new Error(`expected queued, got ${consumed.kind}`);
		for (const claimed of await store.outbox.claim(now + 1, 100)) await store.outbox.delivered(claimed, now + 2);
		return consumed;
	}

	it('queues the confirmation with its action in one transaction, sealed; stores only the token’s hash', async () => {
		const { token, actionId, expiresAt } = await created(request(), T0);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(expiresAt).toBe(T0 + TOKEN_TTL_MS);
		const [pending] = await store.rows('pending');
		expect(pending!.token_hash).toBe(hashToken(token));
		const outbox = await store.rows('outbox');
		expect(outbox).toMatchObject([{ action_id: actionId, kind: 'confirmation', status: 'queued', attempts: 0 }]);
		expect(String(outbox[0]!.message_id)).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
		// Nothing personal, and not the token, in any row: the letter and the email are sealed.
		const everything = JSON.stringify(
			await Promise.all(['pending', 'actions', 'outbox'].map((t) => store.rows(t as 'pending'))),
			(_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v)
		);
		for (const personal of ['Jane', 'jane.example', 'Example Road', 'GU11', 'Dear Alex', token])
			expect(everything).not.toContain(personal);
		// Two keys: the letter's and the email's.
		expect(await store.rows('seal_keys')).toHaveLength(2);

		const peek = await store.peek(token, T0 + 1000);
		expect(peek).toMatchObject({ kind: 'ready', payload: { actionId, name: 'Jane Example' } });
	});

	it('consumes a token once: the letter and its key go, the letter to the MP is queued', async () => {
		const { token, actionId } = await created(request(), T0);
		const consumed = await store.consume(token, letter, T0 + 5000);
		expect(consumed).toMatchObject({ kind: 'queued', payload: { actionId, body: request().body } });
		expect(await store.rows('pending')).toHaveLength(0);
		expect((await store.rows('seal_keys')).map((k) => k.id)).not.toContain(actionId);
		expect(await store.actionStatus(actionId)).toBe('queued');
		expect(await store.consume(token, letter, T0 + 6000)).toMatchObject({ kind: 'used', status: 'queued' });
		// Delivered: 'sent', content and key gone.
		const claimed = await store.outbox.claim(T0 + 7000, 10);
		expect(claimed.map((c) => c.kind).sort()).toEqual(['confirmation', 'letter']);
		const mp = claimed.find((c) => c.kind === 'letter')!;
		expect(mp.mail).toMatchObject({ to: { address: 'mp@example.org' }, text: request().body });
		for (const c of claimed) await store.outbox.delivered(c, T0 + 8000);
		expect(await store.rows('seal_keys')).toHaveLength(0);
		expect((await store.rows('outbox')).every((r) => r.content === null && r.status === 'sent')).toBe(true);
		expect(await store.peek(token, T0 + 9000)).toMatchObject({ kind: 'used', status: 'sent', at: T0 + 8000 });
	});

	it('lets only one of simultaneous confirmations through', async () => {
		const { token } = await created(request(), T0);
		const results = await Promise.all([1, 2, 3].map(() => store.consume(token, letter, T0 + 1)));
		expect(results.filter((r) => r.kind === 'queued')).toHaveLength(1);
		expect(results.filter((r) => r.kind === 'used')).toHaveLength(2);
		expect((await store.rows('outbox')).filter((r) => r.kind === 'letter')).toHaveLength(1);
	});

	it('never hands one due email to two workers at once, and hands it again after its lease', async () => {
		await created(request(), T0);
		const [a, b] = await Promise.all([store.outbox.claim(T0 + 1, 10, 1000), store.outbox.claim(T0 + 1, 10, 1000)]);
		expect(a!.length + b!.length).toBe(1);
		expect(await store.outbox.claim(T0 + 500, 10)).toHaveLength(0);
		const again = await store.outbox.claim(T0 + 1002, 10);
		expect(again).toHaveLength(1);
		expect(again[0]!.attempts).toBe(2);
		expect(again[0]!.mail.messageId).toBe((a!.length ? a : b)![0]!.mail.messageId);
	});

	it('retries later, and on a permanent failure gives back the rate limit and keeps nothing personal', async () => {
		const hits: [Window, string][] = [[window, 'client-1']];
		const { token, actionId } = await created(request({ consent: true }), T0, hits);
		expect(await store.rateCheck(hits, T0 + 1)).toEqual({ ok: true });
		await created(request({ email: 'other@example.org' }), T0, hits);
		expect(await store.rateCheck(hits, T0 + 1)).toMatchObject({ ok: false, retryAfter: 60, window });

		const [first] = await store.outbox.claim(T0 + 1, 1);
		await store.outbox.later(first!.id, '451 try later', T0 + 10_000, T0 + 2);
		expect(await store.outbox.claim(T0 + 9_999, 10)).toHaveLength(1); // the other one only
		const [again] = await store.outbox.claim(T0 + 10_000, 10);
		expect(again).toMatchObject({ id: first!.id, attempts: 2 });
		await store.outbox.dead(first!.id, '550 no such user', T0 + 10_001);

		expect(await store.actionStatus(actionId)).toBe('failed');
		expect(await store.rows('pending')).toHaveLength(1); // the other letter's
		expect(await store.consume(token, letter, T0 + 10_002)).toMatchObject({ kind: 'used', status: 'failed' });
		expect(await store.rateCheck(hits, T0 + 10_003)).toEqual({ ok: true });
		expect(await store.outbox.list('dead')).toMatchObject([{ id: first!.id, lastError: '550 no such user' }]);

		// The operator's retry queues it again (content kept for DEAD_KEPT_MS), then content and key are purged.
		expect(await store.outbox.retry(first!.id, T0 + 20_000)).toBe(true);
		expect(await store.outbox.retry(first!.id, T0 + 20_000)).toBe(false); // not dead any more
		await store.outbox.dead(first!.id, '550 again', T0 + 20_001);
		expect(await store.outbox.purgeDead(T0 + 20_001 + DEAD_KEPT_MS + 1)).toBe(1);
		expect(await store.outbox.retry(first!.id, T0 + DEAD_KEPT_MS * 2)).toBe(false);
	});

	it('takes one letter per address per MP: refused while one waits, or for 30 days once sent', async () => {
		const first = await created(request(), T0);
		expect(
			await store.createPending(request({ email: 'JANE.Example@example.org' }), confirmation, { now: T0 + 1000 })
		).toEqual({ kind: 'duplicate', status: 'confirmation_sent', at: T0 });
		expect(await store.rows('outbox')).toHaveLength(1);
		await created(request({ constituencyCode: 'E14001064' }), T0 + 2000);
		await created(request({ email: 'someone.else@example.org' }), T0 + 3000);
		await sent(first.token, T0 + 10_000);
		expect(
			await store.createPending(request(), confirmation, { now: T0 + 10_002 + CAMPAIGN_PERIOD_MS - 1 })
		).toMatchObject({ kind: 'duplicate', status: 'sent', at: T0 + 10_002 });
		await created(request(), T0 + 10_002 + CAMPAIGN_PERIOD_MS + 1);
	});

	it('answers unknown and malformed tokens as unknown', async () => {
		await created(request(), T0);
		expect(await store.consume('A'.repeat(43), letter, T0)).toEqual({ kind: 'unknown' });
		expect(await store.peek('A'.repeat(43), T0)).toEqual({ kind: 'unknown' });
		expect(await store.consume("'; DROP TABLE pending; --", letter, T0)).toEqual({ kind: 'unknown' });
		expect(await store.rows('pending')).toHaveLength(1);
	});

	it('refuses an expired token, and the retention purge deletes expired letters with their keys', async () => {
		const old = await created(request({ email: 'old@example.org' }), T0);
		const recent = await created(request({ email: 'recent@example.org' }), T0 + 3_600_000);
		expect(await store.peek(old.token, T0 + TOKEN_TTL_MS - 1)).toMatchObject({ kind: 'ready' });
		expect(await store.peek(old.token, T0 + TOKEN_TTL_MS)).toEqual({ kind: 'expired' });
		expect(await store.purgeExpired(T0 + TOKEN_TTL_MS + 1)).toBe(1);
		expect((await store.rows('seal_keys')).map((k) => k.id)).not.toContain(old.actionId);
		expect(await store.consume(old.token, letter, T0 + TOKEN_TTL_MS + 2)).toEqual({ kind: 'expired' });
		expect(await store.peek(recent.token, T0 + TOKEN_TTL_MS + 2)).toMatchObject({ kind: 'ready' });
	});

	it('keeps name and email only when the supporter consented and the letter was delivered', async () => {
		const plain = await created(request(), T0);
		const consented = await created(request({ consent: true, email: 'yes@example.org' }), T0);
		const waiting = await created(request({ consent: true, email: 'never@example.org' }), T0);
		await sent(plain.token, T0 + 1);
		await sent(consented.token, T0 + 1);
		const rows = await store.rows('actions');
		expect(rows.find((r) => r.id === plain.actionId)).toMatchObject({
			status: 'sent',
			consent: false,
			consent_email: null
		});
		expect(rows.find((r) => r.id === consented.actionId)).toMatchObject({
			status: 'sent',
			consent: true,
			consent_name: 'Jane Example',
			consent_email: 'yes@example.org'
		});
		expect(rows.find((r) => r.id === waiting.actionId)).toMatchObject({ consent: false, consent_email: null });
		expect(rows.find((r) => r.id === plain.actionId)!.email_hash).toBe(store.emailHash(' JANE.example@example.org'));
	});

	it('the deletion link removes the letter, its queued email, the keys and the address hash', async () => {
		const { token, deletionToken, actionId } = await created(request({ consent: true }), T0);
		expect(await store.deleteByLink('B'.repeat(43), T0)).toBe(false);
		expect(await store.deleteByLink(deletionToken, T0 + 1)).toBe(true);
		expect(await store.rows('pending')).toHaveLength(0);
		expect(await store.rows('outbox')).toHaveLength(0);
		expect(await store.rows('seal_keys')).toHaveLength(0);
		expect((await store.rows('actions'))[0]).toMatchObject({ id: actionId, status: 'failed', email_hash: null });
		expect(await store.consume(token, letter, T0 + 2)).toMatchObject({ kind: 'used', status: 'failed' });
		expect(await store.deleteByLink(deletionToken, T0 + 3)).toBe(false); // used once
	});

	it('deletes action records 12 months after they were made', async () => {
		const { token } = await created(request({ consent: true }), T0);
		await sent(token, T0 + 1);
		await store.recordMailto({ constituencyCode: 'E14001064', allianceCodes: ['E56000007'] }, T0 + 30 * 86_400_000);
		expect(await store.purgeOldActions(T0 + RETENTION_MS)).toBe(0);
		expect(await store.purgeOldActions(T0 + RETENTION_MS + 1)).toBe(1);
		const rows = await store.rows('actions');
		expect(rows.map((r) => r.constituency_code)).toEqual(['E14001064']);
	});

	it('hashes emails with an HMAC keyed by the secret, case-insensitively', async () => {
		const other = await Store.open(store.sql, 'another secret of at least 32 characters!!');
		expect(store.emailHash('Jane@Example.org')).toBe(store.emailHash(' jane@example.org'));
		expect(store.emailHash('jane@example.org')).toMatch(/^[0-9a-f]{64}$/);
		expect(other.emailHash('jane@example.org')).not.toBe(store.emailHash('jane@example.org'));
	});

	it('suppresses counts of 1 to 9, counts sent and mailto only, and lists every alliance', async () => {
		expect([0, 1, 9, 10, 11].map(countOrWithheld)).toEqual([0, null, null, 10, 11]);
		for (let i = 0; i < 9; i++)
			await store.recordMailto({ constituencyCode: 'E14001063', allianceCodes: ['E56000012'] }, T0);
		const { token } = await created(request(), T0);
		await sent(token, T0 + 1);
		for (let i = 0; i < 9; i++)
			await store.recordMailto({ constituencyCode: 'E14001064', allianceCodes: ['E56000007', 'E56000012'] }, T0);
		await created(request({ constituencyCode: 'E14001065', allianceCodes: ['E56000005'] }), T0);
		const names = {
			alliances: [
				{ code: 'E56000012', name: 'Surrey and Sussex' },
				{ code: 'E56000007', name: 'West Midlands' },
				{ code: 'E56000005', name: 'Cheshire and Merseyside' }
			],
			nameOf: (code: string) => ({ E14001063: 'Aldershot', E14001064: 'Aldridge-Brownhills' })[code]
		};
		const summary = await store.summary(names, T0);
		expect(summary.constituencies).toEqual([
			{ code: 'E14001063', name: 'Aldershot', count: 10 },
			{ code: 'E14001064', name: 'Aldridge-Brownhills', count: null }
		]);
		expect(summary.alliances).toEqual([
			{ code: 'E56000012', name: 'Surrey and Sussex', count: 19 },
			{ code: 'E56000007', name: 'West Midlands', count: null },
			{ code: 'E56000005', name: 'Cheshire and Merseyside', count: 0 }
		]);
	});
});

describe('the embedded store on disk', () => {
	it('refuses a second process on the same folder, naming DATABASE_URL', async () => {
		const folder = suite.folder('locked');
		const first = await openPglite(folder);
		try {
			await expect(openPglite(folder)).rejects.toThrow(/in use by another process.*DATABASE_URL/);
		} finally {
			await first.close();
		}
		const again = await openPglite(folder);
		await again.close();
	});

	it('keeps every acknowledged write, and the queue, when the process is killed without closing', async () => {
		const folder = suite.folder('crash');
		const script = suite.folder('crash.mjs');
		await writeFile(
			script,
			`const { openStore } = await import(${JSON.stringify(path.join(root, 'src/lib/server/store/open.ts'))});
			const store = await openStore({ dir: process.argv[2], secret: ${JSON.stringify(SECRET)} });
			const mail = (l) => ({ from: { name: 'C', address: 'c@example.org' }, to: { name: 'J', address: 'j@example.org' }, subject: 'S', text: l.token });
			const r = await store.createPending(${JSON.stringify(request())}, mail, { now: ${T0} });
			for (let i = 0; i < 3; i++) await store.recordMailto({ constituencyCode: 'E14001063', allianceCodes: ['E56000012'] }, ${T0});
			console.log(r.token);
			process.kill(process.pid, 'SIGKILL');`
		);
		const child = spawnSync(process.execPath, ['--import', 'tsx', script, folder], {
			cwd: root,
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(child.signal).toBe('SIGKILL');
		const token = child.stdout.trim();
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const store = await Store.open(await openPglite(folder), SECRET);
		try {
			expect(await store.rows('actions')).toHaveLength(4);
			const [queued] = await store.outbox.claim(T0 + 1, 10);
			expect(queued!.mail.text).toBe(token);
			expect(await store.consume(token, letter, T0 + 1)).toMatchObject({
				kind: 'queued',
				payload: { email: 'jane.example@example.org' }
			});
		} finally {
			await store.close();
		}
	});
});
