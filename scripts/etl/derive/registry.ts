/**
 * NDRS registry figures -> cells. Stage: published names -> codes (alliances by CAL24 name, ICBs by the ONS
 * lookup's names); mortality: Sub-ICB codes as published. An area we cannot place is an input error, never dropped.
 */
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { EtlError } from '../errors';
import { stage12, stagingCompleteness, type NdrsStageRow } from '../sources/ndrs-stage';
import { headlineMortality, MORTALITY_YEAR, type NdrsMortalityRow } from '../sources/ndrs-mortality';
import type { CountCell, RateCell } from './observation';

/** The release every figure read from one file carries. */
export type FromRelease = Pick<CountCell, 'release' | 'release_file'>;
import type { GeographyIndex } from './geography/geography-index';

export function deriveStage(
	file: string,
	rows: NdrsStageRow[],
	geo: GeographyIndex,
	icbCodeByName: Map<string, string>,
	release: FromRelease
): CountCell[] {
	const allianceByName = new Map<string, string>();
	for (const a of geo.areas.values())
		if (a.type === 'alliance' && a.variant !== '21') allianceByName.set(a.name, a.code);
	const cells: CountCell[] = [];
	for (const row of rows) {
		let code: string | undefined;
		if (row.geography_type === 'england') code = ENGLAND_CODE;
		else if (row.geography_type === 'alliance') code = allianceByName.get(row.geography_name);
		else code = icbCodeByName.get(row.geography_name);
		if (!code) {
			throw new EtlError(
				{ file, row: row.row, column: 'Geography Name' },
				`unknown ${row.geography_type === 'alliance' ? 'Cancer Alliance (not one of the 20 CAL24 names)' : 'ICB (not in the ONS Sub-ICB to ICB lookup)'} "${row.geography_name}"`
			);
		}
		const base = {
			area_code: code,
			area_type: row.geography_type,
			basis: 'registry' as const,
			period_start: `${row.year}-01-01`,
			period_end: `${row.year}-12-31`,
			...release
		};
		cells.push({ ...base, indicator_id: 'stage12_breast', ...stage12(row) });
		cells.push({ ...base, indicator_id: 'stage_completeness_breast', ...stagingCompleteness(row) });
	}
	return cells;
}

export function deriveMortality(
	file: string,
	rows: NdrsMortalityRow[],
	geo: GeographyIndex,
	release: FromRelease
): RateCell[] {
	return headlineMortality(rows).map((row) => {
		// The 2020 tables use Sub-ICB codes from before the April 2023 recoding.
		const code = geo.currentCode(row.area_code);
		if (row.area_code !== ENGLAND_CODE && geo.areas.get(code)?.type !== 'sub_icb') {
			throw new EtlError(
				{ file, sheet: 'Table_4', column: 'Sub ICB Code' },
				`unknown Sub-ICB code "${row.area_code}" (${row.area_name})`
			);
		}
		return {
			indicator_id: row.rate_type === 'asr' ? 'mortality_breast_asr' : 'mortality_breast_crude',
			area_code: code,
			area_type: row.area_code === ENGLAND_CODE ? 'england' : 'sub_icb',
			basis: 'registry',
			period_start: `${MORTALITY_YEAR}-01-01`,
			period_end: `${MORTALITY_YEAR}-12-31`,
			count: row.deaths,
			value: row.rate,
			lower95: row.lower95,
			upper95: row.upper95,
			...release
		};
	});
}
