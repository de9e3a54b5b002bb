// Over 300 lines: one format with two reading paths (a fast scan and a general CSV path) that must agree.
/**
 * OS Code-Point Open, every postcode unit: the input of the postcode index (derive/postcode-index.ts). One CSV per
 * postcode area (`postcodes/codepo/csv/<area>.csv`), no header row, columns as in `postcodes/codepo/header.csv`.
 *
 * The parsed form is compact because the orchestrator caches it per file as JSON (1.73 M units in 120 files): one row
 * per postcode SECTOR, holding its unit suffixes as one string, a small table of the sector's places (district and
 * ward), and the units' grid references delta-coded in unit order.
 *
 * Columns read: Postcode, Positional_quality_indicator, Eastings, Northings, Country_code, Admin_district_code (LAD23)
 * and Admin_ward_code (WD23); both admin codes are blank for the 886 English units without them. The NHS and county
 * columns are obsolete (pre-2013 health authorities) and not read.
 */
import { EtlError } from '../errors';
import { checkWidth, readCsv } from './csv';
import type { ParseResult, SourceInfo } from './types';
import { UNIT_LETTERS } from '../../../src/lib/postcode/index-format';

export const CODEPOINT_SOURCE: SourceInfo = {
	id: 'os-codepoint-open',
	title: 'OS Code-Point Open (postcode unit locations, Great Britain; 2023 edition)',
	publisher: 'Ordnance Survey',
	licence:
		'Open Government Licence v3.0; contains OS data © Crown copyright and database right 2023; contains Royal Mail data © Royal Mail copyright and database right 2023; contains National Statistics data © Crown copyright and database right 2023',
	downloadUrl: 'https://www.ordnancesurvey.co.uk/products/code-point-open'
};

/** The column names of a Code-Point Open CSV (the files have no header row). */
export const CODEPOINT_COLUMNS = [
	'Postcode',
	'Positional_quality_indicator',
	'Eastings',
	'Northings',
	'Country_code',
	'NHS_regional_HA_code',
	'NHS_HA_code',
	'Admin_county_code',
	'Admin_district_code',
	'Admin_ward_code'
] as const;

export type CountryLetter = 'E' | 'S' | 'W';

export const COUNTRY_CODES: Record<string, CountryLetter> = { E92000001: 'E', S92000003: 'S', W92000004: 'W' };

/** The digits of `CodePointSectorUnits.place`: index 0-61. */
export const PLACE_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** One postcode sector of a Code-Point file, every unit in it. Arrays are in unit order (units sorted A-Z). */
export interface CodePointSectorUnits {
	/** Normalised sector, e.g. "SW1A 2". */
	sector: string;
	/** Postcode area, e.g. "SW". */
	area: string;
	/** The units' last two letters, concatenated in sorted order: "AAABAD..." is SW1A 2AA, SW1A 2AB, SW1A 2AD... */
	units: string;
	/** One country letter for every unit ("E"), or, in the few sectors across a national border, one letter per unit. */
	country: string;
	/**
	 * The sector's distinct places, in order of first appearance: `districts[i]` (LAD23) with `wards[i]` (WD23); ''
	 * for units without them.
	 */
	districts: string[];
	wards: string[];
	/**
	 * Per unit, one character: its place's index as a digit of PLACE_DIGITS ("0" = place 0). Empty when the sector
	 * has one place.
	 */
	place: string;
	/** Indexes (in unit order) of units without coordinates (positional quality 90, Eastings = Northings = 0). */
	unlocated: number[];
	/**
	 * Eastings and Northings (OSGB36 metres) of the LOCATED units, in unit order, delta-coded: the first value is
	 * absolute, each next one the difference from the previous located unit.
	 */
	e: number[];
	n: number[];
}

const UNIT_RE = /^([A-Z]{1,2})([0-9][0-9A-Z]?) ([0-9])([A-Z]{2})$/;
const MAX_EASTING = 700_000;
const MAX_NORTHING = 1_300_000;
const QUOTE = 34;
const CR = 13;
const WIDTH = CODEPOINT_COLUMNS.length;

interface Unit {
	suffix: string;
	country: CountryLetter;
	district: string;
	ward: string;
	easting: number;
	northing: number;
	located: boolean;
	row: number;
}

