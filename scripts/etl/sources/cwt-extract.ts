/**
 * NHS England CWT-CRS flat provider data extract (`CWT-CRS-<months>-Data-Extract-Provider*.xlsx`): one sheet,
 * `CWT CRS Provider Extract`, header in row 1:
 * PERIOD · YEAR · MONTH · STANDARD · ORG CODE · STAGE/ROUTE · TREATMENT MODALITY · CANCER TYPE · TOTAL TREATED ·
 * WITHIN STANDARD · BREACHES. Provider basis; trusts only (the extract has no England total rows).
 *
 * Modality: for 31/62-day the extract gives cancer type with TREATMENT MODALITY = "ALL MODALITIES", and splits by
 * modality (Surgery, Radiotherapy, ...) only for CANCER TYPE = "ALL CANCERS" (checked on all five extracts: no
 * breast row has another modality). Only "ALL MODALITIES" breast rows are used, so a modality split, were one
 * published, could not be double counted. FDS rows have a blank modality.
 */
import { EtlError } from '../errors';
import {
	ALL_MODALITIES,
	BREAST_LABEL,
	CWT_HOME_URL,
	CWT_LICENCE,
	CWT_PUBLISHER,
	fdsIndicatorFor,
	label,
	parseMonth,
	type CwtCount,
	type CwtIndicatorId,
	type CwtLine,
	type CwtScan,
	type LineCells
} from './cwt';
import { summarise } from './cwt-summarise';
import { columnLetter, findColumns, getSheet, readWorkbook, sheetRows, toNumber, toText } from './sheet';
import type { ParseResult, SourceInfo } from './types';

export const CWT_EXTRACT_SHEET = 'CWT CRS Provider Extract';

export const CWT_EXTRACT_SOURCE: SourceInfo = {
	id: 'cwt_provider_extract',
	title: 'Cancer Waiting Times (CWT-CRS): provider data extract',
	publisher: CWT_PUBLISHER,
	licence: CWT_LICENCE,
	downloadUrl: CWT_HOME_URL
};

const COLUMNS = {
	period: 'PERIOD',
	standard: 'STANDARD',
	org: 'ORG CODE',
	route: 'STAGE/ROUTE',
	modality: 'TREATMENT MODALITY',
	cancer: 'CANCER TYPE',
	total: 'TOTAL TREATED',
	within: 'WITHIN STANDARD'
} as const;

type Standard = 'fds' | 'cwt31' | 'cwt62' | null;

function standardOf(value: unknown): Standard {
	const s = label(value);
	if (/^28[- ]?DAY\b/.test(s) && /\bFDS\b|FASTER DIAGNOSIS/.test(s)) return 'fds';
	// Only the combined standards (from October 2023); the retired 31-day first / 62-day USC standards are not these.
	if (/^31[- ]?DAY COMBINED$/.test(s)) return 'cwt31';
	if (/^62[- ]?DAY COMBINED$/.test(s)) return 'cwt62';
	return null;
}

/** Read the extract's breast rows, one line per row, as published. */
export function scanCwtExtract(file: string, data: Uint8Array): CwtScan {
	const wb = readWorkbook(file, data, [CWT_EXTRACT_SHEET]);
	const sheet = CWT_EXTRACT_SHEET;
	const rows = sheetRows(getSheet(wb, file, sheet));
	if (rows.length === 0) throw new EtlError({ file, sheet, row: 1 }, 'the sheet is empty');
	const col = findColumns(rows[0]!, COLUMNS, { file, sheet, row: 1 });
	const ref = (key: keyof typeof COLUMNS) => `${columnLetter(col[key])} (${COLUMNS[key]})`;
	const cells: LineCells = {
		code: ref('org'),
		total: ref('total'),
		within: ref('within'),
		month: 'same row',
		month_column: ref('period')
	};

	const lines: CwtLine[] = [];
	const standardCache = new Map<unknown, Standard>();
	let rowsRead = 0;
	let otherModality = 0;
	for (let i = 1; i < rows.length; i++) {
		const r = rows[i]!;
		const cancer = r[col.cancer];
		if (cancer === null || cancer === undefined) {
			if (r.every((v) => v === null || v === '')) continue; // blank row
		}
		rowsRead++;
		// Cheap test first: most rows are other cancers.
		if (typeof cancer !== 'string') continue;
		const cancerLabel = label(cancer);
		let standard = standardCache.get(r[col.standard]);
		if (standard === undefined) {
			standard = standardOf(r[col.standard]);
			standardCache.set(r[col.standard], standard);
		}
		let indicator: CwtIndicatorId | null = null;
		if (standard === 'fds') indicator = fdsIndicatorFor(cancerLabel);
		else if (standard !== null && cancerLabel === BREAST_LABEL)
			indicator = standard === 'cwt31' ? 'cwt31_breast' : 'cwt62_breast';
		if (indicator === null) continue;
		if (standard !== 'fds' && label(r[col.modality]) !== ALL_MODALITIES) {
			otherModality++;
			continue;
		}

		const row = i + 1;
		const period = parseMonth(r[col.period]);
		if (period === null) {
			throw new EtlError(
				{ file, sheet, row, column: ref('period') },
				`expected a month date, found "${toText(r[col.period])}"`
			);
		}
		lines.push({
			indicator_id: indicator,
			org_code: toText(r[col.org]).toUpperCase(),
			org_name: null,
			england_total: false,
			period_start: period,
			breakdown: toText(r[col.route]),
			numerator: toNumber(r[col.within], { file, sheet, row, column: ref('within') }),
			denominator: toNumber(r[col.total], { file, sheet, row, column: ref('total') }),
			sheet,
			row,
			cells
		});
	}
	const notes: string[] = [];
	const periods = [...new Set(lines.map((l) => l.period_start))].sort();
	notes.push(
		`Provider extract: ${lines.length} breast rows of ${rowsRead} read` +
			(periods.length > 0 ? `, months ${periods[0]} to ${periods[periods.length - 1]}.` : '.')
	);
	if (otherModality > 0) {
		notes.push(
			`${otherModality} breast rows for a single treatment modality skipped (the ALL MODALITIES rows are used).`
		);
	}
	return { file, basis: 'provider', lines, rowsRead, notes };
}

/** Flat provider extract -> one provider-basis count per breast indicator × trust × month. */
export function parseCwtExtract(file: string, data: Uint8Array | string): ParseResult<CwtCount> {
	if (typeof data === 'string') throw new EtlError({ file }, 'expected the bytes of an XLSX file, got text');
	return summarise(scanCwtExtract(file, data));
}
