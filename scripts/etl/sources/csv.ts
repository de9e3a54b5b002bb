/**
 * CSV text -> records for the parsers of published CSVs, with errors that name the file, row and column.
 * papaparse does the reading; this adds the checks every parser needs (truncation, ragged rows, whole counts).
 */
import Papa from 'papaparse';
import { EtlError, type Location } from '../errors';
import { isBlank, toNumber, toText } from './sheet';

export function readCsv(file: string, data: Uint8Array | string): string[][] {
	const text = (typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data)).replace(/^\uFEFF/, '');
	const parsed = Papa.parse<string[]>(text, { header: false, delimiter: ',', skipEmptyLines: false });
	const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
	if (quoteError) {
		throw new EtlError(
			{ file, row: quoteError.row === undefined ? undefined : quoteError.row + 1 },
			`${quoteError.message}; is the file truncated?`
		);
	}
	return parsed.data;
}

export function checkWidth(file: string, record: string[], header: string[], row: number): void {
	const width = header.length;
	if (record.length < width) {
		throw new EtlError(
			{ file, row, column: toText(header[record.length]) },
			`row has ${record.length} values but the header has ${width}, so this column and those after it are missing; is the file truncated or a value unquoted?`
		);
	}
	if (record.length > width && !record.slice(width).every(isBlank)) {
		throw new EtlError({ file, row }, `row has ${record.length} values but the header has ${width}; is a comma inside an unquoted value?`);
	}
}

/** A count: a whole number of 0 or more. */
export function wholeNumber(value: unknown, loc: Location): number {
	const n = toNumber(value, loc);
	if (!Number.isInteger(n) || n < 0) throw new EtlError(loc, `expected a whole number of 0 or more, found ${n}`);
	return n;
}
