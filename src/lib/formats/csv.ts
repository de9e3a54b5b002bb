/**
 * CSV text -> records for the parsers of published CSVs, with errors that name the file, row and column.
 * papaparse does the reading; this adds the checks every parser needs (truncation, ragged rows, whole counts).
 * Browser-safe: the ETL reads whole files with `readCsv`, the browser streams with the same papaparse options.
 */
import Papa from 'papaparse';
import { InputError, type Location } from './errors';
import { isBlank, toNumber, toText } from './cells';

/** How every CSV here is read: comma-separated, no header handling (the validators map columns), blank lines kept. */
export const CSV_PARSE_OPTIONS = { header: false, delimiter: ',', skipEmptyLines: false } as const;

/** CSV text (UTF-8, optional BOM) to records; record i is line i + 1 when no quoted value spans lines. */
export function readCsv(file: string, data: Uint8Array | string): string[][] {
	const text = (typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data)).replace(/^\uFEFF/, '');
	const parsed = Papa.parse<string[]>(text, CSV_PARSE_OPTIONS);
	const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
	if (quoteError)
		throw unterminatedQuote(file, quoteError.row === undefined ? undefined : quoteError.row + 1, quoteError.message);
	return parsed.data;
}

/** A quote papaparse could not close: almost always a file cut short. */
export function unterminatedQuote(file: string, row: number | undefined, message: string): InputError {
	return new InputError({ file, row }, `${message}; is the file truncated?`);
}

export function checkWidth(file: string, record: string[], header: string[], row: number): void {
	const width = header.length;
	if (record.length < width) {
		throw new InputError(
			{ file, row, column: toText(header[record.length]) },
			`row has ${record.length} values but the header has ${width}, so this column and those after it are missing; is the file truncated or a value unquoted?`
		);
	}
	if (record.length > width && !record.slice(width).every(isBlank)) {
		throw new InputError(
			{ file, row },
			`row has ${record.length} values but the header has ${width}; is a comma inside an unquoted value?`
		);
	}
}

/**
 * The data rows of a CSV read whole with `readCsv`: after the header, blank lines skipped, each checked against the
 * header's width. `row` is the line a spreadsheet shows (header = 1). Lazy, so a row's own errors come before a later
 * row's width error, as they would in a hand-written loop.
 */
export function* dataRows(file: string, records: string[][]): Generator<{ row: number; record: string[] }> {
	const header = records[0] ?? [];
	for (let i = 1; i < records.length; i++) {
		const record = records[i]!;
		if (record.every(isBlank)) continue;
		checkWidth(file, record, header, i + 1);
		yield { row: i + 1, record };
	}
}

/** Keys a file must not repeat: `add` throws the caller's error, told the row where the key first appeared. */
export class UniqueRows {
	readonly #first = new Map<string, number>();
	add(key: string, row: number, repeated: (firstRow: number) => Error): void {
		const first = this.#first.get(key);
		if (first !== undefined) throw repeated(first);
		this.#first.set(key, row);
	}
}

/** A count: a whole number of 0 or more. */
export function wholeNumber(value: unknown, loc: Location): number {
	const n = toNumber(value, loc);
	if (!Number.isInteger(n) || n < 0) throw new InputError(loc, `expected a whole number of 0 or more, found ${n}`);
	return n;
}
