/**
 * Breast screening coverage: practice percentages (one file per ICB) and practice list sizes -> estimated counts by
 * practice, then sums by Sub-ICB, ICB, alliance (both variants) and England (src/lib/screening/estimate.ts says why).
 *
 * Rules:
 * - A practice that appears in two files (one file repeats another ICB's practices) is kept once, from the first file
 *   in name order; the two rows must agree, or the run stops naming both files.
 * - Each practice's Sub-ICB comes from its file's `ICB name` label (ODS code) and is mapped to the April 2023 E38 code.
 * - A practice's figure is its published percentage, exactly (screening-practice.ts). Its estimated counts, the
 *   published percentage of its registered women aged 53 to 70 (April 2026 list), only weight the sums above it.
 *   Practices with no list-size row, or none of that age, keep their published value but count in no total.
 * - Sums: Sub-ICB, ICB, alliance and England through the one roll-up (geography/roll-up.ts); a Sub-ICB split between
 *   two alliances (Bath and North East Somerset, Swindon and Wiltshire, 92G) counts wholly in the alliance where most
 *   of its residents live, as ICB figures do for waiting times.
 * - The estimate's own error: every sum is also made with the cohort that was 53 to 70 in the coverage year
 *   (COHORT_AGES in the list) as weights. The two estimates' gap, the area's own or England's where larger, widens the
 *   sum's interval on both sides (screeningObservations), so compareAll never calls a difference within it better or
 *   worse. Practices keep their published value and the interval of their estimated counts.
 */
import type { Area, Indicator, Observation, ReleaseStatus } from '../../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { estimateCaveat, LIST_SIZE_MONTH, SCREENING_INDICATOR_ID } from '../../../src/lib/screening/estimate';
import { EtlError } from '../errors';
import type { PracticeCoverageRow } from '../sources/screening-coverage';
import type { PracticeWomenRow } from '../sources/gp-population';
import type { IcbInfo, SubIcbInfo } from './geography/alliances';
import { rollUp, type RollUpGeography } from './geography/roll-up';
import { countObservations, type CountCell } from './observation';
import { practiceObservation } from './screening-practice';

/** Financial year 2023/24: the period the values match (metrics/SOURCES.md section 5, period check). */
export const SCREENING_PERIOD = { start: '2023-04-01', end: '2024-03-31' } as const;
const period = SCREENING_PERIOD;

export interface ScreeningInputs {
	coverage: { file: string; rows: PracticeCoverageRow[] }[];
	population: { file: string; rows: PracticeWomenRow[] }[];
	subIcbs: SubIcbInfo[];
	icbs: IcbInfo[];
	/** Where a Sub-ICB's sums go: its ICB, its alliance per variant (a split Sub-ICB's majority part), England. */
	geo: RollUpGeography;
	/** Codes already used by other areas: a practice code must not collide with one. */
	takenCodes: ReadonlySet<string>;
	/** The release status of a coverage file. */
	release: (file: string) => ReleaseStatus;
}

export interface ScreeningStats {
	rowsRead: number;
	practices: number;
	duplicatesDropped: number;
	withValue: number;
	/** Practices with a value that count in the totals (a list-size row with women aged 53 to 70). */
	inTotals: number;
	noListSize: string[];
	noWomen: string[];
	england: { numerator: number; denominator: number; value: number };
	/** England's estimate weighted by the coverage year's cohort, and its gap from the 53-70 estimate (points). */
	cohort: { value: number; sensitivity: number };
}

export interface ScreeningDerived {
	indicator: Indicator;
	areas: Area[];
	/** Sums above practice level, from estimated counts. */
	cells: CountCell[];
	/** Per summed area: how far its estimate moves with the cohort's weights (percentage points). */
	sensitivity: Map<string, number>;
	/** Every practice with a value: its published value (screening-practice.ts). */
	practiceRows: Observation[];
	notes: Map<string, string[]>;
	/** Rows dropped as duplicates, by file (they count as rejected in provenance, with the note saying why). */
	dropped: Map<string, number>;
	stats: ScreeningStats;
}

