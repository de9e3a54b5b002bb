/**
 * Postcode unit -> 2024 constituency (or candidates) and Cancer Alliance: the index behind GET /api/postcode/{postcode}
 * and the email-your-MP panel. Pure: the caller reads the files and writes what this returns.
 *
 * Method, for every unit of OS Code-Point Open (2023; sources/codepoint-units.ts):
 * 1. Constituency, by ward. The unit's ward (WD23; the one stale code E05012751 read as E05015549, see raw/SOURCES.md)
 *    is looked up in 12v's ward -> 2024 constituency table (postcode counts per seat, from ONSPD Aug 2023 points
 *    against the final 2023 boundaries). Seat names become PCON24 codes via pcon_names_codes_dec2024.json ("Ynys Mon"
 *    is "Ynys Môn"). A ward in one seat settles it (share 1). A split ward gives its seats as candidates, largest first,
 *    each with its share of the ward's postcodes (2 dp); seats under MIN_CANDIDATE_SHARE (2%) are dropped, but the
 *    largest is always kept (so a ward with 99% in one seat gives that seat, share 0.99). Shares are not renormalised.
 * 2. Units with no ward (positional quality 90 or 60) take mySociety's seat from their 2024 range table (share null),
 *    where it gives one; otherwise no candidates (the postcode still exists).
 * 3. Cancer Alliance (20-alliance view, CAL24): English units with coordinates are converted OSGB36 -> WGS84 (proj4)
 *    and placed with createAllianceLocator (point in the unsimplified alliance polygons; outside every polygon, the
 *    nearest edge). Scottish and Welsh units, and English units without coordinates, have none.
 * 4. Cross-check: every unit is looked up in mySociety's range table (decoded here from its published format) and
 *    compared with step 1; the agreement is in `stats.agreement`.
 *
 * Output: one JSON file per postcode area, `postcode-index/<AREA>.json` (format in src/lib/mp/postcode-index.ts).
 */
import proj4 from 'proj4';
import type { FeatureCollection } from 'geojson';
import { EtlError } from '../errors';
import { readCsv } from '../sources/csv';
import { unitPoints, unitWards, type CodePointSectorUnits } from '../sources/codepoint-units';
import { createAllianceLocator, OSGB36_PROJ4 } from './postcode-sectors';
import {
	encodePresence,
	encodeRuns,
	POSTCODE_INDEX_FORMAT,
	unitSlot,
	type IndexCandidate,
	type IndexCountry,
	type IndexValue,
	type PostcodeIndexShard
} from '../../../src/lib/mp/postcode-index';

/** Inputs besides the Code-Point files, relative to the raw folder. */
export const POSTCODE_INDEX_FILES = {
	wardMapping: 'postcodes/12v_ward_to_constituencies_mapping.csv',
	pconNames: 'constituencies/pcon_names_codes_dec2024.json',
	ranges: 'postcodes/checks/mysociety_pcon_2024_ranges.json',
	rangeSeats: 'postcodes/checks/mysociety_pcon_2024_lookup.json'
} as const;

/** Where the shards go, relative to the exports folder (static/data). */
export const POSTCODE_INDEX_DIR = 'postcode-index';

/** Candidate seats holding less than this share of their ward's postcodes are dropped (the largest is always kept). */
export const MIN_CANDIDATE_SHARE = 0.02;

/** Code-Point's one stale ward code -> its WD23 code (raw/SOURCES.md, postcodes/). */
export const WARD_RECODES: Readonly<Record<string, string>> = { E05012751: 'E05015549' };

/** 12v seat names that differ from the PCON24 names. */
export const SEAT_NAME_ALIASES: Readonly<Record<string, string>> = { 'Ynys Mon': 'Ynys Môn' };

export const POSTCODE_INDEX_RULE =
	"postcode unit -> constituency: Code-Point Open (2023) ward (WD23) -> 12v ward-to-2024-constituency table; one seat settles it, a split ward gives its seats with their shares of the ward's postcodes (under 2% dropped); units without a ward take mySociety's 2024 range table. Unit -> Cancer Alliance (CAL24, 20 alliances): the unit's own point (OSGB36 -> WGS84, proj4) in the unsimplified alliance polygons, nearest edge if outside every polygon; England only.";

