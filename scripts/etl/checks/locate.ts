/**
 * Where a series' period (and England's own figure for it) was read, for the series checks' refusals: the CWT
 * month's cell in the file the month was taken from (or its England row), else the observation's file.
 */
import { ENGLAND_CODE, type Observation } from '../../../src/lib/data/contract';
import type { Location } from '../errors';
import { originKey, type MonthOrigin } from '../release/select';
import type { FileTotals } from './reconcile';

export interface Locate {
	period: (indicator: string, basis: string, start: string) => Location;
	england: (indicator: string, basis: string, start: string) => Location;
}

export function locator(origins: Map<string, MonthOrigin>, files: FileTotals[], observations: Observation[]): Locate {
	const england = new Map<string, Location>();
	for (const f of files) {
		for (const t of f.totals)
			england.set(`${f.file}|${originKey(t.indicator_id, t.basis, t.period_start)}`, { file: f.file, ...t.at });
	}
	const fileOf = new Map<string, string>();
	for (const o of observations)
		if (o.area_code === ENGLAND_CODE) fileOf.set(originKey(o.indicator_id, o.basis, o.period_start), o.release_file);
	const period = (indicator: string, basis: string, start: string): Location => {
		const key = originKey(indicator, basis, start);
		const origin = origins.get(key);
		return origin ? { file: origin.file, ...origin.month_at } : { file: fileOf.get(key) ?? 'metrics' };
	};
	return {
		period,
		england: (indicator, basis, start) => {
			const key = originKey(indicator, basis, start);
			const origin = origins.get(key);
			return (origin && england.get(`${origin.file}|${key}`)) ?? period(indicator, basis, start);
		}
	};
}
