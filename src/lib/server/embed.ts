/**
 * What the two embeds show (issue 16), shaped on the server from one release (server/releases.ts): the map for any
 * view the home page's URL can express, and an alliance's headline figures against England. Both carry the release
 * they come from, so a pinned embed says which data it shows.
 */
import type { Basis } from '../data/contract';
import { ENGLAND_CODE } from '../data/contract';
import { labelWithRelease } from '../data/release';
import { figureAt, seriesForPeriod } from '../data/series';
import { mapGeometry } from '../map/geometry';
import { decodeState, encodeState, isStoreLayer, type Catalogue } from '../url-state';
import { summarise } from '../wording/summary';
import type { IndicatorFact } from '../wording/fact';
import { catalogue as siteCatalogue } from './catalogue';
import type { ReleaseData, ResolvedRelease } from './releases';

/** The release as the embeds' footers state it. */
function releaseInfo(r: ResolvedRelease, source: string | null) {
	const asOf = r.data.manifest.data_as_of.find((d) => d.source === source) ?? null;
	return {
		id: r.data.id,
		builtAt: r.data.builtAt,
		pinned: r.pinned,
		missing: r.missing,
		asOf: asOf && { latest: labelWithRelease(asOf.latest, asOf.release), publisher: asOf.publisher }
	};
}

/** The home page's catalogue, for one release: what its URL parameters may name. */
export function releaseCatalogue(data: ReleaseData): Catalogue {
	const indicators = data.mapIndicators.map((i) => ({
		id: i.id,
		bases: i.bases.map((b) => ({ basis: b.basis, periods: b.periods }))
	}));
	const defaultIndicator = indicators.some((i) => i.id === siteCatalogue.defaultIndicator)
		? siteCatalogue.defaultIndicator
		: indicators[0]!.id;
	const areaCodes = new Set([...data.alliances('20'), ...data.alliances('21')].map((a) => a.code));
	return { defaultIndicator, indicators, areaCodes };
}

export function embedMap(r: ResolvedRelease, params: URLSearchParams) {
	const data = r.data;
	const catalogue = releaseCatalogue(data);
	// The emails layer is this site's own live record, not a data release: an embed shows the published figures.
	const state = decodeState(params, catalogue);
	if (isStoreLayer(state.colouring)) state.colouring = 'compare';
	const indicator = data.mapIndicators.find((i) => i.id === state.indicator)!;
	const series = seriesForPeriod(data.series(state.indicator, state.basis)!, state.period);
	const { bases: _bases, latest_england: _england, ...indicatorFields } = indicator;
	return {
		state,
		/** The view's own query, without the release: for the embed's own links and the full site's. */
		query: encodeState(state, catalogue).toString(),
		indicator: indicatorFields,
		series,
		alliances: data.alliances(state.variant),
		geometry: mapGeometry(data.topology(state.variant)),
		release: releaseInfo(r, indicator.source)
	};
}

/** The basis alliance figures default to: where patients live, when published (as on the area page). */
function allianceBasis(data: ReleaseData, indicatorId: string): Basis | null {
	const indicator = data.mapIndicators.find((i) => i.id === indicatorId);
	return indicator?.bases[0]?.basis ?? null;
}

/** An alliance's headline figures against England, in this release; null when the code is not one of its alliances. */
export function embedArea(r: ResolvedRelease, code: string) {
	const data = r.data;
	const area =
		data.alliances('20').find((a) => a.code === code) ?? data.alliances('21').find((a) => a.code === code) ?? null;
	if (!area) return null;
	const variant = data.alliances('20').some((a) => a.code === code) ? '20' : '21';
	const facts: IndicatorFact[] = [];
	for (const indicator of data.mapIndicators) {
		const basis = allianceBasis(data, indicator.id);
		const series = basis && data.series(indicator.id, basis);
		if (!basis || !series) continue;
		const last = series.periods.length - 1;
		const { bases: _b, latest_england: _e, ...fields } = indicator;
		facts.push({
			indicator: fields,
			basis,
			period_label: labelWithRelease(series.periods[last]!.label, series.periods[last]!.release),
			area: figureAt(series, last, code),
			england: figureAt(series, last, ENGLAND_CODE)
		});
	}
	return {
		area: { ...area, variant },
		headline: summarise(area.name, facts).headline,
		rows: facts.map((f) => ({
			id: f.indicator.id,
			name: f.indicator.name,
			unit: f.indicator.unit,
			basis: f.basis,
			period: f.period_label,
			area: f.area,
			england: f.england,
			source: f.indicator.source,
			publisher: f.indicator.publisher,
			licence: f.indicator.licence,
			url: f.indicator.url
		})),
		release: releaseInfo(r, null)
	};
}
