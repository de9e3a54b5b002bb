/**
 * A postcode's Cancer Alliance, from its May 2023 district and ward (Code-Point's admin columns) through the Sub-ICB
 * geography and the project's own Sub-ICB -> alliance mapping with the 2024 changes (derive/geography/alliances.ts).
 * Never from the postcode's own point in generalised polygons: at a boundary drawn to 200 m, a point can fall on the
 * wrong side, and an alliance told to the wrong people is worse than none.
 *
 * THE RULE, for an English postcode, first that applies:
 * 1. District. A local authority district whose LSOAs (ONS LSOA11 -> CCG21 -> LAD21 lookup, placed in the 2023
 *    Sub-ICBs as the population weights are: Glossop and Oundle moved, Swindon split out of 92G by its LAD) all lie in
 *    Sub-ICBs of one alliance, in both the 20- and 21-alliance views, settles it.
 * 2. Ward. Otherwise (a district across two alliances, such as Hart or Buckinghamshire, or one of April 2023's new
 *    unitary authorities, which the 2021 lookup does not know) the ward decides: each of the ward's located postcodes
 *    is placed in the April 2023 Sub-ICB boundaries, and the alliance holding most of them (21-alliance view; the
 *    20-alliance view is its parent) is the ward's. One vote per postcode, so the generalised boundary's errors at the
 *    edge are outvoted; a ward that is truly split gives all its postcodes its majority alliance (counted in stats).
 * 3. Seat. A postcode placed by neither (Code-Point gives 50 English postcodes no ward or district, only their
 *    sector's mean point) takes the alliance of its 2024 constituency when the whole constituency lies in one
 *    alliance (area_lookups, both views).
 * 4. Otherwise none: the answer says it cannot tell.
 */
import proj4 from 'proj4';
import type { FeatureCollection } from 'geojson';
import { EtlError } from '../errors';
import type { SubIcbAllianceEntry } from './geography/alliances';
import { unitPlaces, unitPoints, type CodePointSectorUnits } from '../sources/codepoint';
import { createPointLocator, OSGB36_PROJ4 } from './point-locator';

export type AllianceBasis = 'district' | 'ward' | 'seat' | 'none';

export interface PlacedAlliance {
	/** 20-alliance view (CAL24), or null. */
	alliance: string | null;
	/** 21-alliance view (East of England North and South), or null. */
	alliance21: string | null;
	by: AllianceBasis;
}

export interface AllianceRuleInput {
	/** The Sub-ICB parts and their alliances (mapping.entries). */
	entries: SubIcbAllianceEntry[];
	/** LAD21 code -> the Sub-ICB parts (entry ids) its LSOAs lie in (GeographyResult.districtParts). */
	districtParts: Map<string, Set<string>>;
	/** The April 2023 Sub-ICB boundaries (features with SICBL23CD), and their file for messages. */
	subIcbs: FeatureCollection;
	subIcbFile: string;
	/** Constituencies wholly in one alliance: PCON24 code -> [20-view alliance, 21-view alliance]. */
	seatAlliances: Map<string, [string, string]>;
	/** Every Code-Point sector. */
	sectors: CodePointSectorUnits[];
}

export interface AllianceRuleStats {
	/** Code-Point's English districts settled whole, and those left to their wards (codes). */
	districtsSettled: number;
	districtsByWard: string[];
	/** Wards placed by their postcodes' Sub-ICBs, and the postcodes they hold. */
	wardsPlaced: number;
	wardPostcodes: number;
	/** Wards whose located postcodes fall in more than one alliance's Sub-ICBs, and how many of their postcodes lie outside the majority. */
	wardsSplit: number;
	postcodesOutsideWardMajority: number;
	/** The most split wards: "district/ward: alliance count, ...". */
	mostSplitWards: string[];
	/** Ward votes tied between two alliances (the lower code wins; expected none). */
	tiedWards: string[];
	/** Located postcodes outside every Sub-ICB polygon (placed by the nearest edge) while voting. */
	votesOutsidePolygons: number;
}

export interface AllianceRule {
	/** The alliance of an English postcode with this district, ward (Code-Point, '' if none) and mySociety seat. */
	place(district: string, ward: string, seat: string | null): PlacedAlliance;
	stats: AllianceRuleStats;
}

const NONE: PlacedAlliance = { alliance: null, alliance21: null, by: 'none' };

