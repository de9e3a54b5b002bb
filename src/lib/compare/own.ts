/**
 * An analyst's own figures on the compare charts, beside the published ones: placed against the same funnel around
 * England and compared with England's published value. Their own indicators carry no direction (the file does not say
 * whether higher is better), so they are "higher" or "lower" than England, never "better" or "worse". Pure.
 */
import type { Comparison } from '../data/contract';
import { formatPeriod } from '../data/period';
import type { OwnObservation } from '../own-data/observations';
import { compareWithEngland } from '../stats';
import { limitsAt, zoneOf, type CompareModel, type FunnelZone } from './model';
import type { Limits } from './state';

export interface OwnChoice {
	/** `${indicator_id}|${period_start}|${period_end}` */
	key: string;
	label: string;
	indicator_id: string;
	period_start: string;
	count: number;
}

export interface OwnFigure {
	code: string;
	name: string;
	numerator: number | null;
	denominator: number | null;
	value: number;
	lower95: number | null;
	upper95: number | null;
	comparison: Comparison;
	/** Against the funnel around England at the figure's own denominator; null without one (or for rates). */
	zone: FunnelZone | null;
}

const keyOf = (o: Pick<OwnObservation, 'indicator_id' | 'period_start' | 'period_end'>) =>
	`${o.indicator_id}|${o.period_start}|${o.period_end}`;

/** What an analyst can put on the charts: each of their indicators and periods, newest first within an indicator. */
export function ownChoices(rows: readonly OwnObservation[]): OwnChoice[] {
	const byKey = new Map<string, OwnChoice>();
	for (const o of rows) {
		const key = keyOf(o);
		const found = byKey.get(key);
		if (found) found.count++;
		else
			byKey.set(key, {
				key,
				label: `${o.indicator_name}, ${formatPeriod(o.period_start, o.period_end)}`,
				indicator_id: o.indicator_id,
				period_start: o.period_start,
				count: 1
			});
	}
	return [...byKey.values()].sort(
		(a, b) => a.indicator_id.localeCompare(b.indicator_id) || b.period_start.localeCompare(a.period_start)
	);
}

/** The choice to show first: the same period as the charts if the file has it, else the newest. */
export function defaultOwnChoice(choices: readonly OwnChoice[], period: string): string | null {
	return (
		(
			choices.find((c) => c.period_start === period) ??
			[...choices].sort((a, b) => b.period_start.localeCompare(a.period_start))[0]
		)?.key ?? null
	);
}

/**
 * The figures of one choice, ready to plot. Names come from the published areas where the code is known, else the
 * file's own name, else the code.
 */
export function ownFigures(
	rows: readonly OwnObservation[],
	choice: string | null,
	model: CompareModel,
	limits: Limits,
	nameOf: (code: string) => string | undefined
): OwnFigure[] {
	if (!choice) return [];
	const england = model.england?.value ?? null;
	const p0 = england === null ? null : england / 100;
	const tau2 = limits === 'overdispersed' ? (model.overdispersion?.tau2 ?? 0) : null;
	return rows
		.filter((o) => keyOf(o) === choice && o.value !== null)
		.map((o) => {
			let zone: FunnelZone | null = null;
			if (model.isProportion && o.unit === '%' && p0 !== null && o.denominator !== null && o.denominator > 0) {
				const l = limitsAt(p0, o.denominator, tau2);
				if (l) zone = zoneOf(o.value!, l.l95, l.l998);
			}
			return {
				code: o.area_code,
				name: nameOf(o.area_code) ?? o.area_name ?? o.area_code,
				numerator: o.numerator,
				denominator: o.denominator,
				value: o.value!,
				lower95: o.lower95,
				upper95: o.upper95,
				comparison: compareWithEngland({
					lower95: o.lower95,
					upper95: o.upper95,
					englandValue: england,
					polarity: 'none'
				}),
				zone
			};
		})
		.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
}
