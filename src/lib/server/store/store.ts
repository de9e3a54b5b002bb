/**
 * Over 300 lines: the store's whole contract (letters, actions, limits, deletion) in one class; the outbox is split out.
 *
 * The action store over either back end (./sql.ts): pending letters, actions, rate limits and (./outbox.ts) the
 * outbox. What is kept, and for how long, is described in ../actions.ts and on /privacy.
 *
 * Every write that belongs together is one transaction: a pending letter, its action, its rate-limit hits and its
 * confirmation email; a used token, its action's new state and the letter to the MP.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { hashToken, isTokenShaped, newToken } from './tokens';
import type { ActionsSummary } from '../../mp/contract';
import { Outbox, sealedInsert } from './outbox';
import { forgetFollowUps, FollowUps } from './followups';
import { deletePrint, insertPrint, purgePrints, type LetterPrint } from './prints';
import { MIGRATIONS, SCHEMA } from './schema';
import { seal, unseal } from './seal';
import { bytes, num, type Row, type Sql } from './sql';
import {
	CAMPAIGN_PERIOD_MS,
	RETENTION_MS,
	SUPPRESS_BELOW,
	TOKEN_TTL_MS,
	type ActionStatus,
	type ConfirmationLinks,
	type ConsumeResult,
	type CreatePendingResult,
	type LetterFor,
	type NotReady,
	type OutgoingMail,
	type PeekResult,
	type PendingPayload,
	type PendingRequest,
	type Window
} from './types';

type Query = Pick<Sql, 'query'>;

export { hashToken, isTokenShaped, newToken } from './tokens';

export function countOrWithheld(count: number): number | null {
	return count >= 1 && count < SUPPRESS_BELOW ? null : count;
}

export type Verdict = { ok: true } | { ok: false; retryAfter: number; window: Window };

export class Store {
	readonly outbox: Outbox;
	readonly followUps: FollowUps;

	private constructor(
		readonly sql: Sql,
		private readonly secret: string
	) {
		this.outbox = new Outbox(sql);
		this.followUps = new FollowUps(sql);
	}

	/**
	 * Creates the tables if needed and proves the store can be written (a server that cannot write refuses to start).
	 * `secret` keys the email hashes (HMAC-SHA256): from EMAIL_HASH_SECRET, never kept in the store itself.
	 */
	static async open(sql: Sql, secret: string): Promise<Store> {
		await sql.query(`SELECT pg_advisory_lock(7212)`).catch(() => {}); // one schema creation at a time
		try {
			for (const statement of SCHEMA.split(';')
				.map((s) => s.trim())
				.filter(Boolean))
				await sql.query(statement);
			for (const migration of MIGRATIONS) await sql.query(migration);
		} finally {
			await sql.query(`SELECT pg_advisory_unlock(7212)`).catch(() => {});
		}
		await sql.transaction(async (tx) => {
			await tx.query(`INSERT INTO seal_keys (id, key) VALUES ('write-check', $1) ON CONFLICT (id) DO NOTHING`, [
				Buffer.alloc(1)
			]);
			await tx.query(`DELETE FROM seal_keys WHERE id = 'write-check'`);
		});
		return new Store(sql, secret);
	}

	/** An HMAC of the (trimmed, lower-cased) address: for counting and rate limits, never reversible to it. */
	emailHash(email: string): string {
		return createHmac('sha256', this.secret).update(email.trim().toLowerCase(), 'utf8').digest('hex');
	}

	/** Whether every window has room for one more hit per its key (nothing is counted). */
	async rateCheck(checks: [Window, string][], now = Date.now()): Promise<Verdict> {
		let worst: Verdict = { ok: true };
		for (const [window, key] of checks) {
			const rows = await this.sql.query(
				`SELECT at FROM rate_hits WHERE bucket = $1 AND key = $2 AND at > $3 ORDER BY at DESC LIMIT $4`,
				[window.bucket, key, now - window.windowMs, window.limit]
			);
			if (rows.length < window.limit) continue;
			const retryAfter = Math.max(1, Math.ceil((num(rows[rows.length - 1]!.at) + window.windowMs - now) / 1000));
			if (worst.ok || retryAfter > worst.retryAfter) worst = { ok: false, retryAfter, window };
		}
		return worst;
	}

	/** Counts one hit per window (with the action it led to, if any, so a failed delivery can give it back). */
	async rateRecord(hits: [Window, string][], actionId: string | null = null, now = Date.now(), tx: Query = this.sql) {
		for (const [window, key] of hits)
			await tx.query(`INSERT INTO rate_hits (bucket, key, at, action_id) VALUES ($1, $2, $3, $4)`, [
				window.bucket,
				key,
				now,
				actionId
			]);
	}

	/**
	 * Stores a validated request until its sender confirms, records the action as 'confirmation_sent', counts its rate
	 * hits and queues the confirmation email, in one transaction. 'duplicate' (nothing stored) when the same address
	 * already has a letter to this MP waiting, queued, or sent in the campaign period.
	 */
	createPending(
		request: PendingRequest,
		confirmation: (links: ConfirmationLinks) => Omit<OutgoingMail, 'messageId'>,
		options: { now?: number; hits?: [Window, string][]; print?: LetterPrint } = {}
	): Promise<CreatePendingResult> {
		const now = options.now ?? Date.now();
		const token = newToken();
		const deletionToken = newToken();
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
			consent: request.consent,
			...(request.chaseOf ? { chaseOf: request.chaseOf } : {})
		};
		const tokenHash = hashToken(token);
		const emailHash = this.emailHash(request.email);
		const mail = confirmation({ token, deletionToken, expiresAt });
		return this.sql.transaction(async (tx): Promise<CreatePendingResult> => {
			const [earlier] = await tx.query(
				`SELECT status, updated_at AS at FROM actions
				 WHERE email_hash = $1 AND constituency_code = $2
				   AND ((status = 'confirmation_sent' AND created_at > $3) OR (status IN ('queued', 'sent') AND updated_at > $4))
				 ORDER BY updated_at DESC LIMIT 1`,
				[emailHash, request.constituencyCode, now - TOKEN_TTL_MS, now - CAMPAIGN_PERIOD_MS]
			);
			// A chase letter follows a letter sent within the campaign period on purpose: only a waiting confirmation, or
			// a chase already sent for the same letter, makes it a duplicate.
			if (earlier && !(request.chaseOf && earlier.status !== 'confirmation_sent'))
				return { kind: 'duplicate', status: earlier.status as 'confirmation_sent', at: num(earlier.at) };
			if (request.chaseOf) {
				const [chased] = await tx.query(`SELECT updated_at FROM follow_ups WHERE action_id = $1 AND step = 'chase'`, [
					request.chaseOf
				]);
				if (chased) return { kind: 'duplicate', status: 'sent', at: num(chased.updated_at) };
			}
			const sealed = seal(payload);
			await tx.query(`INSERT INTO seal_keys (id, key) VALUES ($1, $2)`, [actionId, sealed.key]);
			await tx.query(`INSERT INTO pending VALUES ($1, $2, $3, $4, $5)`, [
				tokenHash,
				actionId,
				now,
				expiresAt,
				sealed.box
			]);
			await tx.query(
				`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, email_hash, consent, token_hash, deletion_hash, chase_of)
				 VALUES ($1, $2, $2, $3, $4, 'confirmation_sent', $5, false, $6, $7, $8)`,
				[
					actionId,
					now,
					request.constituencyCode,
					request.allianceCodes,
					emailHash,
					tokenHash,
					hashToken(deletionToken),
					request.chaseOf ?? null
				]
			);
			await this.rateRecord(options.hits ?? [], actionId, now, tx);
			if (options.print) await insertPrint(tx, actionId, options.print, now);
			await sealedInsert(tx, { actionId, kind: 'confirmation', mail, consent: null, now });
			return { kind: 'created', token, deletionToken, actionId, expiresAt };
		});
	}

	private async readPending(tx: Query, rows: Row[], now: number): Promise<PeekResult | null> {
		const row = rows[0];
		if (!row) return null;
		if (num(row.expires_at) <= now) return { kind: 'expired' };
		const [key] = await tx.query(`SELECT key FROM seal_keys WHERE id = $1`, [row.action_id]);
		if (!key) return { kind: 'expired' };
		const payload = unseal<PendingPayload>(bytes(row.payload), bytes(key.key));
		return { kind: 'ready', payload, expiresAt: num(row.expires_at) };
	}

	/** What a token stands for, without using it (for the confirmation page's first, GET-safe view). */
	async peek(token: string, now = Date.now()): Promise<PeekResult> {
		if (!isTokenShaped(token)) return { kind: 'unknown' };
		const tokenHash = hashToken(token);
		const rows = await this.sql.query(`SELECT * FROM pending WHERE token_hash = $1`, [tokenHash]);
		return (await this.readPending(this.sql, rows, now)) ?? this.whyNotPending(this.sql, tokenHash, now);
	}

	/**
	 * Uses a token, once: in one transaction the pending letter and its key are deleted, and the letter to the MP is
	 * queued (action 'queued'), or the action is 'failed' when `letter` says it cannot be sent.
	 */
	consume(token: string, letter: LetterFor, now = Date.now()): Promise<ConsumeResult> {
		if (!isTokenShaped(token)) return Promise.resolve({ kind: 'unknown' });
		const tokenHash = hashToken(token);
		return this.sql.transaction(async (tx): Promise<ConsumeResult> => {
			const rows = await tx.query(`DELETE FROM pending WHERE token_hash = $1 RETURNING *`, [tokenHash]);
			const found = await this.readPending(tx, rows, now);
			if (rows[0]) await tx.query(`DELETE FROM seal_keys WHERE id = $1`, [rows[0].action_id]);
			if (!found) return this.whyNotPending(tx, tokenHash, now);
			if (found.kind !== 'ready') return found;
			const { payload } = found;
			const composed = letter(payload);
			if ('error' in composed) {
				await this.fail(tx, payload.actionId, now);
				return { kind: 'refused', payload, message: composed.error };
			}
			const consent = payload.consent ? { name: payload.name, email: payload.email } : null;
			if (payload.chaseOf) {
				// One chase per letter, whichever of two confirmations comes first.
				const marked = await tx.query(
					`INSERT INTO follow_ups (action_id, step, due_at, status, updated_at) VALUES ($1, 'chase', $2, 'queued', $2)
					 ON CONFLICT (action_id, step) DO NOTHING RETURNING 1`,
					[payload.chaseOf, now]
				);
				if (marked.length === 0) {
					await this.fail(tx, payload.actionId, now);
					return { kind: 'refused', payload, message: 'A follow-up letter for this email has already been sent.' };
				}
			}
			const outboxId = await sealedInsert(tx, {
				actionId: payload.actionId,
				kind: payload.chaseOf ? 'chase' : 'letter',
				mail: composed.mail,
				consent,
				now
			});
			await tx.query(`UPDATE actions SET status = 'queued', updated_at = $2 WHERE id = $1`, [payload.actionId, now]);
			return { kind: 'queued', payload, outboxId };
		});
	}

	/** An action that will not be sent: 'failed', nothing personal kept, and its rate-limit hits given back. */
	private async fail(tx: Query, actionId: string, now: number): Promise<void> {
		await tx.query(
			`UPDATE actions SET status = 'failed', updated_at = $2, consent = false, consent_name = NULL, consent_email = NULL WHERE id = $1`,
			[actionId, now]
		);
		await tx.query(`DELETE FROM rate_hits WHERE action_id = $1`, [actionId]);
		await deletePrint(tx, actionId);
	}

	private async whyNotPending(tx: Query, tokenHash: string, now: number): Promise<NotReady> {
		const [row] = await tx.query(
			`SELECT status, constituency_code, created_at, updated_at FROM actions WHERE token_hash = $1`,
			[tokenHash]
		);
		if (!row) return { kind: 'unknown' };
		const status = row.status as ActionStatus;
		// No pending row and still 'confirmation_sent': it expired and was purged (or was deleted by its owner).
		if (status === 'confirmation_sent' && num(row.created_at) + TOKEN_TTL_MS <= now) return { kind: 'expired' };
		return { kind: 'used', status, at: num(row.updated_at), constituencyCode: String(row.constituency_code) };
	}

	/** The state of one action (for the page that says queued / sent / could not be delivered). */
	async actionStatus(actionId: string): Promise<ActionStatus | null> {
		const [row] = await this.sql.query(`SELECT status FROM actions WHERE id = $1`, [actionId]);
		return row ? (row.status as ActionStatus) : null;
	}

	/** A supporter opened their own mail client with the letter. */
	async recordMailto(record: { constituencyCode: string; allianceCodes: string[] }, now = Date.now()) {
		const id = randomUUID();
		await this.sql.query(
			`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, consent)
			 VALUES ($1, $2, $2, $3, $4, 'mailto_opened', false)`,
			[id, now, record.constituencyCode, record.allianceCodes]
		);
		return id;
	}

	/**
	 * The deletion link: deletes the supporter's pending letter, any email still queued for it (it will not be sent),
	 * the keys that could read them, and the address hash and consented details. The anonymous count stays.
	 */
	async deleteByLink(deletionToken: string, now = Date.now()): Promise<boolean> {
		if (!isTokenShaped(deletionToken)) return false;
		const found = await this.sql.transaction(async (tx) => {
			// The link in the confirmation email, or the one in a follow-up survey (./followups.ts).
			const [row] = await tx.query(
				`SELECT id, status FROM actions WHERE deletion_hash = $1
				 OR id = (SELECT action_id FROM reply_links WHERE token_hash = $1 AND purpose = 'delete')`,
				[hashToken(deletionToken)]
			);
			if (!row) return false;
			// The person's follow-up letters (./followups.ts) go with their first: a waiting one is not sent.
			const chases = await tx.query(`SELECT id, status FROM actions WHERE chase_of = $1`, [row.id]);
			for (const target of [row, ...chases]) {
				const id = String(target.id);
				await tx.query(`DELETE FROM pending WHERE action_id = $1`, [id]);
				await forgetFollowUps(tx, id, now);
				await tx.query(
					`DELETE FROM seal_keys WHERE id = $1 OR id IN (SELECT id FROM outbox WHERE action_id = $1 AND status <> 'sent')`,
					[id]
				);
				await tx.query(`DELETE FROM outbox WHERE action_id = $1 AND status <> 'sent'`, [id]);
				await deletePrint(tx, id);
				await tx.query(`UPDATE outbox SET content = NULL WHERE action_id = $1`, [id]);
				const status = target.status === 'sent' ? 'sent' : 'failed';
				await tx.query(
					`UPDATE actions SET status = $2, updated_at = $3, email_hash = NULL, consent = false, consent_name = NULL,
				 consent_email = NULL, deletion_hash = NULL WHERE id = $1`,
					[id, status, now]
				);
			}
			return true;
		});
		if (found) await this.sql.scrub(['seal_keys']);
		return found;
	}

	/**
	 * Rewrites the key table and retires the WAL that held deleted keys (./sql.ts scrub), so a used letter's key is
	 * gone from the files too; run by the retention timer. Cheap: the table holds only keys still in use.
	 */
	async scrubKeys(): Promise<void> {
		await this.sql.scrub(['seal_keys']);
	}

	/** Deletes pending letters whose link has expired (keys first: the letters become unreadable); how many. */
	async purgeExpired(now = Date.now()): Promise<number> {
		const gone = await this.sql.transaction(async (tx) => {
			await tx.query(`DELETE FROM seal_keys WHERE id IN (SELECT action_id FROM pending WHERE expires_at <= $1)`, [now]);
			return (await tx.query(`DELETE FROM pending WHERE expires_at <= $1 RETURNING 1`, [now])).length;
		});
		await this.outbox.purgeDead(now);
		return gone;
	}

	/** Deletes action records older than RETENTION_MS (12 months), and rate hits older than a day; how many actions. */
	async purgeOldActions(now = Date.now()): Promise<number> {
		await this.sql.query(`DELETE FROM rate_hits WHERE at < $1`, [now - 24 * 60 * 60 * 1000]);
		await this.sql.query(`DELETE FROM outbox WHERE status = 'sent' AND updated_at < $1`, [now - RETENTION_MS]);
		await purgePrints(this.sql, now - RETENTION_MS);
		const gone = (await this.sql.query(`DELETE FROM actions WHERE created_at < $1 RETURNING 1`, [now - RETENTION_MS]))
			.length;
		await this.followUps.purgeOrphans();
		return gone;
	}

	/**
	 * Emails sent and mail clients opened, per alliance (a constituency in two alliances counts in both) and per
	 * constituency; counts of 1-9 as null. Every alliance in `alliances` is listed (0 where none).
	 */
	async summary(
		names: { alliances: { code: string; name: string }[]; nameOf: (code: string) => string | undefined },
		now = Date.now()
	): Promise<ActionsSummary> {
		const counted = `status IN ('sent', 'mailto_opened')`;
		const byConstituency = await this.sql.query(
			`SELECT constituency_code AS code, count(*) AS n FROM actions WHERE ${counted} GROUP BY 1`
		);
		const byAlliance = await this.sql.query(
			`SELECT code, count(*) AS n FROM (SELECT unnest(alliance_codes) AS code FROM actions WHERE ${counted}) a GROUP BY 1`
		);
		const allianceCounts = new Map(byAlliance.map((r) => [String(r.code), num(r.n)]));
		const alliances = names.alliances.map((a) => ({
			code: a.code,
			name: a.name,
			count: countOrWithheld(allianceCounts.get(a.code) ?? 0)
		}));
		for (const [code, n] of allianceCounts)
			if (!names.alliances.some((a) => a.code === code))
				alliances.push({ code, name: names.nameOf(code) ?? code, count: countOrWithheld(n) });
		const constituencies = byConstituency
			.map((r) => ({
				code: String(r.code),
				name: names.nameOf(String(r.code)) ?? String(r.code),
				count: countOrWithheld(num(r.n))
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
		return { alliances, constituencies, suppressedBelow: SUPPRESS_BELOW, asOf: new Date(now).toISOString() };
	}

	/** Rows of a table, for tests and audits. */
	rows(table: 'pending' | 'actions' | 'outbox' | 'seal_keys' | 'rate_hits'): Promise<Row[]> {
		const known = ['pending', 'actions', 'outbox', 'seal_keys', 'rate_hits'];
		if (!known.includes(table)) throw new Error(`unknown table ${table}`);
		return this.sql.query(`SELECT * FROM ${table}`);
	}

	close(): Promise<void> {
		return this.sql.close();
	}
}
