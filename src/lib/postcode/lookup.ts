/**
 * The one postcode reader: postcode -> country, 2024 constituency (or, rarely, its ward's candidates) and Cancer
 * Alliance, from the index the ETL writes (./index-format.ts). Every caller goes through it: the home page's box in
 * the browser (fetching `/data/postcode-index/<AREA>.json`), `/postcode` without JavaScript, GET /api/postcode and
 * the send endpoint on the server (src/lib/server/postcode-index.ts loads the same files). No Node APIs.
 */
import { normalisePostcode } from './postcode';
import {
	POSTCODE_INDEX_FORMAT,
	presenceRank,
	unitSlot,
	valueAt,
	type IndexCountry,
	type IndexSeat,
	type PostcodeIndexShard
} from './index-format';

export const COUNTRY_NAMES = { E: 'England', S: 'Scotland', W: 'Wales' } as const;
export type CountryName = (typeof COUNTRY_NAMES)[IndexCountry];

/** How the seat is known: the postcode's own point (mySociety), its ward's candidates, or not at all. */
export type SeatBasis = 'point' | 'ward' | 'none';
const SEAT_BASIS: Record<IndexSeat, SeatBasis> = { p: 'point', w: 'ward', n: 'none' };

export type PostcodeLookup =
	| {
			status: 'ok';
			/** Normalised, e.g. "SW1A 2AA". */
			postcode: string;
			country: CountryName;
			seat: SeatBasis;
			/** 'point': the one seat (share null); 'ward': the candidates, largest share first; 'none': empty. */
			constituencies: { code: string; share: number | null }[];
			/** The postcode's Cancer Alliance, 20-alliance view; null outside England or where nothing places it. */
			alliance: string | null;
			/** The same in the 21-alliance view (East of England North and South). */
			alliance21: string | null;
	  }
	| { status: 'invalid'; message: string }
	| { status: 'not_found'; postcode: string; message: string }
	| { status: 'northern_ireland'; postcode: string; message: string };

/** A postcode area's index file ("SW"), or null when there is none; errors it throws reach the caller. */
export type ShardLoader = (area: string) => Promise<PostcodeIndexShard | null>;

export const NORTHERN_IRELAND_MESSAGE =
	"Northern Ireland postcodes (starting BT) are not in our postcode list: OS Code-Point Open covers Great Britain only, so we can't tell which constituency this postcode is in.";

/** Said for an English postcode the index cannot place in an alliance (no ward, local authority or single-alliance seat). */
export function noAllianceMessage(postcode: string): string {
	return `We can't tell which Cancer Alliance covers ${postcode}: our postcode list gives it no ward or local authority (it may be a PO box or a business-only postcode). Try the postcode of your home.`;
}

const CROWN_DEPENDENCIES: Record<string, string> = { GY: 'Guernsey', JE: 'Jersey', IM: 'the Isle of Man' };

/** Look a postcode up. Any case and spacing. */
export async function lookupPostcode(postcode: string, loadShard: ShardLoader): Promise<PostcodeLookup> {
	const n = normalisePostcode(postcode);
	if (!n.ok) return { status: 'invalid', message: n.message };
	const slot = unitSlot(n.postcode.slice(-2));
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
			message: `${n.postcode} is in ${dependency}, which has its own government and health service: it has no MP in the UK Parliament and is not covered by NHS England's Cancer Alliances.`
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
	const [country, seat, candidates, alliance, alliance21] = value;
	return {
		status: 'ok',
		postcode: n.postcode,
		country: COUNTRY_NAMES[country],
		seat: SEAT_BASIS[seat],
		constituencies: candidates.map(([code, share]) => ({ code, share })),
		alliance,
		alliance21
	};
}
