/**
 * OS Code-Point Open, every postcode unit: for the postcode -> constituency / Cancer Alliance index
 * (derive/postcode-index.ts). Same files as ./codepoint.ts (one CSV per postcode area, no header row, columns as in
 * `postcodes/codepo/header.csv`), but nothing is sampled: each unit keeps its own point and ward.
 *
 * The parsed form is compact because the orchestrator caches it per file as JSON (1.73 M units in 120 files): one row
 * per postcode SECTOR, holding its unit suffixes as one string, a small table of the sector's wards, and the units'
 * grid references delta-coded in unit order.
 *
 * Columns read: Postcode, Positional_quality_indicator, Eastings, Northings, Country_code and Admin_ward_code (WD23;
 * blank for 886 English units without a ward). The NHS, county and district columns are not used.
 */
import { EtlError } from '../errors';
import { checkWidth, readCsv } from './csv';
import {
	CODEPOINT_COLUMNS,
	COUNTRY_CODES,
	SAMPLES_PER_SECTOR,
	type CountryLetter,
	type SectorPoints
} from './codepoint';
import type { ParseResult } from './types';
import { UNIT_LETTERS } from '../../../src/lib/mp/postcode-index';

/** The digits of `CodePointSectorUnits.ward`: index 0-61. */
export const WARD_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

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
	/** Distinct ward codes (WD23) of the sector's units, in order of first appearance; '' for units without a ward. */
	wards: string[];
	/**
	 * Per unit, one character: its index in `wards` as a digit of WARD_DIGITS ("0" = wards[0]). Empty when the sector
	 * has one ward (every unit is wards[0]).
	 */
	ward: string;
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
	noWard = 0;
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
		if (unit.ward === '') this.noWard++;
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
		const wards: string[] = [];
		const wardIndex = new Map<string, number>();
		let ward = '';
		const unlocated: number[] = [];
		const e: number[] = [];
		const n: number[] = [];
		let pe = 0;
		let pn = 0;
		units.forEach((u, i) => {
			let w = wardIndex.get(u.ward);
			if (w === undefined) {
				wardIndex.set(u.ward, (w = wards.push(u.ward) - 1));
				if (w >= WARD_DIGITS.length)
					throw new EtlError(
						{ file, row: u.row, column: 'Admin_ward_code' },
						`sector ${sector} has more than ${WARD_DIGITS.length} wards`
					);
			}
			ward += WARD_DIGITS[w]!;
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
			wards,
			ward: wards.length === 1 ? '' : ward,
			unlocated,
			e,
			n
		});
	}
	const notes = [`${collected.rows} postcode units in ${rows.length} sectors`];
	if (collected.unlocated) notes.push(`${collected.unlocated} units have no coordinates (positional quality 90)`);
	if (collected.noWard) notes.push(`${collected.noWard} units have no ward code`);
	if (mixed) notes.push(`${mixed} sectors have units in two countries`);
	return { rows, rowsRead: collected.rows, rowsRejected: 0, notes };
}

/** The ward code of each unit of a sector. */
export function unitWards(s: CodePointSectorUnits): string[] {
	const count = s.units.length / 2;
	if (s.ward === '') return new Array<string>(count).fill(s.wards[0]!);
	const out: string[] = [];
	for (let i = 0; i < count; i++) out.push(s.wards[WARD_DIGITS.indexOf(s.ward[i]!)]!);
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

/**
 * The same sector as ./codepoint.ts's parser gives it (per country: postcode count, located count and up to
 * SAMPLES_PER_SECTOR sample points spread evenly over the located units in file order), so one parse of the
 * Code-Point files can feed both the sector index (derive/postcode-sectors.ts) and the unit index. Code-Point lists
 * each sector's units in order, so unit order is file order; the golden test checks the result is identical.
 */
export function sectorPointsFromUnits(s: CodePointSectorUnits): SectorPoints {
	const count = s.units.length / 2;
	const points = unitPoints(s);
	const byCountry = new Map<CountryLetter, { postcodes: number; e: number[]; n: number[] }>();
	for (let i = 0; i < count; i++) {
		const letter = (s.country.length === 1 ? s.country : s.country[i]!) as CountryLetter;
		let c = byCountry.get(letter);
		if (!c) byCountry.set(letter, (c = { postcodes: 0, e: [], n: [] }));
		c.postcodes++;
		const p = points[i];
		if (p) {
			c.e.push(p[0]);
			c.n.push(p[1]);
		}
	}
	const countries: SectorPoints['countries'] = {};
	let country: CountryLetter = 'E';
	let most = -1;
	for (const letter of ['E', 'W', 'S'] as const) {
		const c = byCountry.get(letter);
		if (!c) continue;
		if (c.postcodes > most) {
			most = c.postcodes;
			country = letter;
		}
		countries[letter] = { postcodes: c.postcodes, located: c.e.length, points: spread(c.e, c.n, SAMPLES_PER_SECTOR) };
	}
	return { sector: s.sector, area: s.area, country, postcodes: count, unlocated: s.unlocated.length, countries };
}

/** `k` points spread evenly over the list (as ./codepoint.ts): the middle one of each of k equal runs. */
function spread(e: number[], n: number[], k: number): number[] {
	const out: number[] = [];
	const count = e.length;
	if (count <= k) {
		for (let i = 0; i < count; i++) out.push(e[i]!, n[i]!);
		return out;
	}
	for (let j = 0; j < k; j++) {
		const i = Math.floor(((j + 0.5) * count) / k);
		out.push(e[i]!, n[i]!);
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
		const ward = field(text, commas[9]! + 1, commas[10]!);
		if (ward === null || !wardOk(ward)) return null;
		for (let f = 5; f < 9; f++) if (field(text, commas[f]! + 1, commas[f + 1]!) === null) return null;
		const located = pqi < 90 && !(easting === 0 && northing === 0);
		out.add(`${m[1]}${m[2]} ${m[3]}`, m[1]!, { suffix: m[4]!, country, ward, easting, northing, located, row });
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
		const ward = rec[9]!.trim();
		if (!wardOk(ward)) {
			throw new EtlError(
				{ file, row, column: 'Admin_ward_code' },
				`expected a ward code (E05, W05 or S13 followed by six digits) or nothing, found "${ward.length > 40 ? ward.slice(0, 40) + '…' : ward}"`
			);
		}
		const located = pqi < 90 && !(easting === 0 && northing === 0);
		out.add(`${m[1]}${m[2]} ${m[3]}`, m[1]!, { suffix: m[4]!, country, ward, easting, northing, located, row });
	}
	return out;
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
