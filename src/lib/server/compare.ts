/**
 * The compare page's data, shaped on the server from the committed observations: what can be compared (catalogue),
 * and for one view the figures of every area of a level, England, and one area's history for the trend chart.
 */
import type { Area, Basis, Indicator, Observation, ReleaseStatus } from '../data/contract';
import { labelWithRelease } from '../data/release';
import { ENGLAND_CODE } from '../data/contract';
import { formatPeriod } from '../data/period';
import { figureOf } from '../data/series';
import type { CompareFigure } from '../compare/model';
import { COMPARE_LEVELS, type CompareCatalogue, type CompareLevel, type CompareState } from '../compare/state';
import type { TrendPeriod } from '../area/trend';
import { alliances, areaByCode, areas, indicators, observations } from './data';

const DEFAULT_INDICATOR = 'fds_breast_suspected';
const BASIS_ORDER: Basis[] = ['commissioner', 'provider', 'registry'];

interface Index {
	/** indicator|basis|period -> area code -> observation */
	byView: Map<string, Map<string, Observation>>;
	/** indicator|basis|area -> observations, oldest first */
	byArea: Map<string, Observation[]>;
	/** indicator|basis -> area codes with any figure */
	codes: Map<string, Set<string>>;
	/** indicator|basis|period start -> period end */
	ends: Map<string, string>;
	catalogue: CompareCatalogue;
}

let cached: Index | null = null;

function index(): Index {
	if (cached) return cached;
	const byView = new Map<string, Map<string, Observation>>();
	const byArea = new Map<string, Observation[]>();
	const codes = new Map<string, Set<string>>();
	const ends = new Map<string, string>();
	// indicator|basis -> level -> periods with a figure at that level
	const levelPeriods = new Map<string, Map<CompareLevel, Set<string>>>();
	for (const o of observations()) {
		const ib = `${o.indicator_id}|${o.basis}`;
		const view = `${ib}|${o.period_start}`;
		let m = byView.get(view);
		if (!m) byView.set(view, (m = new Map()));
		m.set(o.area_code, o);
		ends.set(view, o.period_end);
		const ak = `${ib}|${o.area_code}`;
		let list = byArea.get(ak);
		if (!list) byArea.set(ak, (list = []));
		list.push(o);
		let set = codes.get(ib);
		if (!set) codes.set(ib, (set = new Set()));
		set.add(o.area_code);
		const type = areaByCode.get(o.area_code)?.type;
		if (type && (COMPARE_LEVELS as readonly string[]).includes(type)) {
			let levels = levelPeriods.get(ib);
			if (!levels) levelPeriods.set(ib, (levels = new Map()));
			let periods = levels.get(type as CompareLevel);
			if (!periods) levels.set(type as CompareLevel, (periods = new Set()));
			periods.add(o.period_start);
		}
	}
	for (const list of byArea.values()) list.sort((a, b) => a.period_start.localeCompare(b.period_start));

	const catalogue: CompareCatalogue = { defaultIndicator: DEFAULT_INDICATOR, indicators: [] };
	for (const indicator of indicators) {
		const bases = BASIS_ORDER.flatMap((basis) => {
			const levels = levelPeriods.get(`${indicator.id}|${basis}`);
			if (!levels) return [];
			const present = COMPARE_LEVELS.filter((l) => levels.has(l));
			const periods = [...new Set(present.flatMap((l) => [...levels.get(l)!]))].sort();
			return present.length > 0 ? [{ basis, periods, levels: present }] : [];
		});
		if (bases.length > 0) catalogue.indicators.push({ id: indicator.id, bases });
	}
	cached = { byView, byArea, codes, ends, catalogue };
	return cached;
}

export function compareCatalogue(): CompareCatalogue {
	return index().catalogue;
}

/** "September 2025", "2022", "2023/24", "April 2025 (provisional)": how people read a period of an indicator on a basis. */
export function periodLabel(indicatorId: string, basis: Basis, start: string): string {
	const view = `${indicatorId}|${basis}|${start}`;
	const england = index().byView.get(view)?.get(ENGLAND_CODE);
	return labelWithRelease(formatPeriod(start, index().ends.get(view) ?? start), england?.release ?? 'final');
}

