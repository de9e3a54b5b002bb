/**
 * NHS England Cancer Waiting Times (CWT-CRS): what the three CWT parsers share.
 *
 * Every parser works in two steps:
 *  1. scan: read the file into `CwtLine`s, one per published breast row, exactly as published (England total rows
 *     and rows without an ODS code included, flagged), so tests can compare against the file's own totals;
 *  2. `summarise` (./cwt-summarise.ts): sum the lines into one `CwtCount` per indicator × organisation × month, and
 *     the file's own England total rows into the totals the ETL reconciles its England figures against.
 */
import type { Basis, IndicatorId } from '../../../src/lib/data/contract';
import { EtlError, type Location } from '../errors';
import { columnLetter, isBlank, toNumber, toText } from './sheet';

export const CWT_INDICATORS = [
	'fds_breast_suspected',
	'fds_breast_symptomatic',
	'cwt31_breast',
	'cwt62_breast',
	'breast_symptomatic_14d'
] as const satisfies readonly IndicatorId[];
export type CwtIndicatorId = (typeof CWT_INDICATORS)[number];
export type CwtBasis = Extract<Basis, 'provider' | 'commissioner'>;

export interface CwtCount {
	indicator_id: CwtIndicatorId;
	basis: CwtBasis;
	/** ODS code of the trust (provider) or ICB / commissioning hub (commissioner), upper-case, trimmed. */
	org_code: string;
	org_name: string | null;
	/** 'YYYY-MM-01'. */
	period_start: string;
	/** Within the standard. Decimals kept: 62-day counts can be halves (a pathway shared by two trusts). */
	numerator: number;
	/** Total. */
	denominator: number;
	/** The first row summed into this count, at its ODS code cell: where a message about the organisation points. */
	at: SheetCell;
	/** The cell the month was read from. */
	month_at: SheetCell;
}

/** A cell of an input file, for messages (the file is known from context). */
export interface SheetCell {
	sheet?: string;
	row: number;
	column: string;
}

/** An England figure the file publishes itself (its "ALL ENGLISH ..." rows), to reconcile the ETL's own sum against. */
export interface PublishedEnglandTotal {
	indicator_id: CwtIndicatorId;
	basis: CwtBasis;
	period_start: string;
	numerator: number;
	denominator: number;
	/** The first England row, at its TOTAL cell; `within` names the WITHIN column of the same row. */
	at: SheetCell;
	within: string;
}

/** One published breast row, before summing. */
export interface CwtLine {
	indicator_id: CwtIndicatorId;
	/** As published, trimmed and upper-cased: '' on England total rows, 'UNKNOWN' for an unknown commissioner. */
	org_code: string;
	org_name: string | null;
	/** An "ALL ENGLISH PROVIDERS" / "ALL ENGLISH COMMISSIONERS" row. */
	england_total: boolean;
	period_start: string;
	/** Referral route (FDS, 62-day), treatment stage (31-day) or referral reason (UBS), as published; '' if none. */
	breakdown: string;
	numerator: number;
	denominator: number;
	sheet?: string;
	/** 1-based row (XLSX) or line (CSV). */
	row: number;
	/** Where the row's cells are, for messages: the columns (letter and header) and the cell the month was read from. */
	cells: LineCells;
}

/** Column references such as `B (ODS CODE)`, shared by every line of one table. */
export interface LineCells {
	code: string;
	total: string;
	within: string;
	/** The cell holding the month: the title cell of a published table, or the extract's PERIOD cell on the row itself. */
	month: { row: number; column: string } | 'same row';
	/** With `month: 'same row'`, the column of that cell. */
	month_column?: string;
}

