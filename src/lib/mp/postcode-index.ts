/**
 * Postcode unit -> 2024 constituency (or the two or three candidates) and Cancer Alliance, from the index the ETL
 * writes to `static/data/postcode-index/<AREA>.json` (scripts/etl/derive/postcode-index.ts). Runs in the browser and on
 * the server (no Node APIs): the caller supplies `loadShard`, e.g. a fetch of `/data/postcode-index/SW.json` in the
 * browser, or the server's bundled copy (src/lib/server/postcode-index.ts).
 *
 * Shard format ("postcode-index/1"), one file per postcode area, holding every unit of OS Code-Point Open (2023):
 *   {
 *     "format": "postcode-index/1",
 *     "area": "SW",
 *     "values": [ ["E", [["E14001172", 1]], "E56000009"], ... ],   // distinct answers in this area
 *     "sectors": { "SW1A 2": "<presence>|<runs>", ... }
 *   }
 * - A value is [country letter E/S/W, candidates as [PCON24 code, share of the ward's postcodes or null], Cancer
 *   Alliance code (20-alliance view) or null]. One candidate with share 1: the postcode's ward lies in one seat.
 * - <presence>: which units exist. A unit's last two letters each come from the 20 letters of UNIT_LETTERS, so a
 *   sector has 400 possible units; slot = 20 × (index of the first letter) + (index of the second). The 400 bits are
 *   written 6 to a character in base64url (A-Z a-z 0-9 - _), first slot in the high bit of the first character;
 *   trailing "A"s (all-zero groups) are left off.
 * - <runs>: the values of the units present, in slot order, run-length coded: comma-separated runs "v*len" with v and
 *   len in base 36; the last run has no "*len" (it runs to the end). A sector with one value is just "v".
 */
import { normalisePostcode } from '../postcode/postcode';
import type { MpRecord, PostcodeAnswer } from './contract';

export const POSTCODE_INDEX_FORMAT = 'postcode-index/1';

/** The letters Royal Mail uses for the last two characters of a postcode (never C, I, K, M, O or V). */
export const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
export const UNIT_SLOTS = UNIT_LETTERS.length * UNIT_LETTERS.length;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type IndexCountry = 'E' | 'S' | 'W';
/** [PCON24 code, share of the postcode's ward (2 dp), or null where the seat is not from the ward] */
export type IndexCandidate = [string, number | null];
export type IndexValue = [IndexCountry, IndexCandidate[], string | null];

export interface PostcodeIndexShard {
	format: typeof POSTCODE_INDEX_FORMAT;
	area: string;
	values: IndexValue[];
	sectors: Record<string, string>;
}

export const INDEX_COUNTRY_NAMES = { E: 'England', S: 'Scotland', W: 'Wales' } as const;
export type IndexCountryName = (typeof INDEX_COUNTRY_NAMES)[IndexCountry];

export type PostcodeLookup =
	| {
			status: 'ok';
			/** Normalised, e.g. "SW1A 2AA". */
			postcode: string;
			country: IndexCountryName;
			/** One seat (share 1, or null when not from the ward), the 2-3 candidates largest first, or none known. */
			constituencies: { code: string; share: number | null }[];
			/** Cancer Alliance (20-alliance view); null outside England and for English postcodes with no location. */
			alliance: string | null;
	  }
	| { status: 'invalid'; message: string }
	| { status: 'not_found'; postcode: string; message: string }
	| { status: 'northern_ireland'; postcode: string; message: string };

export type ShardLoader = (area: string) => Promise<PostcodeIndexShard | null>;

export const NORTHERN_IRELAND_MESSAGE =
	"Northern Ireland postcodes (starting BT) are not in our postcode list: OS Code-Point Open covers Great Britain only, so we can't tell which constituency this postcode is in.";

const CROWN_DEPENDENCIES: Record<string, string> = { GY: 'Guernsey', JE: 'Jersey', IM: 'the Isle of Man' };

/** The presence slot of a unit's last two letters ("AA" -> 0, "ZZ" -> 399), or -1 if a letter is never used there. */
export function unitSlot(suffix: string): number {
	if (suffix.length !== 2) return -1;
	const a = UNIT_LETTERS.indexOf(suffix[0]!);
	const b = UNIT_LETTERS.indexOf(suffix[1]!);
	return a < 0 || b < 0 ? -1 : a * UNIT_LETTERS.length + b;
}

/** Encode presence slots (any order) as trimmed base64url. */
export function encodePresence(slots: Iterable<number>): string {
	const groups = new Uint8Array(Math.ceil(UNIT_SLOTS / 6));
	for (const s of slots) {
		if (!Number.isInteger(s) || s < 0 || s >= UNIT_SLOTS)
			throw new Error(`unit slot ${s} is outside 0-${UNIT_SLOTS - 1}`);
		groups[Math.floor(s / 6)]! |= 32 >> (s % 6);
	}
	let out = '';
	for (const g of groups) out += BASE64URL[g]!;
	return out.replace(/A+$/, '');
}

