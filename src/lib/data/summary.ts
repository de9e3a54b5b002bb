/**
 * summary.json: the small first-paint file. For each indicator and basis: the periods available and the latest
 * England figure. Built by the ETL from observations; read by pages without any database.
 */
import type { Basis, Indicator, Observation, ReleaseStatus } from './contract';
import { ENGLAND_CODE } from './contract';
import { formatPeriod } from './period';

export interface SummaryFigure {
	period_start: string;
	period_end: string;
	period_label: string;
	value: number | null;
	lower95: number | null;
	upper95: number | null;
	numerator: number | null;
	denominator: number | null;
	release: ReleaseStatus;
	release_file: string;
}

export interface SummaryBasis {
	basis: Basis;
	periods: string[];
	/** E.g. "April 2021 to September 2025" or "2013 to 2022". */
	period_range_label: string;
	england: SummaryFigure | null;
	/** Areas below England with a figure for the latest period. */
	areas_reported: number;
}

export interface SummaryIndicator extends Indicator {
	/** Bases in order of preference: commissioner (where patients live) first, the default for alliance figures. */
	bases: SummaryBasis[];
	/**
	 * The most recent England figure over all bases (final releases give the same England total on every basis for a
	 * period; where one basis is provisional, the final one is preferred).
	 */
	latest_england: (SummaryFigure & { basis: Basis }) | null;
}

export interface Summary {
	/** Hash of the inputs and ETL code this was built from: identical inputs give an identical file. */
	built_from: string;
	indicators: SummaryIndicator[];
}

export function buildSummary(indicators: readonly Indicator[], observations: readonly Observation[], builtFrom: string): Summary {
	const byKey = new Map<string, Observation[]>();
	for (const o of observations) {
		const key = `${o.indicator_id}|${o.basis}`;
		let list = byKey.get(key);
		if (!list) byKey.set(key, (list = []));
		list.push(o);
	}
	const basisOrder: Basis[] = ['commissioner', 'provider', 'registry'];
	return {
		built_from: builtFrom,
		indicators: indicators.map((indicator) => {
			const bases: SummaryBasis[] = [];
			for (const basis of basisOrder) {
				const rows = byKey.get(`${indicator.id}|${basis}`);
				if (!rows || rows.length === 0) continue;
				const periods = [...new Set(rows.map((r) => r.period_start))].sort();
				const latest = periods[periods.length - 1]!;
				const lastEnd = rows.reduce((end, r) => (r.period_end > end ? r.period_end : end), '');
				const england = rows.find((r) => r.area_code === ENGLAND_CODE && r.period_start === latest) ?? null;
				const areasReported = new Set(
					rows.filter((r) => r.period_start === latest && r.value !== null && r.area_code !== ENGLAND_CODE).map((r) => r.area_code)
				).size;
				bases.push({
					basis,
					periods,
					period_range_label: formatPeriod(periods[0]!, lastEnd),
					england: england && {
						period_start: england.period_start,
						period_end: england.period_end,
						period_label: formatPeriod(england.period_start, england.period_end),
						value: england.value,
						lower95: england.lower95,
						upper95: england.upper95,
						numerator: england.numerator,
						denominator: england.denominator,
						release: england.release,
						release_file: england.release_file
					},
					areas_reported: areasReported
				});
			}
			const latest = bases
				.filter((b) => b.england)
				.reduce<SummaryIndicator['latest_england']>(
					(best, b) =>
						!best ||
						b.england!.period_start > best.period_start ||
						(b.england!.period_start === best.period_start && best.release === 'provisional' && b.england!.release !== 'provisional')
							? { ...b.england!, basis: b.basis }
							: best,
					null
				);
			return { ...indicator, bases, latest_england: latest };
		})
	};
}
