/**
 * Cell parsing shared by every parser of a published table (CSV in the browser and the ETL, spreadsheets in the ETL):
 * numbers, blanks and header lookup, with errors that name the file, row and column.
 */
import { InputError, type Location } from './errors';

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
	throw new InputError(loc, `expected a number, found ${describe(value)}`);
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

/** Header matching: case, repeated spaces and footnote markers like "(1)" do not matter. */
export function normaliseHeader(s: unknown): string {
	return toText(s)
		.toUpperCase()
		.replace(/\(\d+\)/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The required names (values of `required`) that `header` lacks, in the order given. */
export function missingColumns(header: unknown[], required: Record<string, string>): string[] {
	const names = new Set(header.map(normaliseHeader));
	return Object.values(required).filter((name) => !names.has(normaliseHeader(name)));
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
	const names = header.map(normaliseHeader);
	const out = {} as Record<K, number>;
	const missing: string[] = [];
	for (const key of Object.keys(required) as K[]) {
		const idx = names.indexOf(normaliseHeader(required[key]));
		if (idx < 0) missing.push(required[key]);
		else out[key] = idx;
	}
	if (missing.length > 0) {
		throw new InputError({ ...loc, column: missing.join('", "') }, `required column missing from the header row`);
	}
	return out;
}
