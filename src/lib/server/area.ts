/**
 * Everything an alliance's page shows, shaped on the server from the committed exports: the plain-English summary,
 * each indicator against England with its rank and trend, and the ICBs, trusts and Sub-ICBs inside the alliance.
 */
import type { Area, Basis, Indicator, Observation, ReleaseStatus } from '../data/contract';
import { labelWithRelease } from '../data/release';
import { ENGLAND_CODE } from '../data/contract';
import { figureAt, figureOf, type Figure, type Series } from '../data/series';
import type { IndicatorFact } from '../wording/figures';
import { summarise } from '../wording/summary';
import { allianceRanks, rankPhrase } from '../area/rank';
import { trendPhrase } from '../area/trend';
import { alliances, areaByCode, indicators, lookups, membersOf, mps, observations, series } from './data';
import { formatPeriod } from '../data/period';
import { practicesView } from './practices';
import { SCREENING_INDICATOR_ID } from '../screening/estimate';
import { countedBy, createOutsideIndex, type OutsideShare } from '../data/counting';

export interface IndicatorPanel {
	indicator: Indicator;
	basis: Basis;
	period_label: string;
	/** The latest period's release status: the page says "provisional" beside such figures. */
	release: ReleaseStatus;
	area: Figure | null;
	england: Figure | null;
	rank: string | null;
	trend: string | null;
	/** Constituencies whose residents here are counted in another alliance's figure on this measure (data/counting.ts). */
	outside: OutsideShare[];
	/** Monthly or yearly series for the trend chart: the area and England. */
	history: { label: string; area: number | null; lower: number | null; upper: number | null; england: number | null }[];
}

export interface MemberRow {
	code: string;
	name: string;
	note: string | null;
	figures: Record<string, Figure | null>;
}

function latestFigures(rows: Observation[], indicatorId: string, basis: Basis, codes: Set<string>) {
	const relevant = rows.filter((o) => o.indicator_id === indicatorId && o.basis === basis && codes.has(o.area_code));
	const latest = relevant.reduce((m, o) => (o.period_start > m ? o.period_start : m), '');
	const at = relevant.filter((o) => o.period_start === latest);
	const end = at[0]?.period_end ?? latest;
	return {
		period: latest ? labelWithRelease(formatPeriod(latest, end), at[0]?.release ?? 'final') : null,
		byCode: new Map(at.map((o) => [o.area_code, figureOf(o)]))
	};
}

/** The basis alliance figures default to: where patients live, when published. */
function defaultBasis(indicatorId: string): { basis: Basis; series: Series } | null {
	for (const basis of ['commissioner', 'registry', 'provider'] as const) {
		const s = series(indicatorId, basis);
		if (s && s.cells.some((row) => row.slice(1).some((c) => c !== null))) return { basis, series: s };
	}
	return null;
}

/** Whose residents each alliance's figures count elsewhere, from the committed lookups (built once). */
const outsideOf = createOutsideIndex(lookups, areaByCode);

export function allianceCodes(): string[] {
	return [...new Set([...alliances('20'), ...alliances('21')].map((a) => a.code))];
}