export interface PostcodeIndexInput {
	/** Every row of parseCodePointUnits over all the Code-Point files. */
	sectors: CodePointSectorUnits[];
	/** The 12v ward -> constituency CSV, as text. */
	wardMapping: string;
	/** pcon_names_codes_dec2024.json, parsed: { PCON24 code: name }. */
	pconNames: unknown;
	/** mysociety_pcon_2024_ranges.json, parsed. */
	ranges: unknown;
	/** mysociety_pcon_2024_lookup.json, parsed. */
	rangeSeats: unknown;
	/** Unsimplified alliance polygons, 20-alliance view (exactAllianceGeoJson(..., '20')). */
	alliances: FeatureCollection;
	/** File names for messages; default POSTCODE_INDEX_FILES. */
	files?: Partial<typeof POSTCODE_INDEX_FILES>;
}

export interface AgreementCount {
	/** Postcodes with an answer from both methods. */
	compared: number;
	agree: number;
	/** agree / compared, 4 dp. */
	rate: number;
}

export interface PostcodeIndexStats {
	postcodes: number;
	byCountry: Record<IndexCountry, number>;
	sectors: number;
	/** How each unit's seat was settled. */
	seats: {
		/** Ward in one seat. */
		singleSeatWard: number;
		/** Split ward, but every seat but the largest under 2%: one candidate. */
		splitWardOneCandidate: number;
		splitWardTwoCandidates: number;
		splitWardThreeCandidates: number;
		/** Only Edinburgh's City Centre ward (S13002929) has four seats, each at least 6% of its postcodes. */
		splitWardFourCandidates: number;
		/** No ward (or a ward not in the table): mySociety's seat. */
		fromMySociety: number;
		/** No ward and no seat from mySociety: exists, constituency unknown. */
		unknown: number;
		/** Ward codes missing from the 12v table (after the recode). */
		wardsNotInMapping: string[];
	};
	agreement: {
		/** Units in wards wholly in one seat: is it mySociety's seat? (first disagreements listed) */
		singleSeatWard: AgreementCount & { disagreements: string[] };
		/** Units in split wards left with one candidate (the others under 2%): is it mySociety's seat? */
		splitOneCandidate: AgreementCount & { disagreements: string[] };
		/** Units in wards with 2-3 candidates: is mySociety's seat among them? */
		splitAmongCandidates: AgreementCount;
		/** ... and is it the largest candidate? */
		splitLargest: AgreementCount;
		/** All units with candidates from their ward: mySociety's seat among the candidates. */
		overallAmongCandidates: AgreementCount;
		/** All units with candidates from their ward: mySociety's seat is the first (largest) candidate. */
		overallFirst: AgreementCount;
		/** The same two, English units only. */
		englandAmongCandidates: AgreementCount;
		englandFirst: AgreementCount;
		/** Units mySociety gives no seat. */
		mySocietyNone: number;
	};
	alliances: {
		/** English units placed by their point. */
		placed: number;
		/** Of those, outside every polygon (placed by the nearest edge), and the farthest, in metres. */
		outside: number;
		outsideMaxMetres: number;
		/** English units with no coordinates: no alliance. */
		unlocatedEnglish: number;
		byAlliance: Record<string, number>;
	};
	/** Distinct (country, candidates, alliance) values, over all shards. */
	distinctValues: number;
	files: number;
	bytes: number;
	largestFile: { path: string; bytes: number };
	timingsMs: { wards: number; ranges: number; units: number; encode: number; total: number };
	rule: string;
}

export interface PostcodeIndexFiles {
	/** Path relative to the exports folder (e.g. "postcode-index/SW.json") -> file content. */
	files: Record<string, string>;
	stats: PostcodeIndexStats;
}

