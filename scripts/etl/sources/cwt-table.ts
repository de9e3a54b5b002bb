/**
 * The published tables of the monthly workbooks and the FDS CSVs, read into breast lines (`scanPublishedTable`): the
 * layout both CWT formats share. What every CWT parser shares besides is in ./cwt.ts.
 */
import { EtlError, type Location } from '../errors';
import {
	BREAST_LABEL,
	fdsIndicatorFor,
	label,
	parseMonth,
	type CwtBasis,
	type CwtIndicatorId,
	type CwtLine,
	type LineCells
} from './cwt';
import { columnLetter, isBlank, toNumber, toText } from './sheet';

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
