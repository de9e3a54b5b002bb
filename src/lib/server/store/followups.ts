/**
 * The follow-up after a letter (issue 13): the survey at +14 days and its reminder at +21 (scheduled by
 * Outbox.delivered in the letter's own transaction), the answer links they carry, the supporter's answer, the one
 * chase letter, and reply excerpts waiting for moderation. Everything is in the store: a server that restarts, or
 * several servers on one PostgreSQL, pick up where they were.
 *
 * queueDue() turns due rows into outbox emails with FOR UPDATE SKIP LOCKED, in one transaction per batch: a row is
 * 'queued' in the same commit as its email, so two passes (or two servers) never queue one survey twice.
 */
import { randomUUID } from 'node:crypto';
import { isReplyAnswer, type ReplyAnswer } from '../../replies/answers';
import { sealedInsert } from './outbox';
import { num, type Row, type Sql } from './sql';
import { hashToken, isTokenShaped, newToken } from './tokens';
import { REMINDER_AFTER_MS, SURVEY_AFTER_MS, type OutgoingMail } from './types';

type Query = Pick<Sql, 'query'>;

/** A survey or reminder that is due, with what its email needs. */
export interface DueFollowUp {
	actionId: string;
	step: 'survey' | 'reminder';
	name: string;
	email: string;
	constituencyCode: string;
	deliveredAt: number;
}

export type ComposeFollowUp = (
	due: DueFollowUp,
	links: { answerToken: string; deletionToken: string }
) => Omit<OutgoingMail, 'messageId'> | null;

/** What an answer link stands for (the answer page's view of it). */
export interface AnswerLink {
	actionId: string;
	constituencyCode: string;
	/** The alliances the letter named, the supporter's own first. */
	allianceCodes: string[];
	deliveredAt: number;
	answer: ReplyAnswer | null;
	/** The consented name and email (null once deleted), for a chase letter's confirmation. */
	name: string | null;
	email: string | null;
	/** The reminder's time (delivered + 21 days) has come: a 'no_reply' supporter may chase. */
	chaseOpen: boolean;
	/** A chase letter was already queued for this letter. */
	chased: boolean;
	excerpt: { status: ExcerptStatus; text: string } | null;
}

export type ExcerptStatus = 'pending' | 'approved' | 'rejected';

export interface Excerpt {
	id: string;
	actionId: string;
	constituencyCode: string;
	text: string;
	status: ExcerptStatus;
	createdAt: number;
	decidedAt: number | null;
}

/** The longest reply excerpt a supporter may paste: a few key sentences, not the whole letter. */
export const EXCERPT_MAX = 1000;

const excerpt = (row: Row): Excerpt => ({
	id: String(row.id),
	actionId: String(row.action_id),
	constituencyCode: String(row.constituency_code),
	text: String(row.text),
	status: row.status as ExcerptStatus,
	createdAt: num(row.created_at),
	decidedAt: row.decided_at == null ? null : num(row.decided_at)
});

/**
 * In a deletion's transaction: no follow-up is sent any more, the links in sent surveys stop working, and pasted
 * excerpts (an MP's words to this person) go. The answer itself stays: it names only the now anonymous action.
 */
export async function forgetFollowUps(tx: Query, actionId: string, now: number): Promise<void> {
	await tx.query(
		`UPDATE follow_ups SET status = 'cancelled', updated_at = $2 WHERE action_id = $1 AND status = 'scheduled'`,
		[actionId, now]
	);
	await tx.query(`DELETE FROM reply_links WHERE action_id = $1`, [actionId]);
	await tx.query(`DELETE FROM reply_excerpts WHERE action_id = $1`, [actionId]);
}

export class FollowUps {
	constructor(private readonly sql: Sql) {}

