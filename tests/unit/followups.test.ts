/**
 * The follow-up survey in the store, on both back ends (PGlite and a real PostgreSQL): scheduled when a consented
 * letter is delivered and only then, queued once however many passes or workers run, the reminder skipped after an
 * answer, answers changed in place, the deletion link cancelling everything, one chase per letter, moderated excerpts,
 * and an old store's outbox constraint migrated.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REMINDER_AFTER_MS, Store, SURVEY_AFTER_MS, type PendingRequest } from '../../src/lib/server/actions';
import type { ComposeFollowUp } from '../../src/lib/server/store/followups';
import { replyCounts } from '../../src/lib/server/store/replies';
import { openPglite } from '../../src/lib/server/store/pglite';
import { confirmation, letter, pendingRequest, SECRET, storeSuite, T0 } from './store-suite';

const suite = storeSuite('followups-');

/** Every supporter here consents to the follow-up. */
const request = (overrides: Partial<PendingRequest> = {}) => pendingRequest({ consent: true, ...overrides });
/** The survey as small as the store needs; its text carries the links, as the real one does. */
const compose: ComposeFollowUp = (due, links) => ({
	from: { name: 'Campaign', address: 'campaign@example.org' },
	to: { name: due.name, address: due.email },
	subject: due.step,
	text: `answer /replied/${links.answerToken}\ndelete /privacy/delete/${links.deletionToken}`
});

const DAY = 24 * 60 * 60 * 1000;

