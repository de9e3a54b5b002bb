/**
 * Error paths and small happy paths for the NDRS stage and mortality parsers and the two generic analyst layouts
 * (Fingertips, COSD). Every input is written here; the counts are arbitrary test values, not real statistics.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { EtlError } from '../../scripts/etl/errors';
import { parseNdrsStage, stage12, stagingCompleteness } from '../../scripts/etl/sources/ndrs-stage';
import { headlineMortality, parseNdrsMortality } from '../../scripts/etl/sources/ndrs-mortality';
import { fingertipsPeriod, fingertipsPeriodStart, parseFingertips } from '../../scripts/etl/sources/fingertips';
import { cosdPeriod, parseCosd } from '../../scripts/etl/sources/cosd';

/** Runs fn, expects an EtlError, and returns it so a test can check where it points. */
function etlError(fn: () => unknown): EtlError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(EtlError);
		return error as EtlError;
	}
	throw new Error('expected an EtlError, but nothing was thrown');
}

const csv = (lines: string[][]) =>
	lines.map((l) => l.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';

// ---------------------------------------------------------------------------------------------------------------
// NDRS stage at diagnosis
// ---------------------------------------------------------------------------------------------------------------

const STAGE_HEADER = [
	'Geography Type',
	'Geography Name',
	'Year',
	'Site',
	'Stage 1',
	'Stage 2',
	'Stage 3',
	'Stage 4',
	'Staged - other early',
	'Staged - other advanced',
	'Unstageable',
	'Missing stage',
	'Percentage completeness'
];
// completeness = (s1..s4 + other early + other advanced) / all: (10+20+5+5+0+0)/(40+2+8) = 80
const STAGE_ROWS = [
	['Country', 'England', '2022', 'Breast', '10', '20', '5', '5', '0', '0', '2', '8', '80'],
	['Country', 'England', '2022', 'Lung', '1', '1', '1', '1', '0', '0', '0', '0', '100'],
	['Cancer Alliance', 'Alliance A, North', '2022', 'Breast', '3', '4', '2', '1', '1', '1', '0', '0', '100'],
	[
		'Integrated Care Board',
		'NHS Some Place Integrated Care Board',
		'2022',
		'Breast',
		'6',
		'6',
		'3',
		'0',
		'0',
		'0',
		'1',
		'4',
		'75'
	]
];
const stageCsv = (rows: string[][] = STAGE_ROWS, header = STAGE_HEADER) => csv([header, ...rows]);

describe('parseNdrsStage', () => {
	it('keeps Breast rows, maps geography types and keeps names as published', () => {
		const r = parseNdrsStage('stage.csv', new TextEncoder().encode('\uFEFF' + stageCsv()));
		expect(r.rowsRead).toBe(4);
		expect(r.rows.map((x) => [x.geography_type, x.geography_name])).toEqual([
			['england', 'England'],
			['alliance', 'Alliance A, North'],
			['icb', 'NHS Some Place Integrated Care Board']
		]);
		const eng = r.rows[0]!;
		expect(eng).toMatchObject({ year: 2022, stage1: 10, unstageable: 2, missing: 8, completeness_pct: 80 });
		expect(stage12(eng)).toEqual({ numerator: 30, denominator: 40 });
		expect(stagingCompleteness(eng)).toEqual({ numerator: 40, denominator: 50 });
		// "other early/advanced" count as staged but not as stage 1-4
		expect(stagingCompleteness(r.rows[1]!)).toEqual({ numerator: 12, denominator: 12 });
		expect(stage12(r.rows[1]!)).toEqual({ numerator: 7, denominator: 10 });
	});

	it('names a missing column', () => {
		const header = STAGE_HEADER.map((h) => (h === 'Unstageable' ? 'Not stageable' : h));
		const e = etlError(() => parseNdrsStage('stage.csv', stageCsv(STAGE_ROWS, header)));
		expect(e.location).toMatchObject({ file: 'stage.csv', row: 1, column: 'Unstageable' });
	});

	it('names row and column of text in a number column', () => {
		const rows = STAGE_ROWS.map((r) => [...r]);
		rows[2]![6] = 'n/a'; // Stage 3 of the alliance row, file row 4
		const e = etlError(() => parseNdrsStage('stage.csv', stageCsv(rows)));
		expect(e.location).toEqual({ file: 'stage.csv', row: 4, column: 'Stage 3' });
		expect(e.message).toContain('stage.csv, row 4, column "Stage 3"');
		expect(e.message).toContain('"n/a"');
	});

	it('rejects a negative or fractional count', () => {
		const rows = STAGE_ROWS.map((r) => [...r]);
		rows[0]![11] = '8.5';
		expect(etlError(() => parseNdrsStage('stage.csv', stageCsv(rows))).location).toMatchObject({
			row: 2,
			column: 'Missing stage'
		});
	});

	it('rejects an unknown geography type', () => {
		const rows = STAGE_ROWS.map((r) => [...r]);
		rows[3]![0] = 'Sub-ICB';
		const e = etlError(() => parseNdrsStage('stage.csv', stageCsv(rows)));
		expect(e.location).toEqual({ file: 'stage.csv', row: 5, column: 'Geography Type' });
		expect(e.problem).toContain('"Sub-ICB"');
	});

	it('fails when the published completeness does not follow from the counts (> 0.1 points)', () => {
		const rows = STAGE_ROWS.map((r) => [...r]);
		rows[0]![12] = '80.2';
		const e = etlError(() => parseNdrsStage('stage.csv', stageCsv(rows)));
		expect(e.location).toEqual({ file: 'stage.csv', row: 2, column: 'Percentage completeness' });
		expect(e.problem).toContain('40/50');
		rows[0]![12] = '80.1'; // within rounding tolerance
		expect(parseNdrsStage('stage.csv', stageCsv(rows)).rows).toHaveLength(3);
	});

	it('fails on a truncated file (last row cut short)', () => {
		const text = stageCsv();
		const cut = text.slice(0, text.lastIndexOf(',0,1,4,75'));
		const e = etlError(() => parseNdrsStage('stage.csv', cut));
		expect(e.location).toEqual({ file: 'stage.csv', row: 5, column: 'Staged - other advanced' });
		expect(e.problem).toContain('truncated');
	});

	it('fails on a file cut inside a quoted value', () => {
		const text = stageCsv();
		const cut = text.slice(0, text.indexOf('Alliance A, North') + 12);
		expect(etlError(() => parseNdrsStage('stage.csv', cut)).problem).toContain('truncated');
	});

	it('fails when there are no Breast rows, or on a duplicate', () => {
		expect(etlError(() => parseNdrsStage('stage.csv', stageCsv([STAGE_ROWS[1]!]))).problem).toContain(
			'no "Breast" rows'
		);
		const e = etlError(() => parseNdrsStage('stage.csv', stageCsv([...STAGE_ROWS, STAGE_ROWS[0]!])));
		expect(e.location).toMatchObject({ row: 6, column: 'Geography Name' });
		expect(e.problem).toContain('row 2');
	});

	it('fails on an empty file', () => {
		expect(etlError(() => parseNdrsStage('stage.csv', '')).problem).toContain('empty');
	});
});

// ---------------------------------------------------------------------------------------------------------------
// NDRS mortality (ODS / XLSX built in memory)
// ---------------------------------------------------------------------------------------------------------------

const T4_HEADER = [
	'ICD10 code',
	'Site Description',
	'Sub ICB Code',
	'Sub ICB Name',
	'Gender',
	'Age',
	'Cases',
	'Type of rate',
	'Rate (per 100,000 population)',
	'95% Lower Confidence Interval',
	'95% Upper Confidence Interval',
	'Notes'
];
const T1_HEADER = [
	'ICD10 code',
	'Site description',
	'Geography type',
	'Geography code',
	'Geography name',
	'Gender',
	'Age Group',
	'Count',
	'Type of rate',
	'Rate (per 100,000 population)',
	'95% Lower Confidence Interval',
	'95% Upper Confidence Interval',
	'Notes'
];
type Cell = string | number | null;
const t4Rows = (): Cell[][] => [
	['C18 to C20', 'Bowel', 'E38000001', 'Area One - 01A', 'Females', 'All ages', 9, 'Age-standardised', 5, 4, 6, null],
	['C50', 'Breast', 'E38000001', 'Area One - 01A', 'Females', 'All ages', 30, 'Non-standardised', 40, 30, 50, null],
	['C50', 'Breast', 'E38000001', 'Area One - 01A', 'Females', 'All ages', 30, 'Age-standardised', 35, 25, 45, null],
	[
		'C50',
		'Breast',
		'E38000001',
		'Area One - 01A',
		'Males',
		'All ages',
		1,
		'Age-standardised',
		'[u1]',
		'[u1]',
		'[u1]',
		'[note2]'
	],
	['C50', 'Breast', 'E38000001', 'Area One - 01A', 'Females', '50 to 59', 5, 'Age-specific', 20, 10, 30, null],
	['C50', 'Breast', 'E38000002', 'Area Two - 02B', 'Females', 'All ages', 12, 'Non-standardised', 20, 10, 30, null],
	['C50', 'Breast', 'E38000002', 'Area Two - 02B', 'Females', 'All ages', 12, 'Age-standardised', 25, 15, 35, '[note1]']
];
const t1Rows = (): Cell[][] => [
	['C50', 'Breast', 'Country', 'E92000001', 'England', 'Females', 'All ages', 42, 'Non-standardised', 30, 20, 40, null],
	['C50', 'Breast', 'Country', 'E92000001', 'England', 'Females', 'All ages', 42, 'Age-standardised', 31, 21, 41, null],
	['C50', 'Breast', 'Country', 'E92000001', 'England', 'Females', '50 to 54', 5, 'Age-specific', 10, 5, 15, null],
	['C00', 'Lip', 'Country', 'E92000001', 'England', 'Females', 'All ages', 4, 'Non-standardised', '<0.1', 0, 0, null]
];

function mortalityBook(
	opts: { t4?: Cell[][]; t1?: Cell[][]; t4Header?: string[]; t4Name?: string; bookType?: 'ods' | 'xlsx' } = {}
): Uint8Array {
	const wb = XLSX.utils.book_new();
	const title = (t: string): Cell[][] => [[t], []];
	XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Cover']]), 'Introduction');
	XLSX.utils.book_append_sheet(
		wb,
		XLSX.utils.aoa_to_sheet([...title('Table 1: England'), T1_HEADER, ...(opts.t1 ?? t1Rows())]),
		'Table_1'
	);
	XLSX.utils.book_append_sheet(
		wb,
		XLSX.utils.aoa_to_sheet([...title('Table 4: Sub-ICB'), opts.t4Header ?? T4_HEADER, ...(opts.t4 ?? t4Rows())]),
		opts.t4Name ?? 'Table_4'
	);
	return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: opts.bookType ?? 'ods' }) as ArrayBuffer);
}