/** Build the index files. Pure: no I/O. Throws EtlError (file, row, column) on malformed lookup inputs. */
export function buildPostcodeIndexFiles(input: PostcodeIndexInput): PostcodeIndexFiles {
	const t0 = performance.now();
	const names = { ...POSTCODE_INDEX_FILES, ...input.files };

	let t = performance.now();
	const seatByName = seatCodesByName(input.pconNames, names.pconNames);
	const wards = readWardMapping(input.wardMapping, names.wardMapping, seatByName);
	const tWards = performance.now() - t;

	t = performance.now();
	const ranges = decodeMySocietyRanges(input.ranges, input.rangeSeats, names.ranges, names.rangeSeats);
	const tRanges = performance.now() - t;

	t = performance.now();
	const locate = createAllianceLocator(input.alliances, '20');
	const toWgs84 = proj4(OSGB36_PROJ4, 'WGS84');

	const stats = emptyStats();
	const missingWards = new Set<string>();
	const single = counter();
	const singleDisagreements: string[] = [];
	const splitOne = counter();
	const splitOneDisagreements: string[] = [];
	const englandAmong = counter();
	const englandFirst = counter();
	const splitAmong = counter();
	const splitLargest = counter();
	const overallAmong = counter();
	const overallFirst = counter();
	let outsideMax = 0;

	// Per shard: value palette (key -> index) and sector strings.
	const shards = new Map<string, { values: IndexValue[]; keys: Map<string, number>; sectors: Map<string, string> }>();
	const allValues = new Set<string>();
	const seenSectors = new Set<string>();
	const sorted = [...input.sectors].sort((a, b) => (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0));
	const fromRanges = new Map<string, IndexCandidate[]>();

	for (const s of sorted) {
		if (seenSectors.has(s.sector))
			throw new Error(
				`postcode sector ${s.sector} appears in two parsed Code-Point row groups (two files for one area?)`
			);
		seenSectors.add(s.sector);
		let shard = shards.get(s.area);
		if (!shard) shards.set(s.area, (shard = { values: [], keys: new Map(), sectors: new Map() }));
		const count = s.units.length / 2;
		const points = unitPoints(s);
		const unitWard = unitWards(s);
		const outward = s.sector.replace(' ', '');
		const slots: number[] = [];
		const valueOf: number[] = [];
		for (let i = 0; i < count; i++) {
			const suffix = s.units.slice(2 * i, 2 * i + 2);
			const postcode = `${s.sector}${suffix}`;
			const slot = unitSlot(suffix);
			if (slot < 0) throw new Error(`${postcode}: not a postcode unit (its last letters are never used by Royal Mail)`);
			const country = (s.country.length === 1 ? s.country : s.country[i]!) as IndexCountry;
			stats.postcodes++;
			stats.byCountry[country]++;

			// Constituency.
			const ms = ranges.seatOf(`${outward}${suffix}`);
			if (ms === null) stats.agreement.mySocietyNone++;
			const rawWard = unitWard[i]!;
			const ward = WARD_RECODES[rawWard] ?? rawWard;
			const entry = ward === '' ? undefined : wards.get(ward);
			if (ward !== '' && !entry) missingWards.add(ward);
			let candidates: IndexCandidate[];
			let candidatesKey: string;
			if (entry) {
				candidates = entry.candidates;
				candidatesKey = entry.key;
				if (entry.seats === 1) stats.seats.singleSeatWard++;
				else if (candidates.length === 1) stats.seats.splitWardOneCandidate++;
				else if (candidates.length === 2) stats.seats.splitWardTwoCandidates++;
				else if (candidates.length === 3) stats.seats.splitWardThreeCandidates++;
				else stats.seats.splitWardFourCandidates++;
				if (ms !== null) {
					const among = candidates.some(([code]) => code === ms);
					const first = candidates[0]![0] === ms;
					tally(overallAmong, among);
					tally(overallFirst, first);
					if (country === 'E') {
						tally(englandAmong, among);
						tally(englandFirst, first);
					}
					if (candidates.length === 1) {
						const [c, list] = entry.seats === 1 ? [single, singleDisagreements] : [splitOne, splitOneDisagreements];
						tally(c, first);
						if (!first && list.length < 20)
							list.push(`${postcode}: ward ${ward} -> ${candidates[0]![0]}, mySociety ${ms}`);
					} else {
						tally(splitAmong, among);
						tally(splitLargest, first);
					}
				}
			} else if (ms !== null) {
				stats.seats.fromMySociety++;
				candidates = fromRanges.get(ms) ?? [[ms, null]];
				fromRanges.set(ms, candidates);
				candidatesKey = `${ms}:-`;
			} else {
				stats.seats.unknown++;
				candidates = [];
				candidatesKey = '';
			}

			// Cancer Alliance.
			let alliance: string | null = null;
			const p = points[i];
			if (country === 'E') {
				if (p) {
					const [lon, lat] = toWgs84.forward(p) as [number, number];
					const hit = locate(lon, lat);
					alliance = hit.code;
					stats.alliances.placed++;
					stats.alliances.byAlliance[alliance] = (stats.alliances.byAlliance[alliance] ?? 0) + 1;
					if (!hit.inside) {
						stats.alliances.outside++;
						outsideMax = Math.max(outsideMax, hit.metres);
					}
				} else stats.alliances.unlocatedEnglish++;
			}

			const key = `${country}|${candidatesKey}|${alliance ?? ''}`;
			let v = shard.keys.get(key);
			if (v === undefined) {
				v = shard.values.push([country, candidates, alliance]) - 1;
				shard.keys.set(key, v);
				allValues.add(key);
			}
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
	const tUnits = performance.now() - t;

	t = performance.now();
	const files: Record<string, string> = {};
	let bytes = 0;
	let largest = { path: '', bytes: 0 };
	const encoder = new TextEncoder();
	for (const area of [...shards.keys()].sort()) {
		const shard = shards.get(area)!;
		const out: PostcodeIndexShard = {
			format: POSTCODE_INDEX_FORMAT,
			area,
			values: shard.values,
			sectors: Object.fromEntries(shard.sectors)
		};
		const rel = `${POSTCODE_INDEX_DIR}/${area}.json`;
		const content = JSON.stringify(out);
		files[rel] = content;
		const size = encoder.encode(content).length;
		bytes += size;
		if (size > largest.bytes) largest = { path: rel, bytes: size };
	}
	const tEncode = performance.now() - t;

	stats.sectors = seenSectors.size;
	stats.seats.wardsNotInMapping = [...missingWards].sort();
	stats.agreement = {
		singleSeatWard: { ...done(single), disagreements: singleDisagreements },
		splitOneCandidate: { ...done(splitOne), disagreements: splitOneDisagreements },
		splitAmongCandidates: done(splitAmong),
		splitLargest: done(splitLargest),
		overallAmongCandidates: done(overallAmong),
		overallFirst: done(overallFirst),
		englandAmongCandidates: done(englandAmong),
		englandFirst: done(englandFirst),
		mySocietyNone: stats.agreement.mySocietyNone
	};
	stats.alliances.outsideMaxMetres = Math.round(outsideMax);
	stats.distinctValues = allValues.size;
	stats.files = Object.keys(files).length;
	stats.bytes = bytes;
	stats.largestFile = largest;
	stats.timingsMs = {
		wards: Math.round(tWards),
		ranges: Math.round(tRanges),
		units: Math.round(tUnits),
		encode: Math.round(tEncode),
		total: Math.round(performance.now() - t0)
	};
	return { files, stats };
}

// ---- Ward -> constituency --------------------------------------------------------------------------------------

export interface WardSeats {
	/** Seats the ward's postcodes fall in (before dropping small ones). */
	seats: number;
	/** Candidates kept, largest first: [PCON24 code, share (2 dp)]. */
	candidates: IndexCandidate[];
	/** A stable key for the candidate list. */
	key: string;
}

const WARD_HEADER = [
	'wardId',
	'ward',
	'constituency1',
	'#postcodes1',
	'constituency2',
	'#postcodes2',
	'constituency3',
	'#postcodes3',
	'constituency4',
	'#postcodes4'
];

/** PCON24 name -> code, from pcon_names_codes_dec2024.json ({ code: name }). */
export function seatCodesByName(json: unknown, file: string = POSTCODE_INDEX_FILES.pconNames): Map<string, string> {
	if (!json || typeof json !== 'object' || Array.isArray(json))
		throw new EtlError({ file }, 'expected a JSON object of { "PCON24 code": "name" }');
	const out = new Map<string, string>();
	for (const [code, name] of Object.entries(json as Record<string, unknown>)) {
		if (!/^[ESWN]\d{8}$/.test(code) || typeof name !== 'string' || name.trim() === '') {
			throw new EtlError(
				{ file },
				`entry "${code}": expected a constituency code (like E14001172) with a name, found ${JSON.stringify(name)}`
			);
		}
		if (out.has(name))
			throw new EtlError({ file }, `the name "${name}" is used by two codes (${out.get(name)} and ${code})`);
		out.set(name, code);
	}
	return out;
}

/** Read 12v's ward -> constituency table: ward code -> candidates (shares of the ward's postcodes, small ones dropped). */
export function readWardMapping(text: string, file: string, seatByName: Map<string, string>): Map<string, WardSeats> {
	const records = readCsv(file, text);
	const header = records[0]?.map((h) => h.trim());
	if (!header || WARD_HEADER.some((h, i) => header[i] !== h)) {
		throw new EtlError(
			{ file, row: 1 },
			`expected the header ${WARD_HEADER.join(',')}, found ${header ? header.join(',') : 'nothing'}`
		);
	}
	const out = new Map<string, WardSeats>();
	const keys = new Map<string, IndexCandidate[]>();
	for (let i = 1; i < records.length; i++) {
		const rec = records[i]!;
		const row = i + 1;
		if (rec.every((c) => c.trim() === '')) {
			if (i === records.length - 1) continue;
			throw new EtlError({ file, row }, 'blank line in the middle of the file');
		}
		const ward = (rec[0] ?? '').trim();
		if (!/^[ESWN]\d{8}$/.test(ward))
			throw new EtlError({ file, row, column: 'wardId' }, `expected a ward code like E05000932, found "${ward}"`);
		if (out.has(ward)) throw new EtlError({ file, row, column: 'wardId' }, `ward ${ward} is listed twice`);
		const seats: { code: string; count: number }[] = [];
		for (let k = 0; k < 4; k++) {
			const nameCol = WARD_HEADER[2 + 2 * k]!;
			const countCol = WARD_HEADER[3 + 2 * k]!;
			const name = (rec[2 + 2 * k] ?? '').trim();
			const countText = (rec[3 + 2 * k] ?? '').trim();
			if (name === '' && countText === '') continue;
			if (name === '')
				throw new EtlError(
					{ file, row, column: nameCol },
					`a postcode count (${countText}) without a constituency name`
				);
			const code = seatByName.get(SEAT_NAME_ALIASES[name] ?? name);
			if (!code)
				throw new EtlError(
					{ file, row, column: nameCol },
					`"${name}" is not a 2024 constituency name in ${POSTCODE_INDEX_FILES.pconNames}`
				);
			if (!/^\d+$/.test(countText))
				throw new EtlError(
					{ file, row, column: countCol },
					`expected a whole number of postcodes, found "${countText}"`
				);
			const count = Number(countText);
			if (count <= 0)
				throw new EtlError({ file, row, column: countCol }, `expected a positive number of postcodes, found ${count}`);
			if (seats.some((s) => s.code === code))
				throw new EtlError({ file, row, column: nameCol }, `"${name}" is listed twice for this ward`);
			seats.push({ code, count });
		}
		if (seats.length === 0)
			throw new EtlError({ file, row, column: 'constituency1' }, `ward ${ward} has no constituency`);
		const total = seats.reduce((a, s) => a + s.count, 0);
		seats.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
		const kept: IndexCandidate[] =
			seats.length === 1
				? [[seats[0]!.code, 1]]
				: seats
						.filter((s, j) => j === 0 || s.count / total >= MIN_CANDIDATE_SHARE)
						.map((s) => [s.code, Math.round((s.count / total) * 100) / 100]);
		const key = kept.map(([c, sh]) => `${c}:${sh}`).join(',');
		// Share one array per distinct candidate list (the values palette holds references).
		const candidates = keys.get(key) ?? kept;
		keys.set(key, candidates);
		out.set(ward, { seats: seats.length, candidates, key });
	}
	if (out.size === 0) throw new EtlError({ file }, 'the file has no wards');
	return out;
}

// ---- mySociety's range table -----------------------------------------------------------------------------------

export interface MySocietyRanges {
	/** Range starts: base-36 postcode integers, ascending. */
	keys: Float64Array;
	/** Per range: PCON24 code, or null. */
	seats: (string | null)[];
	/** The seat of a postcode without spaces in capitals ("SW1A2AA"), or null (none, BT, or before the first key). */
	seatOf(compact: string): string | null;
}

/**
 * Decode mySociety's compressed postcode -> 2024 constituency ranges (raw/SOURCES.md: postcode_keys are the
 * differences between sorted range starts; value_key entries after the first two are 0 for "the same as two
 * entries before"; every entry minus 1 indexes value_values, -1 (or past the end, as in mySociety's mini_lookup.js)
 * for none; a postcode takes the last start <= it).
 */
export function decodeMySocietyRanges(
	json: unknown,
	lookupJson: unknown,
	file: string = POSTCODE_INDEX_FILES.ranges,
	lookupFile: string = POSTCODE_INDEX_FILES.rangeSeats
): MySocietyRanges {
	const j = json as { postcode_keys?: unknown; value_key?: unknown; value_values?: unknown } | null;
	const isInts = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => Number.isInteger(x) && x >= 0);
	if (!j || !isInts(j.postcode_keys))
		throw new EtlError({ file, column: 'postcode_keys' }, 'expected a list of whole numbers');
	if (!isInts(j.value_key)) throw new EtlError({ file, column: 'value_key' }, 'expected a list of whole numbers');
	if (!Array.isArray(j.value_values) || !j.value_values.every((v) => v === null || typeof v === 'string')) {
		throw new EtlError({ file, column: 'value_values' }, 'expected a list of constituency ids (or null)');
	}
	if (j.postcode_keys.length !== j.value_key.length) {
		throw new EtlError(
			{ file },
			`postcode_keys has ${j.postcode_keys.length} entries but value_key has ${j.value_key.length}`
		);
	}
	const lookup = lookupJson as Record<string, { parlcon_2024_gss_code?: unknown }> | null;
	if (!lookup || typeof lookup !== 'object')
		throw new EtlError({ file: lookupFile }, 'expected a JSON object of constituency ids');
	const values = (j.value_values as (string | null)[]).map((id) => {
		if (id === null) return null;
		const gss = lookup[id]?.parlcon_2024_gss_code;
		if (typeof gss !== 'string' || !/^[ESWN]\d{8}$/.test(gss))
			throw new EtlError({ file: lookupFile }, `no GSS code for ${id}`);
		return gss;
	});
	const n = j.postcode_keys.length;
	const keys = new Float64Array(n);
	const seats: (string | null)[] = new Array(n);
	const raw = new Array<number>(n);
	let sum = 0;
	for (let i = 0; i < n; i++) {
		sum += j.postcode_keys[i]!;
		keys[i] = sum;
		const v = j.value_key[i]!;
		raw[i] = i >= 2 && v === 0 ? raw[i - 2]! : v;
		// As mySociety's own reader does, an index past the end of value_values means none.
		const idx = raw[i]! - 1;
		seats[i] = idx < 0 || idx >= values.length ? null : values[idx]!;
	}
	const seatOf = (compact: string): string | null => {
		if (compact.startsWith('BT')) return null;
		const x = parseInt(compact, 36);
		if (!(x >= keys[0]!)) return null;
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (keys[mid]! <= x) lo = mid;
			else hi = mid - 1;
		}
		return seats[lo]!;
	};
	return { keys, seats, seatOf };
}

