import type { PageServerLoad } from './$types';
import { buildComparison } from '$lib/compare/model';
import { decodeCompareState, LEVEL_LABEL } from '$lib/compare/state';
import { trendPhraseFor } from '$lib/area/trend';
import { compareAreaCodes, compareCatalogue, compareData, periodLabel } from '$lib/server/compare';
import { indicatorById } from '$lib/server/data';

export const load: PageServerLoad = ({ url }) => {
	const catalogue = compareCatalogue();
	const state = decodeCompareState(url.searchParams, catalogue, compareAreaCodes);
	const data = compareData(state);
	const { indicator } = data;
	const model = buildComparison({
		unit: indicator.unit,
		polarity: indicator.polarity,
		england: data.england,
		areas: data.areas,
		target: state.target
	});
	const basis = catalogue.indicators.find((i) => i.id === state.indicator)!.bases.find((b) => b.basis === state.basis)!;
	return {
		state,
		catalogue,
		indicator,
		periodLabel: data.periodLabel,
		release: data.release,
		releaseFile: data.releaseFile,
		options: {
			indicators: catalogue.indicators.map((i) => ({ id: i.id, name: indicatorById.get(i.id)?.name ?? i.id })),
			bases: catalogue.indicators.find((i) => i.id === state.indicator)!.bases.map((b) => b.basis),
			// Newest first, as people look for the latest.
			periods: [...basis.periods]
				.reverse()
				.map((start) => ({ start, label: periodLabel(state.indicator, state.basis, start) })),
			levels: basis.levels.map((l) => ({ level: l, label: LEVEL_LABEL[l].many }))
		},
		model,
		history: data.history,
		trend: trendPhraseFor(data.history.periods, indicator.polarity)
	};
};