describe.each(suite.backends)('$name', ({ open }) => {
	let store: Store;

	beforeAll(async () => {
		store = await Store.open(await open('suite'), SECRET);
	});
	afterAll(async () => store?.close());
	beforeEach(async () => {
		await store.sql.query(
			`TRUNCATE seal_keys, pending, actions, outbox, rate_hits, follow_ups, reply_links, reply_answers, reply_excerpts`
		);
	});

	/** A letter confirmed and delivered at `now` (the outbox worker's part without a relay). */
	async function delivered(req: PendingRequest, now: number) {
		const created = await store.createPending(req, confirmation, { now });
		if (created.kind !== 'created') throw new Error(`expected created, got ${created.kind}`);
		const consumed = await store.consume(created.token, letter, now);
		if (consumed.kind !== 'queued') throw new Error(`expected queued, got ${consumed.kind}`);
		for (const claimed of await store.outbox.claim(now, 100)) await store.outbox.delivered(claimed, now);
		return created;
	}

	/** The emails of `kind` queued so far, with their links (read back through the outbox's own claim). */
	async function queuedMails(kind: string, now: number) {
		const claimed = (await store.outbox.claim(now, 1000)).filter((c) => c.kind === kind);
		for (const c of claimed) await store.outbox.delivered(c, now);
		return claimed.map((c) => ({
			actionId: c.actionId,
			to: c.mail.to.address,
			answer: /\/replied\/([\w-]{43})/.exec(c.mail.text)![1]!,
			deletion: /\/privacy\/delete\/([\w-]{43})/.exec(c.mail.text)![1]!
		}));
	}

	it('schedules a survey at +14 days and a reminder at +21 only when a consented letter is delivered', async () => {
		const yes = await delivered(request(), T0);
		await delivered(request({ consent: false, email: 'no@example.org' }), T0);
		const waiting = await store.createPending(request({ email: 'waiting@example.org' }), confirmation, { now: T0 });
		expect(waiting.kind).toBe('created');
		const rows = await store.sql.query(`SELECT * FROM follow_ups ORDER BY step`);
		expect(rows.map((r) => [r.action_id, r.step, Number(r.due_at), r.status])).toEqual([
			[yes.actionId, 'reminder', T0 + REMINDER_AFTER_MS, 'scheduled'],
			[yes.actionId, 'survey', T0 + SURVEY_AFTER_MS, 'scheduled']
		]);
		expect(await store.followUps.queueDue(T0 + SURVEY_AFTER_MS - 1, compose)).toEqual({ queued: 0, skipped: 0 });
		expect(await store.followUps.queueDue(T0 + SURVEY_AFTER_MS, compose)).toEqual({ queued: 1, skipped: 0 });
		const mails = await queuedMails('survey', T0 + SURVEY_AFTER_MS);
		expect(mails.map((m) => m.to)).toEqual(['jane.example@example.org']);
	});

	it('queues each survey once, however many passes or workers run at the same time', async () => {
		for (let i = 0; i < 30; i++) await delivered(request({ email: `s${i}@example.org` }), T0);
		const at = T0 + SURVEY_AFTER_MS;
		const passes = await Promise.all([1, 2, 3, 4].map(() => store.followUps.queueDue(at, compose, 7)));
		let queued = passes.reduce((n, p) => n + p.queued, 0);
		for (;;) {
			const more = await store.followUps.queueDue(at, compose, 7);
			if (more.queued === 0) break;
			queued += more.queued;
		}
		expect(queued).toBe(30);
		const mails = await queuedMails('survey', at);
		expect(new Set(mails.map((m) => m.to)).size).toBe(30);
		expect(mails).toHaveLength(30);
		expect(await store.followUps.queueDue(at + 1, compose)).toEqual({ queued: 0, skipped: 0 });
	});

	it('records and changes an answer through the link, and skips the reminder once the MP has replied', async () => {
		const replied = await delivered(request({ email: 'replied@example.org' }), T0);
		const waiting = await delivered(request({ email: 'waiting@example.org' }), T0);
		await store.followUps.queueDue(T0 + SURVEY_AFTER_MS, compose);
		const mails = await queuedMails('survey', T0 + SURVEY_AFTER_MS);
		const link = (id: string) => mails.find((m) => m.actionId === id)!.answer;
		expect(await store.followUps.answer('A'.repeat(43), 'no_reply', T0)).toBe(false);
		expect(await store.followUps.answer(link(replied.actionId), 'no_reply', T0 + SURVEY_AFTER_MS + 1)).toBe(true);
		expect(await store.followUps.answer(link(replied.actionId), 'replied_not_wrote', T0 + SURVEY_AFTER_MS + 2)).toBe(
			true
		);
		expect(await store.followUps.answer(link(waiting.actionId), 'no_reply', T0 + SURVEY_AFTER_MS + 3)).toBe(true);
		const answers = await store.sql.query(`SELECT * FROM reply_answers WHERE action_id = $1`, [replied.actionId]);
		expect(answers).toHaveLength(1);
		expect(answers[0]).toMatchObject({ answer: 'replied_not_wrote' });
		expect(Number(answers[0]!.answered_at)).toBe(T0 + SURVEY_AFTER_MS + 1);
		expect(Number(answers[0]!.updated_at)).toBe(T0 + SURVEY_AFTER_MS + 2);

		expect(await store.followUps.queueDue(T0 + REMINDER_AFTER_MS, compose)).toEqual({ queued: 1, skipped: 1 });
		const reminders = await queuedMails('reminder', T0 + REMINDER_AFTER_MS);
		expect(reminders.map((m) => m.actionId)).toEqual([waiting.actionId]);
		const view = await store.followUps.link(reminders[0]!.answer, T0 + REMINDER_AFTER_MS);
		expect(view).toMatchObject({ answer: 'no_reply', chaseOpen: true, chased: false, deliveredAt: T0 });
		expect((await store.followUps.link(link(waiting.actionId), T0 + REMINDER_AFTER_MS - 1))!.chaseOpen).toBe(false);
	});

	it('the survey’s deletion link cancels the reminder, kills the links and forgets the person; the answer stays', async () => {
		const a = await delivered(request(), T0);
		await store.followUps.queueDue(T0 + SURVEY_AFTER_MS, compose);
		const [mail] = await queuedMails('survey', T0 + SURVEY_AFTER_MS);
		await store.followUps.answer(mail!.answer, 'replied_and_wrote', T0 + SURVEY_AFTER_MS);
		expect(
			await store.followUps.submitExcerpt(mail!.answer, 'I have written to the Alliance.', T0 + SURVEY_AFTER_MS)
		).toBe(true);
		expect(await store.deleteByLink(mail!.deletion, T0 + SURVEY_AFTER_MS + 1)).toBe(true);
		expect(await store.followUps.link(mail!.answer, T0 + SURVEY_AFTER_MS + 2)).toBeNull();
		expect(await store.followUps.answer(mail!.answer, 'no_reply', T0 + SURVEY_AFTER_MS + 2)).toBe(false);
		const [action] = await store.sql.query(`SELECT * FROM actions WHERE id = $1`, [a.actionId]);
		expect(action).toMatchObject({ status: 'sent', consent: false, consent_email: null, email_hash: null });
		expect(await store.sql.query(`SELECT * FROM reply_links`)).toHaveLength(0);
		expect(await store.sql.query(`SELECT * FROM reply_excerpts`)).toHaveLength(0);
		expect(await store.sql.query(`SELECT answer FROM reply_answers`)).toEqual([{ answer: 'replied_and_wrote' }]);
		expect(await store.followUps.queueDue(T0 + REMINDER_AFTER_MS, compose)).toEqual({ queued: 0, skipped: 0 });
		expect((await store.sql.query(`SELECT status FROM follow_ups WHERE step = 'reminder'`))[0]).toEqual({
			status: 'cancelled'
		});
	});

	it('the confirmation’s deletion link, used before the survey is due, means no survey at all', async () => {
		const a = await delivered(request(), T0);
		expect(await store.deleteByLink(a.deletionToken, T0 + DAY)).toBe(true);
		expect(await store.followUps.queueDue(T0 + REMINDER_AFTER_MS, compose)).toEqual({ queued: 0, skipped: 0 });
		expect((await store.outbox.list()).filter((e) => e.kind === 'survey' || e.kind === 'reminder')).toHaveLength(0);
	});

	it('lets a supporter chase once, within the campaign period, and sends no survey for the chase', async () => {
		const first = await delivered(request(), T0);
		const at = T0 + REMINDER_AFTER_MS;
		expect((await store.createPending(request(), confirmation, { now: at })).kind).toBe('duplicate');
		const chase = await store.createPending(request({ chaseOf: first.actionId, consent: false }), confirmation, {
			now: at
		});
		expect(chase.kind).toBe('created');
		const again = await store.createPending(request({ chaseOf: first.actionId, consent: false }), confirmation, {
			now: at + 1
		});
		expect(again).toMatchObject({ kind: 'duplicate', status: 'confirmation_sent' });
		if (chase.kind !== 'created') return;
		expect(await store.consume(chase.token, letter, at + 2)).toMatchObject({ kind: 'queued' });
		const claimed = (await store.outbox.claim(at + 3, 100)).filter((c) => c.kind === 'chase');
		expect(claimed).toHaveLength(1);
		await store.outbox.delivered(claimed[0]!, at + 3);
		expect(await store.actionStatus(chase.actionId)).toBe('sent');
		expect(await store.sql.query(`SELECT * FROM follow_ups WHERE action_id = $1`, [chase.actionId])).toHaveLength(0);
		const later = await store.createPending(request({ chaseOf: first.actionId, consent: false }), confirmation, {
			now: at + 2 * DAY
		});
		expect(later.kind).toBe('duplicate');
	});

	it('counts a chase in no reply rate; a dead chase can be sent again; deleting the letter stops a waiting chase', async () => {
		const first = await delivered(request(), T0);
		const at = T0 + REMINDER_AFTER_MS;
		const chase = async (now: number) => {
			const made = await store.createPending(request({ chaseOf: first.actionId, consent: false }), confirmation, {
				now
			});
			if (made.kind !== 'created') throw new Error(`expected created, got ${made.kind}`);
			return made;
		};
		const one = await chase(at);
		expect(await store.consume(one.token, letter, at)).toMatchObject({ kind: 'queued' });
		const [queued] = (await store.outbox.list('queued')).filter((e) => e.kind === 'chase');
		await store.outbox.dead(queued!.id, '550 no such user', at + 1);
		expect(await store.actionStatus(one.actionId)).toBe('failed');
		const two = await chase(at + 2); // the dead one did not use up the follow-up
		expect(await store.consume(two.token, letter, at + 2)).toMatchObject({ kind: 'queued' });
		for (const c of await store.outbox.claim(at + 3, 100)) await store.outbox.delivered(c, at + 3);
		expect(await store.actionStatus(two.actionId)).toBe('sent');
		const counts = await replyCounts(store.sql);
		expect(counts.constituencies.get('E14001063')?.delivered).toBe(1); // the first letter only

		const other = await delivered(request({ email: 'other@example.org' }), T0);
		const waiting = await store.createPending(
			request({ email: 'other@example.org', chaseOf: other.actionId, consent: false }),
			confirmation,
			{ now: at }
		);
		if (waiting.kind !== 'created') throw new Error('expected created');
		expect(await store.deleteByLink(other.deletionToken, at + 1)).toBe(true);
		expect(await store.consume(waiting.token, letter, at + 2)).toMatchObject({ kind: 'used', status: 'failed' });
		const [gone] = await store.sql.query(`SELECT email_hash, status FROM actions WHERE id = $1`, [waiting.actionId]);
		expect(gone).toEqual({ email_hash: null, status: 'failed' });
	});

	it('keeps an excerpt only from a supporter whose MP replied, pending until an operator decides', async () => {
		await delivered(request(), T0);
		await store.followUps.queueDue(T0 + SURVEY_AFTER_MS, compose);
		const [mail] = await queuedMails('survey', T0 + SURVEY_AFTER_MS);
		expect(await store.followUps.submitExcerpt(mail!.answer, 'They said they would write.', T0)).toBe(false);
		await store.followUps.answer(mail!.answer, 'acknowledgement', T0);
		expect(await store.followUps.submitExcerpt(mail!.answer, 'Thank you for your email.', T0)).toBe(false);
		await store.followUps.answer(mail!.answer, 'replied_and_wrote', T0);
		expect(await store.followUps.submitExcerpt(mail!.answer, 'x'.repeat(1001), T0)).toBe(false);
		expect(await store.followUps.submitExcerpt(mail!.answer, '  I have written to the Alliance.  ', T0 + 1)).toBe(true);
		const [pending] = await store.followUps.excerpts('pending');
		expect(pending).toMatchObject({ text: 'I have written to the Alliance.', constituencyCode: 'E14001063' });
		expect(await store.followUps.decide(pending!.id, 'approved', T0 + 2)).toBe(true);
		expect(await store.followUps.decide('no-such-id', 'approved', T0 + 2)).toBe(false);
		expect(await store.followUps.excerpts('pending')).toHaveLength(0);
		expect(await store.followUps.excerpts('approved')).toMatchObject([{ id: pending!.id, decidedAt: T0 + 2 }]);
	});
});

describe('an existing store', () => {
	it('gets the new outbox kinds: the old CHECK constraint is replaced when the store opens', async () => {
		const sql = await openPglite(suite.folder('old'));
		await sql.query(`CREATE TABLE outbox (
			id TEXT PRIMARY KEY, action_id TEXT NOT NULL,
			kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'letter')), message_id TEXT NOT NULL,
			status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'dead')), attempts INTEGER NOT NULL DEFAULT 0,
			created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, next_at BIGINT NOT NULL,
			locked_until BIGINT NOT NULL DEFAULT 0, last_error TEXT, content BYTEA)`);
		const insert = (kind: string) =>
			sql.query(
				`INSERT INTO outbox (id, action_id, kind, message_id, status, created_at, updated_at, next_at)
				 VALUES ($1, 'a', $2, 'm', 'sent', 0, 0, 0)`,
				[kind, kind]
			);
		await expect(insert('survey')).rejects.toThrow(/check constraint/);
		const store = await Store.open(sql, SECRET);
		try {
			await insert('survey');
			await insert('chase');
			await expect(insert('postcard')).rejects.toThrow(/check constraint/);
		} finally {
			await store.close();
		}
	});
});