	/**
	 * One pass: queues up to `limit` due surveys and reminders as outbox emails (kinds 'survey', 'reminder'), each with
	 * fresh answer and deletion links. Skipped (never sent): a supporter without consent details (none given, or deleted),
	 * and a reminder once an answer other than 'no_reply' is in. How many were queued and skipped.
	 */
	async queueDue(now: number, compose: ComposeFollowUp, limit = 200): Promise<{ queued: number; skipped: number }> {
		return this.sql.transaction(async (tx) => {
			const rows = await tx.query(
				`SELECT f.action_id, f.step, f.due_at, a.consent_name, a.consent_email, a.constituency_code, a.status, r.answer
				 FROM follow_ups f JOIN actions a ON a.id = f.action_id LEFT JOIN reply_answers r ON r.action_id = f.action_id
				 WHERE f.status = 'scheduled' AND f.due_at <= $1 AND f.step IN ('survey', 'reminder')
				 ORDER BY f.due_at LIMIT $2 FOR UPDATE OF f SKIP LOCKED`,
				[now, limit]
			);
			let queued = 0;
			for (const row of rows) {
				const actionId = String(row.action_id);
				const step = row.step as DueFollowUp['step'];
				const answered = row.answer != null && row.answer !== 'no_reply';
				const mail =
					row.status === 'sent' && row.consent_email != null && !(step === 'reminder' && answered)
						? await this.withLinks(tx, actionId, now, (links) =>
								compose(
									{
										actionId,
										step,
										name: String(row.consent_name ?? ''),
										email: String(row.consent_email),
										constituencyCode: String(row.constituency_code),
										deliveredAt: num(row.due_at) - (step === 'survey' ? SURVEY_AFTER_MS : REMINDER_AFTER_MS)
									},
									links
								)
							)
						: null;
				if (mail) await sealedInsert(tx, { actionId, kind: step, mail, consent: null, now });
				await tx.query(`UPDATE follow_ups SET status = $3, updated_at = $4 WHERE action_id = $1 AND step = $2`, [
					actionId,
					step,
					mail ? 'queued' : 'skipped',
					now
				]);
				if (mail) queued++;
			}
			// Orphans (an action purged before its follow-up) are skipped too, so they are never looked at again.
			await tx.query(
				`UPDATE follow_ups SET status = 'skipped', updated_at = $1 WHERE status = 'scheduled' AND due_at <= $1
				 AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.id = follow_ups.action_id)`,
				[now]
			);
			return { queued, skipped: rows.length - queued };
		});
	}

	/** Makes an answer and a deletion link for one email (their hashes kept), and composes it with them. */
	private async withLinks(
		tx: Query,
		actionId: string,
		now: number,
		compose: (links: { answerToken: string; deletionToken: string }) => Omit<OutgoingMail, 'messageId'> | null
	) {
		const answerToken = newToken();
		const deletionToken = newToken();
		const mail = compose({ answerToken, deletionToken });
		if (!mail) return null;
		await tx.query(
			`INSERT INTO reply_links (token_hash, action_id, purpose, created_at) VALUES ($1, $3, 'answer', $4), ($2, $3, 'delete', $4)`,
			[hashToken(answerToken), hashToken(deletionToken), actionId, now]
		);
		return mail;
	}

	/** What an answer link stands for, or null (unknown, malformed, or deleted with the person's details). */
	async link(token: string, now: number): Promise<AnswerLink | null> {
		if (!isTokenShaped(token)) return null;
		const [row] = await this.sql.query(
			`SELECT a.id, a.constituency_code, a.alliance_codes, a.consent_name, a.consent_email, r.answer,
			        s.due_at AS survey_due, m.due_at AS reminder_due, c.status AS chase, e.status AS excerpt_status, e.text
			 FROM reply_links l JOIN actions a ON a.id = l.action_id
			 LEFT JOIN reply_answers r ON r.action_id = a.id
			 LEFT JOIN follow_ups s ON s.action_id = a.id AND s.step = 'survey'
			 LEFT JOIN follow_ups m ON m.action_id = a.id AND m.step = 'reminder'
			 LEFT JOIN follow_ups c ON c.action_id = a.id AND c.step = 'chase'
			 LEFT JOIN reply_excerpts e ON e.action_id = a.id
			 WHERE l.token_hash = $1 AND l.purpose = 'answer'`,
			[hashToken(token)]
		);
		if (!row) return null;
		const reminderDue = row.reminder_due == null ? null : num(row.reminder_due);
		return {
			actionId: String(row.id),
			constituencyCode: String(row.constituency_code),
			allianceCodes: (row.alliance_codes as string[]).map(String),
			deliveredAt: row.survey_due == null ? 0 : num(row.survey_due) - SURVEY_AFTER_MS,
			answer: isReplyAnswer(row.answer) ? row.answer : null,
			name: row.consent_name == null ? null : String(row.consent_name),
			email: row.consent_email == null ? null : String(row.consent_email),
			chaseOpen: reminderDue !== null && reminderDue <= now,
			chased: row.chase != null,
			excerpt:
				row.excerpt_status == null ? null : { status: row.excerpt_status as ExcerptStatus, text: String(row.text) }
		};
	}

