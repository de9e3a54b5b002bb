/**
 * Checks on each published series (one indicator on one basis) before a release goes out:
 *  - no gap: every month (or year) from the first to the latest is there, unless the reviewed exceptions explain it;
 *  - nothing published goes missing: a period in the release being replaced must still be there, so the latest
 *    period can never go backwards (a deleted file, say);
 *  - no surprising jump: England's figure for a new (or changed) period may move from the period before by at most
 *    CHANGE_LIMITS, unless the run is given `--confirm-change indicator:basis:YYYY-MM` for it.
 * Analysts' own indicators (extra-data) are theirs to add and remove, so only the published indicators are checked.
 * Each refusal names the file, sheet, row and column where the period (or England's figure) was read.
 */
import { ENGLAND_CODE, INDICATOR_IDS, type Indicator, type Observation } from '../../../src/lib/data/contract';
import { formatPeriod } from '../../../src/lib/data/period';
import { EtlError, type Location } from '../errors';
import type { GapException } from './exceptions';

/** England may move between consecutive periods by at most this much before a person has to confirm it. */
export const CHANGE_LIMITS = {
	/** Percentages: percentage points. The largest real month-on-month move here is 13.8 (FDS, February 2022). */
	percentagePoints: 15,
	/** Rates and other values: relative change. */
	relativeValue: 0.25,
	/** Patients (the denominator): relative change. The largest real move here is 24% (registrations, 2021). */
	relativeDenominator: 0.35
} as const;

export interface EnglandPoint {
	start: string;
	end: string;
	value: number | null;
	denominator: number | null;
}

/** The release being replaced: England's figures per indicator|basis, as it published them. */
export type PreviousRelease = Map<string, EnglandPoint[]>;

export interface SeriesCheckInput {
	observations: readonly Observation[];
	indicators: readonly Indicator[];
	/** Where a period of a series was read (the month's cell, or the file). */
	periodCell: (indicator: string, basis: string, start: string) => Location;
	/** Where England's own figure for a period was read, when the file publishes one; else where the period was. */
	englandCell: (indicator: string, basis: string, start: string) => Location;
	previous: PreviousRelease | null;
	gaps: readonly GapException[];
	/** `indicator:basis:YYYY-MM` keys confirmed with --confirm-change. */
	confirmed: ReadonlySet<string>;
}

