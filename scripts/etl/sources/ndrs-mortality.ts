/**
 * NDRS "Cancer registration statistics: cancer mortality in England, 2020" reference tables (ODS). Pure: no I/O.
 *
 * Sheets read (and only these; SheetJS is given the list, see the timing note below):
 * - `Table_4`: deaths and rates by ICD-10 site, Sub-ICB (E38 codes, 106 areas), gender and age, 2020. Two title rows,
 *   header on row 3: ICD10 code, Site Description, Sub ICB Code, Sub ICB Name, Gender, Age, Cases, Type of rate,
 *   Rate (per 100,000 population), 95% Lower Confidence Interval, 95% Upper Confidence Interval, Notes.
 * - `Table_1`: the same measures for England (E92000001), 2020, in 5-year age groups. Header on row 3: ICD10 code,
 *   Site description, Geography type, Geography code, Geography name, Gender, Age Group, Count, Type of rate, Rate...,
 *   CIs, Notes. Table_1 rather than Table_2 because Table_2 has only age-standardised rates; Table_1 also has the
 *   crude ("Non-standardised") rate. (In the 2020 edition Table_1 and Table_2 agree for C50 females: 9,638 deaths,
 *   ASR 32.4 per 100,000, 95% CI 31.7-33.0.)
 *
 * Only C50 (malignant neoplasm of breast) rows are kept. "Cases" in Table_4 are deaths (the column is misnamed).
 *
 * Gender and age: C50 rows exist for Gender "Males" and "Females" (no "Persons") and Age "All ages" plus six bands
 * ("24 and under", "25 to 49", "50 to 59", "60 to 69", "70 to 79", "80 and over"); each with "Age-standardised" and
 * "Non-standardised" rates for All ages and "Age-specific" rates for the bands. The dashboard shows FEMALE breast
 * cancer mortality, ALL AGES (male breast cancer deaths are about 1% of the total and their rates are almost all
 * suppressed at Sub-ICB level). `headlineMortality` picks those rows; the parser returns every C50 row.
 *
 * Missing values: "[u1]" = rate and interval not published because there were too few deaths (fewer than 10 for
 * age-standardised, fewer than 3 for other rates; the Notes column then says "[note2]"). "[note1]" in Notes flags an
 * age-standardised rate based on fewer than 20 deaths. Table_1 also uses "<0.1" for tiny non-standardised rates
 * (no C50 row has it in 2020); it is read as missing too, as it is not a figure. Missing is null, never zero.
 *
 * Timing: SheetJS honours the `sheets` option for XLSX but its ODS reader still parses all of content.xml, so the
 * whole 60 MB of XML is parsed whichever sheets are named (about 4-5 s on a laptop-class machine; Table_4 alone is
 * about 72% of the XML). Naming the sheets still keeps the intent explicit and helps for XLSX copies of the tables.
 */
import type * as XLSX from '@e965/xlsx';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { EtlError, type Location } from '../errors';
import { findColumns, getSheet, isBlank, readWorkbook, sheetRows, toOptionalNumber, toText } from './sheet';
import type { ParseResult, SourceInfo } from './types';

export const NDRS_MORTALITY_SOURCE: SourceInfo = {
	id: 'ndrs-mortality',
	title: 'Cancer registration statistics: cancer mortality in England, 2020 (reference tables)',
	publisher: 'National Disease Registration Service (NDRS), NHS England',
	licence: 'Open Government Licence v3.0',
	downloadUrl:
		'https://digital.nhs.uk/data-and-information/publications/statistical/cancer-registration-statistics/england-2020'
};

/** 'age_specific': a rate for one age band (Table_4's "Age-specific"); the headline uses only 'asr' and 'crude'. */
export type MortalityRateType = 'asr' | 'crude' | 'age_specific';

export interface NdrsMortalityRow {
	/** E38 Sub-ICB code, or E92000001 for England. */
	area_code: string;
	/** As published, e.g. "NHS South Yorkshire ICB - 02P", or "England". */
	area_name: string;
	/** "Females" or "Males", as published. */
	gender: string;
	/** "All ages" or an age band, as published. */
	age: string;
	/** Deaths registered in 2020 ("Cases" in Table_4, "Count" in Table_1). */
	deaths: number | null;
	rate_type: MortalityRateType;
	/** Per 100,000 population; null where the publisher withheld it ([u1]). */
	rate: number | null;
	lower95: number | null;
	upper95: number | null;
	/** Notes markers as published ("[note1]", "[note2]") or ''. */
	notes: string;
}

