/**
 * The confirmation and mailto limits kept in the action store (rate-limit.ts takeStored), on the embedded store: the
 * same wording as before, all-or-nothing across windows, and shared by two Store objects on one database (as two
 * servers on one PostgreSQL share them; the end-to-end test runs that with two servers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../../src/lib/server/actions';
import { storedLimits, takeStored } from '../../src/lib/server/rate-limit';
import { openPglite } from '../../src/lib/server/store/pglite';
import type { Sql } from '../../src/lib/server/store/sql';

let dir: string;
let sql: Sql;
let store: Store;
const T0 = Date.UTC(2026, 0, 5, 9);

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'stored-limits-'));
	sql = await openPglite(path.join(dir, 'actions'));
	store = await Store.open(sql, 'a test secret that is only for this suite, 32+ chars');
}, 120_000);
afterAll(async () => {
	await store?.close();
	await rm(dir, { recursive: true, force: true });
});

describe('takeStored', () => {
	it('allows 30 confirmations per connection in 10 minutes, refuses the 31st with its wait, then allows again', async () => {
		const check: Parameters<typeof takeStored>[1] = [[storedLimits.confirmPerIp, '192.0.2.1']];
		for (let i = 0; i < 30; i++) expect(await takeStored(store, check, T0 + i * 1000)).toEqual({ ok: true });
		const refused = await takeStored(store, check, T0 + 60_000);
		expect(refused).toEqual({
			ok: false,
			retryAfter: 540,
			message: 'Too many requests to confirm emails from your connection in 10 minutes. Please try again in 9 minutes.'
		});
		// Another connection is not affected; the first is again once its oldest hit leaves the window.
		expect(await takeStored(store, [[storedLimits.confirmPerIp, '192.0.2.2']], T0 + 60_000)).toEqual({ ok: true });
		expect(await takeStored(store, check, T0 + 600_001)).toEqual({ ok: true });
	});

	it('counts a mailto in both windows only when both allow it, and a second Store on the database sees the hits', async () => {
		const ip = '198.51.100.7';
		const both: Parameters<typeof takeStored>[1] = [
			[storedLimits.actionsPerIpShort, ip],
			[storedLimits.actionsPerIpDay, ip]
		];
		for (let i = 0; i < 10; i++) expect((await takeStored(store, both, T0 + i)).ok).toBe(true);
		expect(await takeStored(store, both, T0 + 20)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/^Too many requests to record emails from your connection in 10 minutes/)
		});
		// The refusal counted nothing: the day window holds the 10 allowed hits only.
		const hits = (await store.rows('rate_hits')).filter((h) => h.key === ip);
		expect(hits.filter((h) => h.bucket === storedLimits.actionsPerIpDay.bucket)).toHaveLength(10);

		const other = await Store.open(sql, 'another server, same database, 32+ characters');
		expect(await takeStored(other, both, T0 + 30)).toMatchObject({ ok: false });
	});
});
