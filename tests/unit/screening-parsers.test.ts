/** The practice screening-coverage and list-size parsers on tiny inputs written here: the shapes they accept and every error path. */
import { describe, expect, it } from 'vitest';
import { parseScreeningCoverage, subIcbFromLabel } from '../../scripts/etl/sources/screening-coverage';
import { parseGpPopulation } from '../../scripts/etl/sources/gp-population';
import { EtlError } from '../../scripts/etl/errors';
import { practiceSpread, spreadSentence } from '../../src/lib/screening/spread';
import { estimateCaveat } from '../../src/lib/screening/estimate';

const HEADER =
	'ICB name,GP code,GP name,Bowel cancer screening coverage: aged 60 to 74 years old,Breast screening coverage: aged 53 to 70 years old';
const coverage = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
const AGES = Array.from({ length: 96 }, (_, a) => String(a));
const popHeader = ['GP code', ...AGES].join(',');
/** A list-size row: `women` at every age 53 to 70 and 1 at every other age. */
const popRow = (code: string, women: string) =>
	[code, ...AGES.map((a) => (Number(a) >= 53 && Number(a) <= 70 ? women : '1.0'))].join(',');

function fails(run: () => unknown): EtlError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(EtlError);
		return error as EtlError;
	}
	throw new Error('expected an EtlError');
}

describe('subIcbFromLabel', () => {
	it('takes the code after the last " - ", and the old code from a renamed label', () => {
		expect(subIcbFromLabel('Bath and North East Somerset, Swindon and Wiltshire ICB - 92G ')).toBe('92G');
		expect(subIcbFromLabel('North East London ICB - A3A8R ')).toBe('A3A8R');
		expect(subIcbFromLabel('Frimley ICB - (old D4U1Y  - now U2G6B)')).toBe('D4U1Y');
		expect(subIcbFromLabel('Frimley ICB')).toBeNull();
		expect(subIcbFromLabel('Frimley ICB - somewhere')).toBeNull();
	});
});

describe('parseScreeningCoverage', () => {
	it('reads practices with their Sub-ICB, name and value; a blank value is missing, not zero', () => {
		const r = parseScreeningCoverage(
			'cov.csv',
			coverage('"Sussex ICB - 70F ",G81001,The Surgery  ,60.1,71.25', 'Sussex ICB - 70F ,G81002,Other Surgery,,')
		);
		expect(r.rows).toEqual([
			{ row: 2, gp_code: 'G81001', gp_name: 'The Surgery', sub_icb_ods: '70F', coverage: 71.25 },
			{ row: 3, gp_code: 'G81002', gp_name: 'Other Surgery', sub_icb_ods: '70F', coverage: null }
		]);
		expect(r.rowsRead).toBe(2);
		expect(r.notes.join(' ')).toMatch(/1 practice has no breast screening value/);
	});

	it('names the file, row and column of each problem', () => {
		const e1 = fails(() => parseScreeningCoverage('cov.csv', coverage('Sussex ICB,G81001,A,1,50')));
		expect(e1.message).toBe(
			'cov.csv, row 2, column "ICB name": expected "<ICB name> - <Sub-ICB code>" (a 3- or 5-character ODS code after the last " - "), found "Sussex ICB"'
		);
		const e2 = fails(() =>
			parseScreeningCoverage('cov.csv', coverage('Sussex ICB - 70F,G81001,A,1,50', 'Sussex ICB - 70F,G8100,B,1,50'))
		);
		expect(e2.location).toEqual({ file: 'cov.csv', row: 3, column: 'GP code' });
		const e3 = fails(() => parseScreeningCoverage('cov.csv', coverage('Sussex ICB - 70F,G81001,A,1,fifty')));
		expect(e3.location.column).toBe('Breast screening coverage: aged 53 to 70 years old');
		expect(e3.problem).toMatch(/expected a number, found the text "fifty"/);
		const e4 = fails(() => parseScreeningCoverage('cov.csv', coverage('Sussex ICB - 70F,G81001,A,1,100.5')));
		expect(e4.problem).toMatch(/between 0 and 100, found 100.5/);
		const e5 = fails(() =>
			parseScreeningCoverage('cov.csv', coverage('Sussex ICB - 70F,G81001,A,1,50', 'Sussex ICB - 70F,G81001,A,1,50'))
		);
		expect(e5.problem).toBe('practice G81001 appears twice in this file (first at row 2)');
		const e6 = fails(() => parseScreeningCoverage('cov.csv', coverage('Sussex ICB - 70F,G81001,,1,50')));
		expect(e6.location.column).toBe('GP name');
	});

	it('refuses a file without the breast column, an empty file and a truncated row', () => {
		const missing = fails(() =>
			parseScreeningCoverage('cov.csv', 'ICB name,GP code,GP name\nSussex ICB - 70F,G81001,A\n')
		);
		expect(missing.location).toEqual({
			file: 'cov.csv',
			row: 1,
			column: 'Breast screening coverage: aged 53 to 70 years old'
		});
		expect(fails(() => parseScreeningCoverage('cov.csv', '')).problem).toBe('file is empty');
		expect(fails(() => parseScreeningCoverage('cov.csv', HEADER + '\n')).problem).toBe('no practice rows found');
		const short = fails(() => parseScreeningCoverage('cov.csv', coverage('Sussex ICB - 70F,G81001,A')));
		expect(short.location).toEqual({
			file: 'cov.csv',
			row: 2,
			column: 'Bowel cancer screening coverage: aged 60 to 74 years old'
		});
	});
});

