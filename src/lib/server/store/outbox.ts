/**
 * The outbox: every email the product sends is a row here, written in the same transaction as the action it belongs
 * to, and delivered by ../outbox-worker.ts. Hand-written rather than pg-boss: pg-boss 12 needs Node 22 (this project
 * runs on 20) and a PostgreSQL server, while this table works unchanged on the embedded store too.
 *
 * A row is queued -> sent, or queued -> dead (a permanent failure, or temporary ones for RETRY_FOR_MS). Claims use
 * FOR UPDATE SKIP LOCKED and a lease (locked_until), so two servers never deliver the same row at once, and a row
 * whose server died mid-delivery is delivered again when its lease ends, with the same Message-ID.
 */
import { randomUUID } from 'node:crypto';
import { seal, unseal } from './seal';
import { bytes, num, type Row, type Sql } from './sql';
import {
	DEAD_KEPT_MS,
	REMINDER_AFTER_MS,
	SURVEY_AFTER_MS,
	type ClaimedMail,
	type OutboxKind,
	type OutboxEntry,
	type OutboxStatus,
	type OutgoingMail
} from './types';

type Query = Pick<Sql, 'query'>;

/** What a queued row keeps sealed: the email, and the consented details to record when it is delivered. */
interface Content {
	mail: OutgoingMail;
	consent: { name: string; email: string } | null;
}

/** The domain of an address, for Message-IDs (the campaign's own domain, so they are unique to it). */
const domainOf = (address: string) => address.split('@').pop() || 'localhost';

/** Queues an email (sealed under its own key) in the caller's transaction; its outbox id. */
export async function sealedInsert(
	tx: Query,
	entry: {
		actionId: string;
		kind: OutboxKind;
		mail: Omit<OutgoingMail, 'messageId'>;
		consent: Content['consent'];
		now: number;
	}
): Promise<string> {
	const id = randomUUID();
	const messageId = `<${id}@${domainOf(entry.mail.from.address)}>`;
	const content: Content = { mail: { ...entry.mail, messageId }, consent: entry.consent };
	const sealed = seal(content);
	await tx.query(`INSERT INTO seal_keys (id, key) VALUES ($1, $2)`, [id, sealed.key]);
	await tx.query(
		`INSERT INTO outbox (id, action_id, kind, message_id, status, created_at, updated_at, next_at, content)
		 VALUES ($1, $2, $3, $4, 'queued', $5, $5, $5, $6)`,
		[id, entry.actionId, entry.kind, messageId, entry.now, sealed.box]
	);
	return id;
}

function entry(row: Row): OutboxEntry {
	return {
		id: String(row.id),
		actionId: String(row.action_id),
		kind: row.kind as OutboxEntry['kind'],
		messageId: String(row.message_id),
		status: row.status as OutboxStatus,
		attempts: num(row.attempts),
		createdAt: num(row.created_at),
		nextAt: num(row.next_at),
		lastError: row.last_error == null ? null : String(row.last_error)
	};
}

export class Outbox {
	constructor(private readonly sql: Sql) {}

	/** Claims up to `limit` due rows for `leaseMs` (no other worker takes them meanwhile), with their content. */
	async claim(now: number, limit = 10, leaseMs = 60_000): Promise<(ClaimedMail & { consent: Content['consent'] })[]> {
		const rows = await this.sql.transaction((tx) =>
			tx.query(
				`UPDATE outbox o SET locked_until = $2, attempts = o.attempts + 1, updated_at = $1
				 FROM seal_keys k
				 WHERE o.id IN (SELECT id FROM outbox WHERE status = 'queued' AND next_at <= $1 AND locked_until <= $1
				                ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED)
				   AND k.id = o.id
				 RETURNING o.*, k.key`,
				[now, now + leaseMs, limit]
			)
		);
		return rows.map((row) => {
			const content = unseal<Content>(bytes(row.content), bytes(row.key));
			return { ...entry(row), mail: content.mail, consent: content.consent };
		});
	}

	/**
	 * Delivered: the content and its key are deleted; a letter's action becomes 'sent' (with consented details), and a
	 * consented letter's survey and reminder are scheduled in the same transaction (idempotent: one row per step).
	 * A chase letter's action becomes 'sent' too, with no survey of its own.
	 */
	async delivered(claimed: ClaimedMail & { consent: Content['consent'] }, now = Date.now()): Promise<void> {
		await this.sql.transaction(async (tx) => {
			await tx.query(
				`UPDATE outbox SET status = 'sent', content = NULL, last_error = NULL, updated_at = $2 WHERE id = $1`,
				[claimed.id, now]
			);
			await tx.query(`DELETE FROM seal_keys WHERE id = $1`, [claimed.id]);
			if (claimed.kind !== 'letter' && claimed.kind !== 'chase') return;
			const updated = await tx.query(
				`UPDATE actions SET status = 'sent', updated_at = $2, consent = $3, consent_name = $4, consent_email = $5
				 WHERE id = $1 AND status = 'queued' RETURNING 1`,
				[claimed.actionId, now, claimed.consent !== null, claimed.consent?.name ?? null, claimed.consent?.email ?? null]
			);
			if (claimed.kind === 'letter' && claimed.consent !== null && updated.length > 0)
				await tx.query(
					`INSERT INTO follow_ups (action_id, step, due_at, status, updated_at)
					 VALUES ($1, 'survey', $2, 'scheduled', $4), ($1, 'reminder', $3, 'scheduled', $4)
					 ON CONFLICT (action_id, step) DO NOTHING`,
					[claimed.actionId, now + SURVEY_AFTER_MS, now + REMINDER_AFTER_MS, now]
				);
		});
	}

