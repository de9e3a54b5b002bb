/**
 * The indicator an analyst's file defines, the same in the ETL (extra folder) and in the browser (a dropped file):
 * COSD items become `cosd_<item>` proportions, Fingertips indicators `fingertips_<Indicator ID>` as published.
 */
import type { Indicator } from '../data/contract';
import { COSD_SOURCE, type CosdRow } from './cosd';
import { FINGERTIPS_SOURCE, type FingertipsRow } from './fingertips';

export const cosdIndicatorId = (item: string) => `cosd_${item}`;
export const fingertipsIndicatorId = (indicatorId: number) => `fingertips_${indicatorId}`;

/** Fingertips breakdown rows (deprivation, ethnicity and so on) carry a category; the main rows do not. */
export const isFingertipsMainRow = (row: FingertipsRow) => !row.category_type;

export function cosdIndicator(item: CosdRow['item'], file: string): Indicator {
	return {
		id: cosdIndicatorId(item),
		name: `COSD completeness: ${item.replaceAll('_', ' ')}`,
		description: `Records with the COSD item "${item}" complete, as a share of all records, from a file added by an analyst (${file}).`,
		unit: '%',
		polarity: 'higher',
		standard: null,
		achievable: null,
		source: `${COSD_SOURCE.title} (${file})`,
		publisher: COSD_SOURCE.publisher,
		licence: COSD_SOURCE.licence,
		url: COSD_SOURCE.downloadUrl
	};
}

/** Defined from the indicator's first main row: a percentage when that row's value is count / denominator in per cent. */
export function fingertipsIndicator(row: FingertipsRow, file: string): Indicator {
	const isPercent =
		row.count !== null &&
		row.denominator &&
		row.value !== null &&
		Math.abs((100 * row.count) / row.denominator - row.value) < 0.05;
	return {
		id: fingertipsIndicatorId(row.indicator_id),
		name: row.indicator_name,
		description: `${row.indicator_name} (${row.sex}, ${row.age}), from a Fingertips download added by an analyst.`,
		unit: isPercent ? '%' : 'value',
		polarity: 'none',
		standard: null,
		achievable: null,
		source: `Fingertips indicator ${row.indicator_id} (${file})`,
		publisher: FINGERTIPS_SOURCE.publisher,
		licence: FINGERTIPS_SOURCE.licence,
		url: FINGERTIPS_SOURCE.downloadUrl
	};
}
