/**
 * The one postcode index: every unit of OS Code-Point Open (2023) -> its 2024 constituency and its Cancer Alliance,
 * read by the home page's box, /postcode, GET /api/postcode and the send endpoint (src/lib/postcode/lookup.ts).
 * Pure: the caller reads the files and writes what this returns (format in src/lib/postcode/index-format.ts).
 *
 * The seat, for every unit:
 * 1. mySociety's range table (sources/mysociety-ranges.ts): the postcode's own point in the 2024 boundaries. It covers
 *    every Code-Point postcode with a location: seat "p", one constituency.
 * 2. A unit it does not cover but whose ward (WD23; Code-Point's one stale code read as its WD23 code) is in 12v's
 *    ward table: seat "w", the ward's constituencies as candidates with their shares (sources/ward-constituencies.ts).
 * 3. Otherwise seat "n": the postcode exists, its constituency is unknown.
 * The alliance: derive/postcode-alliance.ts (district, then ward, then a single-alliance seat), English units only.
 * The check: every English unit with a seat wholly in one alliance (area_lookups) must get that alliance; the
 * disagreements are counted and listed in `stats.agreement`.
 */
import type { FeatureCollection } from 'geojson';
import type { AreaLookup } from '../../../src/lib/data/contract';
import {
	encodePresence,
	encodeRuns,
	POSTCODE_INDEX_FORMAT,
	shardPath,
	unitSlot,
	type IndexCandidate,
	type IndexCountry,
	type IndexSeat,
	type IndexValue,
	type PostcodeIndexShard
} from '../../../src/lib/postcode/index-format';
import { unitPlaces, type CodePointSectorUnits } from '../sources/codepoint';
import type { SubIcbAllianceEntry } from './geography/alliances';
import { decodeMySocietyRanges, MYSOCIETY_RANGE_FILES } from '../sources/mysociety-ranges';
import { readWardMapping, seatCodesByName, WARD_FILES } from '../sources/ward-constituencies';
import { createAllianceRule, type AllianceBasis, type AllianceRuleStats } from './postcode-alliance';

/** Inputs besides the Code-Point files and the geography, relative to the raw folder. */
export const POSTCODE_INDEX_FILES = {
	...WARD_FILES,
	ranges: MYSOCIETY_RANGE_FILES.ranges,
	rangeSeats: MYSOCIETY_RANGE_FILES.seats
};

/** Code-Point's one stale ward code -> its WD23 code (raw/SOURCES.md, postcodes/). */
export const WARD_RECODES: Readonly<Record<string, string>> = { E05012751: 'E05015549' };

export const POSTCODE_INDEX_RULE =
	"postcode unit -> 2024 constituency: mySociety's postcode range table (the postcode's own point, CC BY 4.0); a unit it does not cover takes its ward's seats from 12v's ward table as candidates with shares. Unit -> Cancer Alliance (England): its local authority district when the ONS LSOA11 lookup puts the whole district in one alliance's Sub-ICBs; otherwise the alliance holding most of its ward's postcodes by Sub-ICB (April 2023 boundaries); failing both, its constituency's alliance when the constituency lies in one; the project's Sub-ICB -> alliance mapping with the 2024 changes.";

export interface PostcodeIndexInput {
	/** Every row of parseCodePointUnits over all the Code-Point files. */
	sectors: CodePointSectorUnits[];
	/** The 12v ward -> constituency CSV, as text. */
	wardMapping: string;
	/** pcon_names_codes_dec2024.json, parsed: { PCON24 code: name }. */
	pconNames: unknown;
	/** mysociety_pcon_2024_ranges.json and mysociety_pcon_2024_lookup.json, parsed. */
	ranges: unknown;
	rangeSeats: unknown;
	/** The geography: Sub-ICB parts with their alliances, each district's parts, constituency -> alliance shares. */
	entries: SubIcbAllianceEntry[];
	districtParts: Map<string, Set<string>>;
	lookups: AreaLookup[];
	/** NHS_SubICB_April_2023_EN_BSC.geojson, parsed, and its name for messages. */
	subIcbs: FeatureCollection;
	subIcbFile: string;
	/** File names for messages; default POSTCODE_INDEX_FILES. */
	files?: Partial<typeof POSTCODE_INDEX_FILES>;
	/** Told each unit's answer as it is encoded ("SW1A 2AA", its value), so a test can check the reader against it. */
	onUnit?: (postcode: string, value: IndexValue) => void;
}

