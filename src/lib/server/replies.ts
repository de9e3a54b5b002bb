/**
 * The app's reply-rate summary (GET /api/replies/summary, the home map's and area page's replies layer): the store's
 * counts with the committed names and MPs. Kept for 30 seconds per process: the query reads every delivered letter
 * (130-450 ms at 100,000 on the embedded store, by the machine's load; `npm run bench replies`) and the figures move by
 * the day, not the second; the record says when it was worked out (asOf).
 */
import { actionsStore } from './actions';
import { alliances, areaByCode, mps } from './data';
import { replyCounts } from './store/replies';
import { replyFigure } from '../replies/map';
import type { Figure } from '../data/series';
import { areaReplies, replySummary, type AreaRepliesView, type ReplySummary } from '../replies/summary';

const KEEP_MS = 30_000;
/** An older summary is still answered while a new one is worked out, up to this age (then requests wait for it). */
const STALE_MS = 5 * 60_000;
let kept: { at: number; summary: ReplySummary } | null = null;
let working: Promise<ReplySummary> | null = null;

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

/**
 * The summary, worked out at most every 30 seconds. After that the kept one is still answered (for up to 5 minutes)
 * while the next is worked out, so no request waits for the query but the first; a failure is not kept.
 */
export function replySummaryNow(now = Date.now()): Promise<ReplySummary> {
	if (kept && now - kept.at < KEEP_MS) return Promise.resolve(kept.summary);
	if (!working)
		working = work(now)
			.then((summary) => (kept = { at: now, summary }).summary)
			.finally(() => (working = null));
	if (kept && now - kept.at < STALE_MS) {
		working.catch((error) => console.error('reply rates:', error));
		return Promise.resolve(kept.summary);
	}
	return working;
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

/** The home map's replies layer: each current alliance's figure and England's, or null when the store cannot answer. */
export async function replyMapLayer(): Promise<{
	figures: Record<string, Figure>;
	england: Figure;
	asOf: string;
	since: string | null;
} | null> {
	try {
		const summary = await replySummaryNow();
		return {
			figures: Object.fromEntries(summary.alliances.map((a) => [a.code, replyFigure(a, summary.england)])),
			england: { ...replyFigure(summary.england, null), comparison: 'not compared' },
			asOf: summary.asOf,
			since: summary.since
		};
	} catch (error) {
		console.error('replies layer:', error);
		return null;
	}
}