	/** A temporary failure: tried again at `nextAt`. */
	async later(id: string, error: string, nextAt: number, now = Date.now()): Promise<void> {
		await this.sql.query(
			`UPDATE outbox SET next_at = $2, locked_until = 0, last_error = $3, updated_at = $4 WHERE id = $1 AND status = 'queued'`,
			[id, nextAt, error.slice(0, 500), now]
		);
	}

	/**
	 * Could not be delivered: dead, with the reason. Its action is 'failed', its rate-limit hits are given back, and a
	 * confirmation's pending letter is deleted (the link in it never arrived). The content stays DEAD_KEPT_MS for a retry.
	 */
	async dead(id: string, error: string, now = Date.now()): Promise<void> {
		await this.sql.transaction(async (tx) => {
			const [row] = await tx.query(
				`UPDATE outbox SET status = 'dead', locked_until = 0, last_error = $2, updated_at = $3 WHERE id = $1 RETURNING action_id, kind`,
				[id, error.slice(0, 500), now]
			);
			if (!row) return;
			// A survey that cannot be delivered changes nothing about the letter it follows.
			if (row.kind === 'survey' || row.kind === 'reminder') return;
			if (row.kind === 'confirmation') {
				await tx.query(`DELETE FROM seal_keys WHERE id IN (SELECT action_id FROM pending WHERE action_id = $1)`, [
					row.action_id
				]);
				await tx.query(`DELETE FROM pending WHERE action_id = $1`, [row.action_id]);
			}
			await tx.query(
				`UPDATE actions SET status = 'failed', updated_at = $2, consent = false, consent_name = NULL, consent_email = NULL WHERE id = $1`,
				[row.action_id, now]
			);
			await tx.query(`DELETE FROM rate_hits WHERE action_id = $1`, [row.action_id]);
			// A chase letter that could not be delivered does not use up the one follow-up its letter allows.
			if (row.kind === 'chase')
				await tx.query(
					`DELETE FROM follow_ups WHERE step = 'chase' AND action_id = (SELECT chase_of FROM actions WHERE id = $1)`,
					[row.action_id]
				);
		});
	}

	/** Queues a dead email again (the operator's CLI): false when it is not dead or its content is gone. */
	async retry(id: string, now = Date.now()): Promise<boolean> {
		return this.sql.transaction(async (tx) => {
			const [row] = await tx.query(
				`UPDATE outbox SET status = 'queued', attempts = 0, next_at = $2, locked_until = 0, created_at = $2, updated_at = $2
				 WHERE id = $1 AND status = 'dead' AND content IS NOT NULL RETURNING action_id, kind`,
				[id, now]
			);
			if (!row) return false;
			if (row.kind === 'survey' || row.kind === 'reminder') return true;
			const status = row.kind === 'letter' || row.kind === 'chase' ? 'queued' : 'failed'; // a late confirmation's link no longer works
			await tx.query(`UPDATE actions SET status = $2, updated_at = $3 WHERE id = $1`, [row.action_id, status, now]);
			return true;
		});
	}

	/** Entries, newest first (no content): all, or of one status. */
	async list(status?: OutboxStatus, limit = 100): Promise<OutboxEntry[]> {
		const rows = await this.sql.query(
			`SELECT * FROM outbox ${status ? 'WHERE status = $2' : ''} ORDER BY created_at DESC LIMIT $1`,
			status ? [limit, status] : [limit]
		);
		return rows.map(entry);
	}

	/** How many rows are in each state. */
	async counts(): Promise<Record<OutboxStatus, number>> {
		const rows = await this.sql.query(`SELECT status, count(*) AS n FROM outbox GROUP BY status`);
		const counts = { queued: 0, sent: 0, dead: 0 };
		for (const r of rows) counts[r.status as OutboxStatus] = num(r.n);
		return counts;
	}

	/** The status of one row. */
	async status(id: string): Promise<OutboxEntry | null> {
		const [row] = await this.sql.query(`SELECT * FROM outbox WHERE id = $1`, [id]);
		return row ? entry(row) : null;
	}

	/** Deletes the content and key of emails dead for longer than DEAD_KEPT_MS; how many. */
	async purgeDead(now = Date.now()): Promise<number> {
		return this.sql.transaction(async (tx) => {
			const rows = await tx.query(
				`UPDATE outbox SET content = NULL WHERE status = 'dead' AND content IS NOT NULL AND updated_at < $1 RETURNING id`,
				[now - DEAD_KEPT_MS]
			);
			for (const r of rows) await tx.query(`DELETE FROM seal_keys WHERE id = $1`, [r.id]);
			return rows.length;
		});
	}
}
