/**
 * Small, strict readers for the geography inputs: CSV text (papaparse) and JSON code -> name lists.
 * Pure: they take file contents and return data; every problem is an EtlError naming file, row and column.
 */
import Papa from 'papaparse';
import { EtlError } from '../errors';
import { findColumns } from './sheet';

export interface CsvTable<K extends string> {
	file: string;
	/** row: 1-based row as a spreadsheet shows it (header = row 1; a quoted cell with line breaks is still one row). */
	records: { row: number; values: Record<K, string> }[];
	/** Data rows read (blank rows excluded). */
	rowsRead: number;
}

/**
 * Parse CSV text whose first row is a header, keeping only the required columns (matched like findColumns: case and
 * repeated spaces ignored). A UTF-8 byte-order mark is removed. Blank rows are skipped; a row with a different number
 * of cells from the header is an error.
 */
export function readCsv<K extends string>(file: string, text: string, required: Record<K, string>): CsvTable<K> {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(clean, { header: false, skipEmptyLines: false, delimiter: ',' });
	const fatal = parsed.errors.find((e) => e.type === 'Quotes');
	if (fatal) {
		throw new EtlError({ file, row: (fatal.row ?? 0) + 1 }, `cannot be read as CSV: ${fatal.message}`);
	}
	const rows = parsed.data;
	const header = rows[0];
	if (!header || header.every((c) => c.trim() === ''))
		throw new EtlError({ file, row: 1 }, 'the header row is missing (empty file?)');
	const cols = findColumns(header, required, { file, row: 1 });
	const keys = Object.keys(required) as K[];
	const records: CsvTable<K>['records'] = [];
	for (let i = 1; i < rows.length; i++) {
		const cells = rows[i]!;
		if (cells.every((c) => c.trim() === '')) continue;
		if (cells.length !== header.length) {
			throw new EtlError({ file, row: i + 1 }, `has ${cells.length} cells but the header has ${header.length}`);
		}
		const values = {} as Record<K, string>;
		for (const k of keys) values[k] = (cells[cols[k]] ?? '').trim();
		records.push({ row: i + 1, values });
	}
	return { file, records, rowsRead: records.length };
}

/** A required, non-blank cell; the error names the column by its header text. */
export function requireCell<K extends string>(
	table: CsvTable<K>,
	rec: { row: number; values: Record<K, string> },
	key: K,
	header: string,
	pattern?: RegExp,
	what?: string
): string {
	const v = rec.values[key];
	if (v === '')
		throw new EtlError({ file: table.file, row: rec.row, column: header }, 'is blank but a value is required');
	if (pattern && !pattern.test(v)) {
		throw new EtlError(
			{ file: table.file, row: rec.row, column: header },
			`"${v}" is not ${what ?? `in the expected form ${pattern}`}`
		);
	}
	return v;
}

/** A JSON object of code -> name (as the postcodes.io lists are). Names are trimmed. */
export function readCodeNames(file: string, json: unknown, codePattern?: RegExp): Map<string, string> {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		throw new EtlError({ file }, 'expected a JSON object of code -> name');
	}
	const out = new Map<string, string>();
	for (const [code, name] of Object.entries(json as Record<string, unknown>)) {
		if (codePattern && !codePattern.test(code)) continue;
		if (typeof name !== 'string' || name.trim() === '') {
			throw new EtlError({ file, column: code }, `the name for ${code} is not a non-blank string`);
		}
		out.set(code, name.trim());
	}
	return out;
}
