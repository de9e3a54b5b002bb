/**
 * Fingertips (OHID) API CSV layout, as returned by
 * https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=<id>&child_area_type_id=<type>,
 * so that analysts can drop a downloaded file into the ETL's extra folder, or into the browser, without writing code.
 * Pure and browser-safe: the ETL and the "your own data" loader use the same validator.
 *
 * Header row (any order; matching ignores case and repeated spaces):
 *   Required: Indicator ID, Indicator Name, Area Code, Area Name, Area Type, Sex, Age, Time period, Value,
 *             Lower CI 95.0 limit, Upper CI 95.0 limit, Count, Denominator
 *   Optional: Parent Code, Parent Name, Category Type, Category, Lower CI 99.8 limit, Upper CI 99.8 limit, Value note,
 *             Recent Trend, Compared to England value or percentiles, Compared to percentiles, Time period Sortable,
 *             New data, Compared to goal, Time period range
 * Blank numeric cells mean missing (null), never zero. Time periods: see `fingertipsPeriod`.
 */
import { InputError, type Location } from './errors';
import { findColumns, isBlank, toNumber, toOptionalNumber, toText } from './cells';
import { checkWidth } from './csv';
import type { SourceInfo } from './source';
import type { RecordValidator } from './validator';

export const FINGERTIPS_SOURCE: SourceInfo = {
	id: 'fingertips',
	title: 'Fingertips public health profiles (OHID), API CSV download',
	publisher: 'Office for Health Improvement and Disparities (OHID), Department of Health and Social Care',
	licence: 'Open Government Licence v3.0',
	downloadUrl: 'https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id'
};

export interface FingertipsRow {
	indicator_id: number;
	indicator_name: string;
	parent_code: string | null;
	parent_name: string | null;
	area_code: string;
	area_name: string;
	/** As published, e.g. "England", "GPs", "Sub-ICB", "Counties & UAs (from Apr 2023)". */
	area_type: string;
	sex: string;
	age: string;
	/** Null on the main rows; set on breakdown rows (e.g. deprivation deciles). */
	category_type: string | null;
	category: string | null;
	/** As published, e.g. "2023/24". */
	time_period: string;
	/** ISO dates from `fingertipsPeriod`. */
	period_start: string;
	period_end: string;
	value: number | null;
	lower95: number | null;
	upper95: number | null;
	lower998: number | null;
	upper998: number | null;
	count: number | null;
	denominator: number | null;
	value_note: string | null;
	recent_trend: string | null;
	/** "Compared to England value or percentiles", as published (e.g. "Better 95%", "Similar"). */
	compared_to_england: string | null;
}

/** Required header names. */
export const FINGERTIPS_REQUIRED = {
	indicatorId: 'Indicator ID',
	indicatorName: 'Indicator Name',
	areaCode: 'Area Code',
	areaName: 'Area Name',
	areaType: 'Area Type',
	sex: 'Sex',
	age: 'Age',
	timePeriod: 'Time period',
	value: 'Value',
	lower95: 'Lower CI 95.0 limit',
	upper95: 'Upper CI 95.0 limit',
	count: 'Count',
	denominator: 'Denominator'
} as const;

/** Optional header names that are kept when present. */
export const FINGERTIPS_OPTIONAL = {
	parentCode: 'Parent Code',
	parentName: 'Parent Name',
	categoryType: 'Category Type',
	category: 'Category',
	lower998: 'Lower CI 99.8 limit',
	upper998: 'Upper CI 99.8 limit',
	valueNote: 'Value note',
	recentTrend: 'Recent Trend',
	comparedToEngland: 'Compared to England value or percentiles'
} as const;

export interface PeriodRange {
	start: string;
	end: string;
}

/**
 * Start and end (ISO dates) of a Fingertips time period:
 * - "2023/24": financial year, 2023-04-01 to 2024-03-31;
 * - "2022": calendar year, 2022-01-01 to 2022-12-31;
 * - "2021 - 23" (spaces around the dash, as Fingertips writes it): pooled calendar years, 2021-01-01 to 2023-12-31 (any span of 2 to 10 years, e.g. 3- or 5-year ranges).
 * Anything else (quarters, months, financial-year ranges, typos) throws.
 */
export function fingertipsPeriod(timePeriod: string): PeriodRange {
	const t = timePeriod.trim();
	let m = /^(\d{4})$/.exec(t);
	if (m) {
		const y = Number(m[1]);
		return { start: `${y}-01-01`, end: `${y}-12-31` };
	}
	m = /^(\d{4})\/(\d{2})$/.exec(t);
	if (m) {
		const y = Number(m[1]);
		if ((y + 1) % 100 !== Number(m[2]))
			throw new Error(`"${timePeriod}" is not a financial year (the second year must follow the first)`);
		return { start: `${y}-04-01`, end: `${y + 1}-03-31` };
	}
	m = /^(\d{4})\s+-\s+(\d{2})$/.exec(t);
	if (m) {
		const y = Number(m[1]);
		const century = y - (y % 100);
		let end = century + Number(m[2]);
		if (end < y) end += 100;
		const span = end - y + 1;
		if (span < 2 || span > 10) throw new Error(`"${timePeriod}" is not a range of 2 to 10 calendar years`);
		return { start: `${y}-01-01`, end: `${end}-12-31` };
	}
	throw new Error(
		`unsupported Fingertips time period "${timePeriod}" (expected e.g. "2023/24", "2022" or "2021 - 23")`
	);
}

