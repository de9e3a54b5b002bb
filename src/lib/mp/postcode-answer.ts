/**
 * From the postcode reader's lookup (src/lib/postcode/lookup.ts) to the answer of GET /api/postcode/{postcode}
 * (PostcodeAnswer): names, MPs, the alliances each constituency reaches, and plain-English notes, each once. Pure:
 * the server supplies the names, MPs and constituency shares (src/lib/server/postcode-index.ts).
 */
import { noAllianceMessage, type PostcodeLookup } from '../postcode/lookup';
import type { MpRecord, PostcodeAnswer } from './contract';

/** Where anyone can find their MP by postcode (the UK Parliament's members site), as it is written in notes. */
export const FIND_YOUR_MP = 'the UK Parliament website (members.parliament.uk)';

/** A constituency reaching this share of its residents into an alliance names it in the letter. */
export const SECOND_ALLIANCE_SHARE = 0.05;

export interface AnswerContext {
	/** PCON24 code -> name. */
	constituencyName: (code: string) => string | undefined;
	/** Cancer Alliance code -> name. */
	allianceName: (code: string) => string | undefined;
	/** The seat's MP, or null for a vacant seat (no MP in the list). */
	mp: (constituencyCode: string) => MpRecord | null;
	/** The alliances a constituency covers, with each one's share of its residents (20-alliance view, area_lookups). */
	constituencyAlliances: (constituencyCode: string) => { code: string; share: number }[];
	/** The date of the MP list. */
	mpsAsOf: string;
}

export type PostcodeResponse = { status: 200; body: PostcodeAnswer } | { status: 400 | 404; body: { error: string } };

