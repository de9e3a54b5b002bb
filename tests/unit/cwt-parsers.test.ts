/**
 * CWT parsers on tiny inputs written here, in the published layouts: summing over routes / stages without double
 * counting, halves kept, England totals and unknown organisations left out, and errors that name file, sheet, row
 * and column.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { EtlError } from '../../scripts/etl/errors';
import { monthFromFileName, parseMonth, type CwtCount } from '../../scripts/etl/sources/cwt';
import { CWT_EXTRACT_SHEET, parseCwtExtract, scanCwtExtract } from '../../scripts/etl/sources/cwt-extract';
import { parseCwtFdsCsv } from '../../scripts/etl/sources/cwt-fds-csv';
import { CWT_WORKBOOK_SHEETS, parseCwtWorkbook } from '../../scripts/etl/sources/cwt-workbook';

type Aoa = unknown[][];

function xlsx(sheets: Record<string, Aoa>): Uint8Array {
	const wb = XLSX.utils.book_new();
	for (const [name, aoa] of Object.entries(sheets))
		XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
	return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** Run `fn`, expect an EtlError, check that its message names every part, and return it. */
function etlError(fn: () => unknown, parts: string[]): EtlError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(EtlError);
	const error = caught as EtlError;
	for (const part of parts) expect(error.message).toContain(part);
	return error;
}

function find(rows: CwtCount[], indicator: string, org: string): CwtCount | undefined {
	return rows.find((r) => r.indicator_id === indicator && r.org_code === org);
}

const SUSPECTED = 'Suspected breast cancer';
const SYMPTOMATIC = 'Exhibited (non-cancer) breast symptoms - cancer not initially suspected';

// ------------------------------------------------------------------------------------------------------------------
// Flat provider extract

const EXTRACT_HEADER = [
	'PERIOD',
	'YEAR',
	'MONTH',
	'STANDARD',
	'ORG CODE',
	'STAGE/ROUTE',
	'TREATMENT MODALITY',
	'CANCER TYPE',
	'TOTAL TREATED',
	'WITHIN STANDARD',
	'BREACHES'
];
const APR = new Date(Date.UTC(2025, 3, 1));
const MAY = new Date(Date.UTC(2025, 4, 1));

function extractRow(
	period: Date,
	standard: string,
	org: string,
	route: string,
	modality: string | null,
	cancer: string,
	total: unknown,
	within: unknown
): unknown[] {
	const breaches = typeof total === 'number' && typeof within === 'number' ? total - within : null;
	return [
		period,
		'2025/26',
		period === APR ? 'APR' : 'MAY',
		standard,
		org,
		route,
		modality,
		cancer,
		total,
		within,
		breaches
	];
}

const EXTRACT_ROWS: Aoa = [
	extractRow(APR, '28-day FDS', 'RAA', 'URGENT SUSPECTED CANCER', null, SUSPECTED, 100, 90),
	extractRow(APR, '28-day FDS', 'RAA', 'NATIONAL SCREENING PROGRAMME', null, SUSPECTED, 20, 15),
	extractRow(APR, '28-day FDS', 'RAA', 'BREAST SYMPTOMATIC, CANCER NOT SUSPECTED', '', SYMPTOMATIC, 30, 27),
	extractRow(APR, '28-day FDS', 'RAA', 'URGENT SUSPECTED CANCER', null, 'Suspected lung cancer', 50, 10),
	extractRow(MAY, '28-day FDS', ' raa ', 'URGENT SUSPECTED CANCER', null, SUSPECTED, 80, 60),
	extractRow(APR, '31-day Combined', 'RAA', 'First Treatment', 'ALL MODALITIES', 'Breast', 7, 6),
	extractRow(APR, '31-day Combined', 'RAA', 'Subsequent Treatment', 'ALL MODALITIES', 'Breast', 5, 5),
	extractRow(APR, '31-day Combined', 'RAA', 'First Treatment', 'Surgery', 'ALL CANCERS', 40, 39),
	// A modality split for breast (not published, but it must not be added to the ALL MODALITIES row).
	extractRow(APR, '31-day Combined', 'RAA', 'First Treatment', 'Surgery', 'Breast', 3, 3),
	extractRow(APR, '62-day Combined', 'RAA', 'Urgent Suspected Cancer', 'ALL MODALITIES', 'Breast', 2.5, 1.5),
	extractRow(APR, '62-day Combined', 'RAA', 'Screening', 'ALL MODALITIES', 'Breast', 1, 1),
	extractRow(APR, '62-day Combined', 'RAA', 'Breast Symptomatic', 'ALL MODALITIES', 'Breast', 0.5, 0),
	extractRow(APR, '62-day Combined', 'RAA', 'Consultant Upgrade', 'ALL MODALITIES', 'Breast', 1, 1),
	extractRow(APR, '62-day Combined', 'RBB', 'Urgent Suspected Cancer', 'ALL MODALITIES', 'Lung', 9, 9)
];

