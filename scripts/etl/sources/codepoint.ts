/**
 * OS Code-Point Open: one CSV per postcode area (`postcodes/codepo/csv/<area>.csv`), no header row, columns as in
 * `postcodes/codepo/header.csv`: Postcode, Positional_quality_indicator, Eastings, Northings, Country_code,
 * NHS_regional_HA_code, NHS_HA_code, Admin_county_code, Admin_district_code, Admin_ward_code. Eastings and Northings
 * are OSGB36 / EPSG:27700 metres.
 *
 * The parser groups a file's postcode units by postcode sector ("SW1A 2") and keeps, per sector and country, the
 * postcode count and up to SAMPLES_PER_SECTOR sample points spread evenly across the sector's located postcodes in
 * file order (deterministic). Rows with positional quality 90 (no coordinates: Eastings and Northings 0) are counted
 * but not sampled. Only the first five columns are read; the admin and NHS columns are obsolete for this purpose.
 */
import { EtlError } from '../errors';
import { checkWidth, readCsv } from './csv';
import type { ParseResult, SourceInfo } from './types';

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

export const SAMPLES_PER_SECTOR = 40;

export type CountryLetter = 'E' | 'S' | 'W';

export const COUNTRY_CODES: Record<string, CountryLetter> = { E92000001: 'E', S92000003: 'S', W92000004: 'W' };

/** The postcodes of one country within a sector. */
export interface SectorCountryPoints {
	/** Postcode units in this sector and country (with or without coordinates). */
	postcodes: number;
	/** Of those, units with coordinates (positional quality below 90). */
	located: number;
	/** Sample points as a flat list [e0, n0, e1, n1, ...] (OSGB36 metres); at most SAMPLES_PER_SECTOR points. */
	points: number[];
}

/** One postcode sector of a Code-Point area file. */
export interface SectorPoints {
	/** Normalised sector, e.g. "SW1A 2". */
	sector: string;
	/** Postcode area, e.g. "SW". */
	area: string;
	/** The country of most of the sector's postcodes (ties: E, then W, then S). */
	country: CountryLetter;
	/** All postcode units in the sector. */
	postcodes: number;
	/** Units without coordinates (PQI 90, Eastings = Northings = 0): counted, never sampled. */
	unlocated: number;
	/** Per country present; a sector on the English-Welsh or English-Scottish border has two entries. */
	countries: Partial<Record<CountryLetter, SectorCountryPoints>>;
}

const SECTOR_RE = /^([A-Z]{1,2})([0-9][0-9A-Z]?) ([0-9])[A-Z]{2}$/;
// Generous bounds of the OS National Grid (metres); anything outside is a broken value, not a place in Great Britain.
const MAX_EASTING = 700_000;
const MAX_NORTHING = 1_300_000;

interface Building {
	sector: string;
	area: string;
	unlocated: number;
	byCountry: Map<CountryLetter, { postcodes: number; e: number[]; n: number[] }>;
}

/** Collects rows into sectors (shared by the fast and the general reading paths). */
class SectorCollector {
	readonly sectors = new Map<string, Building>();
	rowsRead = 0;
	unlocated = 0;
	private lastKey = '';
	private last: Building | null = null;

	add(sectorKey: string, area: string, pqi: number, easting: number, northing: number, country: CountryLetter): void {
		this.rowsRead++;
		let s = this.last;
		if (sectorKey !== this.lastKey || !s) {
			s = this.sectors.get(sectorKey) ?? null;
			if (!s) this.sectors.set(sectorKey, (s = { sector: sectorKey, area, unlocated: 0, byCountry: new Map() }));
			this.last = s;
			this.lastKey = sectorKey;
		}
		let c = s.byCountry.get(country);
		if (!c) s.byCountry.set(country, (c = { postcodes: 0, e: [], n: [] }));
		c.postcodes++;
		if (pqi >= 90 || (easting === 0 && northing === 0)) {
			s.unlocated++;
			this.unlocated++;
			return;
		}
		c.e.push(easting);
		c.n.push(northing);
	}
}

/** Parse one Code-Point Open area file. Throws EtlError naming file, row and column on any malformed value. */
export function parseCodePoint(file: string, data: Uint8Array | string): ParseResult<SectorPoints> {
	const text = (typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data)).replace(/^\uFEFF/, '');
	if (text.trim() === '') throw new EtlError({ file, row: 1 }, 'the file is empty');
	// Code-Point lines are simple, so a direct scan reads 1.7 M lines several times faster than a general CSV reader.
	// At the first line that is not of the expected simple shape, the whole file is read again by the general path
	// (readCsv + checks), which names the file, row and column of the problem.
	const collected = scanFast(text) ?? scanGeneral(file, text);

	const rows: SectorPoints[] = [];
	for (const s of collected.sectors.values()) {
		const countries: SectorPoints['countries'] = {};
		let postcodes = 0;
		let country: CountryLetter = 'E';
		let most = -1;
		for (const letter of ['E', 'W', 'S'] as const) {
			const c = s.byCountry.get(letter);
			if (!c) continue;
			postcodes += c.postcodes;
			if (c.postcodes > most) {
				most = c.postcodes;
				country = letter;
			}
			countries[letter] = { postcodes: c.postcodes, located: c.e.length, points: spread(c.e, c.n, SAMPLES_PER_SECTOR) };
		}
		rows.push({ sector: s.sector, area: s.area, country, postcodes, unlocated: s.unlocated, countries });
	}

	const notes = [
		`${collected.rowsRead} postcode units in ${rows.length} sectors; up to ${SAMPLES_PER_SECTOR} sample points per sector and country, spread evenly in file order`
	];
	if (collected.unlocated > 0)
		notes.push(
			`${collected.unlocated} units have no coordinates (positional quality 90, Eastings and Northings 0): counted, not sampled`
		);
	const mixed = rows.filter((r) => Object.keys(r.countries).length > 1).map((r) => r.sector);
	if (mixed.length) notes.push(`${mixed.length} sectors span two countries: ${mixed.join(', ')}`);
	return { rows, rowsRead: collected.rowsRead, rowsRejected: 0, notes };
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;

