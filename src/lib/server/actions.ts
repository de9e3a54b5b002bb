// Over 300 lines: one store (schema, tokens, retention, counts) behind one class; each method a short transaction.
/**
 * The action store: an embedded DuckDB database (ACTIONS_DB, default data/actions.duckdb) recording what supporters
 * did, with as little personal data as the job needs.
 *
 *   pending(token_hash PRIMARY KEY, created_at, expires_at, payload JSON)
 *     The email waiting for its sender's confirmation: name, email, address, subject, body. Deleted when the link is
 *     used or when it expires (purgeExpired, run opportunistically), whichever comes first.
 *   actions(id PRIMARY KEY, created_at, constituency_code, alliance_codes, status, email_hash, consent, consent_name,
 *           consent_email, token_hash, updated_at)
 *     One row per email (status confirmation_sent -> sent | failed) or per mailto opened (mailto_opened). email_hash
 *     is a salted SHA-256 of the address, for counting and rate limits only; consent_name and consent_email are kept
 *     only when the supporter ticked the consent box and confirmed. token_hash tells a used link from an unknown one.
 *     Rows are deleted 12 months after they were made (purgeOldActions), so the counts cover the last 12 months.
 *   meta(key PRIMARY KEY, value)
 *     The random salt for email hashes when ACTIONS_SALT is not set.
 *
 * Durability: every write is its own committed transaction, written to DuckDB's write-ahead log before the call
 * returns, so a crash loses nothing that was acknowledged. One process owns the file; calls are serialised.
 * Tokens: 32 random bytes, base64url; only their SHA-256 is stored; a token is consumed once, in a transaction.
 *
 * No SvelteKit imports at module level, so scripts and tests can use it directly; actionsStore() reads the
 * configuration through ./env when the app first needs the store.
 *
 * @duckdb/node-api is loaded at run time from node_modules (a native addon: adapter-node's bundler cannot inline its
 * .node binary). Deployments therefore need it installed next to the build, like nodemailer.
 */
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ActionsSummary, SendRequest } from '../mp/contract';

type DuckDb = typeof import('@duckdb/node-api');
let duckdb: Promise<DuckDb> | null = null;
/** The specifier is built at run time so that no bundler tries to inline the native addon. */
function loadDuckDb(): Promise<DuckDb> {
	duckdb ??= import(/* @vite-ignore */ ['@duckdb', 'node-api'].join('/')) as Promise<DuckDb>;
	return duckdb;
}

export type ActionStatus = 'confirmation_sent' | 'sent' | 'mailto_opened' | 'failed';

/** How long a confirmation link works. */
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** Action records (and any consented contact details in them) are deleted after this long, as the panel promises. */
export const RETENTION_MS = 365 * 24 * 60 * 60 * 1000;
/** One letter per supporter per MP in this long: a second one is refused while one is waiting or was sent within it. */
export const CAMPAIGN_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;
/** Counts from 1 to SUPPRESS_BELOW - 1 are published as null. */
export const SUPPRESS_BELOW = 10;

/** A validated request with the Cancer Alliances the server found for its postcode. */
export type PendingRequest = Omit<SendRequest, 'website'> & { allianceCodes: string[] };

/** What waits in `pending` until confirmation: everything needed to send, nothing more. */
export type PendingPayload = PendingRequest & { actionId: string };

export type CreatePendingResult =
	| { kind: 'created'; token: string; actionId: string; expiresAt: number }
	/** This address already has a letter to this MP waiting for confirmation, or sent within CAMPAIGN_PERIOD_MS. */
	| { kind: 'duplicate'; status: 'confirmation_sent' | 'sent'; at: number };

export type PeekResult =
	| { kind: 'ready'; payload: PendingPayload; expiresAt: number }
	| { kind: 'used'; status: ActionStatus; at: number; constituencyCode: string }
	| { kind: 'expired' }
	| { kind: 'unknown' };