describe('parseCwtExtract', () => {
	const file = 'cwt/provider_extract/tiny.xlsx';

	it('sums routes and stages per trust and month, keeps halves, ignores other cancers and modality splits', () => {
		const res = parseCwtExtract(file, xlsx({ [CWT_EXTRACT_SHEET]: [EXTRACT_HEADER, ...EXTRACT_ROWS] }));
		expect(res.rowsRead).toBe(EXTRACT_ROWS.length);
		expect(res.rowsRejected).toBe(0);
		expect(res.rows).toHaveLength(5);
		for (const row of res.rows) expect(row.basis).toBe('provider');
		expect(
			find(
				res.rows.filter((r) => r.period_start === '2025-04-01'),
				'fds_breast_suspected',
				'RAA'
			)
		).toMatchObject({
			indicator_id: 'fds_breast_suspected',
			basis: 'provider',
			org_code: 'RAA',
			org_name: null,
			period_start: '2025-04-01',
			numerator: 105,
			denominator: 120
		});
		expect(res.rows.find((r) => r.period_start === '2025-05-01')).toMatchObject({
			org_code: 'RAA',
			numerator: 60,
			denominator: 80
		});
		expect(find(res.rows, 'fds_breast_symptomatic', 'RAA')).toMatchObject({ numerator: 27, denominator: 30 });
		expect(find(res.rows, 'cwt31_breast', 'RAA')).toMatchObject({ numerator: 11, denominator: 12 });
		expect(find(res.rows, 'cwt62_breast', 'RAA')).toMatchObject({ numerator: 3.5, denominator: 5 });
		expect(find(res.rows, 'cwt62_breast', 'RBB')).toBeUndefined();
		expect(res.notes.join('\n')).toContain('1 breast rows for a single treatment modality skipped');
		// Where each count was read, for messages: the first row's ORG CODE cell and its PERIOD cell; no England rows.
		const first = find(res.rows, 'cwt31_breast', 'RAA')!;
		expect(first.at).toMatchObject({ sheet: CWT_EXTRACT_SHEET, column: expect.stringMatching(/^[A-Z] \(ORG CODE\)$/) });
		expect(first.month_at).toMatchObject({ row: first.at.row, column: expect.stringMatching(/\(PERIOD\)$/) });
		expect(res.englandTotals).toEqual([]);
	});

	it('rejects a repeated row instead of counting it twice', () => {
		const rows = [...EXTRACT_ROWS, EXTRACT_ROWS[0]!];
		const res = parseCwtExtract(file, xlsx({ [CWT_EXTRACT_SHEET]: [EXTRACT_HEADER, ...rows] }));
		expect(res.rowsRejected).toBe(1);
		expect(
			res.rows.find((r) => r.indicator_id === 'fds_breast_suspected' && r.period_start === '2025-04-01')
		).toMatchObject({ numerator: 105, denominator: 120 });
		expect(res.notes.join('\n')).toContain(`1 breast rows (100 patients) left out: repeats an earlier row`);
		expect(res.notes.join('\n')).toContain(`row ${rows.length + 1}`);
	});

	it('keeps each route as a line for route-level checks', () => {
		const scan = scanCwtExtract(file, xlsx({ [CWT_EXTRACT_SHEET]: [EXTRACT_HEADER, ...EXTRACT_ROWS] }));
		const usc = scan.lines.filter(
			(l) => l.indicator_id === 'cwt62_breast' && l.breakdown === 'Urgent Suspected Cancer'
		);
		expect(usc).toEqual([expect.objectContaining({ org_code: 'RAA', numerator: 1.5, denominator: 2.5, row: 11 })]);
	});

	it('names file, sheet, row and column when a required column is missing', () => {
		const header = EXTRACT_HEADER.filter((h) => h !== 'WITHIN STANDARD');
		const err = etlError(
			() => parseCwtExtract(file, xlsx({ [CWT_EXTRACT_SHEET]: [header, ...EXTRACT_ROWS] })),
			[file, `sheet "${CWT_EXTRACT_SHEET}"`, 'row 1', 'column "WITHIN STANDARD"', 'missing']
		);
		expect(err.location).toEqual({ file, sheet: CWT_EXTRACT_SHEET, row: 1, column: 'WITHIN STANDARD' });
	});

	it('names the sheet it needs when the sheet has been renamed', () => {
		etlError(
			() => parseCwtExtract(file, xlsx({ 'Provider Extract': [EXTRACT_HEADER, ...EXTRACT_ROWS] })),
			[file, `sheet "${CWT_EXTRACT_SHEET}"`, 'missing', 'Provider Extract']
		);
	});

	it('names file, sheet, row and column of text in a number column', () => {
		const rows = EXTRACT_ROWS.map((r) => [...r]);
		rows[1]![8] = 'twenty'; // spreadsheet row 3, column I = TOTAL TREATED
		const err = etlError(
			() => parseCwtExtract(file, xlsx({ [CWT_EXTRACT_SHEET]: [EXTRACT_HEADER, ...rows] })),
			[file, `sheet "${CWT_EXTRACT_SHEET}"`, 'row 3', 'column "I (TOTAL TREATED)"', '"twenty"']
		);
		expect(err.location.row).toBe(3);
	});

	it('names the row and column of a PERIOD that is not a date', () => {
		const rows = EXTRACT_ROWS.map((r) => [...r]);
		rows[0]![0] = 'last April';
		etlError(
			() => parseCwtExtract(file, xlsx({ [CWT_EXTRACT_SHEET]: [EXTRACT_HEADER, ...rows] })),
			[file, 'row 2', 'column "A (PERIOD)"', 'last April']
		);
	});

	it('reports a truncated file', () => {
		const whole = xlsx({ [CWT_EXTRACT_SHEET]: [EXTRACT_HEADER, ...EXTRACT_ROWS] });
		const err = etlError(
			() => parseCwtExtract(file, whole.slice(0, Math.floor(whole.length / 2))),
			[file, 'truncated']
		);
		expect(err.location).toEqual({ file });
	});
});

