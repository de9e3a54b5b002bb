/**
 * The comparison an analyst takes to a board: every area of one level (alliances, ICBs, Sub-ICBs or trusts) for one
 * indicator and period, against England, with funnel limits, rank intervals and the gap in patients. Pure and
 * browser-safe: the server builds it for the page; the browser reuses the pieces for an analyst's own figures.
 */
import { quantileSorted } from 'd3-array';
import type { Polarity, Unit } from '../data/contract';
import type { Figure } from '../data/series';
import {
	funnelLimits,
	funnelLimitsOverdispersed,
	overdispersion,
	patientGap,
	rankIntervals,
	type Interval,
	type Overdispersion,
	type RankInterval
} from '../stats';

/** Two-sided 95% normal quantile, for standard errors read back from published 95% intervals. */
const Z95 = 1.959964;

/** A published figure (values in the indicator's unit, per cent for proportions) for a named area. */
export interface CompareFigure extends Figure {
	code: string;
	name: string;
}

/** Where a point lies against the funnel around the target: inside, or beyond the 95% or 99.8% limit. */
export type FunnelZone = 'high998' | 'high95' | 'inside' | 'low95' | 'low998';

export interface FunnelPoint {
	/** Denominator at which the limits were taken. */
	n: number;
	lower95: number;
	upper95: number;
	lower998: number;
	upper998: number;
}

export interface GapEstimate {
	/** Patients short of the target (positive) with its 95% interval. */
	value: number;
	lower: number;
	upper: number;
}

export interface CompareRow extends CompareFigure {
	/** Zones against the plain (binomial) and the over-dispersed limits; null without a usable denominator. */
	zone: FunnelZone | null;
	zoneOverdispersed: FunnelZone | null;
	rank: RankInterval | null;
	/** Only for areas worse than the target on an indicator with a direction. */
	gap: GapEstimate | null;
}

export type GapTarget = 'england' | 'quartile';

export interface CompareModel {
	unit: Unit;
	polarity: Polarity;
	england: CompareFigure | null;
	/** True when funnel limits and gaps apply: a proportion with numerators and denominators. */
	isProportion: boolean;
	target: { kind: GapTarget; value: number | null };
	overdispersion: Overdispersion | null;
	/** Funnel limits (in the indicator's unit) at denominators spread over the areas' range, smallest first. */
	funnel: { plain: FunnelPoint[]; overdispersed: FunnelPoint[] };
	/** Areas with a figure, ordered from best to worst (highest first when there is no direction). */
	rows: CompareRow[];
	/** Areas without a figure: suppressed (small numbers) or not published. */
	withheld: { suppressed: CompareFigure[]; missing: CompareFigure[] };
	/** Areas ranked (rows with an interval). */
	ranked: number;
}

export interface CompareInput {
	unit: Unit;
	polarity: Polarity;
	england: CompareFigure | null;
	areas: CompareFigure[];
	target?: GapTarget;
	/** Seed for the rank simulation, so the page is the same on every load. */
	seed?: number;
	/** Points on each funnel curve. */
	curvePoints?: number;
}

const hasFigure = (f: CompareFigure) => !f.suppressed && f.value !== null;

const usableCounts = (f: CompareFigure): f is CompareFigure & { numerator: number; denominator: number } =>
	f.numerator !== null &&
	f.denominator !== null &&
	f.denominator > 0 &&
	f.numerator >= 0 &&
	f.numerator <= f.denominator;

/** The zone of a value (per cent) against limits (proportions 0..1). */
export function zoneOf(valuePercent: number, limits95: Interval, limits998: Interval): FunnelZone {
	const p = valuePercent / 100;
	// A small tolerance so a value printed on a limit is not flagged by rounding.
	const eps = 1e-9;
	if (p > limits998.upper + eps) return 'high998';
	if (p > limits95.upper + eps) return 'high95';
	if (p < limits998.lower - eps) return 'low998';
	if (p < limits95.lower - eps) return 'low95';
	return 'inside';
}

/** Plain (exact binomial) or over-dispersed limits at denominator n around target p0 (0..1). */
export function limitsAt(p0: number, n: number, tau2: number | null): { l95: Interval; l998: Interval } | null {
	const l95 = tau2 === null ? funnelLimits(p0, n, 0.95) : funnelLimitsOverdispersed(p0, n, 0.95, tau2);
	const l998 = tau2 === null ? funnelLimits(p0, n, 0.998) : funnelLimitsOverdispersed(p0, n, 0.998, tau2);
	return l95 && l998 ? { l95, l998 } : null;
}

/** Denominators spread evenly on a log scale from lo to hi (both included). */
export function logSpaced(lo: number, hi: number, count: number): number[] {
	if (!(lo > 0) || !(hi >= lo)) return [];
	if (hi === lo || count < 2) return [lo];
	const a = Math.log(lo);
	const b = Math.log(hi);
	return Array.from({ length: count }, (_, i) => Math.exp(a + ((b - a) * i) / (count - 1)));
}