export interface PostcodeIndexStats {
	postcodes: number;
	byCountry: Record<IndexCountry, number>;
	sectors: number;
	seats: {
		/** From the postcode's own point (mySociety). */
		point: number;
		/** Not in mySociety's table: candidates from the ward (listed), or no seat at all. */
		ward: number;
		wardPostcodes: string[];
		none: number;
		/** Ward codes of uncovered units missing from the 12v table (after the recode). */
		wardsNotInMapping: string[];
	};
	alliances: {
		/** English units by what placed them. */
		by: Record<AllianceBasis, number>;
		byAlliance: Record<string, number>;
		rule: AllianceRuleStats;
	};
	/** English units whose seat lies wholly in one alliance (area_lookups, 20-alliance view): do they get it? */
	agreement: { compared: number; agree: number; disagreements: string[] };
	/** Rows of the two lookups read: mySociety's ranges and 12v's wards. */
	inputRows: { ranges: number; wards: number };
	/** Distinct values, over all files. */
	distinctValues: number;
	files: number;
	bytes: number;
	largestFile: { path: string; bytes: number };
	rule: string;
}

export interface PostcodeIndexFiles {
	/** Path relative to the exports folder (e.g. "postcode-index/SW.json") -> file content. */
	files: Record<string, string>;
	stats: PostcodeIndexStats;
}

/** Constituencies wholly in one alliance: code -> [20-view alliance, 21-view alliance] (from area_lookups rows). */
export function singleAllianceSeats(lookups: AreaLookup[]): Map<string, [string, string]> {
	const rows = new Map<string, { '20': string[]; '21': string[] }>();
	for (const l of lookups) {
		if (l.relation !== 'constituency_in_alliance') continue;
		let r = rows.get(l.child_code);
		if (!r) rows.set(l.child_code, (r = { '20': [], '21': [] }));
		if (l.variant !== '21') r['20'].push(l.parent_code);
		if (l.variant !== '20') r['21'].push(l.parent_code);
	}
	const out = new Map<string, [string, string]>();
	for (const [code, r] of rows)
		if (r['20'].length === 1 && r['21'].length === 1) out.set(code, [r['20'][0]!, r['21'][0]!]);
	return out;
}