// ------------------------------------------------------------------------------------------------------------------
// Monthly workbooks

type Basis = 'provider' | 'commissioner';
const NAME_HEADER: Record<Basis, string> = {
	provider: 'ACCOUNTABLE PROVIDER',
	commissioner: 'INTEGRATED CARE BOARD (ICB)/COMMISSIONING HUB'
};
const BASIS_LINE: Record<Basis, string> = {
	provider: "BASIS: PROVIDER BASED INCLUDING WELSH CROSS-BORDER PATIENTS AND 'UNKNOWNS'",
	commissioner: "BASIS: COMMISSIONER BASED INCLUDING WELSH CROSS-BORDER PATIENTS AND 'UNKNOWNS'"
};
const ENGLAND_NAME: Record<Basis, string> = {
	provider: 'ALL ENGLISH PROVIDERS',
	commissioner: 'ALL ENGLISH COMMISSIONERS'
};

interface Part {
	title?: string;
	/** Columns after ODS CODE and the organisation name. */
	header: string[];
	/** [code, name, breakdown, (category,) total, within]. */
	rows: unknown[][];
}

/** A sheet in the published layout: title rows, then each PART with a group-header row and a column-header row. */
function publishedSheet(basis: Basis, month: unknown, parts: Part[], basisLine = BASIS_LINE[basis]): Aoa {
	const aoa: Aoa = [['A TITLE IN CAPITALS'], [month], [basisLine], ['DEFINITIONS:  DCB0147 Amd 16/2019'], [], []];
	for (const part of parts) {
		aoa.push([part.title ?? null]);
		aoa.push([null, null, null, null, null, 'NUMBER OF PEOPLE']);
		aoa.push([null, 'ODS CODE (1)', NAME_HEADER[basis], ...part.header]);
		for (const row of part.rows) aoa.push([null, ...row]);
		aoa.push([], []);
	}
	return aoa;
}