export interface CwtScan {
	file: string;
	basis: CwtBasis;
	lines: CwtLine[];
	/** Data rows read, breast or not (title, header, blank and total rows of other cancers aside). */
	rowsRead: number;
	notes: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Category values (breast only). Compared after `label()`: upper-case, single spaces.

/** 28-day FDS suspected cancer type (extract `CANCER TYPE`, workbooks `SUSPECTED CANCER OR BREAST SYMPTOMATIC`). */
export const FDS_SUSPECTED_BREAST = 'Suspected breast cancer';
export const FDS_BREAST_SYMPTOMATIC = 'Exhibited (non-cancer) breast symptoms - cancer not initially suspected';
/** 31-day and 62-day `CANCER TYPE`. */
export const CANCER_TYPE_BREAST = 'Breast';
/** Extract `TREATMENT MODALITY` of the rows that are totals over modality (the only modality given for breast). */
export const ALL_MODALITIES = 'ALL MODALITIES';

export const CWT_PUBLISHER = 'NHS England';
export const CWT_LICENCE = 'Open Government Licence v3.0';
/** Home of the CWT statistics: time series, the provider data extracts, and links to earlier years. */
export const CWT_HOME_URL = 'https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/';
/** Monthly provider and commissioner workbooks, one page per financial year. */
export const CWT_MONTHLY_URL = `${CWT_HOME_URL}monthly-data-and-summaries/`;

/** Upper-case, trimmed, runs of white space as one space: how category values are compared. */
export function label(value: unknown): string {
	return toText(value).toUpperCase().replace(/\s+/g, ' ');
}

const FDS_SUSPECTED_LABEL = label(FDS_SUSPECTED_BREAST);
const FDS_SYMPTOMATIC_LABEL = label(FDS_BREAST_SYMPTOMATIC);
export const BREAST_LABEL = label(CANCER_TYPE_BREAST);

/** The FDS indicator for a suspected-cancer-type value, or null for other cancers. */
export function fdsIndicatorFor(category: unknown): 'fds_breast_suspected' | 'fds_breast_symptomatic' | null {
	const l = label(category);
	if (l === FDS_SUSPECTED_LABEL) return 'fds_breast_suspected';
	if (l === FDS_SYMPTOMATIC_LABEL) return 'fds_breast_symptomatic';
	return null;
}

/** A breakdown value that is itself a total over the breakdown ("ALL ROUTES", "ALL STAGES"). */
export function isAllBreakdown(breakdown: string): boolean {
	return /^ALL\b/.test(label(breakdown));
}

/** ODS codes of trusts (RCF, S3H9L), ICBs (QOX) and commissioning hubs (13Q). Blanks are not. */
export const ODS_CODE = /^[A-Z0-9]{3,5}$/;
/**
 * Commissioner workbooks publish patients whose commissioner is not known as 'UNKNOWN'. They are part of the
 * published England total, so they are kept (the orchestrator counts them in England only, like commissioning hubs).
 */
export const UNKNOWN_COMMISSIONER = 'UNKNOWN';

// ---------------------------------------------------------------------------------------------------------------
// Months

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const FULL_MONTHS = [
	'JANUARY',
	'FEBRUARY',
	'MARCH',
	'APRIL',
	'MAY',
	'JUNE',
	'JULY',
	'AUGUST',
	'SEPTEMBER',
	'OCTOBER',
	'NOVEMBER',
	'DECEMBER'
];

function ym(year: number, month0: number): string {
	return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-01`;
}

/**
 * 'YYYY-MM-01' from a month cell: a date (the nearest midnight is used, so a date read as local midnight in any
 * time zone gives the right day), or text such as "Sep-25", "Sep 2025", "September 2025", "2025-09-01".
 * Null when the value is not a month.
 */
export function parseMonth(value: unknown): string | null {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return null;
		const d = new Date(value.getTime() + 12 * 3600 * 1000);
		return ym(d.getUTCFullYear(), d.getUTCMonth());
	}
	if (typeof value !== 'string') return null;
	const text = value.trim().toUpperCase();
	let m = /^([A-Z]{3,9})[-\s]+(\d{2}|\d{4})$/.exec(text);
	if (m) {
		const name = m[1]!;
		const month0 = MONTHS.indexOf(name.slice(0, 3));
		if (month0 < 0 || !(name.length === 3 || FULL_MONTHS[month0] === name || name === 'SEPT')) return null;
		const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
		return ym(year, month0);
	}
	m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T[\d:.]+Z?)?$/.exec(text);
	if (m) {
		const month0 = Number(m[2]) - 1;
		if (month0 < 0 || month0 > 11) return null;
		return ym(Number(m[1]), month0);
	}
	return null;
}

/**
 * The month in a publication's file name, when it names one: "SEPTEMBER-2025-CWT-CRS-PROVIDER-WORKBOOK-FINAL.xlsx"
 * or RAND's "data_2021_04.csv". Null otherwise (files named for a range of months, or renamed).
 */
export function monthFromFileName(file: string): string | null {
	const base = file.split(/[\\/]/).pop()!.toUpperCase();
	let m =
		/(?:^|[^A-Z])(JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)[-_ ](\d{4})(?!\d)/.exec(
			base
		);
	if (m) return ym(Number(m[2]), FULL_MONTHS.indexOf(m[1]!));
	m = /^DATA_(\d{4})_(\d{2})\.CSV$/.exec(base);
	if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ym(Number(m[1]), Number(m[2]) - 1);
	return null;
}

/** '2025-09-01' -> 'September 2025', for messages. */
export function formatMonth(period: string): string {
	const [year, month] = period.split('-');
	const name = FULL_MONTHS[Number(month) - 1] ?? '?';
	return `${name.charAt(0)}${name.slice(1).toLowerCase()} ${year}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The published tables of the monthly workbooks and the FDS CSVs

/**
 * The sheets (and CSV) laid out as NHS England publishes them: title rows (title; month such as "Sep-25"; a BASIS
 * line; definitions), then for each PART an optional "PART X: ..." row, a group-header row and a column-header row
 * that starts with "ODS CODE (1)", then one row per organisation and category, then the England total rows
 * (ODS code blank, name "ALL ENGLISH PROVIDERS" or "ALL ENGLISH COMMISSIONERS").
 */
export type TableKind = 'fds' | 'cwt31' | 'cwt62' | 'ubs';

interface TableColumns {
	/** Column holding the breakdown (route, stage or referral reason). */
	breakdown: string;
	/** Column holding the cancer type; none on the UBS sheet, where every row is a breast symptomatic referral. */
	category?: string;
	total: string;
	within: string;
}

export const TABLE_COLUMNS: Record<TableKind, TableColumns> = {
	fds: {
		breakdown: 'REFERRAL ROUTE',
		category: 'SUSPECTED CANCER OR BREAST SYMPTOMATIC',
		total: 'TOTAL',
		within: 'WITHIN 28 DAYS'
	},
	cwt31: { breakdown: 'TREATMENT STAGE', category: 'CANCER TYPE', total: 'TOTAL', within: 'WITHIN 31 DAYS' },
	cwt62: { breakdown: 'REFERRAL ROUTE', category: 'CANCER TYPE', total: 'TOTAL', within: 'WITHIN 62 DAYS' },
	ubs: { breakdown: 'REFERRAL REASON', total: 'TOTAL', within: 'WITHIN 14 DAYS' }
};

const CODE_HEADER = 'ODS CODE';
const NAME_HEADERS: Record<CwtBasis, string> = {
	provider: 'ACCOUNTABLE PROVIDER',
	commissioner: 'INTEGRATED CARE BOARD (ICB)/COMMISSIONING HUB'
};

/** Header text as findColumns compares it: footnote markers such as "(1)" dropped. */
function headerLabel(value: unknown): string {
	return label(value)
		.replace(/\(\d+\)/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

function isHeaderRow(row: readonly unknown[]): boolean {
	for (const cell of row) if (typeof cell === 'string' && headerLabel(cell) === CODE_HEADER) return true;
	return false;
}

export interface TableContext {
	file: string;
	/** XLSX sheet; undefined for CSV. */
	sheet?: string;
	/** 1-based row (XLSX) or line (CSV) of the 0-based row index. */
	rowNumber?: (index: number) => number;
}

export interface TableScan {
	basis: CwtBasis;
	period_start: string;
	lines: CwtLine[];
	rowsRead: number;
	/** Total rows (ODS code blank, name "ALL ENGLISH ...") of any category: a truncated file has none. */
	englandRows: number;
}

/** Column reference for messages: letter and header, e.g. `F (TOTAL)`. */
function columnRef(index: number, header: string): string {
	return `${columnLetter(index)} (${header})`;
}

/** Read one published table (a workbook sheet, or a whole FDS CSV) into breast lines. */
export function scanPublishedTable(
	rows: readonly (readonly unknown[])[],
	kind: TableKind,
	ctx: TableContext
): TableScan {
	const rowNumber = ctx.rowNumber ?? ((i: number) => i + 1);
	const at = (index: number, column?: string): Location => ({
		file: ctx.file,
		...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}),
		row: rowNumber(index),
		...(column !== undefined ? { column } : {})
	});
	const spec = TABLE_COLUMNS[kind];

	const firstHeader = rows.findIndex(isHeaderRow);
	if (firstHeader < 0) {
		throw new EtlError(
			{ file: ctx.file, ...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}), column: `${CODE_HEADER} (1)` },
			`no column-header row starting "${CODE_HEADER} (1)" found in ${rows.length} rows`
		);
	}