function curve(p0: number, ns: number[], tau2: number | null): FunnelPoint[] {
	return ns.flatMap((n) => {
		const l = limitsAt(p0, n, tau2);
		if (!l) return [];
		return [
			{
				n,
				lower95: 100 * l.l95.lower,
				upper95: 100 * l.l95.upper,
				lower998: 100 * l.l998.lower,
				upper998: 100 * l.l998.upper
			}
		];
	});
}

/**
 * The target for the gap: England's value, or the best quartile of the areas' values (the 75th percentile when higher
 * is better, the 25th when lower is better). Null without a direction or without values.
 */
export function gapTarget(
	kind: GapTarget,
	polarity: Polarity,
	england: CompareFigure | null,
	values: number[]
): number | null {
	if (polarity === 'none') return null;
	if (kind === 'england') return england && hasFigure(england) ? england.value : null;
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return quantileSorted(sorted, polarity === 'higher' ? 0.75 : 0.25) ?? null;
}

/**
 * Patients short of a target (per cent) for an area, with the 95% interval from its Wilson interval. Null when the
 * area meets the target, or the counts are unusable. For "lower is better" the shortfall is the patients above it.
 */
export function shortfall(f: CompareFigure, targetPercent: number, polarity: Polarity): GapEstimate | null {
	if (polarity === 'none' || !usableCounts(f) || f.value === null) return null;
	const worse = polarity === 'higher' ? f.value < targetPercent : f.value > targetPercent;
	if (!worse) return null;
	const g = patientGap({ numerator: f.numerator, denominator: f.denominator, targetProportion: targetPercent / 100 });
	if (!g) return null;
	return polarity === 'higher' ? g : { value: -g.value, lower: -g.upper, upper: -g.lower };
}

/** Best first: descending values when higher is better (or no direction), ascending when lower is better. */
function bestFirst(polarity: Polarity) {
	return (a: CompareFigure, b: CompareFigure) => {
		const d = (a.value as number) - (b.value as number);
		return (polarity === 'lower' ? d : -d) || a.name.localeCompare(b.name);
	};
}

export function buildComparison(input: CompareInput): CompareModel {
	const { unit, polarity, england } = input;
	const shown = input.areas.filter(hasFigure).sort(bestFirst(polarity));
	const withheld = {
		suppressed: input.areas.filter((a) => a.suppressed),
		missing: input.areas.filter((a) => !a.suppressed && a.value === null)
	};
	const counted = shown.filter(usableCounts);
	const p0 = england && england.value !== null ? england.value / 100 : null;
	const isProportion = unit === '%' && p0 !== null && p0 > 0 && p0 < 1 && counted.length > 0;

	const od = isProportion ? overdispersion(counted, p0!) : null;
	const denominators = counted.map((f) => f.denominator);
	const ns = isProportion
		? logSpaced(Math.max(1, Math.min(...denominators) * 0.8), Math.max(...denominators) * 1.2, input.curvePoints ?? 60)
		: [];

	const rankItems = shown
		.filter((f) => f.lower95 !== null && f.upper95 !== null)
		.map((f) => ({
			id: f.code,
			value: f.value as number,
			se: Math.max(0, (f.upper95 as number) - (f.lower95 as number)) / (2 * Z95)
		}));
	const ranks =
		rankItems.length > 0
			? rankIntervals(rankItems, { higherIsBetter: polarity !== 'lower', seed: input.seed ?? 1 })
			: {};

	const targetKind = input.target ?? 'england';
	const target = isProportion
		? gapTarget(
				targetKind,
				polarity,
				england,
				shown.map((f) => f.value as number)
			)
		: null;

	const rows: CompareRow[] = shown.map((f) => {
		let zone: FunnelZone | null = null;
		let zoneOverdispersed: FunnelZone | null = null;
		if (isProportion && usableCounts(f)) {
			const plain = limitsAt(p0!, f.denominator, null);
			const wide = limitsAt(p0!, f.denominator, od!.tau2);
			if (plain) zone = zoneOf(f.value as number, plain.l95, plain.l998);
			if (wide) zoneOverdispersed = zoneOf(f.value as number, wide.l95, wide.l998);
		}
		return {
			...f,
			zone,
			zoneOverdispersed,
			rank: ranks[f.code] ?? null,
			gap: target === null ? null : shortfall(f, target, polarity)
		};
	});

	return {
		unit,
		polarity,
		england,
		isProportion,
		target: { kind: targetKind, value: target },
		overdispersion: od,
		funnel: {
			plain: isProportion ? curve(p0!, ns, null) : [],
			overdispersed: isProportion ? curve(p0!, ns, od!.tau2) : []
		},
		rows,
		withheld,
		ranked: rankItems.length
	};
}

/** Words for a funnel zone, with the direction's meaning where the indicator has one. */
export function zoneWords(zone: FunnelZone | null, polarity: Polarity): string {
	if (zone === null) return 'no denominator';
	if (zone === 'inside') return 'within the limits';
	const high = zone === 'high95' || zone === 'high998';
	const level = zone.endsWith('998') ? '99.8%' : '95%';
	const side = high ? 'above' : 'below';
	if (polarity === 'none') return `${side} the ${level} limit`;
	const good = high === (polarity === 'higher');
	return `${side} the ${level} limit (${good ? 'better' : 'worse'})`;
}