export type ConsumeResult =
	{ kind: 'ok'; payload: PendingPayload; expiresAt: number } | Exclude<PeekResult, { kind: 'ready' }>;

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The shape of a token: anything else is unknown without asking the database. */
export function isTokenShaped(token: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function countOrWithheld(count: number): number | null {
	return count >= 1 && count < SUPPRESS_BELOW ? null : count;
}

const SCHEMA = [
	`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS pending (
		token_hash VARCHAR PRIMARY KEY,
		created_at TIMESTAMP NOT NULL,
		expires_at TIMESTAMP NOT NULL,
		payload JSON NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS actions (
		id VARCHAR PRIMARY KEY,
		created_at TIMESTAMP NOT NULL,
		updated_at TIMESTAMP NOT NULL,
		constituency_code VARCHAR NOT NULL,
		alliance_codes VARCHAR[] NOT NULL,
		status VARCHAR NOT NULL CHECK (status IN ('confirmation_sent', 'sent', 'mailto_opened', 'failed')),
		email_hash VARCHAR,
		consent BOOLEAN NOT NULL DEFAULT false,
		consent_name VARCHAR,
		consent_email VARCHAR,
		token_hash VARCHAR,
		CHECK (consent OR (consent_name IS NULL AND consent_email IS NULL))
	)`
];

/** Milliseconds since the epoch -> a TIMESTAMP expression over parameter $n. */
const ts = (n: number) => `make_timestamp($${n}::BIGINT * 1000)`;
const ms = (value: DuckDBValue | unknown): number => Number(value as bigint);

export class ActionsStore {
	private queue: Promise<unknown> = Promise.resolve();
	private closed = false;

	private constructor(
		private readonly instance: DuckDBInstance,
		private readonly db: DuckDBConnection,
		private readonly salt: string,
		private readonly duck: DuckDb,
		readonly file: string
	) {}

	/** Opens (creating folders, file and tables as needed) the store at `file`. */
	static async open(file: string, options: { salt?: string } = {}): Promise<ActionsStore> {
		await mkdir(path.dirname(path.resolve(file)), { recursive: true });
		const duck = await loadDuckDb();
		const instance = await duck.DuckDBInstance.create(file);
		const db = await instance.connect();
		try {
			for (const sql of SCHEMA) await db.run(sql);
			let salt = options.salt;
			if (!salt) {
				const rows = (await db.runAndReadAll(`SELECT value FROM meta WHERE key = 'email_salt'`)).getRowObjectsJS();
				salt = rows[0] ? String(rows[0].value) : randomBytes(32).toString('base64url');
				if (!rows[0]) await db.run(`INSERT INTO meta VALUES ('email_salt', $1)`, [salt]);
			}
			return new ActionsStore(instance, db, salt, duck, file);
		} catch (error) {
			db.closeSync();
			instance.closeSync();
			throw error;
		}
	}

	/** Runs `fn` after every earlier call has finished: one statement or transaction at a time on the connection. */
	private serial<T>(fn: (db: DuckDBConnection) => Promise<T>): Promise<T> {
		const run = this.queue.then(() => {
			if (this.closed) throw new Error('the action store is closed');
			return fn(this.db);
		});
		this.queue = run.catch(() => {});
		return run;
	}

	private transaction<T>(fn: (db: DuckDBConnection) => Promise<T>): Promise<T> {
		return this.serial(async (db) => {
			await db.run('BEGIN TRANSACTION');
			try {
				const result = await fn(db);
				await db.run('COMMIT');
				return result;
			} catch (error) {
				await db.run('ROLLBACK').catch(() => {});
				throw error;
			}
		});
	}

	/** A salted SHA-256 of the (lower-cased) address: for counting and rate limits, never reversible to the address. */
	emailHash(email: string): string {
		return createHash('sha256').update(`${this.salt}\n${email.trim().toLowerCase()}`, 'utf8').digest('hex');
	}

	/**
	 * Stores a validated request until its sender confirms, and records the action as 'confirmation_sent'. Returns the
	 * token for the link (never stored itself), or 'duplicate' when the same address already has a letter to the same
	 * constituency's MP waiting for confirmation or sent in the campaign period (checked in the same transaction).
	 */
	createPending(request: PendingRequest, now = Date.now()): Promise<CreatePendingResult> {
		const token = newToken();
		const actionId = randomUUID();
		const expiresAt = now + TOKEN_TTL_MS;
		const payload: PendingPayload = {
			actionId,
			postcode: request.postcode,
			constituencyCode: request.constituencyCode,
			allianceCodes: request.allianceCodes,
			name: request.name,
			email: request.email,
			address: request.address,
			subject: request.subject,
			body: request.body,
			consent: request.consent
		};
		const tokenHash = hashToken(token);
		const emailHash = this.emailHash(request.email);
		return this.transaction(async (db): Promise<CreatePendingResult> => {
			const earlier = (
				await db.runAndReadAll(
					`SELECT status, epoch_ms(updated_at) AS at FROM actions
					 WHERE email_hash = $1 AND constituency_code = $2
					   AND ((status = 'confirmation_sent' AND created_at > ${ts(3)}) OR (status = 'sent' AND updated_at > ${ts(4)}))
					 ORDER BY updated_at DESC LIMIT 1`,
					[emailHash, request.constituencyCode, BigInt(now - TOKEN_TTL_MS), BigInt(now - CAMPAIGN_PERIOD_MS)]
				)
			).getRowObjectsJS()[0];
			if (earlier) {
				return {
					kind: 'duplicate',
					status: String(earlier.status) as 'confirmation_sent' | 'sent',
					at: ms(earlier.at)
				};
			}
			await db.run(`INSERT INTO pending VALUES ($1, ${ts(2)}, ${ts(3)}, $4)`, [
				tokenHash,
				BigInt(now),
				BigInt(expiresAt),
				JSON.stringify(payload)
			]);
			await db.run(
				`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, email_hash, consent, token_hash)
				 VALUES ($1, ${ts(2)}, ${ts(2)}, $3, $4, 'confirmation_sent', $5, false, $6)`,
				[
					actionId,
					BigInt(now),
					request.constituencyCode,
					this.duck.listValue(request.allianceCodes),
					emailHash,
					tokenHash
				]
			);
			return { kind: 'created', token, actionId, expiresAt };
		});
	}

	/** What a token stands for, without using it (for the confirmation page's first, GET-safe view). */
	peek(token: string, now = Date.now()): Promise<PeekResult> {
		if (!isTokenShaped(token)) return Promise.resolve({ kind: 'unknown' });
		const tokenHash = hashToken(token);
		return this.serial(async (db) => {
			const rows = (
				await db.runAndReadAll(
					`SELECT epoch_ms(expires_at) AS expires_at, payload::VARCHAR AS payload FROM pending WHERE token_hash = $1`,
					[tokenHash]
				)
			).getRowObjectsJS();
			const row = rows[0];
			if (row && ms(row.expires_at) > now)
				return {
					kind: 'ready',
					payload: JSON.parse(String(row.payload)) as PendingPayload,
					expiresAt: ms(row.expires_at)
				};
			if (row) return { kind: 'expired' };
			return this.whyNotPending(db, tokenHash, now);
		});
	}

	/** Uses a token, once: the pending row is deleted in the same transaction that reads it. */
	consume(token: string, now = Date.now()): Promise<ConsumeResult> {
		if (!isTokenShaped(token)) return Promise.resolve({ kind: 'unknown' });
		const tokenHash = hashToken(token);
		return this.transaction(async (db) => {
			const rows = (
				await db.runAndReadAll(
					`DELETE FROM pending WHERE token_hash = $1 RETURNING epoch_ms(expires_at) AS expires_at, payload::VARCHAR AS payload`,
					[tokenHash]
				)
			).getRowObjectsJS();
			const row = rows[0];
			if (row && ms(row.expires_at) > now)
				return {
					kind: 'ok',
					payload: JSON.parse(String(row.payload)) as PendingPayload,
					expiresAt: ms(row.expires_at)
				};
			if (row) return { kind: 'expired' };
			return this.whyNotPending(db, tokenHash, now);
		});
	}

	private async whyNotPending(
		db: DuckDBConnection,
		tokenHash: string,
		now: number
	): Promise<Exclude<PeekResult, { kind: 'ready' }>> {
		const rows = (
			await db.runAndReadAll(
				`SELECT status, constituency_code, epoch_ms(created_at) AS created_at, epoch_ms(updated_at) AS updated_at FROM actions WHERE token_hash = $1`,
				[tokenHash]
			)
		).getRowObjectsJS();
		const row = rows[0];
		if (!row) return { kind: 'unknown' };
		const status = String(row.status) as ActionStatus;
		const used = {
			kind: 'used' as const,
			status,
			at: ms(row.updated_at),
			constituencyCode: String(row.constituency_code)
		};
		// No pending row and still 'confirmation_sent': it expired and was purged, or it is being sent right now.
		if (status === 'confirmation_sent' && ms(row.created_at) + TOKEN_TTL_MS <= now) return { kind: 'expired' };
		return used;
	}

	/** After a confirmed email went to the MP: 'sent', with the contact details only if the supporter consented. */
	markSent(payload: PendingPayload, now = Date.now()): Promise<void> {
		return this.serial(async (db) => {
			await db.run(
				`UPDATE actions SET status = 'sent', updated_at = ${ts(2)}, consent = $3, consent_name = $4, consent_email = $5 WHERE id = $1`,
				[
					payload.actionId,
					BigInt(now),
					payload.consent,
					payload.consent ? payload.name : null,
					payload.consent ? payload.email : null
				]
			);
		});
	}

	/** A send that failed: recorded, with nothing personal (and the pending row gone, if it was still there). */
	markFailed(actionId: string, token: string | null = null, now = Date.now()): Promise<void> {
		return this.transaction(async (db) => {
			if (token) await db.run(`DELETE FROM pending WHERE token_hash = $1`, [hashToken(token)]);
			await db.run(
				`UPDATE actions SET status = 'failed', updated_at = ${ts(2)}, consent = false, consent_name = NULL, consent_email = NULL WHERE id = $1`,
				[actionId, BigInt(now)]
			);
		});
	}

	/** A supporter opened their own mail client with the letter. */
	recordMailto(record: { constituencyCode: string; allianceCodes: string[] }, now = Date.now()): Promise<string> {
		const id = randomUUID();
		return this.serial(async (db) => {
			await db.run(
				`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, consent)
				 VALUES ($1, ${ts(2)}, ${ts(2)}, $3, $4, 'mailto_opened', false)`,
				[id, BigInt(now), record.constituencyCode, this.duck.listValue(record.allianceCodes)]
			);
			return id;
		});
	}

	/** Deletes pending emails whose link has expired; returns how many. */
	purgeExpired(now = Date.now()): Promise<number> {
		return this.serial(async (db) => {
			const rows = (
				await db.runAndReadAll(`DELETE FROM pending WHERE expires_at <= ${ts(1)} RETURNING 1 AS gone`, [BigInt(now)])
			).getRowObjectsJS();
			return rows.length;
		});
	}

	/** Deletes action records older than RETENTION_MS (12 months); returns how many. */
	purgeOldActions(now = Date.now()): Promise<number> {
		return this.serial(async (db) => {
			const rows = (
				await db.runAndReadAll(`DELETE FROM actions WHERE created_at < ${ts(1)} RETURNING 1 AS gone`, [
					BigInt(now - RETENTION_MS)
				])
			).getRowObjectsJS();
			return rows.length;
		});
	}

	/**
	 * Emails sent and mail clients opened, per alliance (a constituency in two alliances counts in both) and per
	 * constituency; counts of 1-9 as null. Every alliance in `alliances` is listed (0 where none); constituencies
	 * only where there is at least one action.
	 */
	summary(
		names: { alliances: { code: string; name: string }[]; nameOf: (code: string) => string | undefined },
		now = Date.now()
	): Promise<ActionsSummary> {
		return this.serial(async (db) => {
			const counted = `status IN ('sent', 'mailto_opened')`;
			const byConstituency = (
				await db.runAndReadAll(
					`SELECT constituency_code AS code, count(*) AS n FROM actions WHERE ${counted} GROUP BY 1`
				)
			).getRowObjectsJS();
			const byAlliance = (
				await db.runAndReadAll(
					`SELECT code, count(*) AS n FROM (SELECT unnest(alliance_codes) AS code FROM actions WHERE ${counted}) GROUP BY 1`
				)
			).getRowObjectsJS();
			const allianceCounts = new Map(byAlliance.map((r) => [String(r.code), Number(r.n)]));
			const alliances = names.alliances.map((a) => ({
				code: a.code,
				name: a.name,
				count: countOrWithheld(allianceCounts.get(a.code) ?? 0)
			}));
			for (const [code, n] of allianceCounts) {
				if (!names.alliances.some((a) => a.code === code))
					alliances.push({ code, name: names.nameOf(code) ?? code, count: countOrWithheld(n) });
			}
			const constituencies = byConstituency
				.map((r) => ({
					code: String(r.code),
					name: names.nameOf(String(r.code)) ?? String(r.code),
					count: countOrWithheld(Number(r.n))
				}))
				.sort((a, b) => a.name.localeCompare(b.name));
			return { alliances, constituencies, suppressedBelow: SUPPRESS_BELOW, asOf: new Date(now).toISOString() };
		});
	}

	/** Rows of a table, for tests and audits. */
	rows(table: 'pending' | 'actions'): Promise<Record<string, unknown>[]> {
		return this.serial(async (db) =>
			(await db.runAndReadAll(`SELECT * FROM ${table === 'pending' ? 'pending' : 'actions'}`)).getRowObjectsJS()
		);
	}

	/** Waits for queued calls, checkpoints and closes the file. */
	async close(): Promise<void> {
		await this.serial(async (db) => {
			await db.run('CHECKPOINT');
		}).catch(() => {});
		this.closed = true;
		this.db.closeSync();
		this.instance.closeSync();
	}
}

let shared: Promise<ActionsStore> | null = null;
let lastPurge = 0;

/**
 * The app's store, opened on first use from ACTIONS_DB / ACTIONS_SALT. Now and then (at most once a minute, on use)
 * deletes expired pending emails and action records older than 12 months.
 */
export async function actionsStore(): Promise<ActionsStore> {
	if (!shared) {
		shared = (async () => {
			const { actionsDbPath, actionsSalt } = await import('./env');
			return ActionsStore.open(actionsDbPath(), { salt: actionsSalt() });
		})();
		shared.catch(() => {
			shared = null; // try again on the next request
		});
	}
	const store = await shared;
	const now = Date.now();
	if (now - lastPurge > 60_000) {
		lastPurge = now;
		store.purgeExpired(now).catch((error) => console.error('Could not purge expired pending emails:', error));
		store.purgeOldActions(now).catch((error) => console.error('Could not purge old action records:', error));
	}
	return store;
}
