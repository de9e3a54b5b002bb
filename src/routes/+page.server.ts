import type { PageServerLoad } from './$types';
import { decodeState } from '$lib/url-state';
import { alliances, areaByCode, series, topologies } from '$lib/server/data';
import { seriesForPeriod } from '$lib/data/series';
import { mapGeometry } from '$lib/map/geometry';
import { actionsStore } from '$lib/server/actions';
import { replyMapLayer } from '$lib/server/replies';
import { allianceList, catalogue, mapIndicators, subIcbOnlyIndicators } from '$lib/server/catalogue';

/** Emails to MPs per alliance (counts under 10 are null), for the "where emails have gone" layer. */
async function emailCounts(): Promise<{ counts: Record<string, number | null>; asOf: string } | null> {
	try {
		const store = await actionsStore();
		const summary = await store.summary({
			alliances: alliances('20').map(({ code, name }) => ({ code, name })),
			nameOf: (code) => areaByCode.get(code)?.name
		});
		return { counts: Object.fromEntries(summary.alliances.map((a) => [a.code, a.count])), asOf: summary.asOf };
	} catch (error) {
		console.error('emails layer:', error);
		return null;
	}
}

export const load: PageServerLoad = async ({ url, isDataRequest }) => {
	const state = decodeState(url.searchParams, catalogue);
	const indicator = mapIndicators.find((i) => i.id === state.indicator)!;
	return {
		state,
		// The catalogue's indicators are `indicators` below (the page rebuilds it), so each period list is sent once.
		catalogue: { defaultIndicator: catalogue.defaultIndicator, areaCodes: [...catalogue.areaCodes] },
		indicator,
		indicators: mapIndicators.map((i) => ({
			id: i.id,
			name: i.name,
			bases: i.bases.map((b) => ({ basis: b.basis, periods: b.periods, range: b.period_range_label }))
		})),
		subIcbOnly: subIcbOnlyIndicators.map((i) => ({ id: i.id, name: i.name })),
		// The shown period's figures only: another period or measure is a new (small) request when the user asks.
		series: seriesForPeriod(series(state.indicator, state.basis)!, state.period),
		alliances: allianceList()[state.variant],
		// The map's paths go with the first page load only; client-side navigations reuse or fetch them (+page.ts).
		geometry: isDataRequest ? null : mapGeometry(topologies[state.variant]),
		emails: state.colouring === 'emails' ? await emailCounts() : null,
		replies: state.colouring === 'replies' ? await replyMapLayer() : null
	};
};