	// Title rows: the month and the BASIS line.
	let period: string | null = null;
	let periodCell: LineCells['month'] = 'same row';
	let basis: CwtBasis | null = null;
	for (let i = 0; i < firstHeader; i++) {
		const row = rows[i] ?? [];
		for (let c = 0; c < row.length; c++) {
			const cell = row[c];
			if (isBlank(cell)) continue;
			if (period === null) {
				const p = parseMonth(cell);
				if (p !== null) {
					period = p;
					periodCell = { row: rowNumber(i), column: columnLetter(c) };
					continue;
				}
			}
			const text = label(cell);
			if (basis === null && text.startsWith('BASIS')) {
				const provider = /\bPROVIDER/.test(text);
				const commissioner = /\bCOMMISSIONER/.test(text);
				if (provider === commissioner) {
					throw new EtlError(
						at(i, columnLetter(c)),
						`the BASIS line should say PROVIDER or COMMISSIONER, found "${toText(cell)}"`
					);
				}
				basis = provider ? 'provider' : 'commissioner';
			}
		}
	}
	if (period === null) {
		throw new EtlError(
			at(Math.min(1, firstHeader), 'A'),
			`no month (such as "Sep-25") found in the title rows 1-${rowNumber(firstHeader) - 1}`
		);
	}
	if (basis === null) {
		throw new EtlError(
			at(Math.min(2, firstHeader), 'A'),
			`no BASIS line (PROVIDER or COMMISSIONER BASED) found in the title rows 1-${rowNumber(firstHeader) - 1}`
		);
	}