/** The fast path: null as soon as a line is not `"postcode",digits,digits,digits,"country code",<5 more values>`. */
function scanFast(text: string): SectorCollector | null {
	const out = new SectorCollector();
	const len = text.length;
	let pos = 0;
	while (pos < len) {
		let end = text.indexOf('\n', pos);
		if (end === -1) end = len;
		let lineEnd = end;
		if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
		if (lineEnd === pos) {
			if (end >= len - 1) break; // the trailing newline
			return null;
		}
		// Postcode, quoted or not.
		const c0 = text.indexOf(',', pos);
		if (c0 === -1 || c0 > lineEnd) return null;
		let pcStart = pos;
		let pcEnd = c0;
		if (text.charCodeAt(pcStart) === QUOTE) {
			if (pcEnd - pcStart < 2 || text.charCodeAt(pcEnd - 1) !== QUOTE) return null;
			pcStart++;
			pcEnd--;
		}
		const m = SECTOR_RE.exec(text.slice(pcStart, pcEnd));
		if (!m) return null;
		// Three whole numbers: PQI, Eastings, Northings.
		let pqi = 0;
		let easting = 0;
		let northing = 0;
		let p = c0 + 1;
		for (let k = 0; k < 3; k++) {
			let v = 0;
			const from = p;
			let ch = text.charCodeAt(p);
			while (ch >= 48 && ch <= 57) {
				v = v * 10 + (ch - 48);
				ch = text.charCodeAt(++p);
			}
			if (p === from || ch !== COMMA || p > lineEnd) return null;
			if (k === 0) pqi = v;
			else if (k === 1) easting = v;
			else northing = v;
			p++;
		}
		if (easting > MAX_EASTING || northing > MAX_NORTHING) return null;
		// Country code.
		const c4 = text.indexOf(',', p);
		if (c4 === -1 || c4 > lineEnd) return null;
		let ccStart = p;
		let ccEnd = c4;
		if (text.charCodeAt(ccStart) === QUOTE) {
			if (ccEnd - ccStart < 2 || text.charCodeAt(ccEnd - 1) !== QUOTE) return null;
			ccStart++;
			ccEnd--;
		}
		const country = COUNTRY_CODES[text.slice(ccStart, ccEnd)];
		if (!country) return null;
		// Exactly five more values (Code-Point's quoted codes never hold commas or quotes).
		let commas = 0;
		for (let q = text.indexOf(',', c4 + 1); q !== -1 && q < lineEnd; q = text.indexOf(',', q + 1)) commas++;
		if (commas !== 4) return null;
		const lastQuote = text.lastIndexOf('"', lineEnd - 1);
		if (lastQuote > c4 && text.charCodeAt(lineEnd - 1) !== QUOTE) return null; // an unclosed quote (cut short)
		out.add(`${m[1]}${m[2]} ${m[3]}`, m[1]!, pqi, easting, northing, country);
		pos = end + 1;
	}
	return out;
}

/** The general path: any CSV quoting, any spacing in postcodes, and an EtlError at the first bad value. */
function scanGeneral(file: string, text: string): SectorCollector {
	const records = readCsv(file, text);
	const header = CODEPOINT_COLUMNS as unknown as string[];
	const out = new SectorCollector();
	for (let i = 0; i < records.length; i++) {
		const rec = records[i]!;
		const row = i + 1;
		if (rec.length === 1 && rec[0]!.trim() === '') {
			// A blank line: fine at the very end (trailing newline), an error anywhere else.
			if (i === records.length - 1) continue;
			throw new EtlError({ file, row }, 'blank line in the middle of the file; is it two files joined, or damaged?');
		}
		checkWidth(file, rec, header, row);

		// Code-Point writes "B1 1BB"; older editions padded to 7 characters ("B1  1BB"): both read the same.
		const compact = rec[0]!.replace(/\s+/g, '').toUpperCase();
		const m = SECTOR_RE.exec(`${compact.slice(0, -3)} ${compact.slice(-3)}`);
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
		out.add(`${m[1]}${m[2]} ${m[3]}`, m[1]!, pqi, easting, northing, country);
	}
	if (out.rowsRead === 0) throw new EtlError({ file, row: 1 }, 'the file has no postcode rows');
	return out;
}

/** `k` points spread evenly over the list: the middle one of each of k equal runs (all of them if there are no more than k). */
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

function integer(raw: string, file: string, row: number, column: string): number {
	const t = raw.trim();
	if (!/^-?\d+$/.test(t)) {
		throw new EtlError(
			{ file, row, column },
			`expected a whole number, found ${t === '' ? 'an empty value' : `the text "${t.length > 40 ? t.slice(0, 40) + '…' : t}"`}`
		);
	}
	return Number(t);
}
