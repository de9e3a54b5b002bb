/**
 * One release per figure: for each indicator, basis and month, the counts of one file only, the one with the
 * strongest status (revised > final > provisional). A final workbook therefore replaces a provisional extract for
 * the months both cover, England is always one file's own total, and two files of equal standing for the same month
 * are refused, because which is right cannot be told.
 */
import { RELEASE_PRECEDENCE, type ReleaseStatus } from '../../../src/lib/data/release';
import { formatMonth, type CwtCount, type SheetCell } from '../sources/cwt';
import { EtlError } from '../errors';

export interface ReleasedCount extends CwtCount {
	file: string;
	release: ReleaseStatus;
}

/** Where the figures of one indicator, basis and month come from. */
export interface MonthOrigin {
	file: string;
	release: ReleaseStatus;
	/** The cell the month was read from in that file. */
	month_at: SheetCell;
	/** Files of a weaker status that also held this month, replaced by `file`. */
	replaced: string[];
}

export interface Selection {
	counts: ReleasedCount[];
	/** indicator|basis|period -> where that month's figures come from. */
	origins: Map<string, MonthOrigin>;
	/** Rows left out of each file because a stronger release replaced them, with a note saying so. */
	replacedRows: Map<string, number>;
	notes: Map<string, string[]>;
}

export const originKey = (indicator: string, basis: string, period: string) => `${indicator}|${basis}|${period}`;

export function selectReleases(all: ReleasedCount[]): Selection {
	const groups = new Map<string, Map<string, ReleasedCount[]>>();
	const statusOf = new Map<string, ReleaseStatus>();
	for (const c of all) {
		statusOf.set(c.file, c.release);
		const key = originKey(c.indicator_id, c.basis, c.period_start);
		let files = groups.get(key);
		if (!files) groups.set(key, (files = new Map()));
		let list = files.get(c.file);
		if (!list) files.set(c.file, (list = []));
		list.push(c);
	}

	const counts: ReleasedCount[] = [];
	const origins = new Map<string, MonthOrigin>();
	const replacedRows = new Map<string, number>();
	// file -> replacing file -> months (for one note per pair)
	const replacedMonths = new Map<string, Map<string, Set<string>>>();
	for (const [key, files] of groups) {
		const ranked = [...files.entries()].sort(
			([a, ca], [b, cb]) =>
				RELEASE_PRECEDENCE[cb[0]!.release] - RELEASE_PRECEDENCE[ca[0]!.release] || a.localeCompare(b)
		);
		const [bestFile, best] = ranked[0]!;
		const status = best[0]!.release;
		const tie = ranked.find(([, c], i) => i > 0 && c[0]!.release === status);
		if (tie) {
			const [indicator, basis, period] = key.split('|');
			throw new EtlError(
				{ file: tie[0], ...tie[1][0]!.month_at },
				`${indicator} (${basis} basis) for ${formatMonth(period!)} is also in ${bestFile}, and both are ${status} releases; remove the one that should not be used`
			);
		}
		counts.push(...best);
		const replaced = ranked.slice(1).map(([file]) => file);
		origins.set(key, { file: bestFile, release: status, month_at: best[0]!.month_at, replaced });
		for (const [file, list] of ranked.slice(1)) {
			replacedRows.set(file, (replacedRows.get(file) ?? 0) + list.length);
			let by = replacedMonths.get(file);
			if (!by) replacedMonths.set(file, (by = new Map()));
			let months = by.get(bestFile);
			if (!months) by.set(bestFile, (months = new Set()));
			months.add(list[0]!.period_start);
		}
	}

	const notes = new Map<string, string[]>();
	for (const [file, by] of replacedMonths) {
		for (const [winner, months] of by) {
			const sorted = [...months].sort();
			const range =
				sorted.length === 1
					? formatMonth(sorted[0]!)
					: `${formatMonth(sorted[0]!)} to ${formatMonth(sorted[sorted.length - 1]!)}`;
			const list = notes.get(file) ?? [];
			list.push(`Replaced by the ${statusOf.get(winner)} release ${winner} for ${range}; those rows are not used.`);
			notes.set(file, list);
		}
	}
	return { counts, origins, replacedRows, notes };
}