/** Build the index files. Pure: no I/O. Throws EtlError (file, row, column) on malformed inputs. */
export function buildPostcodeIndexFiles(input: PostcodeIndexInput): PostcodeIndexFiles {
	const names = { ...POSTCODE_INDEX_FILES, ...input.files };
	const wards = readWardMapping(
		input.wardMapping,
		names.wardMapping,
		seatCodesByName(input.pconNames, names.pconNames)
	);
	const ranges = decodeMySocietyRanges(input.ranges, input.rangeSeats, names.ranges, names.rangeSeats);
	const seatAlliances = singleAllianceSeats(input.lookups);
	const rule = createAllianceRule({
		entries: input.entries,
		districtParts: input.districtParts,
		subIcbs: input.subIcbs,
		subIcbFile: input.subIcbFile,
		seatAlliances,
		sectors: input.sectors
	});

	const stats: PostcodeIndexStats = {
		postcodes: 0,
		byCountry: { E: 0, S: 0, W: 0 },
		sectors: 0,
		seats: { point: 0, ward: 0, wardPostcodes: [], none: 0, wardsNotInMapping: [] },
		alliances: { by: { district: 0, ward: 0, seat: 0, none: 0 }, byAlliance: {}, rule: rule.stats },
		agreement: { compared: 0, agree: 0, disagreements: [] },
		inputRows: { ranges: ranges.keys.length, wards: wards.size },
		distinctValues: 0,
		files: 0,
		bytes: 0,
		largestFile: { path: '', bytes: 0 },
		rule: POSTCODE_INDEX_RULE
	};
	const missingWards = new Set<string>();
	const shards = new Map<string, { values: IndexValue[]; keys: Map<string, number>; sectors: Map<string, string> }>();
	const allValues = new Set<string>();
	const seen = new Set<string>();
	const sorted = [...input.sectors].sort((a, b) => (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0));
	const pointSeat = new Map<string, IndexCandidate[]>();

	for (const s of sorted) {
		if (seen.has(s.sector))
			throw new Error(
				`postcode sector ${s.sector} appears in two parsed Code-Point row groups (two files for one area?)`
			);
		seen.add(s.sector);
		let shard = shards.get(s.area);
		if (!shard) shards.set(s.area, (shard = { values: [], keys: new Map(), sectors: new Map() }));
		const places = unitPlaces(s);
		const compactSector = s.sector.replace(' ', '');
		const slots: number[] = [];
		const valueOf: number[] = [];
		for (let i = 0; i < places.length; i++) {
			const suffix = s.units.slice(2 * i, 2 * i + 2);
			const postcode = `${s.sector}${suffix}`;
			const slot = unitSlot(suffix);
			if (slot < 0) throw new Error(`${postcode}: not a postcode unit (its last letters are never used by Royal Mail)`);
			const country = (s.country.length === 1 ? s.country : s.country[i]!) as IndexCountry;
			stats.postcodes++;
			stats.byCountry[country]++;

			// The seat.
			const { district, ward: rawWard } = places[i]!;
			const ms = ranges.seatOf(`${compactSector}${suffix}`);
			let seat: IndexSeat;
			let candidates: IndexCandidate[];
			let candidatesKey: string;
			const ward = WARD_RECODES[rawWard] ?? rawWard;
			const fromWard = ms === null && ward !== '' ? wards.get(ward) : undefined;
			if (ms !== null) {
				seat = 'p';
				candidates = pointSeat.get(ms) ?? [[ms, null]];
				pointSeat.set(ms, candidates);
				candidatesKey = ms;
				stats.seats.point++;
			} else if (fromWard) {
				seat = 'w';
				candidates = fromWard.candidates;
				candidatesKey = fromWard.key;
				stats.seats.ward++;
				stats.seats.wardPostcodes.push(postcode);
			} else {
				if (ward !== '') missingWards.add(ward);
				seat = 'n';
				candidates = [];
				candidatesKey = '';
				stats.seats.none++;
			}

			// The alliance.
			let alliance: string | null = null;
			let alliance21: string | null = null;
			if (country === 'E') {
				const placed = rule.place(district, rawWard, ms);
				({ alliance, alliance21 } = placed);
				stats.alliances.by[placed.by]++;
				if (alliance) stats.alliances.byAlliance[alliance] = (stats.alliances.byAlliance[alliance] ?? 0) + 1;
				const expected = ms === null ? undefined : seatAlliances.get(ms)?.[0];
				if (expected) {
					stats.agreement.compared++;
					if (alliance === expected) stats.agreement.agree++;
					else if (stats.agreement.disagreements.length < 20)
						stats.agreement.disagreements.push(
							`${postcode}: ${alliance ?? 'none'} by ${placed.by}, but its seat ${ms} is wholly in ${expected}`
						);
				}
			}

			const key = `${country}|${seat}|${candidatesKey}|${alliance ?? ''}|${alliance21 ?? ''}`;
			let v = shard.keys.get(key);
			if (v === undefined) {
				v = shard.values.push([country, seat, candidates, alliance, alliance21]) - 1;
				shard.keys.set(key, v);
				allValues.add(key);
			}
			input.onUnit?.(postcode, shard.values[v]!);
			slots.push(slot);
			valueOf.push(v);
		}
		// Units are sorted by their letters, and slots follow the same order.
		for (let i = 1; i < slots.length; i++) {
			if (slots[i]! <= slots[i - 1]!)
				throw new Error(
					`sector ${s.sector}: units are not in order or repeated (${s.units.slice(2 * i - 2, 2 * i + 2)})`
				);
		}
		shard.sectors.set(s.sector, `${encodePresence(slots)}|${encodeRuns(valueOf)}`);
	}

	const files: Record<string, string> = {};
	const encoder = new TextEncoder();
	for (const area of [...shards.keys()].sort()) {
		const shard = shards.get(area)!;
		const out: PostcodeIndexShard = {
			format: POSTCODE_INDEX_FORMAT,
			area,
			values: shard.values,
			sectors: Object.fromEntries(shard.sectors)
		};
		const rel = shardPath(area);
		files[rel] = JSON.stringify(out);
		const size = encoder.encode(files[rel]).length;
		stats.bytes += size;
		if (size > stats.largestFile.bytes) stats.largestFile = { path: rel, bytes: size };
	}
	stats.sectors = seen.size;
	stats.seats.wardsNotInMapping = [...missingWards].sort();
	stats.distinctValues = allValues.size;
	stats.files = Object.keys(files).length;
	return { files, stats };
}