describe('parseGpPopulation', () => {
	it('sums registered women aged 53 to 70; a blank count is an age with nobody registered', () => {
		const blanks = [popHeader, popRow('G81001', '10.0'), popRow('G81002', '2.0').replace(/,2\.0/, ',')].join('\n');
		const r = parseGpPopulation('pop.csv', blanks);
		expect(r.rows).toEqual([
			// The cohort that was 53 to 70 in 2023/24 is 55 to 72 in the list: 16 ages of `women` and two of 1.
			{ row: 2, gp_code: 'G81001', women_53_70: 180, women_cohort: 162 },
			{ row: 3, gp_code: 'G81002', women_53_70: 34, women_cohort: 34 }
		]);
		expect(r.notes.join(' ')).toMatch(/1 blank counts at ages 53 to 70 read as 0/);
	});

	it('names the file, row and column of each problem', () => {
		expect(fails(() => parseGpPopulation('pop.csv', `Practice,${AGES.join(',')}\n`)).location).toEqual({
			file: 'pop.csv',
			row: 1,
			column: 'Practice'
		});
		const noAge = fails(() =>
			parseGpPopulation('pop.csv', ['GP code', ...AGES.filter((a) => a !== '60')].join(',') + '\n')
		);
		expect(noAge.location).toEqual({ file: 'pop.csv', row: 1, column: '60' });
		const text = fails(() => parseGpPopulation('pop.csv', [popHeader, popRow('G81001', 'many')].join('\n')));
		expect(text.location).toEqual({ file: 'pop.csv', row: 2, column: '53' });
		const half = fails(() => parseGpPopulation('pop.csv', [popHeader, popRow('G81001', '2.5')].join('\n')));
		expect(half.problem).toBe('expected a whole number of women, 0 or more, found 2.5');
		const twice = fails(() =>
			parseGpPopulation('pop.csv', [popHeader, popRow('G81001', '1.0'), popRow('G81001', '1.0')].join('\n'))
		);
		expect(twice.location).toEqual({ file: 'pop.csv', row: 3, column: 'GP code' });
		const code = fails(() => parseGpPopulation('pop.csv', [popHeader, popRow('81001', '1.0')].join('\n')));
		expect(code.problem).toMatch(/GP practice ODS code/);
	});
});

describe('practice spread', () => {
	const practices = [
		{ code: 'A', name: 'Alpha', value: 50 },
		{ code: 'B', name: 'Beta', value: 72 },
		{ code: 'C', name: 'Gamma', value: 81 },
		{ code: 'D', name: 'Delta', value: 65 },
		{ code: 'E', name: 'Epsilon', value: null }
	];
	it('gives the range, quartiles, counts below thresholds and the lowest practices', () => {
		const s = practiceSpread(practices, [70, 80], 2);
		expect([s.practices, s.withValue, s.min, s.max, s.median]).toEqual([5, 4, 50, 81, 68.5]);
		expect([s.q1, s.q3]).toEqual([61.25, 74.25]);
		expect(s.below).toEqual({ 70: 2, 80: 3 });
		expect(s.lowest.map((p) => p.code)).toEqual(['A', 'D']);
		expect(
			spreadSentence(s, 'Here', [
				{ value: 70, label: 'acceptable level' },
				{ value: 80, label: 'achievable level' }
			])
		).toBe(
			'Coverage ranges from 50.0% to 81.0% between the 4 practices in Here with a published figure; the middle half lie between 61.3% and 74.3%. 2 of them are below the 70% acceptable level and 3 below the 80% achievable level.'
		);
	});
	it('says so when there is nothing to spread', () => {
		expect(spreadSentence(practiceSpread([], [70]), 'Here', [])).toBe(
			'No practice in Here has a published coverage figure.'
		);
	});
	it('gives the England estimate in the caveat without setting it beside a figure no input file holds', () => {
		expect(estimateCaveat(70.3046)).toMatch(/list sizes \(NHS England\).*For England the estimate is 70\.3%\.$/);
		expect(estimateCaveat(70.3046)).not.toMatch(/published 69/);
	});
});
