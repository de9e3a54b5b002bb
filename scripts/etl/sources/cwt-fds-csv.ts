/**
 * NHS England "28-Day Faster Diagnosis By route and suspected cancer or breast symptomatic - Provider Data" monthly
 * CSVs, April 2021 - March 2023 (kept under RAND's names `data_YYYY_MM.csv`). Provider basis; FDS indicators only.
 *
 * Layout (the same as the workbooks' `28-DAY FDS (BY ROUTE)` sheet, see `scanPublishedTable` in ./cwt-table.ts): six
 * title lines (line 2 is the month such as "Apr-21", line 3 the BASIS line), the header on line 7
 * (",ODS CODE (1),ACCOUNTABLE PROVIDER,REFERRAL ROUTE,SUSPECTED CANCER OR BREAST SYMPTOMATIC,TOTAL,WITHIN 28
 * DAYS,..."; the first column is empty), one line per provider × route × suspected cancer type, a blank line, and
 * the "ALL ENGLISH PROVIDERS" total lines last. A file without those total lines, or whose last line is cut short,
 * is taken to be truncated.
 */
import Papa from 'papaparse';
import { EtlError } from '../errors';
import {
	CWT_HOME_URL,
	CWT_LICENCE,
	CWT_PUBLISHER,
	formatMonth,
	monthFromFileName,
	type CwtCount,
	type CwtScan
} from './cwt';
import { scanPublishedTable, TABLE_COLUMNS } from './cwt-table';
import { summarise } from './cwt-summarise';
import type { ParseResult, SourceInfo } from './types';

export const CWT_FDS_CSV_SOURCE: SourceInfo = {
	id: 'cwt_fds_by_route_provider_csv',
	title:
		'Cancer Waiting Times: 28-day Faster Diagnosis by route and suspected cancer or breast symptomatic, provider data (CSV)',
	publisher: CWT_PUBLISHER,
	licence: CWT_LICENCE,
	downloadUrl: CWT_HOME_URL
};

function decode(file: string, data: Uint8Array | string): string {
	let text: string;
	if (typeof data === 'string') text = data;
	else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(data);
		} catch {
			// Older NHS CSVs can be Windows-1252; the fields used here are ASCII either way.
			text = new TextDecoder('windows-1252').decode(data);
		}
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') throw new EtlError({ file, row: 1 }, 'the file is empty');
	return text;
}

/** Read an FDS-by-route provider CSV's breast lines as published (England totals included, flagged). */
export function scanCwtFdsCsv(file: string, data: Uint8Array | string): CwtScan & { period_start: string } {
	const text = decode(file, data);

	// Parse record by record, noting the line each record starts on (a quoted field could span lines).
	const rows: string[][] = [];
	const lineOf: number[] = [];
	const errors: { message: string; index: number }[] = [];
	let line = 1;
	let cursor = 0;
	Papa.parse<string[]>(text, {
		delimiter: ',',
		skipEmptyLines: false,
		step: (result) => {
			lineOf.push(line);
			rows.push(result.data);
			for (const e of result.errors) errors.push({ message: e.message, index: rows.length - 1 });
			const end = result.meta.cursor;
			for (let k = cursor; k < end; k++) if (text.charCodeAt(k) === 10) line++;
			cursor = end;
		}
	});
	const firstError = errors[0];
	if (firstError) {
		throw new EtlError(
			{ file, row: lineOf[firstError.index] ?? line },
			`cannot be read as CSV (${firstError.message}); is it truncated?`
		);
	}

	const table = scanPublishedTable(rows, 'fds', { file, rowNumber: (i) => lineOf[i] ?? i + 1 });
	if (table.basis !== 'provider') {
		throw new EtlError(
			{ file, row: 3, column: 'A' },
			`expected provider-based data, but the BASIS line says ${table.basis.toUpperCase()}`
		);
	}
	const fileMonth = monthFromFileName(file);
	if (fileMonth !== null && fileMonth !== table.period_start) {
		throw new EtlError(
			{ file, row: 2, column: 'A' },
			`the month (${formatMonth(table.period_start)}) is not the month in the file name (${formatMonth(fileMonth)})`
		);
	}

	// Truncation: a cut-off last record has too few fields; a file cut at a line break has lost its England totals.
	const header = rows.find((r) => r.some((c) => /^ODS CODE/i.test(c.trim())))!;
	for (let i = rows.length - 1; i >= 0; i--) {
		const r = rows[i]!;
		if (r.every((c) => c.trim() === '')) continue;
		if (r.length < header.length) {
			const missing = header[r.length]?.trim() || TABLE_COLUMNS.fds.total;
			throw new EtlError(
				{ file, row: lineOf[i] ?? i + 1, column: missing },
				`the last line has ${r.length} fields but the header has ${header.length}; is the file truncated?`
			);
		}
		break;
	}
	if (table.englandRows === 0) {
		throw new EtlError(
			{ file, row: lineOf[rows.length - 1] ?? rows.length },
			'no "ALL ENGLISH PROVIDERS" total lines at the end; is the file truncated?'
		);
	}

	const notes = [
		`FDS-by-route provider CSV for ${formatMonth(table.period_start)}: ${table.lines.length} breast lines of ${table.rowsRead} read.`
	];
	return {
		file,
		basis: 'provider',
		period_start: table.period_start,
		lines: table.lines,
		rowsRead: table.rowsRead,
		notes
	};
}

/** FDS-by-route provider CSV -> provider-basis counts for the two FDS breast indicators × trust for its month. */
export function parseCwtFdsCsv(file: string, data: Uint8Array | string): ParseResult<CwtCount> {
	return summarise(scanCwtFdsCsv(file, data));
}
