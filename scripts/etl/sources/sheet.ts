/**
 * Thin helpers over SheetJS (@e965/xlsx, a maintained republish of SheetJS 0.20): read only the sheets asked for and
 * get rows as arrays. Cell parsing (numbers, blanks, header lookup) is shared with the browser in src/lib/formats and
 * re-exported here so the workbook parsers keep one import.
 */
import * as XLSX from '@e965/xlsx';
import { EtlError } from '../errors';

export { findColumns, isBlank, toNumber, toOptionalNumber, toText } from '../../../src/lib/formats/cells';

export function readWorkbook(file: string, data: Uint8Array, sheets?: string[]): XLSX.WorkBook {
	try {
		return XLSX.read(data, {
			type: 'array',
			dense: true,
			cellDates: true,
			cellFormula: false,
			cellHTML: false,
			cellText: false,
			sheets
		});
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
