import type { PageServerLoad } from './$types';
import { decodeState } from '$lib/url-state';
import { series, topologies } from '$lib/server/data';
import { allianceList, catalogue, mapIndicators, subIcbOnlyIndicators } from '$lib/server/catalogue';

export const load: PageServerLoad = ({ url, isDataRequest }) => {
	const state = decodeState(url.searchParams, catalogue);
	const indicator = mapIndicators.find((i) => i.id === state.indicator)!;
	return {
		state,
		catalogue: { ...catalogue, areaCodes: [...catalogue.areaCodes] },
		indicator,
		indicators: mapIndicators.map((i) => ({
			id: i.id,
			name: i.name,
			bases: i.bases.map((b) => ({ basis: b.basis, periods: b.periods, range: b.period_range_label }))
		})),
		subIcbOnly: subIcbOnlyIndicators.map((i) => ({ id: i.id, name: i.name })),
		series: series(state.indicator, state.basis)!,
		alliances: allianceList()[state.variant],
		// Boundaries go with the first page load only; client-side navigations reuse or fetch them (see +page.ts).
		topology: isDataRequest ? null : (topologies[state.variant] as unknown)
	};
};
