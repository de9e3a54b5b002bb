/**
 * Analysts' own files in the two generic layouts (docs/data-formats.md) -> indicators and observations beside the
 * published ones. Codes of the geographies this product holds must be known; other area types are set aside with a note.
 */
import type { Indicator, Observation } from '../../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { EtlError } from '../errors';
import type { FingertipsRow } from '../sources/fingertips';
import type { CosdRow } from '../sources/cosd';
import {
	cosdIndicator,
	cosdIndicatorId,
	fingertipsIndicator,
	fingertipsIndicatorId,
	isFingertipsMainRow
} from '../../../src/lib/formats/indicators';
import type { CountCell } from './observation';
import type { FromRelease } from './registry';
import type { GeographyIndex } from './geography/geography-index';

/** ONS code prefixes of the geographies this product holds; a code with one of these must be a known area. */
const HELD_PREFIXES = /^(E92|E56|E54|E38|E14)/;

export function deriveFingertips(file: string, rows: FingertipsRow[], geo: GeographyIndex, release: FromRelease) {
	const indicators = new Map<string, Indicator>();
	const observations: Observation[] = [];
	let otherAreas = 0;
	let breakdowns = 0;
	for (const r of rows) {
		if (!isFingertipsMainRow(r)) {
			breakdowns++;
			continue;
		}
		const area = geo.areas.get(r.area_code);
		if (!area) {
			if (HELD_PREFIXES.test(r.area_code)) {
				throw new EtlError({ file, column: 'Area Code' }, `unknown area code "${r.area_code}" (${r.area_name})`);
			}
			otherAreas++;
			continue;
		}
		const id = fingertipsIndicatorId(r.indicator_id);
		if (!indicators.has(id)) indicators.set(id, fingertipsIndicator(r, file));
		observations.push({
			indicator_id: id,
			area_code: r.area_code,
			basis: 'registry',
			period_start: r.period_start,
			period_end: r.period_end,
			numerator: r.count,
			denominator: r.denominator,
			value: r.value,
			lower95: r.lower95,
			upper95: r.upper95,
			lower998: r.lower998,
			upper998: r.upper998,
			comparison: 'not compared',
			suppressed: false,
			...release
		});
	}
	const notes = [];
	if (otherAreas)
		notes.push(
			`${otherAreas} rows for area types this product does not hold (e.g. counties, practices) were set aside.`
		);
	if (breakdowns) notes.push(`${breakdowns} breakdown rows (deprivation, ethnicity and so on) were set aside.`);
	return { indicators: [...indicators.values()], observations, notes };
}

export function deriveCosd(file: string, rows: CosdRow[], geo: GeographyIndex, release: FromRelease) {
	const indicators = new Map<string, Indicator>();
	const cells: CountCell[] = [];
	for (const r of rows) {
		const area = geo.areas.get(r.area_code);
		if (!area) throw new EtlError({ file, column: 'area_code' }, `unknown area code "${r.area_code}"`);
		const id = cosdIndicatorId(r.item);
		if (!indicators.has(id)) indicators.set(id, cosdIndicator(r.item, file));
		cells.push({
			indicator_id: id,
			area_code: r.area_code,
			area_type: r.area_code === ENGLAND_CODE ? 'england' : area.type,
			basis: 'provider',
			period_start: r.period_start,
			period_end: r.period_end,
			numerator: r.records_complete,
			denominator: r.records,
			...release
		});
	}
	return { indicators: [...indicators.values()], cells };
}