const FDS_HEADER = [
	'REFERRAL ROUTE',
	'SUSPECTED CANCER OR BREAST SYMPTOMATIC (2)',
	'TOTAL',
	'WITHIN 28 DAYS',
	'AFTER 28 DAYS',
	'TOLD WITHIN 28 DAYS'
];
const H31 = [
	'TREATMENT STAGE',
	'CANCER TYPE (3)',
	'TOTAL',
	'WITHIN 31 DAYS',
	'AFTER 31 DAYS',
	'TREATED WITHIN 31 DAYS',
	' ',
	'WITHIN 31 DAYS '
];
const H62 = ['REFERRAL ROUTE', 'CANCER TYPE (3)', 'TOTAL', 'WITHIN 62 DAYS', 'AFTER 62 DAYS', 'TREATED WITHIN 62 DAYS'];
const UBS_HEADER = ['REFERRAL REASON', 'TOTAL', 'WITHIN 14 DAYS', 'IN 15 TO 16 DAYS'];

function workbookSheets(
	basis: Basis,
	opts: { month?: unknown; a?: string; b?: string; names?: [string, string] } = {}
): Record<string, Aoa> {
	const month = opts.month ?? 'Sep-25';
	const [a, b] = [opts.a ?? 'RAA', opts.b ?? 'RBB'];
	const [an, bn] = opts.names ?? ['TRUST A', 'TRUST B'];
	const eng = ['', ENGLAND_NAME[basis]];
	return {
		[CWT_WORKBOOK_SHEETS.fds]: publishedSheet(basis, month, [
			{
				header: FDS_HEADER,
				rows: [
					[a, an, 'BREAST SYMPTOMATIC, CANCER NOT SUSPECTED', SYMPTOMATIC, 30, 27],
					[a, an, 'NATIONAL SCREENING PROGRAMME', SUSPECTED, 20, 15],
					[a, an, 'URGENT SUSPECTED CANCER', SUSPECTED, 100, 90],
					[a, an, 'URGENT SUSPECTED CANCER', 'Suspected lung cancer', 50, 10],
					[b, bn, 'URGENT SUSPECTED CANCER', SUSPECTED, 10, 9],
					[...eng, 'BREAST SYMPTOMATIC, CANCER NOT SUSPECTED', SYMPTOMATIC, 30, 27],
					[...eng, 'NATIONAL SCREENING PROGRAMME', SUSPECTED, 20, 15],
					[...eng, 'URGENT SUSPECTED CANCER', SUSPECTED, 110, 99]
				]
			}
		]),
		[CWT_WORKBOOK_SHEETS.cwt31]: publishedSheet(basis, month, [
			{
				title: 'PART A: ALL STAGES',
				header: H31,
				rows: [
					[a, an, 'ALL STAGES', 'Breast', 12, 11],
					[a, an, 'ALL STAGES', 'Lung', 5, 5],
					[...eng, 'ALL STAGES', 'Breast', 12, 11]
				]
			},
			{ title: 'PART B: FIRST TREATMENTS', header: H31, rows: [[a, an, 'First Treatment', 'Breast', 7, 6]] },
			{ title: 'PART C: SUBSEQUENT TREATMENTS', header: H31, rows: [[a, an, 'Subsequent Treatment', 'Breast', 5, 5]] }
		]),
		[CWT_WORKBOOK_SHEETS.cwt62]: publishedSheet(basis, month, [
			{
				title: 'PART A: ALL ROUTES',
				header: H62,
				rows: [
					[a, an, 'ALL ROUTES', 'Breast', 6.5, 4.5],
					[b, bn, 'ALL ROUTES', 'Breast', 2, 1],
					[...eng, 'ALL ROUTES', 'Breast', 8.5, 5.5]
				]
			},
			{
				title: 'PART B: URGENT SUSPECTED CANCER',
				header: H62,
				rows: [
					[a, an, 'Urgent Suspected Cancer', 'Breast', 4.5, 3],
					[b, bn, 'Urgent Suspected Cancer', 'Breast', 2, 1]
				]
			},
			{ title: 'PART C: BREAST SYMPTOMATIC', header: H62, rows: [[a, an, 'Breast Symptomatic', 'Breast', 1, 0.5]] },
			{ title: 'PART D: URGENT SCREENING', header: H62, rows: [[a, an, 'Screening', 'Breast', 1, 1]] }
		]),
		[CWT_WORKBOOK_SHEETS.ubs]: publishedSheet(basis, month, [
			{
				header: UBS_HEADER,
				rows: [
					[a, an, SYMPTOMATIC, 30, 20],
					[...eng, SYMPTOMATIC, 30, 20]
				]
			}
		])
	};
}

