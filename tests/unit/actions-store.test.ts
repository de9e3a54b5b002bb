/**
 * The action store (DuckDB in a temporary folder): single-use tokens, expiry, what is kept and for how long,
 * suppressed counts, and durability (close and reopen; a process killed mid-run).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	ActionsStore,
	CAMPAIGN_PERIOD_MS,
	countOrWithheld,
	hashToken,
	RETENTION_MS,
	TOKEN_TTL_MS,
	type PendingRequest
} from '../../src/lib/server/actions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;
let n = 0;
const open: ActionsStore[] = [];

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'actions-store-'));
});
afterEach(async () => {
	while (open.length) await open.pop()!.close();
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** A fresh store in its own (not yet existing) sub-folder. */
async function fresh(options: { salt?: string } = {}): Promise<ActionsStore> {
	const store = await ActionsStore.open(path.join(dir, `case-${++n}`, 'nested', 'actions.duckdb'), options);
	open.push(store);
	return store;
}

const request = (overrides: Partial<PendingRequest> = {}): PendingRequest => ({
	postcode: 'GU11 1PW',
	constituencyCode: 'E14001063',
	allianceCodes: ['E56000012'],
	name: 'Jane Example',
	email: 'jane.example@example.org',
	address: '1 Example Road, Aldershot',
	subject: 'Breast cancer care in Surrey and Sussex',
	body: 'Dear Alex Baker,\n\nPlease write to the Cancer Alliance.',
	consent: false,
	...overrides
});

