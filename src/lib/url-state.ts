/**
 * The map's view lives in the URL so that a shared link reproduces it. Only values that differ from the defaults are
 * written; anything unknown or invalid falls back to its default without an error.
 *   i = indicator id, b = basis, p = period (YYYY-MM for months, YYYY for years), c = colouring, v = alliance variant,
 *   a = selected area code
 */
import type { AllianceVariant, Basis } from './data/contract';
import { periodFromParam, periodParam } from './data/period';

/**
 * compare: against England; quintile: fifths of the values; emails: where supporters' emails to MPs have gone;
 * replies: the share of supporters reporting that their MP replied (issue 13).
 */
export type Colouring = 'compare' | 'quintile' | 'emails' | 'replies';

/** Layers from this site's own live record rather than a data release: never in embeds or preview cards. */
export const isStoreLayer = (c: Colouring): boolean => c === 'emails' || c === 'replies';

export interface ViewState {
	indicator: string;
	basis: Basis;
	/** ISO date of the period's first day. */
	period: string;
	colouring: Colouring;
	variant: AllianceVariant;
	area: string | null;
}

/** What can be chosen: indicators, each with its bases and their periods (ISO starts, oldest first). */
export interface Catalogue {
	defaultIndicator: string;
	indicators: { id: string; bases: { basis: Basis; periods: string[] }[] }[];
	areaCodes: ReadonlySet<string>;
}

export function defaultState(catalogue: Catalogue, indicatorId = catalogue.defaultIndicator): ViewState {
	const indicator = catalogue.indicators.find((i) => i.id === indicatorId) ?? catalogue.indicators[0]!;
	const basis = indicator.bases[0]!;
	return {
		indicator: indicator.id,
		basis: basis.basis,
		period: basis.periods[basis.periods.length - 1]!,
		colouring: 'compare',
		variant: '20',
		area: null
	};
}

export function decodeState(params: URLSearchParams, catalogue: Catalogue): ViewState {
	const indicator =
		catalogue.indicators.find((i) => i.id === params.get('i')) ??
		catalogue.indicators.find((i) => i.id === catalogue.defaultIndicator)!;
	const state = defaultState(catalogue, indicator.id);
	const basis = indicator.bases.find((b) => b.basis === params.get('b')) ?? indicator.bases[0]!;
	state.basis = basis.basis;
	state.period = periodFromParam(params.get('p'), basis.periods) ?? basis.periods[basis.periods.length - 1]!;
	const c = params.get('c');
	if (c === 'quintile' || c === 'emails' || c === 'replies') state.colouring = c;
	if (params.get('v') === '21') state.variant = '21';
	const a = params.get('a');
	if (a && catalogue.areaCodes.has(a)) state.area = a;
	return state;
}

export function encodeState(state: ViewState, catalogue: Catalogue): URLSearchParams {
	const params = new URLSearchParams();
	const defaults = defaultState(catalogue, state.indicator);
	const indicator = catalogue.indicators.find((i) => i.id === state.indicator);
	const periods = indicator?.bases.find((b) => b.basis === state.basis)?.periods ?? [];
	if (state.indicator !== catalogue.defaultIndicator) params.set('i', state.indicator);
	if (state.basis !== defaults.basis) params.set('b', state.basis);
	if (state.period !== periods[periods.length - 1]) params.set('p', periodParam(state.period, periods));
	if (state.colouring !== 'compare') params.set('c', state.colouring);
	if (state.variant !== '20') params.set('v', state.variant);
	if (state.area) params.set('a', state.area);
	return params;
}

/** The query string for a state ('' for the default view), ready to append to a path. */
export function stateHref(path: string, state: ViewState, catalogue: Catalogue): string {
	const q = encodeState(state, catalogue).toString();
	return q ? `${path}?${q}` : path;
}
