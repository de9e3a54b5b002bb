/**
 * Breast screening coverage by GP practice: Fingertips indicator 94063 as compiled, one file per ICB, by the eFIT tool
 * (metrics/SOURCES.md section 5). One row per practice, several indicators side by side, percentages only (no counts).
 * Pure: no I/O.
 *
 * Columns used (found by name, any order): `ICB name` ("<2022 ICB name> ICB - <Sub-ICB ODS code> "), `GP code`,
 * `GP name`, `Breast screening coverage: aged 53 to 70 years old`. Frimley's practices carry the label
 * "Frimley ICB - (old D4U1Y  - now U2G6B)": their 2022-25 Sub-ICB is the "old" code, D4U1Y.
 * A blank coverage cell means the value is missing (Fingertips withholds small practices), never zero.
 */
import { EtlError, type Location } from '../errors';
import { findColumns, isBlank, toNumber, toText } from './sheet';
import type { ParseResult, SourceInfo } from './types';
import { dataRows, readCsv, UniqueRows } from './csv';

export const SCREENING_COVERAGE_SOURCE: SourceInfo = {
	id: 'fingertips-94063-practice',
	title: 'Breast screening coverage, women aged 53 to 70, by GP practice (Fingertips indicator 94063)',
	publisher: 'Office for Health Improvement and Disparities (OHID), Fingertips',
	licence: 'Open Government Licence v3.0',
	downloadUrl: 'https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=94063&child_area_type_id=7'
};

export interface PracticeCoverageRow {
	/** 1-based row in the file, for messages. */
	row: number;
	gp_code: string;
	gp_name: string;
	/** The 3- or 5-character Sub-ICB ODS code (2022-25 geography), e.g. 92G, D4U1Y. */
	sub_icb_ods: string;
	/** Percentage 0-100; null where the file has no value. */
	coverage: number | null;
}

const COLUMNS = {
	icbName: 'ICB name',
	gpCode: 'GP code',
	gpName: 'GP name',
	breast: 'Breast screening coverage: aged 53 to 70 years old'
} as const;

/** ODS practice codes: a letter and five digits (e.g. A81001), or Y and five digits for newer sites. */
export const PRACTICE_CODE = /^[A-Z]\d{5}$/;
const SUB_ICB_CODE = /^[0-9A-Z]{3}$|^[A-Z]\d[A-Z]\d[A-Z]$/;

/** "Sussex ICB - 70F " -> 70F; "Frimley ICB - (old D4U1Y  - now U2G6B)" -> D4U1Y. Null when neither shape fits. */
export function subIcbFromLabel(label: string): string | null {
	const renamed = /\(old\s+([0-9A-Z]+)\s+-\s+now\s+[0-9A-Z]+\)\s*$/.exec(label);
	const code = renamed ? renamed[1]! : label.slice(label.lastIndexOf(' - ') + 3).trim();
	return label.includes(' - ') && SUB_ICB_CODE.test(code) ? code : null;
}

export function parseScreeningCoverage(file: string, data: Uint8Array | string): ParseResult<PracticeCoverageRow> {
	const records = readCsv(file, data);
	const header = records[0];
	if (!header || header.every(isBlank)) throw new EtlError({ file }, 'file is empty');
	const col = findColumns(header, COLUMNS, { file, row: 1 });

	const rows: PracticeCoverageRow[] = [];
	const practices = new UniqueRows();
	let rowsRead = 0;
	let missing = 0;
	let renamed = 0;
	for (const { row, record } of dataRows(file, records)) {
		rowsRead++;
		const at = (key: keyof typeof COLUMNS): Location => ({ file, row, column: COLUMNS[key] });
		const cell = (key: keyof typeof COLUMNS) => record[col[key]];

		const label = toText(cell('icbName'));
		const sub_icb_ods = subIcbFromLabel(label);
		if (!sub_icb_ods) {
			throw new EtlError(
				at('icbName'),
				`expected "<ICB name> - <Sub-ICB code>" (a 3- or 5-character ODS code after the last " - "), found "${label}"`
			);
		}
		if (label.includes('(old ')) renamed++;
		const gp_code = toText(cell('gpCode'));
		if (!PRACTICE_CODE.test(gp_code)) {
			throw new EtlError(
				at('gpCode'),
				`expected a GP practice ODS code (a capital letter and five digits), found "${gp_code}"`
			);
		}
		const gp_name = toText(cell('gpName'));
		if (!gp_name) throw new EtlError(at('gpName'), `practice ${gp_code} has no name`);
		const raw = cell('breast');
		let coverage: number | null = null;
		if (isBlank(raw)) missing++;
		else {
			coverage = toNumber(raw, at('breast'));
			if (coverage < 0 || coverage > 100)
				throw new EtlError(at('breast'), `a percentage must lie between 0 and 100, found ${coverage}`);
		}
		practices.add(
			gp_code,
			row,
			(first) => new EtlError(at('gpCode'), `practice ${gp_code} appears twice in this file (first at row ${first})`)
		);
		rows.push({ row, gp_code, gp_name, sub_icb_ods, coverage });
	}
	if (rows.length === 0) throw new EtlError({ file, row: 2 }, 'no practice rows found');

	const subs = new Set(rows.map((r) => r.sub_icb_ods)).size;
	const notes = [`Read ${rows.length} practices in ${subs} Sub-ICB${subs === 1 ? '' : 's'}.`];
	if (missing)
		notes.push(
			`${missing} practice${missing === 1 ? ' has' : 's have'} no breast screening value (blank: missing, not zero).`
		);
	if (renamed)
		notes.push(
			`${renamed} practices carry a renamed Sub-ICB label ("old ... now ..."): the old (2022-25) code is used.`
		);
	return { rows, rowsRead, rowsRejected: 0, notes };
}
