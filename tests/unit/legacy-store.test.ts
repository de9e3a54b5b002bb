/**
 * The previous version's DuckDB action store (src/lib/server/store/legacy.ts): its anonymous counts are copied into
 * the new store once, nothing personal comes with them, and the start-up message says to delete the old file. The old
 * file is made here with the previous version's own table definitions (git show 777f611^:src/lib/server/actions.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Store } from '../../src/lib/server/actions';
import { importLegacyCounts, legacyMessage } from '../../src/lib/server/store/legacy';
import { openPglite } from '../../src/lib/server/store/pglite';

const NOW = Date.UTC(2026, 5, 1, 12);
const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
let dir: string;
let oldFile: string;
let store: Store;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'legacy-store-'));
	oldFile = path.join(dir, 'actions.duckdb');
	const db = await DuckDBInstance.create(oldFile);
	const c = await db.connect();
	await c.run(`CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
	await c.run(`CREATE TABLE pending (token_hash VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL,
		expires_at TIMESTAMP NOT NULL, payload JSON NOT NULL)`);
	await c.run(`CREATE TABLE actions (id VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
		constituency_code VARCHAR NOT NULL, alliance_codes VARCHAR[] NOT NULL,
		status VARCHAR NOT NULL CHECK (status IN ('confirmation_sent', 'sent', 'mailto_opened', 'failed')),
		email_hash VARCHAR, consent BOOLEAN NOT NULL DEFAULT false, consent_name VARCHAR, consent_email VARCHAR,
		token_hash VARCHAR, CHECK (consent OR (consent_name IS NULL AND consent_email IS NULL)))`);
	const day = 24 * 3600_000;
	const rows: [string, number, string, boolean][] = [
		['a1', NOW - 2 * day, 'sent', true], // consented: its name and address must not come across
		['a2', NOW - 3 * day, 'mailto_opened', false],
		['a3', NOW - 4 * day, 'sent', false],
		['a4', NOW - day, 'confirmation_sent', false], // not a count
		['a5', NOW - day, 'failed', false], // not a count
		['a6', NOW - 400 * day, 'sent', false] // older than the 12 months kept
	];
	for (const [id, at, status, consent] of rows)
		await c.run(
			`INSERT INTO actions VALUES ('${id}', '${iso(at)}', '${iso(at)}', 'E14001063', ['E56000012'], '${status}',
			'salted-hash-${id}', ${consent}, ${consent ? `'Jane Example', 'jane.example@example.org'` : 'NULL, NULL'}, 'token-${id}')`
		);
	await c.run(
		`INSERT INTO pending VALUES ('token-a4', '${iso(NOW - day)}', '${iso(NOW)}', '{"name":"Jane Example","address":"1 Example Road"}')`
	);
	c.closeSync();
	db.closeSync();
	store = await Store.open(
		await openPglite(path.join(dir, 'store')),
		'a test secret that is only for this suite, 32+ chars'
	);
}, 120_000);
afterAll(async () => {
	await store?.close();
	await rm(dir, { recursive: true, force: true });
});

describe('importLegacyCounts', () => {
	it('copies the counted actions of the last 12 months once, with nothing personal', async () => {
		expect(await importLegacyCounts(store, path.join(dir, 'none.duckdb'), NOW)).toBeNull();
		const first = await importLegacyCounts(store, oldFile, NOW);
		expect(first).toEqual({ file: oldFile, found: 3, imported: 3 });
		const actions = await store.rows('actions');
		expect(actions.map((a) => [a.id, a.status, Number(a.created_at)]).sort()).toEqual([
			['legacy-a1', 'sent', NOW - 2 * 24 * 3600_000],
			['legacy-a2', 'mailto_opened', NOW - 3 * 24 * 3600_000],
			['legacy-a3', 'sent', NOW - 4 * 24 * 3600_000]
		]);
		for (const a of actions) {
			expect(a).toMatchObject({ email_hash: null, consent: false, consent_name: null, consent_email: null });
			expect(a.alliance_codes).toEqual(['E56000012']);
		}
		expect(JSON.stringify(await store.rows('actions'))).not.toMatch(/Jane|example\.org|salted|token-/);
		expect(await store.rows('pending')).toEqual([]);

		// Every later start finds them there already.
		expect(await importLegacyCounts(store, oldFile, NOW)).toEqual({ file: oldFile, found: 3, imported: 0 });
		expect(await store.rows('actions')).toHaveLength(3);
		const summary = await store.summary({ alliances: [], nameOf: () => undefined }, NOW);
		expect(summary.constituencies).toEqual([{ code: 'E14001063', name: 'E14001063', count: null }]); // 3: withheld
	});

	it('tells the operator what was copied and to delete the old file', () => {
		expect(legacyMessage({ file: 'data/actions.duckdb', found: 3, imported: 3 })).toMatch(
			/^Found the previous version's action store data\/actions\.duckdb: 3 of its 3 anonymous counts .* delete it, with any data\/actions\.duckdb\.wal/
		);
	});
});