export function createAllianceRule(input: AllianceRuleInput): AllianceRule {
	const entryById = new Map(input.entries.map((e) => [e.id, e]));
	const entriesBySubIcb = new Map<string, SubIcbAllianceEntry[]>();
	const parentOf21 = new Map<string, string>();
	for (const e of input.entries) {
		entriesBySubIcb.set(e.sub_icb_code, [...(entriesBySubIcb.get(e.sub_icb_code) ?? []), e]);
		const known = parentOf21.get(e.alliance['21']);
		if (known !== undefined && known !== e.alliance['20'])
			throw new Error(`alliance ${e.alliance['21']} (21-alliance view) lies in two 20-view alliances`);
		parentOf21.set(e.alliance['21'], e.alliance['20']);
	}

	// 1. Districts wholly in one alliance.
	const settled = new Map<string, PlacedAlliance>();
	for (const [district, ids] of input.districtParts) {
		const parts = [...ids].map((id) => entryById.get(id)!);
		const a20 = new Set(parts.map((p) => p.alliance['20']));
		const a21 = new Set(parts.map((p) => p.alliance['21']));
		if (a20.size === 1 && a21.size === 1)
			settled.set(district, { alliance: [...a20][0]!, alliance21: [...a21][0]!, by: 'district' });
	}

	// 2. Every other English ward: its located postcodes vote with their Sub-ICB's alliance (21-alliance view).
	const locate = createPointLocator(input.subIcbs, 'SICBL23CD', input.subIcbFile);
	const toWgs84 = proj4(OSGB36_PROJ4, 'WGS84');
	const votes = new Map<string, Map<string, number>>();
	const byWard = new Set<string>();
	const wholeDistricts = new Set<string>();
	let outside = 0;
	for (const s of input.sectors) {
		const places = unitPlaces(s);
		const points = unitPoints(s);
		places.forEach(({ district, ward }, i) => {
			const country = s.country.length === 1 ? s.country : s.country[i]!;
			const p = points[i];
			if (country !== 'E' || district === '' || ward === '') return;
			if (settled.has(district)) {
				wholeDistricts.add(district);
				return;
			}
			if (!p) return;
			byWard.add(district);
			const [lon, lat] = toWgs84.forward(p) as [number, number];
			const hit = locate(lon, lat);
			if (!hit.inside) outside++;
			const parts = entriesBySubIcb.get(hit.code);
			if (!parts)
				throw new EtlError(
					{ file: input.subIcbFile, column: 'SICBL23CD' },
					`Sub-ICB ${hit.code} is not in the Sub-ICB -> Cancer Alliance mapping`
				);
			const entry =
				parts.find((e) => e.part.kind === 'inside_lad' && e.part.lad_code === district) ??
				parts.find((e) => e.part.kind !== 'inside_lad')!;
			const key = `${district}/${ward}`;
			let tally = votes.get(key);
			if (!tally) votes.set(key, (tally = new Map()));
			tally.set(entry.alliance['21'], (tally.get(entry.alliance['21']) ?? 0) + 1);
		});
	}
	const wardAlliance = new Map<string, PlacedAlliance>();
	const tied: string[] = [];
	const split: { key: string; outside: number; text: string }[] = [];
	let wardPostcodes = 0;
	for (const [key, tally] of votes) {
		const ranked = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
		const [best, n] = ranked[0]!;
		const total = ranked.reduce((sum, [, c]) => sum + c, 0);
		wardPostcodes += total;
		if (ranked[1]?.[1] === n) tied.push(key);
		if (ranked.length > 1)
			split.push({ key, outside: total - n, text: `${key}: ${ranked.map(([a, c]) => `${a} ${c}`).join(', ')}` });
		wardAlliance.set(key, { alliance: parentOf21.get(best)!, alliance21: best, by: 'ward' });
	}
	split.sort((a, b) => b.outside - a.outside);

	return {
		place(district, ward, seat) {
			const fromDistrict = settled.get(district);
			if (fromDistrict) return fromDistrict;
			const fromWard = wardAlliance.get(`${district}/${ward}`);
			if (fromWard) return fromWard;
			const fromSeat = seat ? input.seatAlliances.get(seat) : undefined;
			if (fromSeat) return { alliance: fromSeat[0], alliance21: fromSeat[1], by: 'seat' };
			return NONE;
		},
		stats: {
			districtsSettled: wholeDistricts.size,
			districtsByWard: [...byWard].sort(),
			wardsPlaced: wardAlliance.size,
			wardPostcodes,
			wardsSplit: split.length,
			postcodesOutsideWardMajority: split.reduce((sum, w) => sum + w.outside, 0),
			mostSplitWards: split.slice(0, 10).map((w) => w.text),
			tiedWards: tied,
			votesOutsidePolygons: outside
		}
	};
}
