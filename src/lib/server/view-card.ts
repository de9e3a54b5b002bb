/**
 * Preview cards for shared views (issue 16): /card.png with the home page's parameters (i, b, p, c, v, a) draws that
 * view's measure and period, for the selected area or for England with the whole map. Rendered on first request
 * and kept in memory by the view's parameters (at most CACHE_SIZE cards, the oldest dropped first); the URL names
 * the view exactly, so a cached card is always the right one for this build's data.
 */
import { cardSvg, type CardInput } from '../area/card-svg';
import { areaViewCard, englandViewCard } from '../area/view-card';
import { ENGLAND_CODE } from '../data/contract';
import { labelWithRelease } from '../data/release';
import { figureAt } from '../data/series';
import { BASIS_LABEL } from '../format';
import { homeRows, mapKey } from '../home/view';
import { mapGeometry, MAP_HEIGHT, MAP_WIDTH } from '../map/geometry';
import { MISSING_FILL } from '../map/colours';
import { decodeState, encodeState, isStoreLayer, type ViewState } from '../url-state';
import { cardPng, cardShapes } from './card-render';
import { allianceList, catalogue, mapIndicators } from './catalogue';
import { series as seriesOf, topologies } from './data';

const CACHE_SIZE = 300;
const cache = new Map<string, Uint8Array<ArrayBuffer>>();

/** The view a card's parameters name (the emails layer is not a published figure: its card is the comparison). */
export function cardView(params: URLSearchParams): ViewState {
	const state = decodeState(params, catalogue);
	if (isStoreLayer(state.colouring)) state.colouring = 'compare';
	return state;
}

/** The card's own address for a view: the same parameters the home page writes, so equal views share one card. */
export function cardHref(state: ViewState): string {
	const q = encodeState(
		{ ...state, colouring: isStoreLayer(state.colouring) ? 'compare' : state.colouring },
		catalogue
	);
	return q.size ? `/card.png?${q}` : '/card.png';
}

/** The card's SVG for a view. */
export function viewCardSvg(state: ViewState): string {
	const indicator = mapIndicators.find((i) => i.id === state.indicator)!;
	const s = seriesOf(state.indicator, state.basis)!;
	const index = s.periods.findIndex((p) => p.start === state.period);
	const period = labelWithRelease(s.periods[index]!.label, s.periods[index]!.release);
	const england = figureAt(s, index, ENGLAND_CODE);
	const common = { indicator, period, basis: BASIS_LABEL[state.basis], england };
	const source = `${indicator.publisher}, ${indicator.source}`;
	const alliances = allianceList()[state.variant];
	const area = state.area ? alliances.find((a) => a.code === state.area) : undefined;
	const shapes = area ? cardShapes(topologies[state.variant], area.code) : null;
	if (area && shapes) {
		const text = areaViewCard({ ...common, area: { name: area.name, fig: figureAt(s, index, area.code) } });
		return cardSvg({ ...text, ...shapes, source });
	}
	const rows = homeRows(alliances, s, index, null);
	const key = mapKey(rows, state.colouring);
	const map: CardInput['map'] = {
		width: MAP_WIDTH,
		height: MAP_HEIGHT,
		shapes: mapGeometry(topologies[state.variant]).shapes.map((shape) => ({
			d: shape.d,
			fill: key.fills[shape.code] && key.fills[shape.code] !== MISSING_FILL ? key.fills[shape.code]! : '#ffffff'
		}))
	};
	const text = englandViewCard({
		...common,
		counts: key.counts,
		alliances: alliances.length,
		quintiles: state.colouring === 'quintile'
	});
	return cardSvg({ ...text, shapePath: '', map, source });
}

/** The card's PNG for a view, from the cache when it was made before. */
export function viewCardPng(state: ViewState): { png: Uint8Array<ArrayBuffer>; cached: boolean } {
	const key = cardHref(state);
	const hit = cache.get(key);
	if (hit) return { png: hit, cached: true };
	const png = cardPng(viewCardSvg(state));
	cache.set(key, png);
	if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
	return { png, cached: false };
}