const DEVOLVED: Record<'Scotland' | 'Wales' | 'Northern Ireland', string> = {
	Scotland:
		"Health is devolved in Scotland: NHS Scotland runs health services there, and NHS England's Cancer Alliances do not cover it.",
	Wales:
		"Health is devolved in Wales: NHS Wales runs health services there, and NHS England's Cancer Alliances do not cover it.",
	'Northern Ireland':
		"Health is devolved in Northern Ireland: Health and Social Care Northern Ireland runs health services there, and NHS England's Cancer Alliances do not cover it."
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "A", "A and B", "A, B and C". */
function list(items: string[]): string {
	return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The answer of GET /api/postcode/{postcode} (PostcodeAnswer, or an error with its HTTP status). */
export function composePostcodeAnswer(lookup: PostcodeLookup, ctx: AnswerContext): PostcodeResponse {
	if (lookup.status === 'invalid') return { status: 400, body: { error: lookup.message } };
	if (lookup.status === 'not_found') return { status: 404, body: { error: lookup.message } };
	const notes = new Set<string>();
	if (lookup.status === 'northern_ireland') {
		notes.add(`${lookup.message} Find your MP by postcode on ${FIND_YOUR_MP}.`);
		notes.add(DEVOLVED['Northern Ireland']);
		return {
			status: 200,
			body: {
				postcode: lookup.postcode,
				country: 'Northern Ireland',
				seat: 'none',
				constituencies: [],
				alliances: [],
				notes: [...notes],
				mpsAsOf: ctx.mpsAsOf
			}
		};
	}

	const { postcode } = lookup;
	const named = (code: string, what: string, lookupName: (code: string) => string | undefined) => {
		const name = lookupName(code);
		if (!name) throw new Error(`postcode index: ${what} ${code} (for ${postcode}) is not in the list of areas`);
		return name;
	};
	const constituencies: PostcodeAnswer['constituencies'] = lookup.constituencies.map(({ code, share }) => ({
		code,
		name: named(code, 'constituency', ctx.constituencyName),
		share,
		mp: ctx.mp(code),
		alliances: ctx
			.constituencyAlliances(code)
			.filter((a) => a.share >= SECOND_ALLIANCE_SHARE)
			.sort((a, b) => b.share - a.share)
			.map((a) => ({ code: a.code, name: named(a.code, 'Cancer Alliance', ctx.allianceName), share: a.share }))
	}));

	// How sure the seat is.
	if (lookup.seat === 'none') {
		notes.add(
			`${postcode} is in our postcode list, but without a map location or a ward (it may be a PO box or a business-only postcode), so we can't tell its constituency. Try the postcode of your home, or find your MP by postcode on ${FIND_YOUR_MP}.`
		);
	} else if (lookup.seat === 'ward' && constituencies.length === 1) {
		notes.add(
			`${postcode} is not in the postcode-to-constituency table we use (mySociety's), so its constituency comes from its ward, which lies wholly in ${constituencies[0]!.name}. That is very likely yours, but not certain: if you are not sure, find your MP by postcode on ${FIND_YOUR_MP}.`
		);
	} else if (lookup.seat === 'ward') {
		const shares = constituencies.map(
			(c) => `${c.name} (${c.share === null ? 'share unknown' : `${percent(c.share)} of the ward's postcodes`})`
		);
		notes.add(
			`We can't be sure which constituency ${postcode} is in: it is not in the postcode-to-constituency table we use (mySociety's), and its ward is split between ${list(shares)}. Choose yours; if you are not sure, find your MP by postcode on ${FIND_YOUR_MP}.`
		);
	}

	// Who can be written to.
	for (const c of constituencies) {
		const mp = c.mp;
		if (!mp) {
			notes.add(
				`${c.name} has no MP at the moment: the seat is vacant in the list of MPs of ${ctx.mpsAsOf}. There is no one to email until a new MP is elected; ${FIND_YOUR_MP} will list them.`
			);
		} else if (mp.party === 'Speaker') {
			notes.add(
				`${mp.name}, the MP for ${c.name}, is the Speaker of the House of Commons. The Speaker is politically neutral and does not take up campaigns in the usual way, though still helps constituents: see the Speaker's page on the Parliament website.`
			);
		} else if (mp.email === null) {
			notes.add(
				`Parliament does not publish an email address for ${mp.name}, the MP for ${c.name}, so we can't send your email to them. Contact them through their page on the Parliament website.`
			);
		}
	}

	// The postcode's own alliance, and any other its constituency reaches.
	const alliances: PostcodeAnswer['alliances'] = [];
	if (lookup.alliance)
		alliances.push({ code: lookup.alliance, name: named(lookup.alliance, 'Cancer Alliance', ctx.allianceName) });
	if (lookup.country !== 'England') notes.add(DEVOLVED[lookup.country]);
	else if (!lookup.alliance) {
		notes.add(noAllianceMessage(postcode));
	}
	for (const c of constituencies) {
		const others = c.alliances.filter((a) => a.code !== lookup.alliance);
		if (others.length === 0 || !lookup.alliance) continue;
		notes.add(
			`${c.name} also covers part of ${list(others.map((a) => `${a.name} Cancer Alliance (about ${percent(a.share)} of its residents)`))}, so your letter can ask your MP to write to ${others.length === 1 ? 'both alliances' : 'each of them'}.`
		);
	}
	return {
		status: 200,
		body: {
			postcode,
			country: lookup.country,
			seat: lookup.seat,
			constituencies,
			alliances,
			notes: [...notes],
			mpsAsOf: ctx.mpsAsOf
		}
	};
}

/**
 * The alliances a letter to the MP of `constituencyCode` names: the postcode's own first, then every other alliance
 * that constituency reaches (5% or more of its residents). Empty outside England or for a constituency not in the answer.
 */
export function letterAlliances(answer: PostcodeAnswer, constituencyCode: string): { code: string; name: string }[] {
	const c = answer.constituencies.find((x) => x.code === constituencyCode);
	if (!c || answer.country !== 'England') return [];
	const out = answer.alliances.map(({ code, name }) => ({ code, name }));
	for (const a of c.alliances) if (!out.some((o) => o.code === a.code)) out.push({ code: a.code, name: a.name });
	return out;
}
