/**
 * Turns counts (or published rates) into observations: value, 95% and 99.8% intervals, comparison with England and
 * disclosure control. England's own row for the same indicator, basis and period is the comparator.
 */
import type {
	AreaType,
	Basis,
	Comparison,
	Indicator,
	Observation,
	ReleaseStatus
} from '../../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { compareWithEngland, isDisclosive, wilson, withholdFigure } from '../../../src/lib/stats';

/** Which figure a cell is: indicator, area, basis and period. */
interface CellKey {
	indicator_id: string;
	area_code: string;
	area_type: AreaType;
	basis: Basis;
	period_start: string;
	period_end: string;
}

export interface CountCell extends CellKey {
	numerator: number;
	denominator: number;
	release: ReleaseStatus;
	/** The file the counts come from, or the folder (ending in '/') of the files they sum. */
	release_file: string;
}

export interface RateCell extends CellKey {
	count: number | null;
	value: number | null;
	lower95: number | null;
	upper95: number | null;
	lower998?: number | null;
	upper998?: number | null;
	release: ReleaseStatus;
	release_file: string;
}

const pct = (x: number) => x * 100;

function proportionObservation(cell: CountCell): Observation {
	const suppressed = withholdFigure({
		numerator: cell.numerator,
		denominator: cell.denominator,
		national: cell.area_type === 'england'
	});
	const base = {
		indicator_id: cell.indicator_id,
		area_code: cell.area_code,
		basis: cell.basis,
		period_start: cell.period_start,
		period_end: cell.period_end,
		release: cell.release,
		release_file: cell.release_file
	};
	if (suppressed || cell.denominator <= 0) {
		return {
			...base,
			numerator: suppressed ? null : cell.numerator,
			denominator: suppressed ? null : cell.denominator,
			value: null,
			lower95: null,
			upper95: null,
			lower998: null,
			upper998: null,
			comparison: 'not compared',
			suppressed
		};
	}
	const ci95 = wilson(cell.numerator, cell.denominator, 0.95)!;
	const ci998 = wilson(cell.numerator, cell.denominator, 0.998)!;
	return {
		...base,
		numerator: cell.numerator,
		denominator: cell.denominator,
		value: pct(cell.numerator / cell.denominator),
		lower95: pct(ci95.lower),
		upper95: pct(ci95.upper),
		lower998: pct(ci998.lower),
		upper998: pct(ci998.upper),
		comparison: 'not compared',
		suppressed: false
	};
}

function rateObservation(cell: RateCell): Observation {
	const suppressed = cell.area_type !== 'england' && isDisclosive(cell.count);
	return {
		indicator_id: cell.indicator_id,
		area_code: cell.area_code,
		basis: cell.basis,
		period_start: cell.period_start,
		period_end: cell.period_end,
		numerator: suppressed ? null : cell.count,
		denominator: null,
		value: suppressed ? null : cell.value,
		lower95: suppressed ? null : cell.lower95,
		upper95: suppressed ? null : cell.upper95,
		lower998: suppressed ? null : (cell.lower998 ?? null),
		upper998: suppressed ? null : (cell.upper998 ?? null),
		comparison: 'not compared',
		suppressed,
		release: cell.release,
		release_file: cell.release_file
	};
}

export function countObservations(cells: CountCell[]): Observation[] {
	return cells.map(proportionObservation);
}

export function rateObservations(cells: RateCell[]): Observation[] {
	return cells.map(rateObservation);
}

/** Fill in `comparison` for every non-England row from England's value in the same indicator, basis and period. */
export function compareAll(observations: Observation[], indicators: readonly Indicator[]): Observation[] {
	const polarity = new Map(indicators.map((i) => [i.id, i.polarity]));
	const england = new Map<string, number | null>();
	const key = (o: Observation) => `${o.indicator_id}|${o.basis}|${o.period_start}`;
	for (const o of observations) if (o.area_code === ENGLAND_CODE) england.set(key(o), o.value);
	return observations.map((o) => {
		if (o.area_code === ENGLAND_CODE) return o;
		const englandValue = england.get(key(o)) ?? null;
		const p = polarity.get(o.indicator_id);
		const comparison: Comparison =
			o.suppressed || p === undefined
				? 'not compared'
				: compareWithEngland({ lower95: o.lower95, upper95: o.upper95, englandValue, polarity: p });
		return { ...o, comparison };
	});
}