function rowOf(aoa: Aoa, predicate: (row: unknown[]) => boolean): number {
	const i = aoa.findIndex(predicate);
	expect(i).toBeGreaterThanOrEqual(0);
	return i + 1;
}

describe('parseCwtWorkbook', () => {
	const file = 'cwt/provider_workbooks/SEPTEMBER-2025-CWT-CRS-PROVIDER-WORKBOOK-FINAL.xlsx';

	it('reads a provider workbook: FDS summed over routes, 31/62-day from PART A only, halves kept, England left out', () => {
		const res = parseCwtWorkbook(file, xlsx(workbookSheets('provider')));
		expect(res.rowsRejected).toBe(0);
		const expected: [string, string, number, number][] = [
			['fds_breast_suspected', 'RAA', 105, 120],
			['fds_breast_suspected', 'RBB', 9, 10],
			['fds_breast_symptomatic', 'RAA', 27, 30],
			['cwt31_breast', 'RAA', 11, 12],
			['cwt62_breast', 'RAA', 4.5, 6.5],
			['cwt62_breast', 'RBB', 1, 2],
			['breast_symptomatic_14d', 'RAA', 20, 30]
		];
		expect(res.rows).toMatchObject(
			expected.map(([indicator_id, org_code, numerator, denominator]) => ({
				indicator_id,
				basis: 'provider',
				org_code,
				org_name: org_code === 'RAA' ? 'TRUST A' : 'TRUST B',
				period_start: '2025-09-01',
				numerator,
				denominator
			}))
		);
		expect(res.notes.join('\n')).toContain('England total rows left out');
		expect(res.notes.join('\n')).not.toContain('differ from the sum');
		// The workbook's own England rows, summed as the organisations are (PART A for 31 and 62 days).
		const england = (id: string) => res.englandTotals!.find((t) => t.indicator_id === id);
		expect(england('fds_breast_suspected')).toMatchObject({ numerator: 114, denominator: 130 });
		expect(england('cwt62_breast')).toMatchObject({
			numerator: 5.5,
			denominator: 8.5,
			at: { sheet: CWT_WORKBOOK_SHEETS.cwt62, column: expect.stringContaining('(TOTAL)') }
		});
	});

	it('reads a commissioner workbook and keeps the UNKNOWN commissioner (part of the England total)', () => {
		const sheets = workbookSheets('commissioner', { a: 'QOX', b: 'UNKNOWN', names: ['NHS SOME ICB', 'UNKNOWN'] });
		const res = parseCwtWorkbook('SEPTEMBER-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL.xlsx', xlsx(sheets));
		expect(new Set(res.rows.map((r) => r.basis))).toEqual(new Set(['commissioner']));
		expect(new Set(res.rows.map((r) => r.org_code))).toEqual(new Set(['QOX', 'UNKNOWN']));
		expect(find(res.rows, 'cwt62_breast', 'QOX')).toMatchObject({
			numerator: 4.5,
			denominator: 6.5,
			org_name: 'NHS SOME ICB'
		});
		expect(res.rowsRejected).toBe(0);
	});

	it('refuses UNKNOWN as a provider code: every provider row must name a trust', () => {
		const sheets = workbookSheets('provider', { a: 'RCF', b: 'UNKNOWN', names: ['SOME TRUST', 'UNKNOWN'] });
		const res = parseCwtWorkbook(file, xlsx(sheets));
		expect(new Set(res.rows.map((r) => r.org_code))).toEqual(new Set(['RCF']));
		expect(res.rowsRejected).toBeGreaterThan(0);
		expect(res.notes.join('\n')).toContain('"UNKNOWN" is not an ODS code');
	});

	it('flags PART A totals that differ from their parts, and uses PART A', () => {
		const sheets = workbookSheets('provider');
		const b = sheets[CWT_WORKBOOK_SHEETS.cwt31]!.find((r) => r[3] === 'First Treatment')!;
		b[5] = 8; // First 8 + Subsequent 5 != ALL STAGES 12
		const res = parseCwtWorkbook(file, xlsx(sheets));
		expect(find(res.rows, 'cwt31_breast', 'RAA')).toMatchObject({ numerator: 11, denominator: 12 });
		expect(res.notes.join('\n')).toContain('1 totals ("ALL ..." rows) differ from the sum');
	});

	it('names file, sheet, row and column when a PART header lacks a column', () => {
		const sheets = workbookSheets('provider');
		const aoa = sheets[CWT_WORKBOOK_SHEETS.cwt31]!;
		const headerRow = aoa.filter((r) => r[1] === 'ODS CODE (1)')[2]!; // PART C's header
		headerRow[6] = 'WITHIN STANDARD';
		headerRow[10] = 'WITHIN STANDARD '; // the day bands repeat "WITHIN 31 DAYS"
		const row = aoa.indexOf(headerRow) + 1;
		const err = etlError(
			() => parseCwtWorkbook(file, xlsx(sheets)),
			[file, 'sheet "31-DAY (BY CANCER)"', `row ${row}`, 'column "WITHIN 31 DAYS"']
		);
		expect(err.location).toEqual({ file, sheet: '31-DAY (BY CANCER)', row, column: 'WITHIN 31 DAYS' });
	});

	it('names file, sheet, row and column of text in a number column', () => {
		const sheets = workbookSheets('provider');
		const aoa = sheets[CWT_WORKBOOK_SHEETS.cwt62]!;
		const row = rowOf(aoa, (r) => r[1] === 'RAA' && r[3] === 'Screening');
		aoa[row - 1]![5] = '1*';
		etlError(
			() => parseCwtWorkbook(file, xlsx(sheets)),
			[file, 'sheet "62-DAY (BY CANCER)"', `row ${row}`, 'column "F (TOTAL)"', '"1*"']
		);
	});

	it('needs a BASIS line saying PROVIDER or COMMISSIONER', () => {
		const sheets = workbookSheets('provider');
		sheets[CWT_WORKBOOK_SHEETS.fds] = publishedSheet(
			'provider',
			'Sep-25',
			[{ header: FDS_HEADER, rows: [] }],
			'BASIS: SOMEONE ELSE'
		);
		etlError(
			() => parseCwtWorkbook(file, xlsx(sheets)),
			[file, 'sheet "28-DAY FDS (BY ROUTE)"', 'row 3', 'column "A"', 'PROVIDER or COMMISSIONER']
		);
	});

	it('checks the basis against the organisation column', () => {
		const sheets = workbookSheets('provider');
		sheets[CWT_WORKBOOK_SHEETS.ubs] = publishedSheet(
			'commissioner',
			'Sep-25',
			[{ header: UBS_HEADER, rows: [] }],
			BASIS_LINE.provider
		);
		etlError(
			() => parseCwtWorkbook(file, xlsx(sheets)),
			[file, 'sheet "UBS referral to FHA"', 'row 9', 'ACCOUNTABLE PROVIDER', 'commissioner table']
		);
	});

	it('needs a month in the title rows, and the month in the file name', () => {
		const noMonth = workbookSheets('provider', { month: '' });
		etlError(
			() => parseCwtWorkbook(file, xlsx(noMonth)),
			[file, 'sheet "28-DAY FDS (BY ROUTE)"', 'row 2', 'column "A"', 'no month']
		);
		const august = workbookSheets('provider', { month: 'Aug-25' });
		etlError(() => parseCwtWorkbook(file, xlsx(august)), [file, 'row 2', 'August 2025', 'September 2025']);
	});

	it('names the sheet it needs when a sheet has been renamed', () => {
		const sheets = workbookSheets('provider');
		sheets['UBS referral to FHA (2)'] = sheets[CWT_WORKBOOK_SHEETS.ubs]!;
		delete sheets[CWT_WORKBOOK_SHEETS.ubs];
		etlError(() => parseCwtWorkbook(file, xlsx(sheets)), [file, 'sheet "UBS referral to FHA"', 'missing']);
	});

	it('reports a truncated file', () => {
		const whole = xlsx(workbookSheets('provider'));
		etlError(() => parseCwtWorkbook(file, whole.slice(0, Math.floor(whole.length / 2))), [file, 'truncated']);
	});
});

