/**
 * The reply-rate counts: delivered letters (actions 'sent') and their survey answers, per constituency and per Cancer
 * Alliance (a constituency in two alliances counts in both, as in Store.summary()). One pass over the delivered
 * letters, grouped by constituency, its alliances and answer (a few thousand groups), added up per alliance here.
 */
import { REPLY_ANSWERS, type ReplyAnswer } from '../../replies/answers';
import { NO_ANSWERS } from '../../replies/rates';
import type { AreaCounts } from '../../replies/summary';
import { num, type Sql } from './sql';

export interface ReplyCounts {
	constituencies: Map<string, AreaCounts & { alliances: string[] }>;
	alliances: Map<string, AreaCounts>;
	firstAnswerAt: number | null;
}

const zero = (): AreaCounts => ({ delivered: 0, answers: { ...NO_ANSWERS } });

function add(into: AreaCounts, from: AreaCounts): void {
	into.delivered += from.delivered;
	for (const key of REPLY_ANSWERS) into.answers[key] += from.answers[key];
}

/**
 * One query: delivered letters left-joined to their answers, counted per (constituency, its alliances, answer).
 * Measured on PGlite with 100,000 letters: about 130 ms; counting each answer with FILTER took 200 ms, and a partial
 * index on the delivered letters did not help (every row is read either way; the join by action id is the cost).
 *
 * A chase letter (the follow-up to an MP who has not replied) is an action 'sent' of its own that names the letter it
 * follows (actions.chase_of). It is not a delivered letter here (the survey and its answer belong to the first
 * letter), so it is left out by that column: a plain filter, not the anti join on the outbox that doubled the time.
 */
export async function replyCounts(sql: Pick<Sql, 'query'>): Promise<ReplyCounts> {
	const rows = await sql.query(
		`SELECT a.constituency_code AS code, a.alliance_codes AS alliances, r.answer, count(*) AS n,
		        min(r.answered_at) AS first
		 FROM actions a LEFT JOIN reply_answers r ON r.action_id = a.id
		 WHERE a.status = 'sent' AND a.chase_of IS NULL -- a follow-up letter is not a letter of its own (no survey)
		 GROUP BY a.constituency_code, a.alliance_codes, r.answer`
	);
	const constituencies: ReplyCounts['constituencies'] = new Map();
	const alliances: ReplyCounts['alliances'] = new Map();
	let firstAnswerAt: number | null = null;
	for (const row of rows) {
		const counts = zero();
		counts.delivered = num(row.n);
		const answer = row.answer as ReplyAnswer | null;
		if (answer !== null && answer in counts.answers) counts.answers[answer] = num(row.n);
		const code = String(row.code);
		let constituency = constituencies.get(code);
		if (!constituency) constituencies.set(code, (constituency = { ...zero(), alliances: [] }));
		add(constituency, counts);
		for (const alliance of (row.alliances as string[] | null) ?? []) {
			if (!constituency.alliances.includes(alliance)) constituency.alliances.push(alliance);
			let total = alliances.get(alliance);
			if (!total) alliances.set(alliance, (total = zero()));
			add(total, counts);
		}
		if (row.first !== null && row.first !== undefined)
			firstAnswerAt = Math.min(firstAnswerAt ?? Infinity, num(row.first));
	}
	return { constituencies, alliances, firstAnswerAt };
}
