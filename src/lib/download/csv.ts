/**
 * CSV downloads that keep their provenance. Every data row ends with `source`, `period` and `licence` columns (and
 * `attribution` when attribution texts are given), so the provenance survives sorting, filtering or copying rows
 * into another sheet. Quoting follows RFC 4180 (papaparse's unparse: CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled). Browser-safe and pure.
 */
import Papa from 'papaparse';

export type CsvCell = string | number | null;

export interface CsvProvenance {
	/** Publisher and publication, e.g. "NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics". */
	source: string;
	/** The period the figures cover, as people read it, e.g. "September 2025" or "2013 to 2022". */
	period: string;
	/** E.g. "Open Government Licence v3.0". */
	licence: string;
	/** Attribution statements the licence asks for (OGL, NDRS ...); joined into one `attribution` column. */
	attribution?: string[];
}

/** The provenance columns appended to every row, in order. */
export const PROVENANCE_COLUMNS = ['source', 'period', 'licence'] as const;

/**
 * A CSV with a header row (`columns`, then the provenance columns) and one line per row. Nulls become empty fields;
 * numbers are written as they are (no rounding, no grouping). Text cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR) are prefixed with an apostrophe; numbers are never altered.
 * Throws if a row's length differs from the number of columns, or a column name repeats a provenance column.
 */
export function toCsvWithProvenance(columns: string[], rows: CsvCell[][], provenance: CsvProvenance): string {
	const attribution = (provenance.attribution ?? []).map((a) => a.trim()).filter((a) => a !== '');
	const extraNames: string[] = [...PROVENANCE_COLUMNS, ...(attribution.length > 0 ? ['attribution'] : [])];
	for (const name of extraNames) {
		if (columns.includes(name)) throw new Error(`CSV column "${name}" is reserved for provenance`);
	}
	const extra: CsvCell[] = [provenance.source, provenance.period, provenance.licence];
	if (attribution.length > 0) extra.push(attribution.join(' '));
	const data = rows.map((row, i) => {
		if (row.length !== columns.length) {
			throw new Error(`CSV row ${i + 1} has ${row.length} values for ${columns.length} columns`);
		}
		return [...row, ...extra];
	});
	return Papa.unparse(
		{ fields: [...columns, ...extraNames], data },
		{ newline: '\r\n', escapeFormulae: true, header: true, quotes: false }
	);
}

/**
 * A safe file name from parts: each part lower-cased, accents dropped, anything but letters, digits and underscores
 * turned into single hyphens; empty parts skipped; parts joined with '-'; at most 120 characters before the
 * extension. downloadName(['fds_breast_suspected', 'commissioner', '2025-09']) === 'fds_breast_suspected-commissioner-2025-09.csv'
 */
export function downloadName(parts: string[], extension = 'csv'): string {
	const clean = (s: string) =>
		s
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9_]+/g, '-')
			.replace(/^-+|-+$/g, '');
	const stem =
		parts
			.map(clean)
			.filter((p) => p !== '')
			.join('-')
			.slice(0, 120)
			.replace(/-+$/, '') || 'download';
	const ext = clean(extension).replace(/[^a-z0-9]/g, '');
	return ext ? `${stem}.${ext}` : stem;
}