/** Collects units by sector, in file order; checks duplicates and unit letters. */
class Collector {
	readonly sectors = new Map<string, { area: string; units: Unit[] }>();
	rows = 0;
	unlocated = 0;
	noPlace = 0;
	private lastKey = '';
	private last: { area: string; units: Unit[] } | null = null;

	constructor(private readonly file: string) {}

	add(sector: string, area: string, unit: Unit): void {
		this.rows++;
		if (!isUnitSuffix(unit.suffix)) {
			throw new EtlError(
				{ file: this.file, row: unit.row, column: 'Postcode' },
				`"${sector}${unit.suffix}" is not a postcode unit: its last two letters use one of C, I, K, M, O or V, which Royal Mail never uses there`
			);
		}
		let s = this.last;
		if (sector !== this.lastKey || !s) {
			s = this.sectors.get(sector) ?? null;
			if (!s) this.sectors.set(sector, (s = { area, units: [] }));
			this.last = s;
			this.lastKey = sector;
		}
		s.units.push(unit);
		if (!unit.located) this.unlocated++;
		if (unit.district === '' && unit.ward === '') this.noPlace++;
	}
}

/** True when both letters are ones Royal Mail uses at the end of a postcode. */
export function isUnitSuffix(suffix: string): boolean {
	return suffix.length === 2 && UNIT_LETTERS.includes(suffix[0]!) && UNIT_LETTERS.includes(suffix[1]!);
}

/**
 * Parse one Code-Point Open area file into sectors with every unit. Throws EtlError naming the file, row and column of
 * the first malformed value, and on a postcode listed twice.
 */
export function parseCodePointUnits(file: string, data: Uint8Array | string): ParseResult<CodePointSectorUnits> {
	const text = (typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data)).replace(/^\uFEFF/, '');
	if (text.trim() === '') throw new EtlError({ file, row: 1 }, 'the file is empty');
	// A direct scan of Code-Point's simple lines is several times faster than a general CSV reader. At the first line
	// of another shape, the whole file is read again by the general path, which names the row and column at fault.
	const collected = scanFast(file, text) ?? scanGeneral(file, text);
	if (collected.rows === 0) throw new EtlError({ file, row: 1 }, 'the file has no postcode rows');

	const rows: CodePointSectorUnits[] = [];
	let mixed = 0;
	for (const [sector, s] of collected.sectors) {
		const units = s.units.sort((a, b) => (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0));
		for (let i = 1; i < units.length; i++) {
			if (units[i]!.suffix === units[i - 1]!.suffix) {
				throw new EtlError(
					{ file, row: Math.max(units[i]!.row, units[i - 1]!.row), column: 'Postcode' },
					`${sector}${units[i]!.suffix} is listed twice (also on row ${Math.min(units[i]!.row, units[i - 1]!.row)})`
				);
			}
		}
		const countries = units.map((u) => u.country).join('');
		const uniform = countries.split('').every((c) => c === countries[0]);
		if (!uniform) mixed++;
		const districts: string[] = [];
		const wards: string[] = [];
		const placeIndex = new Map<string, number>();
		let place = '';
		const unlocated: number[] = [];
		const e: number[] = [];
		const n: number[] = [];
		let pe = 0;
		let pn = 0;
		units.forEach((u, i) => {
			const key = `${u.district}/${u.ward}`;
			let p = placeIndex.get(key);
			if (p === undefined) {
				districts.push(u.district);
				placeIndex.set(key, (p = wards.push(u.ward) - 1));
				if (p >= PLACE_DIGITS.length)
					throw new EtlError(
						{ file, row: u.row, column: 'Admin_ward_code' },
						`sector ${sector} has more than ${PLACE_DIGITS.length} wards`
					);
			}
			place += PLACE_DIGITS[p]!;
			if (!u.located) {
				unlocated.push(i);
				return;
			}
			e.push(u.easting - pe);
			n.push(u.northing - pn);
			pe = u.easting;
			pn = u.northing;
		});
		rows.push({
			sector,
			area: s.area,
			units: units.map((u) => u.suffix).join(''),
			country: uniform ? countries[0]! : countries,
			districts,
			wards,
			place: wards.length === 1 ? '' : place,
			unlocated,
			e,
			n
		});
	}
	const notes = [`${collected.rows} postcode units in ${rows.length} sectors.`];
	if (collected.unlocated) notes.push(`${collected.unlocated} units have no coordinates (positional quality 90).`);
	if (collected.noPlace) notes.push(`${collected.noPlace} units have no district or ward code.`);
	if (mixed) notes.push(`${mixed} sectors have units in two countries.`);
	return { rows, rowsRead: collected.rows, rowsRejected: 0, rowsKept: collected.rows, notes };
}

