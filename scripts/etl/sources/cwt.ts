/**
 * NHS England Cancer Waiting Times (CWT-CRS): what the three CWT parsers share.
 *
 * Every parser works in two steps:
 *  1. scan: read the file into `CwtLine`s, one per published breast row, exactly as published (England total rows
 *     and rows without an ODS code included, flagged), so tests can compare against the file's own totals (the
 *     workbooks' and FDS CSVs' shared table layout: ./cwt-table.ts);
 *  2. `summarise` (./cwt-summarise.ts): sum the lines into one `CwtCount` per indicator × organisation × month, and
 *     the file's own England total rows into the totals the ETL reconciles its England figures against.
 */
import type { Basis, IndicatorId } from '../../../src/lib/data/contract';
import { toText } from './sheet';

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