/** Whole months from one period start to another. */
const monthsBetween = (a: string, b: string) =>
	(Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

function addMonths(start: string, n: number): string {
	const m = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + n;
	return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/** The day before an ISO date: the end of the period before a period start. */
function dayBefore(start: string): string {
	return new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export const confirmationKey = (indicator: string, basis: string, start: string) =>
	`${indicator}:${basis}:${start.slice(0, 7)}`;

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

/** England's series per indicator|basis, oldest first. */
export function englandSeries(observations: readonly Observation[]): Map<string, EnglandPoint[]> {
	const out = new Map<string, EnglandPoint[]>();
	for (const o of observations) {
		if (o.area_code !== ENGLAND_CODE) continue;
		const key = `${o.indicator_id}|${o.basis}`;
		let list = out.get(key);
		if (!list) out.set(key, (list = []));
		// As the exports store them (4 decimal places), so a figure compares equal to its published self.
		list.push({ start: o.period_start, end: o.period_end, value: round4(o.value), denominator: round4(o.denominator) });
	}
	for (const list of out.values()) list.sort((a, b) => a.start.localeCompare(b.start));
	return out;
}

/** Confirmations used by this run (they are recorded in the release). */
export function checkSeries(input: SeriesCheckInput): string[] {
	const published = new Set<string>(INDICATOR_IDS);
	const units = new Map(input.indicators.map((i) => [i.id, i.unit]));
	const current = englandSeries(input.observations);
	const used: string[] = [];
	for (const [key, points] of current) {
		const [indicator, basis] = key.split('|') as [string, string];
		if (!published.has(indicator)) continue;
		checkGaps(indicator, basis, points, input);
		const before = input.previous?.get(key) ?? [];
		checkNothingLost(indicator, basis, points, before, input);
		used.push(...checkChanges(indicator, basis, units.get(indicator) ?? 'value', points, before, input));
	}
	for (const [key, before] of input.previous ?? []) {
		const [indicator, basis] = key.split('|') as [string, string];
		if (published.has(indicator) && !current.has(key) && before.length > 0) {
			throw new EtlError(
				{ file: 'metrics' },
				`${indicator} (${basis} basis) was published up to ${label(before.at(-1)!)} but this run has none of it; has its input folder been removed?`
			);
		}
	}
	return used;
}

const label = (p: { start: string; end: string }) => formatPeriod(p.start, p.end);

function checkGaps(indicator: string, basis: string, points: EnglandPoint[], input: SeriesCheckInput): void {
	for (let i = 1; i < points.length; i++) {
		const prev = points[i - 1]!;
		const cur = points[i]!;
		const length = monthsBetween(prev.start, prev.end) + 1;
		if (monthsBetween(prev.start, cur.start) <= length) continue;
		const first = addMonths(prev.start, length);
		const lastEnd = dayBefore(cur.start);
		// The gap runs from `first` to the start of the last missing period, `cur` less one period.
		const last = addMonths(cur.start, -length);
		const excused = input.gaps.some(
			(g) => g.indicator_id === indicator && g.basis === basis && g.first_missing <= first && g.last_missing >= last
		);
		if (excused) continue;
		const missing = label({ start: first, end: lastEnd });
		throw new EtlError(
			input.periodCell(indicator, basis, cur.start),
			`${indicator} (${basis} basis) jumps from ${label(prev)} to ${label(cur)}: ${missing} is missing. ` +
				`Add the missing file, or, if the publisher never published it, list the gap with a reason in scripts/etl/reviewed/gaps.csv`
		);
	}
}

function checkNothingLost(
	indicator: string,
	basis: string,
	points: EnglandPoint[],
	before: EnglandPoint[],
	input: SeriesCheckInput
): void {
	const now = new Set(points.map((p) => p.start));
	const lost = before.filter((p) => !now.has(p.start));
	if (lost.length === 0) return;
	const latestBefore = before.at(-1)!;
	const latestNow = points.at(-1)!;
	const where = input.periodCell(indicator, basis, latestNow.start);
	if (latestNow.start < latestBefore.start) {
		throw new EtlError(
			where,
			`the latest period of ${indicator} (${basis} basis) would go backwards, from ${label(latestBefore)} in the published release to ${label(latestNow)}; has the file for ${label(latestBefore)} been removed?`
		);
	}
	throw new EtlError(
		where,
		`${indicator} (${basis} basis) would lose ${lost.map(label).join(', ')}, which the published release has; has a file been removed?`
	);
}

function checkChanges(
	indicator: string,
	basis: string,
	unit: string,
	points: EnglandPoint[],
	before: EnglandPoint[],
	input: SeriesCheckInput
): string[] {
	const old = new Map(before.map((p) => [p.start, p]));
	const used: string[] = [];
	for (let i = 1; i < points.length; i++) {
		const prev = points[i - 1]!;
		const cur = points[i]!;
		const was = old.get(cur.start);
		if (was && was.value === cur.value && was.denominator === cur.denominator) continue; // already published
		const problems: string[] = [];
		if (prev.value !== null && cur.value !== null) {
			const change = cur.value - prev.value;
			if (
				unit === '%'
					? Math.abs(change) > CHANGE_LIMITS.percentagePoints
					: prev.value !== 0 && Math.abs(change / prev.value) > CHANGE_LIMITS.relativeValue
			) {
				problems.push(
					unit === '%'
						? `England's figure moves ${change > 0 ? 'up' : 'down'} ${Math.abs(change).toFixed(1)} percentage points (${prev.value.toFixed(1)}% to ${cur.value.toFixed(1)}%; the limit is ${CHANGE_LIMITS.percentagePoints})`
						: `England's figure moves by ${Math.round((100 * change) / prev.value)}% (limit ${100 * CHANGE_LIMITS.relativeValue}%)`
				);
			}
		}
		if (prev.denominator && cur.denominator !== null) {
			const change = cur.denominator / prev.denominator - 1;
			if (Math.abs(change) > CHANGE_LIMITS.relativeDenominator) {
				problems.push(
					`England's count of patients moves by ${Math.round(change * 100)}% (${prev.denominator.toLocaleString('en-GB')} to ${cur.denominator.toLocaleString('en-GB')}; the limit is ${100 * CHANGE_LIMITS.relativeDenominator}%)`
				);
			}
		}
		if (problems.length === 0) continue;
		const key = confirmationKey(indicator, basis, cur.start);
		if (input.confirmed.has(key)) {
			used.push(key);
			continue;
		}
		throw new EtlError(
			input.englandCell(indicator, basis, cur.start),
			`${indicator} (${basis} basis), ${label(prev)} to ${label(cur)}: ${problems.join('; ')}. ` +
				`If the change is real, run again with --confirm-change ${key}`
		);
	}
	return used;
}