	/** Records (or changes) the answer for the letter an answer link stands for; false for an unknown link. */
	async answer(token: string, answer: ReplyAnswer, now: number): Promise<boolean> {
		if (!isTokenShaped(token) || !isReplyAnswer(answer)) return false;
		const rows = await this.sql.query(
			`INSERT INTO reply_answers (action_id, answer, answered_at, updated_at)
			 SELECT action_id, $2, $3, $3 FROM reply_links WHERE token_hash = $1 AND purpose = 'answer'
			 ON CONFLICT (action_id) DO UPDATE SET answer = EXCLUDED.answer, updated_at = EXCLUDED.updated_at
			 RETURNING 1`,
			[hashToken(token), answer, now]
		);
		return rows.length > 0;
	}

	/**
	 * Keeps the key sentences of an MP's reply, 'pending' until an operator approves them (a second paste replaces the
	 * first and waits again). Only for a supporter whose answer says the MP replied; false otherwise.
	 */
	async submitExcerpt(token: string, text: string, now: number): Promise<boolean> {
		const trimmed = text.trim();
		if (!isTokenShaped(token) || trimmed.length === 0 || trimmed.length > EXCERPT_MAX) return false;
		const rows = await this.sql.query(
			`INSERT INTO reply_excerpts (id, action_id, constituency_code, text, status, created_at)
			 SELECT $2, a.id, a.constituency_code, $3, 'pending', $4
			 FROM reply_links l JOIN actions a ON a.id = l.action_id JOIN reply_answers r ON r.action_id = a.id
			 WHERE l.token_hash = $1 AND l.purpose = 'answer' AND r.answer IN ('replied_and_wrote', 'replied_not_wrote')
			 ON CONFLICT (action_id) DO UPDATE SET text = EXCLUDED.text, status = 'pending', created_at = EXCLUDED.created_at,
			   decided_at = NULL
			 RETURNING 1`,
			[hashToken(token), randomUUID(), trimmed, now]
		);
		return rows.length > 0;
	}

	/** Excerpts, oldest first: all, or of one status (the operator's CLI). */
	async excerpts(status?: ExcerptStatus, limit = 200): Promise<Excerpt[]> {
		const rows = await this.sql.query(
			`SELECT * FROM reply_excerpts ${status ? 'WHERE status = $2' : ''} ORDER BY created_at LIMIT $1`,
			status ? [limit, status] : [limit]
		);
		return rows.map(excerpt);
	}

	/** Approves or rejects an excerpt; false when there is none with that id. */
	async decide(id: string, status: 'approved' | 'rejected', now: number): Promise<boolean> {
		const rows = await this.sql.query(
			`UPDATE reply_excerpts SET status = $2, decided_at = $3 WHERE id = $1 RETURNING 1`,
			[id, status, now]
		);
		return rows.length > 0;
	}

	/** Approved excerpts from letters to MPs in one Cancer Alliance, newest approval first. */
	async approvedFor(allianceCode: string, limit = 5): Promise<Excerpt[]> {
		const rows = await this.sql.query(
			`SELECT e.* FROM reply_excerpts e JOIN actions a ON a.id = e.action_id
			 WHERE e.status = 'approved' AND $1 = ANY(a.alliance_codes) ORDER BY e.decided_at DESC LIMIT $2`,
			[allianceCode, limit]
		);
		return rows.map(excerpt);
	}

	/** Follow-ups, links and excerpts whose action was deleted by retention. */
	async purgeOrphans(): Promise<void> {
		for (const table of ['follow_ups', 'reply_links', 'reply_excerpts'])
			await this.sql.query(
				`DELETE FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.id = t.action_id)`
			);
	}
}
