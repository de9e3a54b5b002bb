/**
 * Thin helpers over SheetJS (@e965/xlsx, a maintained republish of SheetJS 0.20): read only the sheets asked for,
 * get rows as arrays, and parse cells with errors that name file, sheet, row and column.
 */
import * as XLSX from '@e965/xlsx';
import { EtlError, type Location } from '../errors';

export function readWorkbook(file: string, data: Uint8Array, sheets?: string[]): XLSX.WorkBook {
	try {
		return XLSX.read(data, { type: 'array', dense: true, cellDates: true, cellFormula: false, cellHTML: false, cellText: false, sheets });
	} catch (error) {
		throw new EtlError({ file }, `cannot be read as a spreadsheet (${(error as Error).message}); is it truncated?`);
	}
}

export function getSheet(wb: XLSX.WorkBook, file: string, name: string): XLSX.WorkSheet {
	const ws = wb.Sheets[name];
	if (!ws) {
		throw new EtlError({ file, sheet: name }, `sheet is missing (sheets present: ${wb.SheetNames.join(', ')})`);
	}
	return ws;
}

/** All rows of a sheet as arrays of raw cell values (row i of the result is spreadsheet row i + 1). */
export function sheetRows(ws: XLSX.WorkSheet): unknown[][] {
	const ref = ws['!ref'];
	if (!ref) return [];
	// Force the range to start at A1 so that row and column indexes match what a person sees in the spreadsheet.
	const end = XLSX.utils.decode_range(ref).e;
	const range = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: end });
	return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true, range });
}

/** Spreadsheet column letter for a 0-based index: 0 -> A, 27 -> AB. */
export function columnLetter(index: number): string {
	return XLSX.utils.encode_col(index);
}

export function isBlank(value: unknown): boolean {
	return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A required finite number; numeric text ("1,234", " 12.5 ") is accepted, anything else is an error at `loc`. */
export function toNumber(value: unknown, loc: Location): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		const cleaned = value.trim().replace(/,/g, '');
		if (cleaned !== '' && /^-?\d*\.?\d+(e-?\d+)?$/i.test(cleaned)) return Number(cleaned);
	}
	throw new EtlError(loc, `expected a number, found ${describe(value)}`);
}

/** Like toNumber, but the given markers (e.g. "[u1]", "-") and blanks mean missing, not zero. */
export function toOptionalNumber(value: unknown, loc: Location, missingMarkers: readonly string[] = []): number | null {
	if (isBlank(value)) return null;
	if (typeof value === 'string' && missingMarkers.includes(value.trim())) return null;
	return toNumber(value, loc);
}

export function toText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString();
	return String(value).trim();
}

function describe(value: unknown): string {
	if (value === null || value === undefined) return 'an empty cell';
	if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
	return `${typeof value} ${String(value)}`;
}

/**
 * Map required header names to column indexes. Matching ignores case, repeated spaces and footnote markers like "(1)".
 * Throws naming every missing column.
 */
export function findColumns<K extends string>(
	header: unknown[],
	required: Record<K, string>,
	loc: Location
): Record<K, number> {
	const norm = (s: unknown) => toText(s).toUpperCase().replace(/\(\d+\)/g, '').replace(/\s+/g, ' ').trim();
	const names = header.map(norm);
	const out = {} as Record<K, number>;
	const missing: string[] = [];
	for (const key of Object.keys(required) as K[]) {
		const idx = names.indexOf(norm(required[key]));
		if (idx < 0) missing.push(required[key]);
		else out[key] = idx;
	}
	if (missing.length > 0) {
		throw new EtlError({ ...loc, column: missing.join('", "') }, `required column missing from the header row`);
	}
	return out;
}