export const MORTALITY_SITE = 'C50';
export const MORTALITY_YEAR = 2020;
/** The gender and age the dashboard shows: female breast cancer, all ages (see the module comment). */
export const HEADLINE_GENDER = 'Females';
export const HEADLINE_AGE = 'All ages';
/** Markers meaning "no figure published". Everything else that is not a number is an error. */
export const MORTALITY_MISSING_MARKERS = ['[u1]', '<0.1'] as const;

export const MORTALITY_SHEETS = { subIcb: 'Table_4', england: 'Table_1' } as const;

const RATE_TYPES: Record<string, MortalityRateType> = {
	'Age-standardised': 'asr',
	'Non-standardised': 'crude',
	'Age-specific': 'age_specific'
};

/** The rate columns both tables share, headed alike. */
const RATE_COLUMNS = {
	rateType: 'Type of rate',
	rate: 'Rate (per 100,000 population)',
	lower: '95% Lower Confidence Interval',
	upper: '95% Upper Confidence Interval',
	notes: 'Notes'
} as const;

const TABLE4_COLUMNS = {
	icd10: 'ICD10 code',
	code: 'Sub ICB Code',
	name: 'Sub ICB Name',
	gender: 'Gender',
	age: 'Age',
	deaths: 'Cases',
	...RATE_COLUMNS
} as const;

const TABLE1_COLUMNS = {
	icd10: 'ICD10 code',
	code: 'Geography code',
	name: 'Geography name',
	gender: 'Gender',
	age: 'Age Group',
	deaths: 'Count',
	...RATE_COLUMNS
} as const;

type MortalityColumns = typeof TABLE4_COLUMNS | typeof TABLE1_COLUMNS;

export function parseNdrsMortality(file: string, data: Uint8Array | string): ParseResult<NdrsMortalityRow> {
	const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	const wb = readWorkbook(file, bytes, [MORTALITY_SHEETS.subIcb, MORTALITY_SHEETS.england]);

	const sub = readTable(
		file,
		wb,
		MORTALITY_SHEETS.subIcb,
		TABLE4_COLUMNS,
		(code) => /^E38\d{6}$/.test(code),
		'an E38 Sub-ICB code'
	);
	if (sub.rows.length === 0) {
		throw new EtlError(
			{ file, sheet: MORTALITY_SHEETS.subIcb, column: TABLE4_COLUMNS.icd10 },
			`no ${MORTALITY_SITE} rows found`
		);
	}
	const eng = readTable(
		file,
		wb,
		MORTALITY_SHEETS.england,
		TABLE1_COLUMNS,
		(code) => code === ENGLAND_CODE,
		`${ENGLAND_CODE} (England)`
	);
	// Table_1's age bands are 5-year bands, unlike Table_4's; only "All ages" is comparable, so only those rows are kept.
	const england = eng.rows.filter((r) => r.age === HEADLINE_AGE && r.rate_type !== 'age_specific');
	const engHeadline = england.filter((r) => r.gender === HEADLINE_GENDER);
	if (!engHeadline.some((r) => r.rate_type === 'asr')) {
		throw new EtlError(
			{ file, sheet: MORTALITY_SHEETS.england },
			`no England ${MORTALITY_SITE} age-standardised rate for ${HEADLINE_GENDER}, ${HEADLINE_AGE}`
		);
	}

	const rows = [...sub.rows, ...england];
	const areas = new Set(sub.rows.map((r) => r.area_code));
	const missingRates = rows.filter((r) => r.rate === null).length;
	const headline = headlineMortality(sub.rows).filter((r) => r.rate_type === 'asr');
	const subDeaths = headline.reduce((s, r) => s + (r.deaths ?? 0), 0);
	const engAsr = engHeadline.find((r) => r.rate_type === 'asr');
	const notes = [
		`${MORTALITY_SHEETS.subIcb}: kept ${sub.rows.length} ${MORTALITY_SITE} rows for ${areas.size} Sub-ICBs out of ${sub.rowsRead} rows; ` +
			`${MORTALITY_SHEETS.england}: kept ${england.length} England ${MORTALITY_SITE} all-ages rows out of ${eng.rowsRead}.`,
		`${missingRates} kept rows have no published rate ([u1]: too few deaths); read as missing, not zero.`,
		`Headline: ${HEADLINE_GENDER}, ${HEADLINE_AGE}. Sub-ICB ${HEADLINE_GENDER.toLowerCase()} deaths sum to ${subDeaths}; ` +
			`England has ${engAsr?.deaths ?? 'no count'} (ASR ${engAsr?.rate ?? 'n/a'} per 100,000).`
	];
	return { rows, rowsRead: sub.rowsRead + eng.rowsRead, rowsRejected: 0, notes };
}

/**
 * The rows the dashboard shows: one age-standardised and one crude rate per area, female (all ages) where present,
 * otherwise persons. Throws if an area has two candidate rows of the same type (the file would be ambiguous).
 */