/** Codes that may be highlighted: every area of a compare level. */
export const compareAreaCodes: ReadonlySet<string> = new Set(
	areas.filter((a) => (COMPARE_LEVELS as readonly string[]).includes(a.type)).map((a) => a.code)
);

const EMPTY: Omit<CompareFigure, 'code' | 'name'> = {
	value: null,
	lower95: null,
	upper95: null,
	numerator: null,
	denominator: null,
	comparison: 'not compared',
	suppressed: false,
	release: 'final'
};

function toFigure(area: { code: string; name: string }, o: Observation | undefined): CompareFigure {
	return { code: area.code, name: area.name, ...(o ? figureOf(o) : EMPTY) };
}

/** The areas of a level that the view covers: every alliance of the variant, ICB and Sub-ICB; trusts with any figure. */
function levelAreas(state: CompareState): Area[] {
	if (state.level === 'alliance') return alliances(state.variant);
	const withFigures = index().codes.get(`${state.indicator}|${state.basis}`) ?? new Set<string>();
	return areas
		.filter((a) => a.type === state.level && (state.level !== 'trust' || withFigures.has(a.code)))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export interface CompareData {
	indicator: Indicator;
	/** With "(provisional)" when the period's figures are. */
	periodLabel: string;
	release: ReleaseStatus;
	/** The file the period's figures come from (England's). */
	releaseFile: string | null;
	england: CompareFigure | null;
	areas: CompareFigure[];
	/** The highlighted area's history (or England's), oldest first, with England beside it. */
	history: {
		code: string;
		name: string;
		periods: (TrendPeriod & {
			value: number | null;
			lower95: number | null;
			upper95: number | null;
			england: number | null;
		})[];
	};
}

export function compareData(state: CompareState): CompareData {
	const ix = index();
	const indicator = indicators.find((i) => i.id === state.indicator)!;
	const view = ix.byView.get(`${state.indicator}|${state.basis}|${state.period}`) ?? new Map<string, Observation>();
	const englandObs = view.get(ENGLAND_CODE);
	const periodEnd = englandObs?.period_end ?? [...view.values()][0]?.period_end ?? state.period;
	const englandHistory = new Map(
		(ix.byArea.get(`${state.indicator}|${state.basis}|${ENGLAND_CODE}`) ?? []).map((o) => [o.period_start, o])
	);
	const focus =
		state.area && areaByCode.get(state.area) ? areaByCode.get(state.area)! : { code: ENGLAND_CODE, name: 'England' };
	const focusRows = new Map(
		(ix.byArea.get(`${state.indicator}|${state.basis}|${focus.code}`) ?? []).map((o) => [o.period_start, o])
	);
	// Every period England has (so gaps in an area's figures stay gaps on the chart), plus any the area alone has.
	const starts = [...new Set([...englandHistory.keys(), ...focusRows.keys()])].sort();
	return {
		indicator,
		periodLabel: labelWithRelease(formatPeriod(state.period, periodEnd), englandObs?.release ?? 'final'),
		release: englandObs?.release ?? 'final',
		releaseFile: englandObs?.release_file ?? null,
		england: englandObs ? toFigure({ code: ENGLAND_CODE, name: 'England' }, englandObs) : null,
		areas: levelAreas(state).map((a) => toFigure(a, view.get(a.code))),
		history: {
			code: focus.code,
			name: focus.name,
			periods: starts.map((start) => {
				const o = focusRows.get(start);
				const end = o?.period_end ?? englandHistory.get(start)!.period_end;
				return {
					start,
					end,
					label: formatPeriod(start, end),
					numerator: o && !o.suppressed ? o.numerator : null,
					denominator: o && !o.suppressed ? o.denominator : null,
					value: o?.value ?? null,
					lower95: o?.lower95 ?? null,
					upper95: o?.upper95 ?? null,
					england: englandHistory.get(start)?.value ?? null
				};
			})
		}
	};
}
