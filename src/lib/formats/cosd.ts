/**
 * A simple COSD-style data-completeness layout for analysts (NDRS distributes COSD completeness to trusts as HTML
 * reports, not as a download, so there is no official file to parse; an analyst transcribes figures into this CSV).
 * Pure and browser-safe: the ETL and the "your own data" loader use the same validator. See docs/data-formats.md.
 *
 * Header row (any order): area_code, period, item, records, records_complete
 * - area_code: an ONS code (E + 8 digits, e.g. an ICB E54..., an alliance E56...) or an ODS code (3-5 capitals/digits,
 *   e.g. a trust code);
 * - period: "YYYY-MM" (a month) or "YYYY" (a calendar year);
 * - item: the COSD data item, lower-case letters, digits and underscores (it becomes the indicator id `cosd_<item>`);
 * - records, records_complete: whole numbers, 0 <= records_complete <= records.
 */
import { InputError, type Location } from './errors';
import { findColumns, isBlank, toText } from './cells';
import { checkWidth, wholeNumber } from './csv';
import type { SourceInfo } from './source';
import type { RecordValidator } from './validator';

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

/** The header names, all required. */
export const COSD_COLUMNS = {
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

/** Validates a COSD-layout file record by record; a repeated area, period and item is an error naming both rows. */
export function cosdValidator(file: string): RecordValidator<CosdRow> {
	let header: string[] = [];
	let col: Record<keyof typeof COSD_COLUMNS, number> | undefined;
	const seen = new Map<string, number>();
	const items = new Set<string>();
	let rowsRead = 0;

	return {
		header(record) {
			header = record;
			col = findColumns(record, COSD_COLUMNS, { file, row: 1 });
		},

		record(record, row) {
			if (!col) throw new Error('cosdValidator: header() must come first');
			if (record.every(isBlank)) return null;
			checkWidth(file, record, header, row);
			rowsRead++;
			const at = (key: keyof typeof COSD_COLUMNS): Location => ({ file, row, column: COSD_COLUMNS[key] });
			const cell = (key: keyof typeof COSD_COLUMNS) => record[col![key]];

			const area_code = toText(cell('areaCode'));
			if (!COSD_AREA_CODE.test(area_code)) {
				throw new InputError(
					at('areaCode'),
					`expected an ONS code (E followed by 8 digits) or an ODS code (3 to 5 capital letters or digits), found "${area_code}"`
				);
			}
			let period: { start: string; end: string };
			try {
				period = cosdPeriod(toText(cell('period')));
			} catch (error) {
				throw new InputError(at('period'), (error as Error).message);
			}
			const item = toText(cell('item'));
			if (!COSD_ITEM.test(item)) {
				throw new InputError(
					at('item'),
					`expected lower-case letters, digits and underscores (e.g. a COSD item name), found "${item}"`
				);
			}
			const total = wholeNumber(cell('records'), at('records'));
			const complete = wholeNumber(cell('recordsComplete'), at('recordsComplete'));
			if (complete > total) {
				throw new InputError(at('recordsComplete'), `${complete} complete records is more than the ${total} records`);
			}

			const key = `${area_code}|${period.start}|${period.end}|${item}`;
			const first = seen.get(key);
			if (first !== undefined) {
				throw new InputError(
					at('item'),
					`duplicate row for ${area_code}, ${toText(cell('period'))}, ${item} (first at row ${first})`
				);
			}
			seen.set(key, row);
			items.add(item);
			return {
				area_code,
				period_start: period.start,
				period_end: period.end,
				item,
				records: total,
				records_complete: complete
			};
		},

		finish() {
			const notes = [
				`Read ${rowsRead} rows: ${items.size} item${items.size === 1 ? '' : 's'} (${[...items].sort().join(', ') || 'none'}).`
			];
			return { rowsRead, notes };
		}
	};
}
