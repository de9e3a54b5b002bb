/**
 * GET /api/replies/summary's record: reply rates per Cancer Alliance and per constituency (one MP each), with the
 * threshold, the definitions and the source on its face, so that no figure travels without them. Deliberately no rank
 * field, and every share carries its interval: this is not a league table of MPs.
 */
import { REPLY_ANSWERS, REPLY_ANSWER_LABELS } from './answers';
import { NO_ANSWERS, REPLY_RATE_MIN_ANSWERS, replyRate, type AnswerCounts, type ReplyRate } from './rates';

export interface AreaReplies extends ReplyRate {
	code: string;
	name: string;
}

export interface ConstituencyReplies extends AreaReplies {
	/** The MP on record in the committed MP data (UK Parliament Members API), or null. */
	mp: { name: string; party: string } | null;
	/** The Cancer Alliances the constituency's letters count towards. */
	alliances: string[];
}

export interface ReplySummary {
	/** Every delivered letter and answer, once each: the comparator for the alliances on the map. */
	england: AreaReplies;
	alliances: AreaReplies[];
	constituencies: ConstituencyReplies[];
	/** Shares are held back below this many counted answers; counts of 1 to this - 1 are null. */
	minAnswers: typeof REPLY_RATE_MIN_ANSWERS;
	asOf: string;
	/** The day of the first answer (YYYY-MM-DD), or null before there is one. */
	since: string | null;
	/** No licence is claimed: this is the site's own record, not a published statistic. */
	licence: typeof REPLY_LICENCE;
	definitions: Record<'delivered' | 'answers' | 'counted' | 'replied' | 'wrote' | 'acknowledged', string>;
	source: string;
}

export const REPLY_DEFINITIONS: ReplySummary['definitions'] = {
	delivered:
		'Letters to the MP that our mail relay delivered (in the last 12 months); a follow-up letter to an MP who had not replied is not counted again.',
	answers: 'Supporters who answered our follow-up survey about that letter, whatever their answer.',
	counted: `Answers other than "${REPLY_ANSWER_LABELS.not_expected}": the denominator of every share.`,
	replied: `Share answering "${REPLY_ANSWER_LABELS.replied_and_wrote}" or "${REPLY_ANSWER_LABELS.replied_not_wrote}".`,
	wrote: `Share answering "${REPLY_ANSWER_LABELS.replied_and_wrote}".`,
	acknowledged: `Share answering "${REPLY_ANSWER_LABELS.acknowledgement}" (not counted as a reply).`
};

export const REPLY_LICENCE = "No licence stated: this site's own record, not a published statistic";

export const REPLY_SOURCE =
	"Supporters' own answers to this site's follow-up survey, two weeks after their letter was delivered (reminder at three weeks); not checked with MPs. Shares with Wilson 95% intervals; held back below 10 answers.";

/** Counts by area as the store reads them. */
export interface AreaCounts {
	delivered: number;
	answers: AnswerCounts;
}

/** The whole record from counts and names; alliances listed in the order given (each current one, 0 where none). */
export function replySummary(input: {
	alliances: { code: string; name: string }[];
	allianceCounts: Map<string, AreaCounts>;
	constituencyCounts: Map<string, AreaCounts & { alliances: string[] }>;
	nameOf: (code: string) => string | undefined;
	mpOf: (code: string) => { name: string; party: string } | null;
	firstAnswerAt: number | null;
	now: number;
}): ReplySummary {
	const empty: AreaCounts = { delivered: 0, answers: NO_ANSWERS };
	const listed = new Set(input.alliances.map((a) => a.code));
	const alliances = [
		...input.alliances,
		...[...input.allianceCounts.keys()]
			.filter((code) => !listed.has(code))
			.map((code) => ({ code, name: input.nameOf(code) ?? code }))
	].map(({ code, name }) => {
		const c = input.allianceCounts.get(code) ?? empty;
		return { code, name, ...replyRate(c.delivered, c.answers) };
	});
	const constituencies = [...input.constituencyCounts]
		.map(([code, c]) => ({
			code,
			name: input.nameOf(code) ?? code,
			mp: input.mpOf(code),
			alliances: c.alliances,
			...replyRate(c.delivered, c.answers)
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	// England: each letter once, through its constituency (an alliance total counts a straddling seat twice).
	const all: AreaCounts = { delivered: 0, answers: { ...NO_ANSWERS } };
	for (const c of input.constituencyCounts.values()) {
		all.delivered += c.delivered;
		for (const key of REPLY_ANSWERS) all.answers[key] += c.answers[key];
	}
	return {
		england: { code: 'E92000001', name: 'England', ...replyRate(all.delivered, all.answers) },
		alliances,
		constituencies,
		minAnswers: REPLY_RATE_MIN_ANSWERS,
		asOf: new Date(input.now).toISOString(),
		since: input.firstAnswerAt === null ? null : new Date(input.firstAnswerAt).toISOString().slice(0, 10),
		definitions: REPLY_DEFINITIONS,
		source: REPLY_SOURCE,
		licence: REPLY_LICENCE
	};
}

/** One area page's replies: the alliance's own record and every constituency in it (alphabetical, never ranked). */
export interface AreaRepliesView {
	alliance: AreaReplies | null;
	constituencies: ConstituencyReplies[];
	minAnswers: number;
	asOf: string;
	since: string | null;
	definitions: ReplySummary['definitions'];
	source: string;
	licence: string;
}

/** The area page's slice of the summary: its constituencies, with a record (0 letters) for those with none yet. */
export function areaReplies(
	summary: ReplySummary,
	allianceCode: string,
	constituencies: { code: string; name: string; mp: { name: string; party: string } | null }[]
): AreaRepliesView {
	const byCode = new Map(summary.constituencies.map((c) => [c.code, c]));
	return {
		alliance: summary.alliances.find((a) => a.code === allianceCode) ?? null,
		constituencies: constituencies
			.map(
				(c) =>
					byCode.get(c.code) ?? {
						code: c.code,
						name: c.name,
						mp: c.mp && { name: c.mp.name, party: c.mp.party },
						alliances: [allianceCode],
						...replyRate(0, NO_ANSWERS)
					}
			)
			.sort((a, b) => a.name.localeCompare(b.name)),
		minAnswers: summary.minAnswers,
		asOf: summary.asOf,
		since: summary.since,
		definitions: summary.definitions,
		source: summary.source,
		licence: summary.licence
	};
}
