import type { PageServerLoad } from './$types';
import { decodeState } from '$lib/url-state';
import { alliances, areaByCode, series, topologies } from '$lib/server/data';
import { actionsStore } from '$lib/server/actions';
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
		topology: isDataRequest ? null : (topologies[state.variant] as unknown),
		emails: state.colouring === 'emails' ? await emailCounts() : null
	};
};