/** The district (LAD23) and ward (WD23) of each unit of a sector; '' where Code-Point has none. */
export function unitPlaces(s: CodePointSectorUnits): { district: string; ward: string }[] {
	const count = s.units.length / 2;
	const places = s.wards.map((ward, i) => ({ district: s.districts[i]!, ward }));
	if (s.place === '') return new Array<{ district: string; ward: string }>(count).fill(places[0]!);
	const out: { district: string; ward: string }[] = [];
	for (let i = 0; i < count; i++) out.push(places[PLACE_DIGITS.indexOf(s.place[i]!)]!);
	return out;
}

/** Decode a sector's delta-coded points: per unit [easting, northing], or null for units without coordinates. */
export function unitPoints(s: CodePointSectorUnits): ([number, number] | null)[] {
	const count = s.units.length / 2;
	const out: ([number, number] | null)[] = new Array(count).fill(null);
	const missing = new Set(s.unlocated);
	let k = 0;
	let e = 0;
	let n = 0;
	for (let i = 0; i < count; i++) {
		if (missing.has(i)) continue;
		e += s.e[k]!;
		n += s.n[k]!;
		k++;
		out[i] = [e, n];
	}
	return out;
}

/** A field between `from` and `to` (exclusive), without its surrounding quotes; null if quoted badly. */
function field(text: string, from: number, to: number): string | null {
	if (from < to && text.charCodeAt(from) === QUOTE) {
		if (to - from < 2 || text.charCodeAt(to - 1) !== QUOTE) return null;
		from++;
		to--;
	}
	const v = text.slice(from, to);
	return v.includes('"') ? null : v;
}

/** The fast path: null as soon as a line is not ten simple fields of the expected kinds. */
function scanFast(file: string, text: string): Collector | null {
	const out = new Collector(file);
	const len = text.length;
	const commas = new Int32Array(WIDTH + 1);
	let pos = 0;
	let row = 0;
	while (pos < len) {
		let end = text.indexOf('\n', pos);
		if (end === -1) end = len;
		row++;
		let lineEnd = end;
		if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
		if (lineEnd === pos) {
			if (end >= len - 1) break; // the trailing newline
			return null;
		}
		// Field boundaries: exactly nine commas.
		let k = 0;
		commas[0] = pos - 1;
		for (let q = text.indexOf(',', pos); q !== -1 && q < lineEnd; q = text.indexOf(',', q + 1)) {
			if (++k > WIDTH - 1) return null;
			commas[k] = q;
		}
		if (k !== WIDTH - 1) return null;
		commas[WIDTH] = lineEnd;
		const pc = field(text, commas[0]! + 1, commas[1]!);
		const m = pc === null ? null : UNIT_RE.exec(pc);
		if (!m) return null;
		const pqi = digits(text, commas[1]! + 1, commas[2]!);
		const easting = digits(text, commas[2]! + 1, commas[3]!);
		const northing = digits(text, commas[3]! + 1, commas[4]!);
		if (pqi < 0 || easting < 0 || northing < 0 || easting > MAX_EASTING || northing > MAX_NORTHING) return null;
		const cc = field(text, commas[4]! + 1, commas[5]!);
		const country = cc === null ? undefined : COUNTRY_CODES[cc];
		if (!country) return null;
		const district = field(text, commas[8]! + 1, commas[9]!);
		if (district === null || !districtOk(district)) return null;
		const ward = field(text, commas[9]! + 1, commas[10]!);
		if (ward === null || !wardOk(ward)) return null;
		for (let f = 5; f < 8; f++) if (field(text, commas[f]! + 1, commas[f + 1]!) === null) return null;
		addUnit(out, m, pqi, { country, district, ward, easting, northing, row });
		pos = end + 1;
	}
	return out;
}