// ---- Helpers ------------------------------------------------------------------------------------------------------

function emptyStats(): PostcodeIndexStats {
	const a = { compared: 0, agree: 0, rate: 0 };
	return {
		postcodes: 0,
		byCountry: { E: 0, S: 0, W: 0 },
		sectors: 0,
		seats: {
			singleSeatWard: 0,
			splitWardOneCandidate: 0,
			splitWardTwoCandidates: 0,
			splitWardThreeCandidates: 0,
			splitWardFourCandidates: 0,
			fromMySociety: 0,
			unknown: 0,
			wardsNotInMapping: []
		},
		agreement: {
			singleSeatWard: { ...a, disagreements: [] },
			splitOneCandidate: { ...a, disagreements: [] },
			splitAmongCandidates: a,
			splitLargest: a,
			overallAmongCandidates: a,
			overallFirst: a,
			englandAmongCandidates: a,
			englandFirst: a,
			mySocietyNone: 0
		},
		alliances: { placed: 0, outside: 0, outsideMaxMetres: 0, unlocatedEnglish: 0, byAlliance: {} },
		distinctValues: 0,
		files: 0,
		bytes: 0,
		largestFile: { path: '', bytes: 0 },
		timingsMs: { wards: 0, ranges: 0, units: 0, encode: 0, total: 0 },
		rule: POSTCODE_INDEX_RULE
	};
}

function counter(): { compared: number; agree: number } {
	return { compared: 0, agree: 0 };
}
function tally(c: { compared: number; agree: number }, ok: boolean): void {
	c.compared++;
	if (ok) c.agree++;
}
function done(c: { compared: number; agree: number }): AgreementCount {
	return { ...c, rate: c.compared ? Math.round((c.agree / c.compared) * 10000) / 10000 : 0 };
}