describe('parseNdrsMortality', () => {
	it('keeps C50 rows, reads [u1] as null (not zero) and adds England from Table_1', () => {
		const r = parseNdrsMortality('mort.ods', mortalityBook());
		const sub = r.rows.filter((x) => x.area_code !== 'E92000001');
		expect(sub).toHaveLength(6);
		const male = sub.find((x) => x.gender === 'Males')!;
		expect(male).toMatchObject({
			deaths: 1,
			rate_type: 'asr',
			rate: null,
			lower95: null,
			upper95: null,
			notes: '[note2]'
		});
		expect(sub.find((x) => x.rate_type === 'age_specific')).toMatchObject({ age: '50 to 59', rate: 20 });
		const eng = r.rows.filter((x) => x.area_code === 'E92000001');
		// only England's all-ages asr + crude: Table_1's 5-year bands are not comparable with Table_4's
		expect(eng.map((x) => [x.rate_type, x.rate, x.lower95, x.upper95, x.deaths])).toEqual([
			['crude', 30, 20, 40, 42],
			['asr', 31, 21, 41, 42]
		]);
		expect(r.rowsRead).toBe(7 + 4);
	});

	it('headlineMortality picks one female all-ages asr and crude row per area', () => {
		const r = parseNdrsMortality('mort.ods', mortalityBook());
		const h = headlineMortality(r.rows);
		expect(h.map((x) => `${x.area_code} ${x.gender} ${x.rate_type}`).sort()).toEqual([
			'E38000001 Females asr',
			'E38000001 Females crude',
			'E38000002 Females asr',
			'E38000002 Females crude',
			'E92000001 Females asr',
			'E92000001 Females crude'
		]);
	});

	it('headlineMortality falls back to persons where there are no female rows', () => {
		const base = { area_name: 'X', age: 'All ages', deaths: 1, rate: 1, lower95: 0, upper95: 2, notes: '' };
		const h = headlineMortality([
			{ ...base, area_code: 'A', gender: 'Persons', rate_type: 'asr' },
			{ ...base, area_code: 'A', gender: 'Males', rate_type: 'asr' },
			{ ...base, area_code: 'B', gender: 'Females', rate_type: 'crude' },
			{ ...base, area_code: 'B', gender: 'Persons', rate_type: 'crude' }
		]);
		expect(h.map((x) => `${x.area_code} ${x.gender}`)).toEqual(['A Persons', 'B Females']);
	});

	it('reads the same tables from XLSX', () => {
		const r = parseNdrsMortality('mort.xlsx', mortalityBook({ bookType: 'xlsx' }));
		expect(r.rows).toHaveLength(8);
	});

	it('names a renamed sheet', () => {
		const e = etlError(() => parseNdrsMortality('mort.ods', mortalityBook({ t4Name: 'Table 4' })));
		expect(e.location).toEqual({ file: 'mort.ods', sheet: 'Table_4' });
		expect(e.problem).toContain('Table 4');
	});

	it('names a missing column with its sheet and header row', () => {
		const header = T4_HEADER.filter((h) => h !== 'Type of rate');
		const t4 = t4Rows().map((r) => r.filter((_, i) => i !== 7));
		const e = etlError(() => parseNdrsMortality('mort.ods', mortalityBook({ t4Header: header, t4 })));
		expect(e.location).toEqual({ file: 'mort.ods', sheet: 'Table_4', row: 3, column: 'Type of rate' });
	});

	it('names sheet, row and column of text in a number column', () => {
		const t4 = t4Rows();
		t4[2]![8] = 'n/a'; // Rate of the C50 female asr row: spreadsheet row 3 (header) + 3
		const e = etlError(() => parseNdrsMortality('mort.ods', mortalityBook({ t4 })));
		expect(e.location).toEqual({ file: 'mort.ods', sheet: 'Table_4', row: 6, column: 'Rate (per 100,000 population)' });
		expect(e.message).toContain('mort.ods, sheet "Table_4", row 6, column "Rate (per 100,000 population)"');
	});

	it('rejects an unknown type of rate and a bad Sub-ICB code', () => {
		const t4 = t4Rows();
		t4[1]![7] = 'Standardised';
		expect(etlError(() => parseNdrsMortality('mort.ods', mortalityBook({ t4 }))).location).toMatchObject({
			row: 5,
			column: 'Type of rate'
		});
		const t4b = t4Rows();
		t4b[1]![2] = '01A';
		expect(etlError(() => parseNdrsMortality('mort.ods', mortalityBook({ t4: t4b }))).location).toMatchObject({
			row: 5,
			column: 'Sub ICB Code'
		});
	});

	it('fails when Table_1 has no England C50 rate', () => {
		const t1 = t1Rows().filter((r) => r[0] !== 'C50');
		expect(etlError(() => parseNdrsMortality('mort.ods', mortalityBook({ t1 }))).location).toEqual({
			file: 'mort.ods',
			sheet: 'Table_1'
		});
	});

	it('fails on a truncated file', () => {
		for (const bookType of ['ods', 'xlsx'] as const) {
			const full = mortalityBook({ bookType });
			const e = etlError(() => parseNdrsMortality('mort', full.slice(0, Math.floor(full.length / 2))));
			expect(e.location).toEqual({ file: 'mort' });
			expect(e.problem).toContain('truncated');
		}
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Fingertips API CSV
// ---------------------------------------------------------------------------------------------------------------

const FT_HEADER = [
	'Indicator ID',
	'Indicator Name',
	'Parent Code',
	'Parent Name',
	'Area Code',
	'Area Name',
	'Area Type',
	'Sex',
	'Age',
	'Category Type',
	'Category',
	'Time period',
	'Value',
	'Lower CI 95.0 limit',
	'Upper CI 95.0 limit',
	'Lower CI 99.8 limit',
	'Upper CI 99.8 limit',
	'Count',
	'Denominator',
	'Value note',
	'Recent Trend',
	'Compared to England value or percentiles',
	'Compared to percentiles',
	'Time period Sortable',
	'New data',
	'Compared to goal',
	'Time period range'
];
const ftRow = (over: Record<string, string> = {}): string[] => {
	const base: Record<string, string> = {
		'Indicator ID': '1001',
		'Indicator Name': 'Test indicator',
		'Parent Code': 'P1',
		'Parent Name': 'Parent',
		'Area Code': 'A1',
		'Area Name': 'Area one',
		'Area Type': 'Test areas',
		Sex: 'Female',
		Age: 'All ages',
		'Category Type': '',
		Category: '',
		'Time period': '2023/24',
		Value: '50.5',
		'Lower CI 95.0 limit': '40',
		'Upper CI 95.0 limit': '60',
		'Lower CI 99.8 limit': '35',
		'Upper CI 99.8 limit': '65',
		Count: '101',
		Denominator: '200',
		'Value note': '',
		'Recent Trend': 'Cannot be calculated',
		'Compared to England value or percentiles': 'Similar',
		'Compared to percentiles': 'Not compared',
		'Time period Sortable': '20230000',
		'New data': '',
		'Compared to goal': '',
		'Time period range': '1y'
	};
	return FT_HEADER.map((h) => over[h] ?? base[h]!);
};

describe('parseFingertips', () => {
	it('reads the API layout; blank numbers are null', () => {
		const text = csv([
			FT_HEADER,
			ftRow(),
			ftRow({
				'Area Code': 'A2',
				Value: '',
				'Lower CI 95.0 limit': '',
				'Upper CI 95.0 limit': '',
				Count: '',
				Denominator: '',
				'Value note': 'Suppressed',
				'Time period': '2021 - 23'
			})
		]);
		const r = parseFingertips('ft.csv', text);
		expect(r.rowsRead).toBe(2);
		expect(r.rows[0]).toMatchObject({
			indicator_id: 1001,
			area_code: 'A1',
			sex: 'Female',
			time_period: '2023/24',
			period_start: '2023-04-01',
			period_end: '2024-03-31',
			value: 50.5,
			lower95: 40,
			upper95: 60,
			lower998: 35,
			upper998: 65,
			count: 101,
			denominator: 200,
			category_type: null,
			value_note: null,
			compared_to_england: 'Similar',
			parent_code: 'P1'
		});
		expect(r.rows[1]).toMatchObject({
			value: null,
			lower95: null,
			upper95: null,
			count: null,
			denominator: null,
			value_note: 'Suppressed',
			period_start: '2021-01-01',
			period_end: '2023-12-31'
		});
	});

	it('accepts a file with only the required columns', () => {
		const keep = [
			'Indicator ID',
			'Indicator Name',
			'Area Code',
			'Area Name',
			'Area Type',
			'Sex',
			'Age',
			'Time period',
			'Value',
			'Lower CI 95.0 limit',
			'Upper CI 95.0 limit',
			'Count',
			'Denominator'
		];
		const idx = keep.map((k) => FT_HEADER.indexOf(k));
		const r = parseFingertips('ft.csv', csv([keep, idx.map((i) => ftRow()[i]!)]));
		expect(r.rows[0]).toMatchObject({ parent_code: null, lower998: null, compared_to_england: null, value: 50.5 });
		expect(r.notes.join(' ')).toContain('Optional columns not present');
	});

	it('names a missing required column', () => {
		const header = FT_HEADER.filter((h) => h !== 'Denominator');
		const e = etlError(() => parseFingertips('ft.csv', csv([header, ftRow().slice(0, header.length)])));
		expect(e.location).toEqual({ file: 'ft.csv', row: 1, column: 'Denominator' });
	});

	const failures: [string, Record<string, string>, string][] = [
		['text in Value', { Value: 'high' }, 'Value'],
		['text in a CI', { 'Upper CI 95.0 limit': 'x' }, 'Upper CI 95.0 limit'],
		['text in an optional CI', { 'Lower CI 99.8 limit': 'x' }, 'Lower CI 99.8 limit'],
		['lower CI above upper', { 'Lower CI 95.0 limit': '70' }, 'Lower CI 95.0 limit'],
		['negative count', { Count: '-1' }, 'Count'],
		['text in denominator', { Denominator: 'many' }, 'Denominator'],
		['non-integer indicator id', { 'Indicator ID': '10.5' }, 'Indicator ID'],
		['blank area code', { 'Area Code': '' }, 'Area Code'],
		['blank sex', { Sex: '' }, 'Sex'],
		['unsupported time period', { 'Time period': '2023/24 Q1' }, 'Time period'],
		['blank time period', { 'Time period': '' }, 'Time period']
	];
	for (const [name, over, column] of failures) {
		it(`fails on ${name}, naming row and column`, () => {
			const e = etlError(() => parseFingertips('ft.csv', csv([FT_HEADER, ftRow(), ftRow(over)])));
			expect(e.location).toEqual({ file: 'ft.csv', row: 3, column });
			expect(e.message).toContain(`ft.csv, row 3, column "${column}"`);
		});
	}

	it('fails on a truncated file', () => {
		const text = csv([FT_HEADER, ftRow(), ftRow()]);
		const e = etlError(() => parseFingertips('ft.csv', text.slice(0, text.length - 40)));
		expect(e.location).toMatchObject({ file: 'ft.csv', row: 3 });
		expect(FT_HEADER).toContain(e.location.column);
		expect(e.problem).toContain('truncated');
	});
});

describe('fingertipsPeriodStart / fingertipsPeriod', () => {
	it('handles financial years, calendar years and pooled ranges', () => {
		expect(fingertipsPeriodStart('2023/24')).toBe('2023-04-01');
		expect(fingertipsPeriodStart('2022')).toBe('2022-01-01');
		expect(fingertipsPeriodStart('2021 - 23')).toBe('2021-01-01');
		expect(fingertipsPeriod('2021 - 23')).toEqual({ start: '2021-01-01', end: '2023-12-31' });
		expect(fingertipsPeriod('1999/00')).toEqual({ start: '1999-04-01', end: '2000-03-31' });
		expect(fingertipsPeriod('1998 - 00')).toEqual({ start: '1998-01-01', end: '2000-12-31' });
		expect(fingertipsPeriod(' 2022 ')).toEqual({ start: '2022-01-01', end: '2022-12-31' });
	});
	it('throws on anything else', () => {
		for (const bad of ['2023/25', '2023-24', '2023/24 Q1', 'Apr 2023', '2021 - 21', '23/24', '', '2020/21 - 22/23']) {
			expect(() => fingertipsPeriodStart(bad), bad).toThrow();
		}
	});
});

// ---------------------------------------------------------------------------------------------------------------
// COSD completeness CSV
// ---------------------------------------------------------------------------------------------------------------

const COSD_HEADER = ['area_code', 'period', 'item', 'records', 'records_complete'];

describe('parseCosd', () => {
	it('reads months and years, ONS and ODS codes', () => {
		const r = parseCosd(
			'cosd.csv',
			csv([
				COSD_HEADER,
				['E99999999', '2024-02', 'stage', '10', '9'],
				['ABC', '2023', 'stage', '0', '0'],
				['RX1AB', '2024-12', 'performance_status', '1,000', '1000']
			])
		);
		expect(r.rows).toEqual([
			{
				area_code: 'E99999999',
				period_start: '2024-02-01',
				period_end: '2024-02-29',
				item: 'stage',
				records: 10,
				records_complete: 9
			},
			{
				area_code: 'ABC',
				period_start: '2023-01-01',
				period_end: '2023-12-31',
				item: 'stage',
				records: 0,
				records_complete: 0
			},
			{
				area_code: 'RX1AB',
				period_start: '2024-12-01',
				period_end: '2024-12-31',
				item: 'performance_status',
				records: 1000,
				records_complete: 1000
			}
		]);
		expect(r.rowsRead).toBe(3);
	});

	it('accepts columns in any order, a BOM and blank lines', () => {
		const text = '\uFEFFrecords_complete,records,item,period,area_code\n\n1,2,stage,2024,AB1\n\n';
		expect(parseCosd('cosd.csv', new TextEncoder().encode(text)).rows).toEqual([
			{
				area_code: 'AB1',
				period_start: '2024-01-01',
				period_end: '2024-12-31',
				item: 'stage',
				records: 2,
				records_complete: 1
			}
		]);
	});

	it('names a missing column', () => {
		const e = etlError(() =>
			parseCosd(
				'cosd.csv',
				csv([
					['area_code', 'period', 'item', 'records'],
					['ABC', '2024', 'stage', '1']
				])
			)
		);
		expect(e.location).toEqual({ file: 'cosd.csv', row: 1, column: 'records_complete' });
	});

	const failures: [string, string[], string][] = [
		['lower-case area code', ['abc', '2024', 'stage', '1', '1'], 'area_code'],
		['too-long ODS code', ['ABCDEF', '2024', 'stage', '1', '1'], 'area_code'],
		['E code with 7 digits', ['E1234567', '2024', 'stage', '1', '1'], 'area_code'],
		['blank area code', ['', '2024', 'stage', '1', '1'], 'area_code'],
		['month 13', ['ABC', '2024-13', 'stage', '1', '1'], 'period'],
		['a day in the period', ['ABC', '2024-01-15', 'stage', '1', '1'], 'period'],
		['a financial year', ['ABC', '2023/24', 'stage', '1', '1'], 'period'],
		['item with spaces', ['ABC', '2024', 'Stage at diagnosis', '1', '1'], 'item'],
		['blank item', ['ABC', '2024', '', '1', '1'], 'item'],
		['text in records', ['ABC', '2024', 'stage', 'ten', '1'], 'records'],
		['negative records', ['ABC', '2024', 'stage', '-1', '0'], 'records'],
		['fractional records', ['ABC', '2024', 'stage', '1.5', '1'], 'records'],
		['blank records_complete', ['ABC', '2024', 'stage', '1', ''], 'records_complete'],
		['negative records_complete', ['ABC', '2024', 'stage', '1', '-1'], 'records_complete'],
		['records_complete above records', ['ABC', '2024', 'stage', '5', '6'], 'records_complete'],
		['a duplicate area, period and item', ['AB1', '2024-01', 'stage', '1', '1'], 'item']
	];
	for (const [name, bad, column] of failures) {
		it(`fails on ${name}, naming row and column`, () => {
			const e = etlError(() => parseCosd('cosd.csv', csv([COSD_HEADER, ['AB1', '2024-01', 'stage', '2', '1'], bad])));
			expect(e.location).toEqual({ file: 'cosd.csv', row: 3, column });
			expect(e.message).toContain(`cosd.csv, row 3, column "${column}"`);
		});
	}

	it('fails on a truncated file', () => {
		const e = etlError(() =>
			parseCosd('cosd.csv', 'area_code,period,item,records,records_complete\nAB1,2024-01,stage,2,1\nAB1,2024-02,sta')
		);
		expect(e.location).toEqual({ file: 'cosd.csv', row: 3, column: 'records' });
		expect(e.problem).toContain('truncated');
	});

	it('cosdPeriod gives month and year bounds', () => {
		expect(cosdPeriod('2023-02')).toEqual({ start: '2023-02-01', end: '2023-02-28' });
		expect(cosdPeriod('2024')).toEqual({ start: '2024-01-01', end: '2024-12-31' });
		expect(() => cosdPeriod('2024-00')).toThrow();
	});
});
