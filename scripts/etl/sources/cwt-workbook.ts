/**
 * NHS England CWT-CRS monthly workbooks, provider and commissioner
 * (`<MONTH>-<YEAR>-CWT-CRS-PROVIDER-WORKBOOK-FINAL.xlsx`, `...-COMMISSIONER-WORKBOOK-FINAL.xlsx`).
 * Only four sheets are read; the layout of each is described at `scanPublishedTable` in ./cwt-table.ts.
 *
 * - `28-DAY FDS (BY ROUTE)`: one row per organisation × referral route × suspected cancer type. The FDS
 *   indicators sum the breast rows over routes (suspected breast cancer: URGENT SUSPECTED CANCER + NATIONAL
 *   SCREENING PROGRAMME; breast symptomatic: its own route). There is no all-routes row on this sheet.
 * - `31-DAY (BY CANCER)`: PART A "ALL STAGES" (first and subsequent treatments together), then PART B "FIRST
 *   TREATMENTS" and PART C "SUBSEQUENT TREATMENTS". PART A is used; B and C are only compared with it
 *   (A = B + C for every breast row in all 31 workbooks checked).
 * - `62-DAY (BY CANCER)`: PART A "ALL ROUTES", then PARTs B-E by route (Urgent Suspected Cancer, Breast
 *   Symptomatic, Screening, Consultant Upgrade). PART A is used (A = B + C + D + E throughout); halves are kept.
 * - `UBS referral to FHA`: urgent breast symptomatic referral to first hospital assessment; numerator WITHIN 14
 *   DAYS, denominator TOTAL. Every published file has one REFERRAL REASON ("Exhibited (non-cancer) breast
 *   symptoms - cancer not initially suspected") per organisation; should more reasons appear they are all breast
 *   symptomatic referrals, so they are summed.
 *
 * The basis comes from each sheet's BASIS line (PROVIDER or COMMISSIONER BASED) and must agree with the
 * organisation column (ACCOUNTABLE PROVIDER or INTEGRATED CARE BOARD (ICB)/COMMISSIONING HUB). The month comes from
 * the title cell such as "Sep-25" and must agree across sheets and with a month in the file name, if it has one.
 * Commissioner workbooks have an "UNKNOWN" commissioner; its rows are left out (counted) because it is no area.
 */
import { EtlError } from '../errors';
import {
	CWT_LICENCE,
	CWT_MONTHLY_URL,
	CWT_PUBLISHER,
	formatMonth,
	monthFromFileName,
	type CwtBasis,
	type CwtCount,
	type CwtLine,
	type CwtScan
} from './cwt';
import { scanPublishedTable, type TableKind } from './cwt-table';
import { summarise } from './cwt-summarise';
import { getSheet, readWorkbook, sheetRows } from './sheet';
import type { ParseResult, SourceInfo } from './types';

export const CWT_WORKBOOK_SHEETS: Record<TableKind, string> = {
	fds: '28-DAY FDS (BY ROUTE)',
	cwt31: '31-DAY (BY CANCER)',
	cwt62: '62-DAY (BY CANCER)',
	ubs: 'UBS referral to FHA'
};

export const CWT_PROVIDER_WORKBOOK_SOURCE: SourceInfo = {
	id: 'cwt_provider_workbook',
	title: 'Cancer Waiting Times (CWT-CRS): monthly provider workbook',
	publisher: CWT_PUBLISHER,
	licence: CWT_LICENCE,
	downloadUrl: CWT_MONTHLY_URL
};

export const CWT_COMMISSIONER_WORKBOOK_SOURCE: SourceInfo = {
	id: 'cwt_commissioner_workbook',
	title: 'Cancer Waiting Times (CWT-CRS): monthly commissioner workbook',
	publisher: CWT_PUBLISHER,
	licence: CWT_LICENCE,
	downloadUrl: CWT_MONTHLY_URL
};

export const CWT_WORKBOOK_SOURCES: Record<CwtBasis, SourceInfo> = {
	provider: CWT_PROVIDER_WORKBOOK_SOURCE,
	commissioner: CWT_COMMISSIONER_WORKBOOK_SOURCE
};

/** Read a monthly workbook's breast rows, one line per row as published (England totals included, flagged). */
export function scanCwtWorkbook(file: string, data: Uint8Array): CwtScan & { period_start: string } {
	const sheetNames = Object.values(CWT_WORKBOOK_SHEETS);
	const wb = readWorkbook(file, data, sheetNames);
	const fileMonth = monthFromFileName(file);
	const lines: CwtLine[] = [];
	let rowsRead = 0;
	let basis: CwtBasis | null = null;
	let period: string | null = null;
	let firstSheet = '';
	for (const kind of Object.keys(CWT_WORKBOOK_SHEETS) as TableKind[]) {
		const sheet = CWT_WORKBOOK_SHEETS[kind];
		const rows = sheetRows(getSheet(wb, file, sheet));
		const table = scanPublishedTable(rows, kind, { file, sheet });
		if (basis === null) {
			basis = table.basis;
			period = table.period_start;
			firstSheet = sheet;
			if (fileMonth !== null && fileMonth !== period) {
				throw new EtlError(
					{ file, sheet, row: 2, column: 'A' },
					`the month (${formatMonth(period)}) is not the month in the file name (${formatMonth(fileMonth)})`
				);
			}
		} else if (table.basis !== basis) {
			throw new EtlError(
				{ file, sheet, row: 3, column: 'A' },
				`basis is ${table.basis}, but ${basis} on sheet "${firstSheet}"`
			);
		} else if (table.period_start !== period) {
			throw new EtlError(
				{ file, sheet, row: 2, column: 'A' },
				`month is ${formatMonth(table.period_start)}, but ${formatMonth(period!)} on sheet "${firstSheet}"`
			);
		}
		rowsRead += table.rowsRead;
		for (const line of table.lines) lines.push(line);
	}
	const notes = [
		`${basis === 'provider' ? 'Provider' : 'Commissioner'} workbook for ${formatMonth(period!)}: ${lines.length} breast rows ` +
			`of ${rowsRead} read from sheets ${sheetNames.map((s) => `"${s}"`).join(', ')}; ` +
			`31-day and 62-day from PART A (all stages / all routes).`
	];
	return { file, basis: basis!, period_start: period!, lines, rowsRead, notes };
}

/** Monthly provider or commissioner workbook -> one count per breast indicator × organisation for its month. */
export function parseCwtWorkbook(file: string, data: Uint8Array | string): ParseResult<CwtCount> {
	if (typeof data === 'string') throw new EtlError({ file }, 'expected the bytes of an XLSX file, got text');
	return summarise(scanCwtWorkbook(file, data));
}