/** A whole number of at least one digit between from and to; -1 otherwise. */
function digits(text: string, from: number, to: number): number {
	if (to <= from) return -1;
	let v = 0;
	for (let p = from; p < to; p++) {
		const ch = text.charCodeAt(p);
		if (ch < 48 || ch > 57) return -1;
		v = v * 10 + (ch - 48);
	}
	return v;
}

const WARD_RE = /^(?:E05|W05|S13)\d{6}$/;
function wardOk(ward: string): boolean {
	return ward === '' || WARD_RE.test(ward);
}
const DISTRICT_RE = /^(?:E0[6-9]|W06|S12)\d{6}$/;
function districtOk(district: string): boolean {
	return district === '' || DISTRICT_RE.test(district);
}

/** The general path: any CSV quoting, any spacing in postcodes, and an EtlError at the first bad value. */
function scanGeneral(file: string, text: string): Collector {
	const records = readCsv(file, text);
	const header = CODEPOINT_COLUMNS as unknown as string[];
	const out = new Collector(file);
	for (let i = 0; i < records.length; i++) {
		const rec = records[i]!;
		const row = i + 1;
		if (rec.length === 1 && rec[0]!.trim() === '') {
			if (i === records.length - 1) continue;
			throw new EtlError({ file, row }, 'blank line in the middle of the file; is it two files joined, or damaged?');
		}
		checkWidth(file, rec, header, row);
		const compact = rec[0]!.replace(/\s+/g, '').toUpperCase();
		const m = UNIT_RE.exec(`${compact.slice(0, -3)} ${compact.slice(-3)}`);
		if (!m)
			throw new EtlError(
				{ file, row, column: 'Postcode' },
				`"${rec[0]}" is not a postcode unit (expected e.g. "SW1A 2AA")`
			);
		const pqi = integer(rec[1]!, file, row, 'Positional_quality_indicator');
		const easting = integer(rec[2]!, file, row, 'Eastings');
		const northing = integer(rec[3]!, file, row, 'Northings');
		if (easting < 0 || easting > MAX_EASTING)
			throw new EtlError(
				{ file, row, column: 'Eastings' },
				`easting ${easting} is outside the National Grid (0-${MAX_EASTING} m)`
			);
		if (northing < 0 || northing > MAX_NORTHING)
			throw new EtlError(
				{ file, row, column: 'Northings' },
				`northing ${northing} is outside the National Grid (0-${MAX_NORTHING} m)`
			);
		const countryCode = rec[4]!.trim();
		const country = COUNTRY_CODES[countryCode];
		if (!country) {
			throw new EtlError(
				{ file, row, column: 'Country_code' },
				`expected E92000001 (England), S92000003 (Scotland) or W92000004 (Wales), found ${countryCode === '' ? 'an empty value' : `"${countryCode}"`}`
			);
		}
		const district = rec[8]!.trim();
		if (!districtOk(district)) {
			throw new EtlError(
				{ file, row, column: 'Admin_district_code' },
				`expected a local authority district code (E06-E09, W06 or S12 followed by six digits) or nothing, found "${district.length > 40 ? district.slice(0, 40) + '…' : district}"`
			);
		}
		const ward = rec[9]!.trim();
		if (!wardOk(ward)) {
			throw new EtlError(
				{ file, row, column: 'Admin_ward_code' },
				`expected a ward code (E05, W05 or S13 followed by six digits) or nothing, found "${ward.length > 40 ? ward.slice(0, 40) + '…' : ward}"`
			);
		}
		addUnit(out, m, pqi, { country, district, ward, easting, northing, row });
	}
	return out;
}

/** A row read by either path: units with positional quality 90 (or no grid reference) have no location. */
function addUnit(out: Collector, m: RegExpExecArray, pqi: number, unit: Omit<Unit, 'suffix' | 'located'>): void {
	const located = pqi < 90 && !(unit.easting === 0 && unit.northing === 0);
	out.add(`${m[1]}${m[2]} ${m[3]}`, m[1]!, { ...unit, suffix: m[4]!, located });
}

function integer(raw: string, file: string, row: number, column: string): number {
	const t = raw.trim();
	if (!/^\d+$/.test(t)) {
		throw new EtlError(
			{ file, row, column },
			`expected a whole number, found ${t === '' ? 'an empty value' : `the text "${t.length > 40 ? t.slice(0, 40) + '…' : t}"`}`
		);
	}
	return Number(t);
}