// ------------------------------------------------------------------------------------------------------------------
// FDS-by-route provider CSVs

const CSV_TITLE = [
	'"28-DAY FASTER DIAGNOSIS: BY ROUTE & BY SUSPECTED CANCER OR BREAST SYMPTOMATIC",,,"A note, with a comma"',
	'"Apr-21",,,,,,,,',
	'"BASIS: PROVIDER BASED INCLUDING WELSH CROSS-BORDER PATIENTS AND \'UNKNOWNS\'",,,,,,,,',
	'"DEFINITIONS:  DCB0147 Amd 16/2019",,,,,,,,',
	',,,,,,,,',
	',,,,,"NUMBER OF PEOPLE TOLD CANCER DIAGNOSIS OUTCOME",,,"PERCENTAGE"',
	',"ODS CODE (1)","ACCOUNTABLE PROVIDER","REFERRAL ROUTE","SUSPECTED CANCER OR BREAST SYMPTOMATIC","TOTAL","WITHIN 28 DAYS","AFTER 28 DAYS","TOLD WITHIN 28 DAYS"'
];
const CSV_BODY = [
	',"RAA","TRUST A","BREAST SYMPTOMATIC, CANCER NOT SUSPECTED","' + SYMPTOMATIC + '","30","27","3","0.9"', // line 8
	',"RAA","TRUST A","NATIONAL SCREENING PROGRAMME","Suspected breast cancer","20","15","5","0.75"', // line 9
	',"RAA","TRUST A","URGENT SUSPECTED CANCER","Suspected breast cancer","100","90","10","0.9"', // line 10
	',"RAA","TRUST A","URGENT SUSPECTED CANCER","Suspected lung cancer","50","10","40","0.2"', // line 11
	',"RBB","TRUST B","URGENT SUSPECTED CANCER","Suspected breast cancer","1,000","900","100","0.9"', // line 12
	',,,,,,,,', // line 13
	',,"ALL ENGLISH PROVIDERS","URGENT SUSPECTED CANCER","Suspected breast cancer","1100","990","110","0.9"' // line 14
];
const csv = (title = CSV_TITLE, body = CSV_BODY) => [...title, ...body].join('\r\n') + '\r\n';