	interface Cols {
		code: number;
		name: number;
		breakdown: number;
		category: number;
		total: number;
		within: number;
	}
	const mapColumns = (index: number): Cols => {
		const names = (rows[index] ?? []).map(headerLabel);
		const find = (header: string) => names.indexOf(headerLabel(header));
		const required: [keyof Cols, string][] = [
			['code', CODE_HEADER],
			['name', NAME_HEADERS[basis!]],
			['breakdown', spec.breakdown],
			...(spec.category !== undefined ? ([['category', spec.category]] as [keyof Cols, string][]) : []),
			['total', spec.total],
			['within', spec.within]
		];
		const cols: Cols = { code: -1, name: -1, breakdown: -1, category: -1, total: -1, within: -1 };
		const missing: string[] = [];
		for (const [key, header] of required) {
			cols[key] = find(header);
			if (cols[key] < 0) missing.push(header);
		}
		if (missing.length > 0) {
			const other = basis === 'provider' ? 'commissioner' : 'provider';
			const hint =
				missing.includes(NAME_HEADERS[basis!]) && find(NAME_HEADERS[other]) >= 0
					? ` (the header has "${NAME_HEADERS[other]}": a ${other} table, but the BASIS line says ${basis!.toUpperCase()})`
					: '';
			throw new EtlError(at(index, missing.join('", "')), `required column missing from the header row${hint}`);
		}
		return cols;
	};

	const lines: CwtLine[] = [];
	let rowsRead = 0;
	let englandRows = 0;
	let cols = mapColumns(firstHeader);
	const cellsOf = (c: Cols): LineCells => ({
		code: columnRef(c.code, CODE_HEADER),
		total: columnRef(c.total, spec.total),
		within: columnRef(c.within, spec.within),
		month: periodCell
	});
	let cells = cellsOf(cols);
	for (let i = firstHeader + 1; i < rows.length; i++) {
		const row = rows[i];
		if (!row) continue;
		if (isHeaderRow(row)) {
			cols = mapColumns(i);
			cells = cellsOf(cols);
			continue;
		}
		const code = toText(row[cols.code]).toUpperCase();
		const name = toText(row[cols.name]);
		// Blank rows, "PART B: ..." titles, group-header rows and footnotes have neither code nor name.
		if (code === '' && name === '') continue;
		rowsRead++;
		const englandTotal = code === '' && /^(ALL ENGLISH|ENGLAND\b)/.test(label(name));
		if (englandTotal) englandRows++;

		let indicator: CwtIndicatorId | null;
		if (kind === 'fds') indicator = fdsIndicatorFor(row[cols.category]);
		else if (kind === 'ubs') indicator = 'breast_symptomatic_14d';
		else
			indicator =
				label(row[cols.category]) === BREAST_LABEL ? (kind === 'cwt31' ? 'cwt31_breast' : 'cwt62_breast') : null;
		if (indicator === null) continue;

		const denominator = toNumber(row[cols.total], at(i, cells.total));
		const numerator = toNumber(row[cols.within], at(i, cells.within));
		lines.push({
			indicator_id: indicator,
			org_code: code,
			org_name: name === '' ? null : name,
			england_total: englandTotal,
			period_start: period,
			breakdown: toText(row[cols.breakdown]),
			numerator,
			denominator,
			...(ctx.sheet !== undefined ? { sheet: ctx.sheet } : {}),
			row: rowNumber(i),
			cells
		});
	}
	return { basis, period_start: period, lines, rowsRead, englandRows };
}