/** createPending, expecting a new pending letter (not a duplicate). */
async function created(store: ActionsStore, req: PendingRequest, now: number) {
	const result = await store.createPending(req, now);
	if (result.kind !== 'created') throw new Error(`expected a new pending letter, got ${result.kind}`);
	return result;
}

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('pending emails and their tokens', () => {
	it('stores only the token’s hash, and consumes a token exactly once', async () => {
		const store = await fresh();
		const { token, actionId, expiresAt } = await created(store, request(), T0);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
		expect(expiresAt).toBe(T0 + TOKEN_TTL_MS);

		const pending = await store.rows('pending');
		expect(pending).toHaveLength(1);
		expect(pending[0]!.token_hash).toBe(hashToken(token));
		expect(JSON.stringify(await store.rows('pending')).includes(token)).toBe(false);
		expect(JSON.stringify(await store.rows('actions')).includes(token)).toBe(false);

		// Peeking (the GET-safe page) uses nothing.
		const peek = await store.peek(token, T0 + 1000);
		expect(peek).toMatchObject({
			kind: 'ready',
			payload: { actionId, name: 'Jane Example', email: 'jane.example@example.org', subject: request().subject }
		});
		expect(await store.peek(token, T0 + 2000)).toMatchObject({ kind: 'ready' });

		const first = await store.consume(token, T0 + 5000);
		expect(first).toMatchObject({
			kind: 'ok',
			payload: { actionId, body: request().body, address: '1 Example Road, Aldershot' }
		});
		// The payload is gone the moment the token is used.
		expect(await store.rows('pending')).toHaveLength(0);

		const second = await store.consume(token, T0 + 6000);
		expect(second).toMatchObject({ kind: 'used', status: 'confirmation_sent', constituencyCode: 'E14001063' });
		if (first.kind !== 'ok') throw new Error('unreachable');
		await store.markSent(first.payload, T0 + 7000);
		expect(await store.consume(token, T0 + 8000)).toMatchObject({ kind: 'used', status: 'sent', at: T0 + 7000 });
		expect(await store.peek(token, T0 + 8000)).toMatchObject({ kind: 'used', status: 'sent' });
	});

	it('lets only one of two simultaneous confirmations through', async () => {
		const store = await fresh();
		const { token } = await created(store, request(), T0);
		const results = await Promise.all([
			store.consume(token, T0 + 1),
			store.consume(token, T0 + 1),
			store.consume(token, T0 + 1)
		]);
		expect(results.filter((r) => r.kind === 'ok')).toHaveLength(1);
		expect(results.filter((r) => r.kind === 'used')).toHaveLength(2);
	});

	it('takes one letter per address per MP: a second is refused while one waits, or for 30 days once sent', async () => {
		const store = await fresh();
		const first = await created(store, request(), T0);
		// Waiting for confirmation: a second (any case of the same address) is a duplicate, and nothing is stored.
		expect(await store.createPending(request({ email: 'JANE.Example@example.org' }), T0 + 1000)).toEqual({
			kind: 'duplicate',
			status: 'confirmation_sent',
			at: T0
		});
		expect(await store.rows('pending')).toHaveLength(1);
		expect(await store.rows('actions')).toHaveLength(1);
		// Another MP, or another address, is not a duplicate.
		await created(store, request({ constituencyCode: 'E14001064' }), T0 + 2000);
		await created(store, request({ email: 'someone.else@example.org' }), T0 + 3000);
		// Sent: refused for 30 days from sending, then welcome again.
		const consumed = await store.consume(first.token, T0 + 10_000);
		if (consumed.kind !== 'ok') throw new Error('expected ok');
		await store.markSent(consumed.payload, T0 + 20_000);
		expect(await store.createPending(request(), T0 + 20_000 + CAMPAIGN_PERIOD_MS - 1)).toMatchObject({
			kind: 'duplicate',
			status: 'sent',
			at: T0 + 20_000
		});
		await created(store, request(), T0 + 20_000 + CAMPAIGN_PERIOD_MS + 1);
		// A link left to expire does not block a new letter.
		const other = await fresh();
		await created(other, request(), T0);
		await created(other, request(), T0 + TOKEN_TTL_MS + 1);
	});

	it('answers unknown and malformed tokens as unknown', async () => {
		const store = await fresh();
		await created(store, request(), T0);
		expect(await store.consume('A'.repeat(43), T0)).toEqual({ kind: 'unknown' });
		expect(await store.peek('A'.repeat(43), T0)).toEqual({ kind: 'unknown' });
		expect(await store.consume('short', T0)).toEqual({ kind: 'unknown' });
		expect(await store.consume("'; DROP TABLE pending; --", T0)).toEqual({ kind: 'unknown' });
		expect(await store.rows('pending')).toHaveLength(1);
	});

	it('refuses an expired token, deletes its payload, and purges only expired rows', async () => {
		const store = await fresh();
		const old = await created(store, request({ email: 'old@example.org' }), T0);
		const recent = await created(store, request({ email: 'recent@example.org' }), T0 + 60 * 60 * 1000);

		expect(await store.peek(old.token, T0 + TOKEN_TTL_MS - 1)).toMatchObject({ kind: 'ready' });
		expect(await store.peek(old.token, T0 + TOKEN_TTL_MS)).toEqual({ kind: 'expired' });

		expect(await store.purgeExpired(T0 + TOKEN_TTL_MS + 1)).toBe(1);
		const pending = await store.rows('pending');
		expect(pending).toHaveLength(1);
		expect(String(pending[0]!.payload)).toContain('recent@example.org');
		// Purged: still recognised as expired (not unknown), from the action row.
		expect(await store.consume(old.token, T0 + TOKEN_TTL_MS + 2)).toEqual({ kind: 'expired' });

		// Consuming an expired token that was not purged yet deletes it too.
		expect(await store.consume(recent.token, T0 + 60 * 60 * 1000 + TOKEN_TTL_MS + 5)).toEqual({ kind: 'expired' });
		expect(await store.rows('pending')).toHaveLength(0);
		expect(await store.purgeExpired(T0 + 10 * TOKEN_TTL_MS)).toBe(0);
	});
});

