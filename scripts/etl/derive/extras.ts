/**
 * Analysts' own files in the two generic layouts (docs/data-formats.md) -> indicators and observations beside the
 * published ones. Codes of the geographies this product holds must be known; other area types are set aside with a note.
 */
import type { Indicator, Observation } from '../../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { EtlError } from '../errors';
import { FINGERTIPS_SOURCE, type FingertipsRow } from '../sources/fingertips';
import { COSD_SOURCE, type CosdRow } from '../sources/cosd';
import type { CountCell } from './observation';
import type { GeographyIndex } from './geography-index';

/** ONS code prefixes of the geographies this product holds; a code with one of these must be a known area. */
const HELD_PREFIXES = /^(E92|E56|E54|E38|E14)/;

export function deriveFingertips(file: string, rows: FingertipsRow[], geo: GeographyIndex) {
	const indicators = new Map<string, Indicator>();
	const observations: Observation[] = [];
	let otherAreas = 0;
	let breakdowns = 0;
	for (const r of rows) {
		if (r.category_type) {
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
		const id = `fingertips_${r.indicator_id}`;
		if (!indicators.has(id)) {
			// A proportion when the published value is the count over the denominator, in per cent.
			const isPercent = r.count !== null && r.denominator && r.value !== null && Math.abs((100 * r.count) / r.denominator - r.value) < 0.05;
			indicators.set(id, {
				id,
				name: r.indicator_name,
				description: `${r.indicator_name} (${r.sex}, ${r.age}), from a Fingertips download added by an analyst.`,
				unit: isPercent ? '%' : 'value',
				polarity: 'none',
				standard: null,
				achievable: null,
				source: `Fingertips indicator ${r.indicator_id} (${file})`,
				publisher: FINGERTIPS_SOURCE.publisher,
				licence: FINGERTIPS_SOURCE.licence,
				url: FINGERTIPS_SOURCE.downloadUrl
			});
		}
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
			suppressed: false
		});
	}
	const notes = [];
	if (otherAreas) notes.push(`${otherAreas} rows for area types this product does not hold (e.g. counties, practices) were set aside.`);
	if (breakdowns) notes.push(`${breakdowns} breakdown rows (deprivation, ethnicity and so on) were set aside.`);
	return { indicators: [...indicators.values()], observations, notes };
}

export function deriveCosd(file: string, rows: CosdRow[], geo: GeographyIndex) {
	const indicators = new Map<string, Indicator>();
	const cells: CountCell[] = [];
	for (const r of rows) {
		const area = geo.areas.get(r.area_code);
		if (!area) throw new EtlError({ file, column: 'area_code' }, `unknown area code "${r.area_code}"`);
		const id = `cosd_${r.item}`;
		if (!indicators.has(id)) {
			indicators.set(id, {
				id,
				name: `COSD completeness: ${r.item.replaceAll('_', ' ')}`,
				description: `Records with the COSD item "${r.item}" complete, as a share of all records, from a file added by an analyst (${file}).`,
				unit: '%',
				polarity: 'higher',
				standard: null,
				achievable: null,
				source: `${COSD_SOURCE.title} (${file})`,
				publisher: COSD_SOURCE.publisher,
				licence: COSD_SOURCE.licence,
				url: COSD_SOURCE.downloadUrl
			});
		}
		cells.push({
			indicator_id: id,
			area_code: r.area_code,
			area_type: r.area_code === ENGLAND_CODE ? 'england' : area.type,
			basis: 'provider',
			period_start: r.period_start,
			period_end: r.period_end,
			numerator: r.records_complete,
			denominator: r.records
		});
	}
	return { indicators: [...indicators.values()], cells };
}
