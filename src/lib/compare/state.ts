/**
 * The compare page's view lives in the URL, like the map's: only values that differ from the defaults are written,
 * and anything unknown falls back to its default.
 *   i = indicator, b = basis, p = period (YYYY-MM or YYYY), l = level (alliance, icb, sub_icb, trust),
 *   v = 21 (East of England split, alliances only), lim = od (limits allowing for over-dispersion),
 *   t = quartile (gap to the best quartile instead of England), a = highlighted area code
 */
import type { AllianceVariant, Basis } from '../data/contract';
import { periodFromParam, periodParam } from '../data/period';
import type { GapTarget } from './model';

export const COMPARE_LEVELS = ['alliance', 'icb', 'sub_icb', 'trust'] as const;
export type CompareLevel = (typeof COMPARE_LEVELS)[number];

export const LEVEL_LABEL: Record<CompareLevel, { one: string; many: string }> = {
	alliance: { one: 'Cancer Alliance', many: 'Cancer Alliances' },
	icb: { one: 'ICB', many: 'ICBs (integrated care boards)' },
	sub_icb: { one: 'Sub-ICB area', many: 'Sub-ICB areas' },
	trust: { one: 'NHS trust', many: 'NHS trusts' }
};

export type Limits = 'plain' | 'overdispersed';

export interface CompareState {
	indicator: string;
	basis: Basis;
	period: string;
	level: CompareLevel;
	variant: AllianceVariant;
	limits: Limits;
	target: GapTarget;
	area: string | null;
}

/** What can be compared: per indicator and basis, the periods (ISO starts, oldest first) and levels with figures. */
export interface CompareCatalogue {
	defaultIndicator: string;
	indicators: { id: string; bases: { basis: Basis; periods: string[]; levels: CompareLevel[] }[] }[];
}

function indicatorOf(catalogue: CompareCatalogue, id: string | null) {
	return (
		catalogue.indicators.find((i) => i.id === id) ??
		catalogue.indicators.find((i) => i.id === catalogue.defaultIndicator) ??
		catalogue.indicators[0]!
	);
}

/** `areaCodes`: codes that may be highlighted (areas of any compare level). */
export function decodeCompareState(
	params: URLSearchParams,
	catalogue: CompareCatalogue,
	areaCodes: ReadonlySet<string>
): CompareState {
	const indicator = indicatorOf(catalogue, params.get('i'));
	const basis = indicator.bases.find((b) => b.basis === params.get('b')) ?? indicator.bases[0]!;
	const level = basis.levels.find((l) => l === params.get('l')) ?? basis.levels[0]!;
	const a = params.get('a');
	return {
		indicator: indicator.id,
		basis: basis.basis,
		period: periodFromParam(params.get('p'), basis.periods) ?? basis.periods[basis.periods.length - 1]!,
		level,
		variant: level === 'alliance' && params.get('v') === '21' ? '21' : '20',
		limits: params.get('lim') === 'od' ? 'overdispersed' : 'plain',
		target: params.get('t') === 'quartile' ? 'quartile' : 'england',
		area: a && areaCodes.has(a) ? a : null
	};
}

export function encodeCompareState(state: CompareState, catalogue: CompareCatalogue): URLSearchParams {
	const params = new URLSearchParams();
	const indicator = indicatorOf(catalogue, state.indicator);
	const basis = indicator.bases.find((b) => b.basis === state.basis) ?? indicator.bases[0]!;
	if (indicator.id !== catalogue.defaultIndicator) params.set('i', indicator.id);
	if (basis.basis !== indicator.bases[0]!.basis) params.set('b', basis.basis);
	if (state.period !== basis.periods[basis.periods.length - 1] && basis.periods.includes(state.period)) {
		params.set('p', periodParam(state.period, basis.periods));
	}
	if (state.level !== basis.levels[0] && basis.levels.includes(state.level)) params.set('l', state.level);
	if (state.variant === '21' && state.level === 'alliance') params.set('v', '21');
	if (state.limits === 'overdispersed') params.set('lim', 'od');
	if (state.target === 'quartile') params.set('t', 'quartile');
	if (state.area) params.set('a', state.area);
	return params;
}

export function compareHref(state: CompareState, catalogue: CompareCatalogue): string {
	const q = encodeCompareState(state, catalogue).toString();
	return q ? `/compare?${q}` : '/compare';
}