describe('what is kept', () => {
	it('keeps no name or address without consent; a salted hash of the email only', async () => {
		const store = await fresh();
		const { token } = await created(store, request({ consent: false }), T0);
		const consumed = await store.consume(token, T0 + 1);
		if (consumed.kind !== 'ok') throw new Error('expected ok');
		await store.markSent(consumed.payload, T0 + 2);
		const [row] = await store.rows('actions');
		expect(row).toMatchObject({
			status: 'sent',
			constituency_code: 'E14001063',
			alliance_codes: ['E56000012'],
			consent: false,
			consent_name: null,
			consent_email: null
		});
		expect(row!.email_hash).toBe(store.emailHash('jane.example@example.org'));
		expect(row!.email_hash).toMatch(/^[0-9a-f]{64}$/);
		const everything = JSON.stringify([await store.rows('actions'), await store.rows('pending')]);
		for (const personal of ['Jane', 'jane.example', 'Example Road', 'GU11', 'Dear Alex'])
			expect(everything).not.toContain(personal);
	});

	it('keeps name and email only when the supporter consented and confirmed', async () => {
		const store = await fresh();
		const unconfirmed = await created(store, request({ consent: true, email: 'never@example.org' }), T0);
		const confirmed = await created(store, request({ consent: true }), T0);
		const consumed = await store.consume(confirmed.token, T0 + 1);
		if (consumed.kind !== 'ok') throw new Error('expected ok');
		await store.markSent(consumed.payload, T0 + 2);

		const rows = await store.rows('actions');
		const sent = rows.find((r) => r.id === confirmed.actionId)!;
		expect(sent).toMatchObject({
			status: 'sent',
			consent: true,
			consent_name: 'Jane Example',
			consent_email: 'jane.example@example.org'
		});
		const waiting = rows.find((r) => r.id === unconfirmed.actionId)!;
		expect(waiting).toMatchObject({
			status: 'confirmation_sent',
			consent: false,
			consent_name: null,
			consent_email: null
		});
	});

	it('records a failed send with nothing personal, and removes its pending email', async () => {
		const store = await fresh();
		const { token, actionId } = await created(store, request({ consent: true }), T0);
		await store.markFailed(actionId, token, T0 + 1);
		expect(await store.rows('pending')).toHaveLength(0);
		const [row] = await store.rows('actions');
		expect(row).toMatchObject({ status: 'failed', consent: false, consent_name: null, consent_email: null });
		expect(await store.consume(token, T0 + 2)).toMatchObject({ kind: 'used', status: 'failed' });
	});

	it('deletes action records, consented contact details included, 12 months after they were made', async () => {
		const store = await fresh();
		const { token } = await created(store, request({ consent: true }), T0);
		const consumed = await store.consume(token, T0 + 1);
		if (consumed.kind !== 'ok') throw new Error('expected ok');
		await store.markSent(consumed.payload, T0 + 2);
		await store.recordMailto(
			{ constituencyCode: 'E14001064', allianceCodes: ['E56000007'] },
			T0 + 30 * 24 * 3600 * 1000
		);
		expect(await store.purgeOldActions(T0 + RETENTION_MS)).toBe(0);
		expect(await store.purgeOldActions(T0 + RETENTION_MS + 1)).toBe(1);
		const rows = await store.rows('actions');
		expect(rows.map((r) => r.constituency_code)).toEqual(['E14001064']);
		expect(JSON.stringify(rows)).not.toContain('jane.example@example.org');
	});

	it('hashes emails case-insensitively with the salt: ACTIONS_SALT when given, else one kept in the database', async () => {
		const a = await fresh();
		const b = await fresh();
		expect(a.emailHash('Jane@Example.org')).toBe(a.emailHash(' jane@example.org'));
		expect(a.emailHash('jane@example.org')).not.toBe(b.emailHash('jane@example.org'));
		const salted1 = await fresh({ salt: 'server-side-salt' });
		const salted2 = await fresh({ salt: 'server-side-salt' });
		expect(salted1.emailHash('jane@example.org')).toBe(salted2.emailHash('jane@example.org'));
	});
});