/** First day of a Fingertips time period: "2023/24" -> "2023-04-01", "2022" -> "2022-01-01", "2021 - 23" -> "2021-01-01". */
export function fingertipsPeriodStart(timePeriod: string): string {
	return fingertipsPeriod(timePeriod).start;
}

/** Validates a Fingertips API CSV record by record. */
export function fingertipsValidator(file: string): RecordValidator<FingertipsRow> {
	const REQUIRED = FINGERTIPS_REQUIRED;
	const OPTIONAL = FINGERTIPS_OPTIONAL;
	let header: string[] = [];
	let col: Record<keyof typeof REQUIRED, number> | undefined;
	let opt: Partial<Record<keyof typeof OPTIONAL, number>> = {};
	const indicators = new Set<number>();
	let rowsRead = 0;
	let missing = 0;

	return {
		header(record) {
			header = record;
			col = findColumns(record, REQUIRED, { file, row: 1 });
			opt = optionalColumns(record, OPTIONAL);
		},

		record(record, row) {
			if (!col) throw new Error('fingertipsValidator: header() must come first');
			if (record.every(isBlank)) return null;
			checkWidth(file, record, header, row);
			rowsRead++;
			const at = (name: string): Location => ({ file, row, column: name });
			const req = (key: keyof typeof REQUIRED) => record[col![key]];
			const text = (key: keyof typeof REQUIRED) => {
				const v = toText(req(key));
				if (v === '') throw new InputError(at(REQUIRED[key]), 'value is blank');
				return v;
			};
			const optText = (key: keyof typeof OPTIONAL): string | null => {
				const idx = opt[key];
				if (idx === undefined) return null;
				const v = toText(record[idx]);
				return v === '' ? null : v;
			};
			const num = (key: keyof typeof REQUIRED) => toOptionalNumber(req(key), at(REQUIRED[key]));
			const optNum = (key: keyof typeof OPTIONAL) => {
				const idx = opt[key];
				return idx === undefined ? null : toOptionalNumber(record[idx], at(OPTIONAL[key]));
			};
			const nonNegative = (key: 'count' | 'denominator') => {
				const n = num(key);
				if (n !== null && n < 0) throw new InputError(at(REQUIRED[key]), `expected 0 or more, found ${n}`);
				return n;
			};

			const indicator_id = toNumber(req('indicatorId'), at(REQUIRED.indicatorId));
			if (!Number.isInteger(indicator_id) || indicator_id <= 0) {
				throw new InputError(at(REQUIRED.indicatorId), `expected a positive whole number, found ${indicator_id}`);
			}
			const time_period = text('timePeriod');
			let period: PeriodRange;
			try {
				period = fingertipsPeriod(time_period);
			} catch (error) {
				throw new InputError(at(REQUIRED.timePeriod), (error as Error).message);
			}

			const value = num('value');
			const lower95 = num('lower95');
			const upper95 = num('upper95');
			if (lower95 !== null && upper95 !== null && lower95 > upper95) {
				throw new InputError(at(REQUIRED.lower95), `lower limit ${lower95} is above the upper limit ${upper95}`);
			}

			const parsed: FingertipsRow = {
				indicator_id,
				indicator_name: text('indicatorName'),
				parent_code: optText('parentCode'),
				parent_name: optText('parentName'),
				area_code: text('areaCode'),
				area_name: text('areaName'),
				area_type: text('areaType'),
				sex: text('sex'),
				age: text('age'),
				category_type: optText('categoryType'),
				category: optText('category'),
				time_period,
				period_start: period.start,
				period_end: period.end,
				value,
				lower95,
				upper95,
				lower998: optNum('lower998'),
				upper998: optNum('upper998'),
				count: nonNegative('count'),
				denominator: nonNegative('denominator'),
				value_note: optText('valueNote'),
				recent_trend: optText('recentTrend'),
				compared_to_england: optText('comparedToEngland')
			};
			indicators.add(indicator_id);
			if (value === null) missing++;
			return parsed;
		},

		finish() {
			const notes = [
				`Read ${rowsRead} rows for indicator${indicators.size === 1 ? '' : 's'} ${[...indicators].join(', ') || '(none)'}; ` +
					`${missing} have no value (blank: missing, not zero).`
			];
			const absent = Object.entries(OPTIONAL)
				.filter(([key]) => opt[key as keyof typeof OPTIONAL] === undefined)
				.map(([, name]) => name);
			if (absent.length > 0) notes.push(`Optional columns not present: ${absent.join(', ')}.`);
			return { rowsRead, notes };
		}
	};
}

function optionalColumns<K extends string>(header: unknown[], columns: Record<K, string>): Partial<Record<K, number>> {
	const norm = (s: unknown) => toText(s).toUpperCase().replace(/\s+/g, ' ');
	const names = header.map(norm);
	const out: Partial<Record<K, number>> = {};
	for (const key of Object.keys(columns) as K[]) {
		const idx = names.indexOf(norm(columns[key]));
		if (idx >= 0) out[key] = idx;
	}
	return out;
}