export function areaPage(area: Area) {
	const variant = area.variant ?? '20';
	const peers = alliances(variant).map((a) => a.code);
	const panels: IndicatorPanel[] = [];
	const facts: IndicatorFact[] = [];
	for (const indicator of indicators) {
		const chosen = defaultBasis(indicator.id);
		if (!chosen) continue;
		const { basis, series: s } = chosen;
		const last = s.periods.length - 1;
		const areaFigure = figureAt(s, last, area.code);
		const england = figureAt(s, last, ENGLAND_CODE);
		const ranks = allianceRanks(s, last, peers, indicator.polarity);
		const unit = countedBy(indicator.id, basis);
		const outside = unit ? outsideOf(area.code, variant, unit) : [];
		const fact: IndicatorFact = {
			indicator,
			basis,
			period_label: s.periods[last]!.label,
			area: areaFigure,
			england,
			outside
		};
		facts.push(fact);
		panels.push({
			indicator,
			basis,
			period_label: s.periods[last]!.label,
			release: s.periods[last]!.release,
			area: areaFigure,
			england,
			outside,
			rank: ranks[area.code] ? rankPhrase(ranks[area.code]!, indicator.polarity) : null,
			trend: trendPhrase(s, area.code, indicator.polarity),
			history: s.periods.map((p, i) => {
				const a = figureAt(s, i, area.code);
				return {
					label: p.label,
					area: a?.value ?? null,
					lower: a?.lower95 ?? null,
					upper: a?.upper95 ?? null,
					england: figureAt(s, i, ENGLAND_CODE)?.value ?? null
				};
			})
		});
	}
	// Death rates are published by Sub-ICB: the alliance's facts include them as "not published" with England's figure.
	const summary = summarise(area.name, facts);

	const rows = observations();
	const icbs = membersOf(area.code, 'icb');
	const subIcbs = membersOf(area.code, 'sub_icb');
	const trusts = membersOf(area.code, 'trust');
	const memberTable = (members: typeof icbs, basis: Basis, ids: string[]) => {
		const codes = new Set(members.map((m) => m.area.code));
		const columns = ids
			.map((id) => ({ indicator: indicators.find((i) => i.id === id)!, ...latestFigures(rows, id, basis, codes) }))
			.filter((c) => c.period);
		return {
			columns: columns.map((c) => ({
				id: c.indicator.id,
				name: c.indicator.name,
				unit: c.indicator.unit,
				period: c.period!,
				estimated: c.indicator.id === SCREENING_INDICATOR_ID
			})),
			rows: members
				.map<MemberRow>((m) => ({
					code: m.area.code,
					name: m.area.name,
					note:
						m.share !== null && m.share < 1
							? `${Math.round(m.share * 100)}% of its population lives in this alliance`
							: null,
					figures: Object.fromEntries(columns.map((c) => [c.indicator.id, c.byCode.get(m.area.code) ?? null]))
				}))
				.filter((r) => Object.values(r.figures).some((f) => f !== null))
				.sort((a, b) => a.name.localeCompare(b.name))
		};
	};
	const waiting = [
		'fds_breast_suspected',
		'fds_breast_symptomatic',
		'cwt31_breast',
		'cwt62_breast',
		'breast_symptomatic_14d'
	];
	const constituencies = lookups
		.filter(
			(l) =>
				l.relation === 'constituency_in_alliance' &&
				l.parent_code === area.code &&
				(l.variant === null || l.variant === variant)
		)
		.map((l) => {
			const c = areaByCode.get(l.child_code);
			const mp = mps.find((m) => m.constituency_code === l.child_code) ?? null;
			return c
				? {
						code: c.code,
						name: c.name,
						share: l.share,
						mp: mp && { name: mp.name, party: mp.party, profile_url: mp.profile_url }
					}
				: null;
		})
		.filter((c): c is NonNullable<typeof c> => c !== null)
		.sort((a, b) => a.name.localeCompare(b.name));

	return {
		area: { code: area.code, name: area.name, variant: area.variant },
		summary,
		panels,
		icbs: memberTable(icbs, 'commissioner', [...waiting, 'screening_breast_coverage']),
		trusts: memberTable(trusts, 'provider', waiting),
		subIcbs: memberTable(subIcbs, 'registry', ['mortality_breast_asr', 'mortality_breast_crude']),
		straddling: icbs
			.filter((m) => m.share !== null && m.share < 1)
			.map((m) => ({ name: m.area.name, share: m.share! })),
		constituencies,
		mpsAsOf: mps[0]?.as_of ?? null,
		practices: practicesView(area)
	};
}

export type AreaPageData = ReturnType<typeof areaPage>;

const factsCache = new Map<string, IndicatorFact[]>();

/**
 * An alliance's latest figure for each indicator, against England (what its page shows), as the letter composer takes
 * them; null for a code that is not an alliance. Computed once per alliance.
 */
export function allianceFacts(code: string): IndicatorFact[] | null {
	const area = areaByCode.get(code);
	if (!area || area.type !== 'alliance') return null;
	let facts = factsCache.get(code);
	if (!facts) {
		facts = areaPage(area).panels.map((p) => ({
			indicator: p.indicator,
			basis: p.basis,
			period_label: p.period_label,
			area: p.area,
			england: p.england,
			outside: p.outside
		}));
		factsCache.set(code, facts);
	}
	return facts;
}