describe('summary', () => {
	const names = {
		alliances: [
			{ code: 'E56000012', name: 'Surrey and Sussex' },
			{ code: 'E56000007', name: 'West Midlands' },
			{ code: 'E56000005', name: 'Cheshire and Merseyside' }
		],
		nameOf: (code: string) =>
			({ E14001063: 'Aldershot', E14001064: 'Aldridge-Brownhills', E14001065: 'Altrincham and Sale West' })[code]
	};

	it('suppresses counts of 1 to 9, counts sent and mailto only, and lists every alliance', async () => {
		expect([0, 1, 9, 10, 11].map(countOrWithheld)).toEqual([0, null, null, 10, 11]);
		const store = await fresh();
		// Aldershot: 9 mail clients opened + 1 confirmed email = 10. Aldridge-Brownhills: 9. Two-alliance records count in both.
		for (let i = 0; i < 9; i++)
			await store.recordMailto({ constituencyCode: 'E14001063', allianceCodes: ['E56000012'] }, T0);
		const { token } = await created(store, request(), T0);
		const consumed = await store.consume(token, T0 + 1);
		if (consumed.kind !== 'ok') throw new Error('expected ok');
		await store.markSent(consumed.payload, T0 + 2);
		for (let i = 0; i < 9; i++)
			await store.recordMailto({ constituencyCode: 'E14001064', allianceCodes: ['E56000007', 'E56000012'] }, T0);
		// Not counted: waiting for confirmation, and failed.
		await created(store, request({ constituencyCode: 'E14001065', allianceCodes: ['E56000005'] }), T0);
		const failed = await created(
			store,
			request({ constituencyCode: 'E14001065', allianceCodes: ['E56000005'], email: 'second@example.org' }),
			T0
		);
		await store.markFailed(failed.actionId, failed.token, T0);

		const summary = await store.summary(names, T0);
		expect(summary.suppressedBelow).toBe(10);
		expect(summary.asOf).toBe(new Date(T0).toISOString());
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

describe('durability', () => {
	it('keeps everything across closing and reopening, salt included', async () => {
		const file = path.join(dir, 'reopen', 'actions.duckdb');
		const first = await ActionsStore.open(file);
		const { token } = await created(first, request(), T0);
		await first.recordMailto({ constituencyCode: 'E14001064', allianceCodes: ['E56000007'] }, T0);
		const hash = first.emailHash('jane@example.org');
		await first.close();

		const second = await ActionsStore.open(file);
		open.push(second);
		expect(second.emailHash('jane@example.org')).toBe(hash);
		expect(await second.rows('actions')).toHaveLength(2);
		expect(await second.consume(token, T0 + 1)).toMatchObject({ kind: 'ok' });
	});

	it('keeps every acknowledged write when the process is killed without closing', async () => {
		const file = path.join(dir, 'crash', 'actions.duckdb');
		const script = path.join(dir, 'crash.mjs');
		await writeFile(
			script,
			`const { ActionsStore } = await import(${JSON.stringify(path.join(root, 'src/lib/server/actions.ts'))});
			const store = await ActionsStore.open(process.argv[2]);
			const { token } = await store.createPending(${JSON.stringify(request())}, ${T0});
			for (let i = 0; i < 3; i++) await store.recordMailto({ constituencyCode: 'E14001063', allianceCodes: ['E56000012'] }, ${T0});
			console.log(token);
			process.kill(process.pid, 'SIGKILL');`
		);
		const child = spawnSync(process.execPath, ['--import', 'tsx', script, file], {
			cwd: root,
			encoding: 'utf8',
			timeout: 60_000
		});
		expect(child.signal).toBe('SIGKILL');
		const token = child.stdout.trim();
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(existsSync(`${file}.wal`) || existsSync(file)).toBe(true);

		const store = await ActionsStore.open(file);
		open.push(store);
		expect(await store.rows('actions')).toHaveLength(4);
		expect(await store.consume(token, T0 + 1)).toMatchObject({
			kind: 'ok',
			payload: { email: 'jane.example@example.org' }
		});
	});
});