describe('parseCwtFdsCsv', () => {
	const file = 'cwt/fds_by_route_provider_csv/data_2021_04.csv';

	it('sums suspected breast cancer over routes per provider; England totals left out', () => {
		const res = parseCwtFdsCsv(file, new TextEncoder().encode(csv()));
		expect(res.rowsRead).toBe(6);
		expect(res.rowsRejected).toBe(0);
		expect(res.rows).toMatchObject([
			{
				indicator_id: 'fds_breast_suspected',
				basis: 'provider',
				org_code: 'RAA',
				org_name: 'TRUST A',
				period_start: '2021-04-01',
				numerator: 105,
				denominator: 120
			},
			{
				indicator_id: 'fds_breast_suspected',
				basis: 'provider',
				org_code: 'RBB',
				org_name: 'TRUST B',
				period_start: '2021-04-01',
				numerator: 900,
				denominator: 1000
			},
			{
				indicator_id: 'fds_breast_symptomatic',
				basis: 'provider',
				org_code: 'RAA',
				org_name: 'TRUST A',
				period_start: '2021-04-01',
				numerator: 27,
				denominator: 30
			}
		]);
	});

	it('names file, row and column when a required column is missing', () => {
		const title = [...CSV_TITLE];
		title[6] = title[6]!.replace('"WITHIN 28 DAYS"', '"WITHIN 4 WEEKS"');
		const err = etlError(() => parseCwtFdsCsv(file, csv(title)), [file, 'row 7', 'column "WITHIN 28 DAYS"']);
		expect(err.location).toEqual({ file, row: 7, column: 'WITHIN 28 DAYS' });
	});

	it('names file, line and column of text in a number column', () => {
		const body = [...CSV_BODY];
		body[2] = body[2]!.replace('"100"', '"n/a"');
		etlError(() => parseCwtFdsCsv(file, csv(CSV_TITLE, body)), [file, 'row 10', 'column "F (TOTAL)"', '"n/a"']);
	});

	it('needs the month on the title lines, matching the file name', () => {
		const title = [...CSV_TITLE];
		title[1] = '"",,,,,,,,';
		etlError(() => parseCwtFdsCsv(file, csv(title)), [file, 'row 2', 'column "A"', 'no month']);
		etlError(() => parseCwtFdsCsv('data_2021_05.csv', csv()), ['data_2021_05.csv', 'row 2', 'April 2021', 'May 2021']);
	});

	it('reports a truncated file: cut inside a line, or cut before the England totals', () => {
		const whole = csv();
		const cut = whole.slice(0, whole.indexOf('"TRUST B"') + 30);
		etlError(() => parseCwtFdsCsv(file, cut), [file, 'row 12', 'truncated']);
		const lines = csv(CSV_TITLE, CSV_BODY.slice(0, 5));
		etlError(() => parseCwtFdsCsv(file, lines), [file, 'ALL ENGLISH PROVIDERS', 'truncated']);
	});

	it('refuses commissioner-based data', () => {
		const title = [...CSV_TITLE];
		title[2] = '"BASIS: COMMISSIONER BASED",,,,,,,,';
		etlError(() => parseCwtFdsCsv(file, csv(title)), [file, 'row 7', 'BASIS line says COMMISSIONER']);
		title[6] = title[6]!.replace('ACCOUNTABLE PROVIDER', 'INTEGRATED CARE BOARD (ICB)/COMMISSIONING HUB');
		etlError(() => parseCwtFdsCsv(file, csv(title)), [file, 'row 3', 'expected provider-based data']);
	});
});

describe('month helpers', () => {
	it('reads the month forms the files use', () => {
		expect(parseMonth('Sep-25')).toBe('2025-09-01');
		expect(parseMonth('Apr-21')).toBe('2021-04-01');
		expect(parseMonth('September 2025')).toBe('2025-09-01');
		expect(parseMonth(new Date(Date.UTC(2025, 3, 1)))).toBe('2025-04-01');
		expect(parseMonth(new Date(Date.UTC(2025, 2, 31, 23)))).toBe('2025-04-01'); // local midnight, UTC+1
		expect(parseMonth('BASIS: PROVIDER')).toBeNull();
		expect(parseMonth('Sepx-25')).toBeNull();
		expect(monthFromFileName('x/SEPTEMBER-2025-CWT-CRS-PROVIDER-WORKBOOK-FINAL.xlsx')).toBe('2025-09-01');
		expect(monthFromFileName('data_2021_04.csv')).toBe('2021-04-01');
		expect(monthFromFileName('CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider.xlsx')).toBeNull();
	});
});
