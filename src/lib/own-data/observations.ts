/**
 * An analyst's validated rows -> what the compare charts plot, one per (indicator, area, period), beside the
 * published figures. Mirrors the ETL (scripts/etl/derive/extras.ts, which shares the indicator definitions in
 * src/lib/formats/indicators.ts): COSD items are proportions, value = 100 x complete / records with Wilson 95%
 * intervals; Fingertips main rows keep their published value and intervals; Fingertips breakdown rows are set aside
 * and counted. Unlike the ETL, no area is refused for being unknown and nothing is suppressed: the figures are the
 * analyst's own and never leave their computer; the chart says which areas it could not place.
 */
import type { Indicator, Observation, Unit } from '../data/contract';
import { formatPeriod } from '../data/period';
import { InputError } from '../formats/errors';
import {
	cosdIndicator,
	cosdIndicatorId,
	fingertipsIndicator,
	fingertipsIndicatorId,
	isFingertipsMainRow
} from '../formats/indicators';
import { wilson } from '../stats';
import type { OwnLayout, ParsedOwnFile } from './parse-file';

/** An analyst's figure, shaped as a published observation's (value: per cent for proportions, as published otherwise). */
export interface OwnObservation extends Pick<
	Observation,
	| 'indicator_id'
	| 'area_code'
	| 'period_start'
	| 'period_end'
	| 'numerator'
	| 'denominator'
	| 'value'
	| 'lower95'
	| 'upper95'
> {
	indicator_name: string;
	/** As the file gives it (Fingertips); null where the layout has no names (COSD). */
	area_name: string | null;
	unit: Unit;
}

export interface OwnData {
	file: string;
	layout: OwnLayout;
	/** Source, publisher and licence of each indicator, for the line under every chart and in every download. */
	indicators: Indicator[];
	observations: OwnObservation[];
	/** Fingertips breakdown rows (deprivation, ethnicity ...) not plotted. */
	categoryRowsSetAside: number;
	notes: string[];
}

const pct = (x: number) => x * 100;

export function toOwnObservations(parsed: ParsedOwnFile): OwnData {
	const indicators = new Map<string, Indicator>();
	const observations: OwnObservation[] = [];
	let categoryRowsSetAside = 0;
	const { file } = parsed;

	if (parsed.layout === 'cosd') {
		for (const r of parsed.rows) {
			const indicator = indicators.get(cosdIndicatorId(r.item)) ?? cosdIndicator(r.item, file);
			indicators.set(indicator.id, indicator);
			const ci = wilson(r.records_complete, r.records, 0.95);
			observations.push({
				indicator_id: indicator.id,
				indicator_name: indicator.name,
				area_code: r.area_code,
				area_name: null,
				period_start: r.period_start,
				period_end: r.period_end,
				numerator: r.records_complete,
				denominator: r.records,
				// Same expression as the ETL, so the figures match the published ones to the last digit.
				value: r.records > 0 ? pct(r.records_complete / r.records) : null,
				lower95: ci ? pct(ci.lower) : null,
				upper95: ci ? pct(ci.upper) : null,
				unit: indicator.unit
			});
		}
	} else {
		const firstRow = new Map<string, number>();
		parsed.rows.forEach((r, i) => {
			if (!isFingertipsMainRow(r)) {
				categoryRowsSetAside++;
				return;
			}
			const id = fingertipsIndicatorId(r.indicator_id);
			const indicator = indicators.get(id) ?? fingertipsIndicator(r, file);
			indicators.set(id, indicator);
			// One point per area and period: two main rows (e.g. for two sexes or ages) cannot both be plotted.
			const key = `${id}|${r.area_code}|${r.period_start}|${r.period_end}`;
			const first = firstRow.get(key);
			if (first !== undefined) {
				throw new InputError(
					{ file, row: parsed.lines[i], column: 'Area Code' },
					`a second row for indicator ${r.indicator_id}, area ${r.area_code}, ${r.time_period} (first at row ${first}); ` +
						`keep one sex and age group per file (this row: ${r.sex}, ${r.age})`
				);
			}
			firstRow.set(key, parsed.lines[i]!);
			observations.push({
				indicator_id: id,
				indicator_name: indicator.name,
				area_code: r.area_code,
				area_name: r.area_name,
				period_start: r.period_start,
				period_end: r.period_end,
				numerator: r.count,
				denominator: r.denominator,
				value: r.value,
				lower95: r.lower95,
				upper95: r.upper95,
				unit: indicator.unit
			});
		});
	}

	const notes = [...parsed.notes];
	if (categoryRowsSetAside)
		notes.push(`${categoryRowsSetAside} breakdown rows (deprivation, ethnicity and so on) were set aside.`);
	return {
		file,
		layout: parsed.layout,
		indicators: [...indicators.values()],
		observations,
		categoryRowsSetAside,
		notes
	};
}

/** What the summary says: how many indicators, areas and periods a file holds, and the span as people read it. */
export function describeOwnData(data: OwnData) {
	const starts = [...new Set(data.observations.map((o) => o.period_start))].sort();
	const ends = [...new Set(data.observations.map((o) => o.period_end))].sort();
	return {
		indicators: data.indicators.length,
		areas: new Set(data.observations.map((o) => o.area_code)).size,
		periods: new Set(data.observations.map((o) => `${o.period_start}|${o.period_end}`)).size,
		firstPeriod: starts[0] ?? null,
		lastPeriod: starts.at(-1) ?? null,
		/** E.g. "2013 to 2022", "2023/24", "January 2024 to March 2024". */
		periodRange: starts.length > 0 ? formatPeriod(starts[0]!, ends.at(-1)!) : null
	};
}