export function headlineMortality(rows: readonly NdrsMortalityRow[]): NdrsMortalityRow[] {
	const byArea = new Map<string, NdrsMortalityRow[]>();
	for (const r of rows) {
		if (r.age !== HEADLINE_AGE || (r.rate_type !== 'asr' && r.rate_type !== 'crude')) continue;
		const list = byArea.get(r.area_code) ?? [];
		list.push(r);
		byArea.set(r.area_code, list);
	}
	const out: NdrsMortalityRow[] = [];
	for (const [area, list] of byArea) {
		for (const gender of [HEADLINE_GENDER, 'Persons']) {
			const chosen = list.filter((r) => r.gender === gender);
			if (chosen.length === 0) continue;
			for (const type of ['asr', 'crude'] as const) {
				const ofType = chosen.filter((r) => r.rate_type === type);
				if (ofType.length > 1) throw new Error(`${area}: ${ofType.length} ${gender} ${HEADLINE_AGE} ${type} rows`);
				if (ofType[0]) out.push(ofType[0]);
			}
			break;
		}
	}
	return out;
}

function readTable(
	file: string,
	wb: XLSX.WorkBook,
	sheet: string,
	columns: MortalityColumns,
	validCode: (code: string) => boolean,
	codeDescription: string
): { rows: NdrsMortalityRow[]; rowsRead: number } {
	const all = sheetRows(getSheet(wb, file, sheet));
	// The header is the first row whose first cell is "ICD10 code" (row 3 in the 2020 edition, after two title rows).
	const headerIndex = all.slice(0, 20).findIndex((r) => toText(r[0]).toUpperCase() === columns.icd10.toUpperCase());
	if (headerIndex < 0) {
		throw new EtlError({ file, sheet, row: 3, column: columns.icd10 }, 'header row not found in the first 20 rows');
	}
	const header = all[headerIndex]!;
	const col = findColumns(header, columns, { file, sheet, row: headerIndex + 1 });
	const width = Math.max(...Object.values<number>(col)) + 1;

	const rows: NdrsMortalityRow[] = [];
	let rowsRead = 0;
	for (let i = headerIndex + 1; i < all.length; i++) {
		const record = all[i]!;
		if (record.every(isBlank)) continue;
		rowsRead++;
		const row = i + 1;
		const at = (key: keyof MortalityColumns): Location => ({ file, sheet, row, column: columns[key] });
		const cell = (key: keyof MortalityColumns) => record[col[key]];
		if (record.length < width)
			throw new EtlError(
				{ file, sheet, row },
				`row has ${record.length} cells, expected ${width}; is the table cut short?`
			);

		const icd = toText(cell('icd10'));
		if (icd === '') throw new EtlError(at('icd10'), 'ICD-10 code is blank');
		if (icd !== MORTALITY_SITE) continue;

		const area_code = toText(cell('code'));
		if (!validCode(area_code)) throw new EtlError(at('code'), `expected ${codeDescription}, found "${area_code}"`);
		const rateTypeText = toText(cell('rateType'));
		const rate_type = RATE_TYPES[rateTypeText];
		if (!rate_type) {
			throw new EtlError(
				at('rateType'),
				`unknown type of rate "${rateTypeText}" (expected ${Object.keys(RATE_TYPES)
					.map((t) => `"${t}"`)
					.join(', ')})`
			);
		}
		const gender = toText(cell('gender'));
		if (gender === '') throw new EtlError(at('gender'), 'gender is blank');
		const age = toText(cell('age'));
		if (age === '') throw new EtlError(at('age'), 'age is blank');

		const deaths = toOptionalNumber(cell('deaths'), at('deaths'), MORTALITY_MISSING_MARKERS);
		if (deaths !== null && (!Number.isInteger(deaths) || deaths < 0)) {
			throw new EtlError(at('deaths'), `expected a whole number of deaths, found ${deaths}`);
		}
		const rate = toOptionalNumber(cell('rate'), at('rate'), MORTALITY_MISSING_MARKERS);
		const lower95 = toOptionalNumber(cell('lower'), at('lower'), MORTALITY_MISSING_MARKERS);
		const upper95 = toOptionalNumber(cell('upper'), at('upper'), MORTALITY_MISSING_MARKERS);
		if (rate !== null && lower95 !== null && upper95 !== null && !(lower95 <= rate && rate <= upper95)) {
			throw new EtlError(at('rate'), `rate ${rate} is outside its own 95% interval ${lower95} to ${upper95}`);
		}

		rows.push({
			area_code,
			area_name: toText(cell('name')),
			gender,
			age,
			deaths,
			rate_type,
			rate,
			lower95,
			upper95,
			notes: toText(cell('notes'))
		});
	}
	return { rows, rowsRead };
}
