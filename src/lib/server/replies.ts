/**
 * The app's reply-rate summary (GET /api/replies/summary, the home map's and area page's replies layer): the store's
 * counts with the committed names and MPs. Kept for 30 seconds per process: the query reads every delivered letter
 * (about 130 ms at 100,000 on the embedded store) and the figures move by the day, not the second; the record says
 * when it was worked out (asOf).
 */
import { actionsStore } from './actions';
import { alliances, areaByCode, mps } from './data';
import { replyCounts } from './store/replies';
import { areaReplies, replySummary, type AreaRepliesView, type ReplySummary } from '../replies/summary';

const KEEP_MS = 30_000;
let kept: { at: number; summary: Promise<ReplySummary> } | null = null;

const mpByCode = new Map(mps.map((m) => [m.constituency_code, { name: m.name, party: m.party }]));

async function work(now: number): Promise<ReplySummary> {
	const store = await actionsStore();
	const counts = await replyCounts(store.sql);
	return replySummary({
		alliances: alliances('20').map(({ code, name }) => ({ code, name })),
		allianceCounts: counts.alliances,
		constituencyCounts: counts.constituencies,
		nameOf: (code) => areaByCode.get(code)?.name,
		mpOf: (code) => mpByCode.get(code) ?? null,
		firstAnswerAt: counts.firstAnswerAt,
		now
	});
}

/** The summary, worked out at most every 30 seconds (a failure is not kept). */
export function replySummaryNow(now = Date.now()): Promise<ReplySummary> {
	if (kept && now - kept.at < KEEP_MS) return kept.summary;
	const summary = work(now);
	kept = { at: now, summary };
	summary.catch(() => {
		if (kept?.summary === summary) kept = null;
	});
	return summary;
}

/** An area page's replies (its constituencies), or null when the store cannot answer: the page renders without them. */
export async function repliesForArea(
	allianceCode: string,
	constituencies: { code: string; name: string; mp: { name: string; party: string } | null }[]
): Promise<AreaRepliesView | null> {
	try {
		return areaReplies(await replySummaryNow(), allianceCode, constituencies);
	} catch (error) {
		console.error('replies layer:', error);
		return null;
	}
}