/** Whether `slot` is present, and if so how many present slots come before it (its position among the units). */
export function presenceRank(presence: string, slot: number): number {
	const group = Math.floor(slot / 6);
	if (group >= presence.length) return -1;
	const bits = (c: string) => BASE64URL.indexOf(c);
	const g = bits(presence[group]!);
	if (g < 0) throw new Error(`postcode index: "${presence[group]}" is not a base64url character`);
	const bit = 32 >> (slot % 6);
	if (!(g & bit)) return -1;
	let rank = 0;
	for (let i = 0; i < group; i++) rank += popcount6(bits(presence[i]!));
	// Bits above `bit` in this group (earlier slots).
	return rank + popcount6(g & ~((bit << 1) - 1) & 63);
}

function popcount6(x: number): number {
	let n = 0;
	for (let v = x; v; v &= v - 1) n++;
	return n;
}

/** Run-length code a list of value indexes (see the format above). */
export function encodeRuns(values: number[]): string {
	const runs: string[] = [];
	for (let i = 0; i < values.length;) {
		let j = i + 1;
		while (j < values.length && values[j] === values[i]) j++;
		runs.push(j === values.length ? values[i]!.toString(36) : `${values[i]!.toString(36)}*${(j - i).toString(36)}`);
		i = j;
	}
	return runs.join(',');
}

/** The value index of the unit at `position` among the sector's units; -1 if the runs end before it. */
export function valueAt(runs: string, position: number): number {
	let start = 0;
	for (const run of runs.split(',')) {
		const star = run.indexOf('*');
		if (star < 0) return parseInt(run, 36);
		start += parseInt(run.slice(star + 1), 36);
		if (position < start) return parseInt(run.slice(0, star), 36);
	}
	return -1;
}

/**
 * Look a postcode up. `loadShard(area)` returns the area's shard (e.g. "SW"), or null if there is none; errors it
 * throws (a network failure, say) reach the caller.
 */
export async function lookupPostcode(postcode: string, loadShard: ShardLoader): Promise<PostcodeLookup> {
	const n = normalisePostcode(postcode);
	if (!n.ok) return { status: 'invalid', message: n.message };
	const suffix = n.postcode.slice(-2);
	const slot = unitSlot(suffix);
	if (slot < 0) {
		return {
			status: 'invalid',
			message: `${n.postcode} is not a UK postcode: the last two letters of a postcode are never C, I, K, M, O or V. Check it and try again.`
		};
	}
	if (n.area === 'BT') return { status: 'northern_ireland', postcode: n.postcode, message: NORTHERN_IRELAND_MESSAGE };
	const dependency = CROWN_DEPENDENCIES[n.area];
	if (dependency) {
		return {
			status: 'not_found',
			postcode: n.postcode,
			message: `${n.postcode} is in ${dependency}, which is not part of the UK Parliament's constituencies and is not covered by NHS England's Cancer Alliances.`
		};
	}
	const notFound = {
		status: 'not_found' as const,
		postcode: n.postcode,
		message: `We couldn't find ${n.postcode}. Please check it. If it is right, it may be newer than our postcode list (OS Code-Point Open, 2023): try a neighbour's postcode.`
	};
	const shard = await loadShard(n.area);
	if (!shard) return notFound;
	if (shard.format !== POSTCODE_INDEX_FORMAT)
		throw new Error(
			`postcode index for ${n.area}: expected format ${POSTCODE_INDEX_FORMAT}, found ${String(shard.format)}`
		);
	const entry = Object.prototype.hasOwnProperty.call(shard.sectors, n.sector) ? shard.sectors[n.sector] : undefined;
	if (entry === undefined) return notFound;
	const bar = entry.indexOf('|');
	const rank = presenceRank(entry.slice(0, bar), slot);
	if (rank < 0) return notFound;
	const value = shard.values[valueAt(entry.slice(bar + 1), rank)];
	if (!value) throw new Error(`postcode index for ${n.area}: sector ${n.sector} has no value for ${n.postcode}`);
	const [country, candidates, alliance] = value;
	return {
		status: 'ok',
		postcode: n.postcode,
		country: INDEX_COUNTRY_NAMES[country],
		constituencies: candidates.map(([code, share]) => ({ code, share })),
		alliance
	};
}

// ---- From a lookup to the API's answer ------------------------------------------------------------------------------

/** Where anyone can find their MP by postcode (the UK Parliament's members site). */
export const FIND_YOUR_MP_URL = 'https://members.parliament.uk/';

export interface AnswerContext {
	/** PCON24 code -> name. */
	constituencyName: (code: string) => string | undefined;
	/** Cancer Alliance code -> name. */
	allianceName: (code: string) => string | undefined;
	/** The seat's MP, or null for a vacant seat (no MP in the list). */
	mp: (constituencyCode: string) => MpRecord | null;
	/** The alliances a constituency covers, with each one's share of its residents (20-alliance view). */
	constituencyAlliances: (constituencyCode: string) => { code: string; share: number }[];
	/** The date of the MP list. */
	mpsAsOf: string;
}

