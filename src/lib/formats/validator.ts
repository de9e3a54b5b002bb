/**
 * A validator reads a CSV layout one record at a time, so that the ETL (whole file in memory) and the browser
 * (a file streamed in chunks, never held whole) apply exactly the same rules and report the same row and column.
 */
import { InputError } from './errors';

export interface ValidatorSummary {
	/** Non-blank data records read. */
	rowsRead: number;
	/** Plain-English notes for provenance and for the person who loaded the file. */
	notes: string[];
}

export interface RecordValidator<T> {
	/** The header record (file row 1). Throws an InputError naming every missing column. */
	header(record: string[]): void;
	/**
	 * One data record at its file row (as a text editor numbers it: the header is row 1): the validated row, or null
	 * for a blank line. Throws an InputError naming file, row and column at the first problem.
	 */
	record(record: string[], row: number): T | null;
	/** After the last record: checks that need every row, then counts and notes. */
	finish(): ValidatorSummary;
}

/** Feeds every record of a whole file (record i is file row i + 1) through a validator. */
export function validateRecords<T>(
	file: string,
	records: string[][],
	validator: RecordValidator<T>
): { rows: T[] } & ValidatorSummary {
	const header = records[0];
	if (!header) throw new InputError({ file }, 'file is empty');
	validator.header(header);
	const rows: T[] = [];
	for (let i = 1; i < records.length; i++) {
		const row = validator.record(records[i]!, i + 1);
		if (row !== null) rows.push(row);
	}
	return { rows, ...validator.finish() };
}
