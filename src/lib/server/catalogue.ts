/** What the map can show: indicators with alliance figures, their bases and periods (from the summary). */
import type { Catalogue } from '../url-state';
import { alliances, areas, series, summary } from './data';
import type { SummaryIndicator } from '../data/summary';

const DEFAULT_INDICATOR = 'fds_breast_suspected';

/** Indicators published for alliances (death rates are published by Sub-ICB only, so they live on area pages). */
export const mapIndicators: SummaryIndicator[] = summary.indicators
	.map((i) => ({
		...i,
		bases: i.bases.filter((b) => series(i.id, b.basis)?.cells.some((row) => row.slice(1).some((c) => c !== null)))
	}))
	.filter((i) => i.bases.length > 0);

export const subIcbOnlyIndicators = summary.indicators.filter((i) => !mapIndicators.some((m) => m.id === i.id));

export const catalogue: Catalogue = {
	defaultIndicator: DEFAULT_INDICATOR,
	indicators: mapIndicators.map((i) => ({
		id: i.id,
		bases: i.bases.map((b) => ({ basis: b.basis, periods: b.periods }))
	})),
	areaCodes: new Set(areas.filter((a) => a.type === 'alliance').map((a) => a.code))
};

export function allianceList() {
	return {
		'20': alliances('20').map(({ code, name }) => ({ code, name })),
		'21': alliances('21').map(({ code, name }) => ({ code, name }))
	};
}
