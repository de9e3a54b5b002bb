/**
 * Registered female patients by GP practice and single year of age (NHS England, "Patients Registered at a GP
 * Practice", April 2026, reshaped by the eFIT tool into one file per ICB: metrics/SOURCES.md section 6). Used only for
 * the number of women aged 53 to 70 at each practice, the denominators of the screening-coverage estimates. Pure.
 *
 * Header: `GP code`, then one column per age `0` ... `95` (95 = 95 and over), all required. A blank count is an age
 * with no registered women (the reshaping leaves no row, hence no value, for such ages): it counts as 0.
 */
import { COHORT_AGES } from '../../../src/lib/screening/estimate';
import { EtlError } from '../errors';
import { isBlank, toNumber, toText } from './sheet';
import type { ParseResult, SourceInfo } from './types';
import { dataRows, readCsv, UniqueRows } from './csv';
import { PRACTICE_CODE } from './screening-coverage';

export const GP_POPULATION_SOURCE: SourceInfo = {
	id: 'gp-registered-population',
	title: 'Patients Registered at a GP Practice: single year of age, women (April 2026)',
	publisher: 'NHS England',
	licence: 'Open Government Licence v3.0',
	downloadUrl:
		'https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice'
};

/** The ages the coverage measure counts: 53 to 70 inclusive. */
export const SCREENING_AGE_FROM = 53;
export const SCREENING_AGE_TO = 70;

export interface PracticeWomenRow {
	row: number;
	gp_code: string;
	/** Registered women aged 53 to 70. */
	women_53_70: number;
	/** Registered women of the cohort that was 53 to 70 in the coverage year (COHORT_AGES: two years older). */
	women_cohort: number;
}

export function parseGpPopulation(file: string, data: Uint8Array | string): ParseResult<PracticeWomenRow> {
	const records = readCsv(file, data);
	const header = records[0];
	if (!header || header.every(isBlank)) throw new EtlError({ file }, 'file is empty');
	if (toText(header[0]).toUpperCase() !== 'GP CODE') {
		throw new EtlError({ file, row: 1, column: toText(header[0]) || 'A' }, 'the first column must be "GP code"');
	}
	const ageColumn = new Map<number, number>();
	for (let c = 1; c < header.length; c++) {
		const name = toText(header[c]);
		if (!/^\d+$/.test(name))
			throw new EtlError({ file, row: 1, column: name }, 'expected a single year of age (0 to 95) as the column name');
		ageColumn.set(Number(name), c);
	}
	const absent = [...Array(96).keys()].filter((a) => !ageColumn.has(a));
	if (absent.length)
		throw new EtlError(
			{ file, row: 1, column: String(absent[0]) },
			`age column missing from the header row (${absent.length} of 0 to 95 missing)`
		);

	const rows: PracticeWomenRow[] = [];
	const practices = new UniqueRows();
	let rowsRead = 0;
	let blanks = 0;
	for (const { row, record } of dataRows(file, records)) {
		rowsRead++;
		const gp_code = toText(record[0]);
		if (!PRACTICE_CODE.test(gp_code)) {
			throw new EtlError(
				{ file, row, column: 'GP code' },
				`expected a GP practice ODS code (a capital letter and five digits), found "${gp_code}"`
			);
		}
		let women = 0;
		let cohort = 0;
		for (
			let age = Math.min(SCREENING_AGE_FROM, COHORT_AGES.from);
			age <= Math.max(SCREENING_AGE_TO, COHORT_AGES.to);
			age++
		) {
			const c = ageColumn.get(age)!;
			const value = record[c];
			if (isBlank(value)) {
				if (age >= SCREENING_AGE_FROM && age <= SCREENING_AGE_TO) blanks++;
				continue;
			}
			const n = toNumber(value, { file, row, column: String(age) });
			if (!Number.isInteger(n) || n < 0)
				throw new EtlError(
					{ file, row, column: String(age) },
					`expected a whole number of women, 0 or more, found ${n}`
				);
			if (age >= SCREENING_AGE_FROM && age <= SCREENING_AGE_TO) women += n;
			if (age >= COHORT_AGES.from && age <= COHORT_AGES.to) cohort += n;
		}
		practices.add(
			gp_code,
			row,
			(first) =>
				new EtlError(
					{ file, row, column: 'GP code' },
					`practice ${gp_code} appears twice in this file (first at row ${first})`
				)
		);
		rows.push({ row, gp_code, women_53_70: women, women_cohort: cohort });
	}
	if (rows.length === 0) throw new EtlError({ file, row: 2 }, 'no practice rows found');
	const notes = [
		`Read ${rows.length} practices: ${rows.reduce((s, r) => s + r.women_53_70, 0).toLocaleString('en-GB')} registered women aged ${SCREENING_AGE_FROM} to ${SCREENING_AGE_TO}.`
	];
	if (blanks)
		notes.push(
			`${blanks} blank counts at ages ${SCREENING_AGE_FROM} to ${SCREENING_AGE_TO} read as 0 (no women of that age registered).`
		);
	return { rows, rowsRead, rowsRejected: 0, notes };
}
