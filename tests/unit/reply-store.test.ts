/**
 * The reply-rate counts on both back ends (PGlite and a real PostgreSQL the suite starts), from delivered letters and
 * answers written straight into the store: per constituency, per alliance (a constituency in two counts in both),
 * only delivered first letters counted (not queued ones, nor chase letters), and the summary record built from them (held back at 9 counted answers, shown at 10).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/lib/server/actions';
import { replyCounts } from '../../src/lib/server/store/replies';
import type { ReplyAnswer } from '../../src/lib/replies/answers';
import { replySummary } from '../../src/lib/replies/summary';
import { realConstituencies, seedLetters, type SeedLetter } from '../../scripts/store/seed-replies';
import { SECRET, storeSuite, T0 } from './store-suite';

// Real codes from the committed exports: Barrow and Furness lies in Lancashire and South Cumbria (E56000018) and
// Northern (E56000029); E14001102 lies in Lancashire and South Cumbria only.
const BARROW = 'E14001076';
const SECOND = 'E14001102';
const LSC = 'E56000018';
const NORTHERN = 'E56000029';

const suite = storeSuite('reply-store-');

const alliancesOf = new Map(realConstituencies().map((c) => [c.code, c.alliances]));

/** `n` letters to `code`, with the answers given in order (the rest unanswered). */
function letters(code: string, n: number, answers: Partial<Record<ReplyAnswer, number>>): SeedLetter[] {
	const list = Object.entries(answers).flatMap(([a, k]) => Array<ReplyAnswer>(k).fill(a as ReplyAnswer));
	return Array.from({ length: n }, (_, i) => ({
		constituency: code,
		alliances: alliancesOf.get(code)!,
		answer: list[i] ?? null,
		at: T0 + i * 60_000
	}));
}

describe.each(suite.backends)('reply counts on $name', ({ open }) => {
	let store: Store;
	beforeAll(async () => {
		store = await Store.open(await open(), SECRET);
	});
	afterAll(async () => store?.close());
	beforeEach(async () => {
		await store.sql.query(`TRUNCATE actions, reply_answers, outbox`);
	});

	it('counts delivered letters and answers per constituency and per alliance', async () => {
		expect(alliancesOf.get(BARROW)).toEqual([LSC, NORTHERN]);
		expect(alliancesOf.get(SECOND)).toEqual([LSC]);
		// Barrow: 10 delivered, 10 answers, one "did not expect", so 9 counted: held back.
		await seedLetters(
			store.sql,
			letters(BARROW, 10, {
				replied_and_wrote: 3,
				replied_not_wrote: 3,
				acknowledgement: 1,
				no_reply: 2,
				not_expected: 1
			})
		);
		// The second: 15 delivered, 10 answers, all counted: 6 of 10 report a reply, 2 of 10 a letter to the Alliance.
		await seedLetters(store.sql, letters(SECOND, 15, { replied_and_wrote: 2, replied_not_wrote: 4, no_reply: 4 }));
		// A letter still queued (not delivered), with an answer: counted nowhere.
		const [queued] = await seedLetters(store.sql, letters(SECOND, 1, { replied_and_wrote: 1 }));
		await store.sql.query(`UPDATE actions SET status = 'queued' WHERE id = $1`, [queued]);
		// A chase letter (a follow-up to the MP, its own action naming the letter it follows, as Store.createPending
		// writes it; delivered): not a letter of its own in the counts.
		const [chase] = await seedLetters(store.sql, letters(SECOND, 1, {}));
		await store.sql.query(
			`INSERT INTO outbox (id, action_id, kind, message_id, status, created_at, updated_at, next_at)
			 VALUES ('chase-1', $1, 'chase', '<chase-1@example.org>', 'sent', $2, $2, $2)`,
			[chase, T0]
		);
		await store.sql.query(`UPDATE actions SET chase_of = $2 WHERE id = $1`, [chase, queued]);

		const counts = await replyCounts(store.sql);
		expect(counts.constituencies.get(BARROW)).toEqual({
			delivered: 10,
			alliances: [LSC, NORTHERN],
			answers: { replied_and_wrote: 3, replied_not_wrote: 3, acknowledgement: 1, no_reply: 2, not_expected: 1 }
		});
		expect(counts.constituencies.get(SECOND)).toEqual({
			delivered: 15,
			alliances: [LSC],
			answers: { replied_and_wrote: 2, replied_not_wrote: 4, acknowledgement: 0, no_reply: 4, not_expected: 0 }
		});
		// Lancashire and South Cumbria has both: 25 delivered; Northern has Barrow's 10 only.
		expect(counts.alliances.get(LSC)).toEqual({
			delivered: 25,
			answers: { replied_and_wrote: 5, replied_not_wrote: 7, acknowledgement: 1, no_reply: 6, not_expected: 1 }
		});
		expect(counts.alliances.get(NORTHERN)?.delivered).toBe(10);
		expect(counts.alliances.size).toBe(2);
		// The first answer: the first letter's (answered 14 days after it was sent, as seedLetters writes).
		expect(counts.firstAnswerAt).toBe(T0 + 14 * 86_400_000);

		const summary = replySummary({
			alliances: [
				{ code: LSC, name: 'Lancashire and South Cumbria' },
				{ code: 'E56000007', name: 'Cheshire and Merseyside' }
			],
			allianceCounts: counts.alliances,
			constituencyCounts: counts.constituencies,
			nameOf: (code) => ({ [BARROW]: 'Barrow and Furness', [NORTHERN]: 'Northern' })[code],
			mpOf: () => null,
			firstAnswerAt: counts.firstAnswerAt,
			now: T0 + 30 * 86_400_000
		});
		expect(summary.since).toBe('2026-01-29');
		expect(summary.alliances.map((a) => [a.code, a.delivered, a.counted, a.heldBack])).toEqual([
			[LSC, 25, 19, null],
			['E56000007', 0, null, 'fewer than 10 answers'],
			[NORTHERN, 10, null, 'fewer than 10 answers']
		]);
		const barrow = summary.constituencies.find((c) => c.code === BARROW)!;
		expect([barrow.answers, barrow.counted, barrow.replied, barrow.heldBack]).toEqual([
			10,
			null,
			null,
			'fewer than 10 answers'
		]);
		const second = summary.constituencies.find((c) => c.code === SECOND)!;
		expect(second.replied).toMatchObject({ share: 0.6, count: 6 });
		expect(second.wrote).toMatchObject({ share: 0.2, count: 2 });
		expect(JSON.stringify(summary)).not.toMatch(/rank/i);
	});

	it('counts nothing in an empty store', async () => {
		const counts = await replyCounts(store.sql);
		expect([counts.constituencies.size, counts.alliances.size, counts.firstAnswerAt]).toEqual([0, 0, null]);
	});
});
