/**
 * NDRS Cancer Data Hub "Cancer stage at diagnosis" download: counts of tumours by stage, by cancer site, year and
 * geography (England, Cancer Alliance, Integrated Care Board), England 2013-2022. Pure: no I/O.
 *
 * Layout (one header row, then one row per geography x year x site):
 *   Geography Type, Geography Name, Year, Site, Stage 1, Stage 2, Stage 3, Stage 4, Staged - other early,
 *   Staged - other advanced, Unstageable, Missing stage, Percentage completeness
 * Only Site = "Breast" rows are kept. Names are kept exactly as published (ICBs have no codes in this file; mapping
 * names to codes is the orchestrator's job).
 *
 * "Percentage completeness" = staged / all tumours, where staged = Stage 1-4 + "Staged - other early" +
 * "Staged - other advanced" and all = every category including Unstageable and Missing stage. Checked against all
 * 10,710 rows of the 2013-2022 edition (every site, not only breast): the largest difference between the recomputed
 * and the published percentage is 0.05 points (rounding to 1 decimal; alliance rows are published to 3 decimals).
 * Counting Unstageable as staged, or leaving it out of the denominator, misses thousands of rows.
 */
import { EtlError, type Location } from '../errors';
import { findColumns, toNumber, toText } from './sheet';
import type { ParseResult, SourceInfo } from './types';
import { dataRows, readCsv, UniqueRows, wholeNumber as count } from './csv';

export const NDRS_STAGE_SOURCE: SourceInfo = {
	id: 'ndrs-stage',
	title: 'NDRS Cancer Data Hub: cancer stage at diagnosis, England 2013-2022',
	publisher: 'National Disease Registration Service (NDRS), NHS England',
	licence: 'Open Government Licence v3.0',
	downloadUrl: 'https://digital.nhs.uk/ndrs/data/data-outputs/cancer-data-hub/cancer-stage-at-diagnosis'
};

export type StageGeographyType = 'england' | 'alliance' | 'icb';

export interface NdrsStageRow {
	/** 1-based row in the file, so later steps (name -> code) can point at it. */
	row: number;
	geography_type: StageGeographyType;
	/** Exactly as published, e.g. "Cheshire and Merseyside" or "NHS Cheshire and Merseyside Integrated Care Board". */
	geography_name: string;
	year: number;
	stage1: number;
	stage2: number;
	stage3: number;
	stage4: number;
	other_early: number;
	other_advanced: number;
	unstageable: number;
	missing: number;
	/** "Percentage completeness" as published (0-100). */
	completeness_pct: number;
}

export interface Fraction {
	numerator: number;
	denominator: number;
}

type StageCounts = Pick<
	NdrsStageRow,
	'stage1' | 'stage2' | 'stage3' | 'stage4' | 'other_early' | 'other_advanced' | 'unstageable' | 'missing'
>;

/** Stage 1 or 2 among tumours with a stage of 1 to 4 (the dashboard's early-diagnosis measure). */
export function stage12(row: StageCounts): Fraction {
	return {
		numerator: row.stage1 + row.stage2,
		denominator: row.stage1 + row.stage2 + row.stage3 + row.stage4
	};
}

/**
 * Staging completeness as NDRS publishes it: tumours with a stage (1-4, other early, other advanced) among all
 * tumours (those plus Unstageable plus Missing stage). Reproduces "Percentage completeness" to within rounding.
 */
export function stagingCompleteness(row: StageCounts): Fraction {
	const staged = row.stage1 + row.stage2 + row.stage3 + row.stage4 + row.other_early + row.other_advanced;
	return { numerator: staged, denominator: staged + row.unstageable + row.missing };
}

/** All tumours registered (every stage category). */
export function totalTumours(row: StageCounts): number {
	return stagingCompleteness(row).denominator;
}

/** Largest allowed gap, in percentage points, between recomputed and published completeness. */
export const COMPLETENESS_TOLERANCE = 0.1;

const GEOGRAPHY_TYPES: Record<string, StageGeographyType> = {
	Country: 'england',
	'Cancer Alliance': 'alliance',
	'Integrated Care Board': 'icb'
};

const COLUMNS = {
	geographyType: 'Geography Type',
	geographyName: 'Geography Name',
	year: 'Year',
	site: 'Site',
	stage1: 'Stage 1',
	stage2: 'Stage 2',
	stage3: 'Stage 3',
	stage4: 'Stage 4',
	otherEarly: 'Staged - other early',
	otherAdvanced: 'Staged - other advanced',
	unstageable: 'Unstageable',
	missing: 'Missing stage',
	completeness: 'Percentage completeness'
} as const;

