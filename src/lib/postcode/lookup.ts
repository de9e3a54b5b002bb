/**
 * Postcode -> Cancer Alliance, in the browser or on the server (no Node APIs). The ETL writes one shard per postcode
 * area (`/data/postcodes/<AREA>.json`, see shardName in ./postcode.ts) holding every postcode sector of the area
 * found in OS Code-Point Open (2023), with the sector's Cancer Alliance shares; the caller supplies the fetch.
 *
 * The answer is for the postcode's SECTOR ("SW1A 2"), placed by sampled postcode points against the alliance
 * boundaries (scripts/etl/derive/postcode-sectors.ts): a sector on an alliance border lists every alliance holding
 * at least 5% of its postcodes, largest first.
 */
import { normalisePostcode } from './postcode';

export type CountryLetter = 'E' | 'S' | 'W';
export type CountryName = 'England' | 'Scotland' | 'Wales';
/** [alliance code, share of the sector's postcodes] */
export type AllianceShareTuple = [string, number];

export interface PostcodeSectorEntry {
	/** The country of most of the sector's postcodes. */
	country: CountryLetter;
	/**
	 * For sectors with postcodes in England: alliance shares of all the sector's postcodes, per variant ('20': the 20
	 * CAL24 alliances; '21': East of England split North / South), largest first, rounded to 2 dp, shares below 0.05
	 * dropped (the largest is always kept). Absent for Welsh and Scottish sectors, and for English sectors with no
	 * located postcode (PO boxes and other non-geographic postcodes).
	 */
	alliances?: { '20': AllianceShareTuple[]; '21': AllianceShareTuple[] };
	/** Only for the few sectors that straddle a national border: each country's share of the sector's postcodes. */
	countries?: Partial<Record<CountryLetter, number>>;
}

export interface PostcodeShard {
	sectors: Record<string, PostcodeSectorEntry>;
}

export interface AllianceShare {
	code: string;
	share: number;
}

export type LookupResult =
	| {
			ok: true;
			/** The normalised postcode and its sector, e.g. "SW1A 2AA" and "SW1A 2". */
			postcode: string;
			sector: string;
			country: CountryName;
			/**
			 * Variant '20' (CAL24), largest share first. Empty for Scotland and Wales (health is devolved), except that a
			 * sector across the English border lists the alliances of its English part (see otherCountries).
			 */
			alliances: AllianceShare[];
			/** Variant '21' (East of England split). */
			alliances21: AllianceShare[];
			/** For a sector across a national border: the other countries and their shares of its postcodes. */
			otherCountries: { country: CountryName; share: number }[];
	  }
	| { ok: false; reason: 'invalid' | 'not_found' | 'northern_ireland'; message: string };

export const COUNTRY_NAMES: Record<CountryLetter, CountryName> = { E: 'England', S: 'Scotland', W: 'Wales' };

const NORTHERN_IRELAND_MESSAGE =
	"Northern Ireland postcodes (starting BT) aren't covered. NHS England's Cancer Alliances cover England only, and the postcode data we use (OS Code-Point Open) covers Great Britain only. Health services in Northern Ireland are run by Health and Social Care Northern Ireland.";

const CROWN_DEPENDENCIES: Record<string, string> = { GY: 'Guernsey', JE: 'Jersey', IM: 'the Isle of Man' };

/**
 * Look a postcode up. `fetchShard(area)` returns the area's shard, or null if there is none (an area with no
 * postcodes in Great Britain); errors it throws (e.g. network failures) are passed on to the caller.
 */
export async function lookupAlliances(
	postcode: string,
	fetchShard: (area: string) => Promise<PostcodeShard | null>
): Promise<LookupResult> {
	const n = normalisePostcode(postcode);
	if (!n.ok) return { ok: false, reason: 'invalid', message: n.message };
	if (n.area === 'BT') return { ok: false, reason: 'northern_ireland', message: NORTHERN_IRELAND_MESSAGE };
	const dependency = CROWN_DEPENDENCIES[n.area];
	if (dependency) {
		return {
			ok: false,
			reason: 'not_found',
			message: `${n.postcode} is in ${dependency}, which has its own health service and is not covered by NHS England's Cancer Alliances.`
		};
	}

	const shard = await fetchShard(n.area);
	const entry =
		shard && Object.prototype.hasOwnProperty.call(shard.sectors, n.sector) ? shard.sectors[n.sector] : undefined;
	if (!entry) {
		return {
			ok: false,
			reason: 'not_found',
			message: `We couldn't find ${n.postcode}. Please check it. If it is right, it may be newer than our postcode list (OS Code-Point Open, 2023): try a neighbour's postcode.`
		};
	}
	const toShares = (list: AllianceShareTuple[] | undefined): AllianceShare[] =>
		(list ?? []).map(([code, share]) => ({ code, share }));
	const alliances = toShares(entry.alliances?.['20']);
	if (entry.country === 'E' && alliances.length === 0) {
		return {
			ok: false,
			reason: 'not_found',
			message: `${n.postcode} has no map location in our postcode list (it may be a PO box or a business-only postcode), so we can't tell which Cancer Alliance covers it. Try the postcode of your home.`
		};
	}
	const otherCountries = Object.entries(entry.countries ?? {})
		.filter(([c, share]) => c !== entry.country && share !== undefined && share > 0)
		.map(([c, share]) => ({ country: COUNTRY_NAMES[c as CountryLetter], share: share! }))
		.sort((a, b) => b.share - a.share);
	return {
		ok: true,
		postcode: n.postcode,
		sector: n.sector,
		country: COUNTRY_NAMES[entry.country],
		alliances,
		alliances21: toShares(entry.alliances?.['21']),
		otherCountries
	};
}
