/**
 * A simple COSD-style data-completeness layout for analysts (NDRS distributes COSD completeness to trusts as HTML
 * reports, not as a download, so there is no official file to parse; an analyst transcribes figures into this CSV).
 * Pure: no I/O. See docs/data-formats.md.
 *
 * Header row (any order): area_code, period, item, records, records_complete
 * - area_code: an ONS code (E + 8 digits, e.g. an ICB E54..., an alliance E56...) or an ODS code (3-5 capitals/digits,
 *   e.g. a trust code);
 * - period: "YYYY-MM" (a month) or "YYYY" (a calendar year);
 * - item: the COSD data item, lower-case letters, digits and underscores (it becomes the indicator id `cosd_<item>`);
 * - records, records_complete: whole numbers, 0 <= records_complete <= records.
 */
import { EtlError, type Location } from '../errors';
import { findColumns, isBlank, toText } from './sheet';
import type { ParseResult, SourceInfo } from './types';
import { checkWidth, readCsv, wholeNumber } from './csv';

export const COSD_SOURCE: SourceInfo = {
	id: 'cosd',
	title: 'Cancer Outcomes and Services Dataset (COSD) data completeness, transcribed by an analyst',
	publisher: 'National Disease Registration Service (NDRS), NHS England',
	licence: 'Open Government Licence v3.0',
	downloadUrl: 'https://digital.nhs.uk/ndrs/data/data-sets/cosd'
};

export interface CosdRow {
	area_code: string;
	/** ISO date: first day of the month or year. */
	period_start: string;
	/** ISO date: last day of the month or year. */
	period_end: string;
	item: string;
	records: number;
	records_complete: number;
}

export const COSD_AREA_CODE = /^(E\d{8}|[A-Z0-9]{3,5})$/;
export const COSD_ITEM = /^[a-z0-9_]+$/;

const COLUMNS = {
	areaCode: 'area_code',
	period: 'period',
	item: 'item',
	records: 'records',
	recordsComplete: 'records_complete'
} as const;

/** "2024-03" -> 2024-03-01..2024-03-31; "2024" -> 2024-01-01..2024-12-31. Throws on anything else. */
export function cosdPeriod(period: string): { start: string; end: string } {
	const t = period.trim();
	let m = /^(\d{4})$/.exec(t);
	if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
	m = /^(\d{4})-(\d{2})$/.exec(t);
	if (m) {
		const year = Number(m[1]);
		const month = Number(m[2]);
		if (month >= 1 && month <= 12) {
			const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
			return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${String(lastDay).padStart(2, '0')}` };
		}
	}
	throw new Error(`expected a period as "YYYY-MM" (a month) or "YYYY" (a year), found "${period}"`);
}

export function parseCosd(file: string, data: Uint8Array | string): ParseResult<CosdRow> {
	const records = readCsv(file, data);
	const header = records[0];
	if (!header) throw new EtlError({ file }, 'file is empty');
	const col = findColumns(header, COLUMNS, { file, row: 1 });

	const rows: CosdRow[] = [];
	const seen = new Map<string, number>();
	let rowsRead = 0;
	for (let i = 1; i < records.length; i++) {
		const record = records[i]!;
		if (record.every(isBlank)) continue;
		const row = i + 1;
		checkWidth(file, record, header, row);
		rowsRead++;
		const at = (key: keyof typeof COLUMNS): Location => ({ file, row, column: COLUMNS[key] });
		const cell = (key: keyof typeof COLUMNS) => record[col[key]];

		const area_code = toText(cell('areaCode'));
		if (!COSD_AREA_CODE.test(area_code)) {
			throw new EtlError(
				at('areaCode'),
				`expected an ONS code (E followed by 8 digits) or an ODS code (3 to 5 capital letters or digits), found "${area_code}"`
			);
		}
		let period: { start: string; end: string };
		try {
			period = cosdPeriod(toText(cell('period')));
		} catch (error) {
			throw new EtlError(at('period'), (error as Error).message);
		}
		const item = toText(cell('item'));
		if (!COSD_ITEM.test(item)) {
			throw new EtlError(at('item'), `expected lower-case letters, digits and underscores (e.g. a COSD item name), found "${item}"`);
		}
		const total = wholeNumber(cell('records'), at('records'));
		const complete = wholeNumber(cell('recordsComplete'), at('recordsComplete'));
		if (complete > total) {
			throw new EtlError(at('recordsComplete'), `${complete} complete records is more than the ${total} records`);
		}

		const key = `${area_code}|${period.start}|${period.end}|${item}`;
		const first = seen.get(key);
		if (first !== undefined) {
			throw new EtlError(at('item'), `duplicate row for ${area_code}, ${toText(cell('period'))}, ${item} (first at row ${first})`);
		}
		seen.set(key, row);
		rows.push({ area_code, period_start: period.start, period_end: period.end, item, records: total, records_complete: complete });
	}

	const items = new Set(rows.map((r) => r.item));
	const notes = [`Read ${rows.length} rows: ${items.size} item${items.size === 1 ? '' : 's'} (${[...items].sort().join(', ') || 'none'}).`];
	return { rows, rowsRead, rowsRejected: 0, notes };
}



/** CSV text (UTF-8, optional BOM) to records; record i is line i + 1 when no quoted value spans lines. */