const SITE = 'Breast';

export function parseNdrsStage(file: string, data: Uint8Array | string): ParseResult<NdrsStageRow> {
	const records = readCsv(file, data);
	const header = records[0];
	if (!header) throw new EtlError({ file }, 'file is empty');
	const col = findColumns(header, COLUMNS, { file, row: 1 });

	const rows: NdrsStageRow[] = [];
	const keys = new UniqueRows();
	const otherSites = new Set<string>();
	let rowsRead = 0;
	let otherSiteRows = 0;

	for (const { row, record } of dataRows(file, records)) {
		rowsRead++;
		const cell = (key: keyof typeof COLUMNS) => record[col[key]];
		const at = (key: keyof typeof COLUMNS): Location => ({ file, row, column: COLUMNS[key] });

		const site = toText(cell('site'));
		if (site === '') throw new EtlError(at('site'), 'site is blank');
		if (site !== SITE) {
			otherSites.add(site);
			otherSiteRows++;
			continue;
		}

		const typeText = toText(cell('geographyType'));
		const geography_type = GEOGRAPHY_TYPES[typeText];
		if (!geography_type) {
			throw new EtlError(
				at('geographyType'),
				`unknown geography type "${typeText}" (expected one of ${Object.keys(GEOGRAPHY_TYPES)
					.map((t) => `"${t}"`)
					.join(', ')})`
			);
		}
		const geography_name = toText(cell('geographyName'));
		if (geography_name === '') throw new EtlError(at('geographyName'), 'geography name is blank');

		const year = count(cell('year'), at('year'));
		if (year < 1990 || year > 2100) throw new EtlError(at('year'), `expected a calendar year, found ${year}`);

		const parsed: NdrsStageRow = {
			row,
			geography_type,
			geography_name,
			year,
			stage1: count(cell('stage1'), at('stage1')),
			stage2: count(cell('stage2'), at('stage2')),
			stage3: count(cell('stage3'), at('stage3')),
			stage4: count(cell('stage4'), at('stage4')),
			other_early: count(cell('otherEarly'), at('otherEarly')),
			other_advanced: count(cell('otherAdvanced'), at('otherAdvanced')),
			unstageable: count(cell('unstageable'), at('unstageable')),
			missing: count(cell('missing'), at('missing')),
			completeness_pct: toNumber(cell('completeness'), at('completeness'))
		};
		if (parsed.completeness_pct < 0 || parsed.completeness_pct > 100) {
			throw new EtlError(at('completeness'), `expected a percentage from 0 to 100, found ${parsed.completeness_pct}`);
		}

		// Consistency: the published completeness must follow from the counts on the same row.
		const { numerator, denominator } = stagingCompleteness(parsed);
		if (denominator === 0) {
			throw new EtlError(
				at('completeness'),
				'no tumours in any stage category, so the published completeness cannot be checked'
			);
		}
		const recomputed = (100 * numerator) / denominator;
		if (Math.abs(recomputed - parsed.completeness_pct) > COMPLETENESS_TOLERANCE) {
			throw new EtlError(
				at('completeness'),
				`published ${parsed.completeness_pct}% but the counts give ${numerator}/${denominator} = ${recomputed.toFixed(2)}% ` +
					`(staged = stages 1-4 + other early + other advanced, of all tumours); the counts or the percentage are wrong`
			);
		}

		keys.add(
			`${geography_type}|${geography_name}|${year}`,
			row,
			(first) =>
				new EtlError(
					at('geographyName'),
					`duplicate ${SITE} row for "${geography_name}" ${year} (first at row ${first})`
				)
		);
		rows.push(parsed);
	}

	if (rows.length === 0) {
		throw new EtlError(
			{ file, column: COLUMNS.site },
			`no "${SITE}" rows found (sites present: ${[...otherSites].sort().join(', ') || 'none'})`
		);
	}

	const notes = [
		`Kept ${rows.length} ${SITE} rows; ${otherSiteRows} rows for ${otherSites.size} other sites were read and not used.`,
		`Checked "Percentage completeness" on every kept row against (stages 1-4 + other early + other advanced) / all tumours, within ${COMPLETENESS_TOLERANCE} points.`
	];
	return { rows, rowsRead, rowsRejected: 0, notes };
}