export function deriveScreening(input: ScreeningInputs, base: Indicator): ScreeningDerived {
	const notes = new Map<string, string[]>();
	const note = (file: string, text: string) => notes.set(file, [...(notes.get(file) ?? []), text]);
	const subByOds = new Map(input.subIcbs.map((s) => [s.ods, s]));

	// 1. Practices, each once: from the file named after the practice's own ICB where it is in two, else the first.
	type Practice = PracticeCoverageRow & { file: string; sub_icb_code: string; icb_code: string };
	const icbOds = new Map(input.icbs.map((i) => [i.code, i.ods]));
	const fileIcb = (file: string) => /indicator_([0-9A-Z]+)_/.exec(file)?.[1] ?? null;
	const candidates = new Map<string, Practice[]>();
	let rowsRead = 0;
	for (const { file, rows } of [...input.coverage].sort((a, b) => a.file.localeCompare(b.file))) {
		for (const r of rows) {
			rowsRead++;
			const sub = subByOds.get(r.sub_icb_ods);
			if (!sub)
				throw new EtlError(
					{ file, row: r.row, column: 'ICB name' },
					`unknown Sub-ICB code "${r.sub_icb_ods}" (not in the ONS Sub-ICB lookup)`
				);
			if (input.takenCodes.has(r.gp_code))
				throw new EtlError(
					{ file, row: r.row, column: 'GP code' },
					`practice code ${r.gp_code} is already used by another area`
				);
			const list = candidates.get(r.gp_code) ?? [];
			const first = list[0];
			if (
				first &&
				(first.coverage !== r.coverage || first.sub_icb_ods !== r.sub_icb_ods || first.gp_name !== r.gp_name)
			) {
				throw new EtlError(
					{ file, row: r.row, column: 'GP code' },
					`practice ${r.gp_code} is also in ${first.file} (row ${first.row}) with different values; which is right cannot be told`
				);
			}
			list.push({ ...r, file, sub_icb_code: sub.code, icb_code: sub.icb_code });
			candidates.set(r.gp_code, list);
		}
	}
	const practices = new Map<string, Practice>();
	const dropped = new Map<string, { n: number; keptIn: Set<string> }>();
	for (const [code, list] of candidates) {
		const kept = list.find((p) => fileIcb(p.file) === icbOds.get(p.icb_code)) ?? list[0]!;
		practices.set(code, kept);
		for (const p of list) {
			if (p === kept) continue;
			const d = dropped.get(p.file) ?? { n: 0, keptIn: new Set<string>() };
			d.n++;
			d.keptIn.add(kept.file);
			dropped.set(p.file, d);
		}
	}
	let duplicatesDropped = 0;
	for (const [file, d] of dropped) {
		duplicatesDropped += d.n;
		note(
			file,
			`${d.n} practices dropped as duplicates: they belong to another ICB and are kept, with the same values, from ${[...d.keptIn].sort().join(', ')}.`
		);
	}

	// 2. Denominators.
	const women = new Map<string, number>();
	const cohortWomen = new Map<string, number>();
	for (const { file, rows } of input.population) {
		for (const r of rows) {
			if (women.has(r.gp_code))
				throw new EtlError({ file, row: r.row, column: 'GP code' }, `practice ${r.gp_code} is in two list-size files`);
			women.set(r.gp_code, r.women_53_70);
			cohortWomen.set(r.gp_code, r.women_cohort);
		}
	}

	// 3. Observations: practices (their published values), then sums of the estimated counts.
	// Estimated numerators are summed unrounded and stored to 2 decimals.
	// A sum's file: the one coverage file it comes from, or their folder.
	const folder = (files: Set<string>) => {
		const first = [...files][0]!;
		return files.size === 1 ? first : first.slice(0, first.lastIndexOf('/') + 1);
	};
	type Sum = {
		type: CountCell['area_type'];
		n: number;
		d: number;
		cohortN: number;
		cohortD: number;
		files: Set<string>;
	};
	const sums = new Map<string, Sum>();
	const add = (code: string, type: CountCell['area_type'], n: number, d: number, cohort: number[], file: string) => {
		const s = sums.get(code) ?? { type, n: 0, d: 0, cohortN: 0, cohortD: 0, files: new Set<string>() };
		s.n += n;
		s.d += d;
		s.cohortN += cohort[0]!;
		s.cohortD += cohort[1]!;
		s.files.add(file);
		sums.set(code, s);
	};
	const areas: Area[] = [];
	const cells: CountCell[] = [];
	const practiceRows: Observation[] = [];
	const noListSize: string[] = [];
	const noWomen: string[] = [];
	let withValue = 0;
	for (const p of [...practices.values()].sort((a, b) => a.gp_code.localeCompare(b.gp_code))) {
		areas.push({ code: p.gp_code, name: p.gp_name, type: 'gp_practice', parent_code: p.sub_icb_code, variant: null });
		if (p.coverage === null) continue;
		withValue++;
		const d = women.get(p.gp_code);
		const release = { release: input.release(p.file), release_file: p.file };
		practiceRows.push(practiceObservation({ gp_code: p.gp_code, coverage: p.coverage }, d || null, period, release));
		if (!d) {
			(d === undefined ? noListSize : noWomen).push(p.gp_code);
			continue;
		}
		const n = (p.coverage / 100) * d;
		const c = cohortWomen.get(p.gp_code) ?? 0;
		const cohort = [(p.coverage / 100) * c, c];
		for (const t of rollUp(input.geo, 'sub_icb', p.sub_icb_code)) add(t.code, t.type, n, d, cohort, p.file);
	}
	const statuses = new Set([...practices.values()].map((p) => input.release(p.file)));
	const aggregateRelease = statuses.has('provisional') ? 'provisional' : statuses.has('revised') ? 'revised' : 'final';
	for (const [code, s] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
		cells.push({
			indicator_id: SCREENING_INDICATOR_ID,
			area_code: code,
			area_type: s.type,
			basis: 'commissioner',
			period_start: period.start,
			period_end: period.end,
			numerator: Math.min(s.d, Math.round(s.n * 100) / 100),
			denominator: s.d,
			release: aggregateRelease,
			release_file: folder(s.files)
		});
	}

	const england = sums.get(ENGLAND_CODE);
	if (!england || england.d === 0)
		throw new EtlError(
			{ file: input.coverage[0]?.file ?? 'metrics/screening' },
			'no practice has both a coverage value and a list size'
		);
	const value = (100 * england.n) / england.d;
	const sensitivity = new Map(
		[...sums].map(([code, s]) => [
			code,
			s.cohortD > 0 ? Math.abs((100 * s.n) / s.d - (100 * s.cohortN) / s.cohortD) : 0
		])
	);
	const englandSensitivity = sensitivity.get(ENGLAND_CODE)!;
	const firstPop = input.population.map((p) => p.file).sort()[0]!;
	if (noListSize.length)
		note(
			firstPop,
			`${noListSize.length} practices with a coverage value have no list-size row, so count in no total: ${noListSize.join(' ')}.`
		);
	if (noWomen.length)
		note(
			firstPop,
			`${noWomen.length} practices with a coverage value have no registered women aged 53 to 70 in the ${LIST_SIZE_MONTH} list, so count in no total: ${noWomen.join(' ')}.`
		);

	const description = [
		base.description,
		estimateCaveat(value, englandSensitivity),
		`Practices: ${practices.size.toLocaleString('en-GB')} after ${duplicatesDropped} duplicates were dropped; ${(withValue - noListSize.length - noWomen.length).toLocaleString('en-GB')} with a value count in the totals.`,
		'A Sub-ICB split between two alliances (Bath and North East Somerset, Swindon and Wiltshire) counts in the alliance where most of its residents live.'
	].join(' ');

	return {
		indicator: { ...base, description },
		areas,
		cells,
		sensitivity,
		practiceRows,
		notes,
		dropped: new Map([...dropped].map(([file, d]) => [file, d.n])),
		stats: {
			rowsRead,
			practices: practices.size,
			duplicatesDropped,
			withValue,
			inTotals: withValue - noListSize.length - noWomen.length,
			noListSize,
			noWomen,
			england: { numerator: england.n, denominator: england.d, value },
			cohort: { value: (100 * england.cohortN) / england.cohortD, sensitivity: englandSensitivity }
		}
	};
}

/**
 * The observations, with intervals and suppression as for every proportion (comparisons come later, in compareAll).
 * Each sum's interval is widened on both sides by the estimate's own error (its cohort gap, at least England's), so
 * compareAll's one rule (England outside the 95% interval) never calls a difference within that error better or worse.
 */
export function screeningObservations(derived: ScreeningDerived): Observation[] {
	const floor = derived.sensitivity.get(ENGLAND_CODE) ?? 0;
	const widened = countObservations(derived.cells).map((o) => {
		const m = Math.max(floor, derived.sensitivity.get(o.area_code) ?? 0);
		const lower = (x: number | null) => (x === null ? null : Math.max(0, x - m));
		const upper = (x: number | null) => (x === null ? null : Math.min(100, x + m));
		return {
			...o,
			lower95: lower(o.lower95),
			upper95: upper(o.upper95),
			lower998: lower(o.lower998),
			upper998: upper(o.upper998)
		};
	});
	return [...widened, ...derived.practiceRows];
}