/** A constituency reaching this share of its residents into a second alliance names both in the letter. */
export const SECOND_ALLIANCE_SHARE = 0.05;

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

/** The JSON answer of GET /api/postcode/{postcode} (PostcodeAnswer, or an error with its HTTP status). Pure. */
export function composePostcodeAnswer(lookup: PostcodeLookup, ctx: AnswerContext): PostcodeResponse {
	if (lookup.status === 'invalid') return { status: 400, body: { error: lookup.message } };
	if (lookup.status === 'not_found') return { status: 404, body: { error: lookup.message } };
	if (lookup.status === 'northern_ireland') {
		return {
			status: 200,
			body: {
				postcode: lookup.postcode,
				country: 'Northern Ireland',
				seat: 'none',
				constituencies: [],
				alliances: [],
				notes: [
					`${lookup.message} Find your MP by postcode on the UK Parliament website: ${FIND_YOUR_MP_URL}`,
					DEVOLVED['Northern Ireland']
				],
				mpsAsOf: ctx.mpsAsOf
			}
		};
	}

	const notes: string[] = [];
	const constituencies = lookup.constituencies.map(({ code, share }) => {
		const name = ctx.constituencyName(code);
		if (!name)
			throw new Error(
				`postcode index: constituency ${code} (for ${lookup.postcode}) is not in the list of constituencies`
			);
		const alliances = ctx
			.constituencyAlliances(code)
			.filter((a) => a.share >= SECOND_ALLIANCE_SHARE)
			.map((a) => ({ code: a.code, name: ctx.allianceName(a.code) ?? a.code, share: a.share }));
		return { code, name, share, mp: ctx.mp(code), alliances };
	});
	if (constituencies.length === 0) {
		notes.push(
			`${lookup.postcode} is in our postcode list, but without a ward or a map location (it may be a PO box or a business-only postcode), so we can't tell its constituency. Try the postcode of your home, or find your MP on the UK Parliament website: ${FIND_YOUR_MP_URL}`
		);
	} else if (constituencies.length > 1) {
		const list = constituencies.map(
			(c) => `${c.name} (${c.share === null ? 'share unknown' : `${percent(c.share)} of the ward's postcodes`})`
		);
		notes.push(
			`We can't be sure which constituency ${lookup.postcode} is in: its ward is split between ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}. Choose yours; if you are not sure, find your MP by postcode on the UK Parliament website: ${FIND_YOUR_MP_URL}`
		);
	}
	for (const c of constituencies) {
		const mp = c.mp;
		if (!mp) {
			notes.push(
				`${c.name} has no MP at the moment: the seat is vacant in the list of MPs of ${ctx.mpsAsOf}. There is no one to email until a new MP is elected; the UK Parliament website will list them: ${FIND_YOUR_MP_URL}`
			);
		} else if (mp.party === 'Speaker') {
			notes.push(
				`${mp.name}, the MP for ${c.name}, is the Speaker of the House of Commons. The Speaker is politically neutral and does not take up campaigns in the usual way, though still helps constituents. See the Speaker's page on the Parliament website: ${mp.profileUrl}`
			);
		} else if (mp.email === null) {
			notes.push(
				`Parliament does not publish an email address for ${mp.name}, the MP for ${c.name}, so we can't send your email to them. Contact them through their page on the Parliament website: ${mp.profileUrl}`
			);
		}
	}
	const alliances: PostcodeAnswer['alliances'] = [];
	if (lookup.alliance) {
		const name = ctx.allianceName(lookup.alliance);
		if (!name)
			throw new Error(
				`postcode index: Cancer Alliance ${lookup.alliance} (for ${lookup.postcode}) is not in the list of areas`
			);
		alliances.push({ code: lookup.alliance, name });
		// The letter names every alliance the constituency reaches, not just the postcode's own.
		const seat = constituencies[0];
		if (seat && constituencies.length === 1) {
			for (const other of ctx.constituencyAlliances(seat.code)) {
				if (other.code === lookup.alliance || other.share < SECOND_ALLIANCE_SHARE) continue;
				const otherName = ctx.allianceName(other.code);
				if (!otherName) continue;
				notes.push(
					`${seat.name} also covers part of ${otherName} Cancer Alliance (about ${Math.round(other.share * 100)}% of its residents), so your letter can ask your MP to write to both alliances.`
				);
			}
		}
	}
	if (lookup.country !== 'England') notes.push(DEVOLVED[lookup.country]);
	else if (!lookup.alliance) {
		notes.push(
			`${lookup.postcode} has no map location in our postcode list (it may be a PO box or a business-only postcode), so we can't tell which Cancer Alliance covers it. Try the postcode of your home.`
		);
	}
	return {
		status: 200,
		body: {
			postcode: lookup.postcode,
			country: lookup.country,
			seat: constituencies.length === 0 ? 'none' : constituencies.length === 1 ? 'point' : 'ward',
			constituencies,
			alliances,
			notes,
			mpsAsOf: ctx.mpsAsOf
		}
	};
}
