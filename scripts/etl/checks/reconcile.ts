/**
 * England against the files' own England rows. A CWT workbook or FDS CSV publishes "ALL ENGLISH ..." rows; the
 * organisation rows the ETL keeps must add up to them (to within half a patient: 62-day counts can be halves). A
 * difference means a row was lost, added or changed, so the run stops at the England row's cell. The England
 * observations the ETL derives are checked against the same rows once more, after one release per month was chosen.
 */
import type { Observation } from '../../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { formatMonth, type CwtCount, type PublishedEnglandTotal } from '../sources/cwt';
import { EtlError } from '../errors';
import type { MonthOrigin } from '../release/select';
import { originKey } from '../release/select';

/** Half a patient: CWT 62-day counts are whole or halves, so anything more is a real difference. */
export const RECONCILE_TOLERANCE = 0.5;

export interface FileTotals {
	file: string;
	counts: readonly CwtCount[];
	totals: readonly PublishedEnglandTotal[];
}

const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

function refuse(
	file: string,
	t: PublishedEnglandTotal,
	sum: { numerator: number; denominator: number },
	what: string
): never {
	const totalDiffers = Math.abs(sum.denominator - t.denominator) > RECONCILE_TOLERANCE;
	throw new EtlError(
		{ file, ...t.at, column: totalDiffers ? t.at.column : t.within },
		`England's published row for ${t.indicator_id} (${t.basis} basis), ${formatMonth(t.period_start)}, is ${fmt(t.numerator)} of ${fmt(t.denominator)}, ` +
			`but ${what} ${fmt(sum.numerator)} of ${fmt(sum.denominator)}: an organisation row is missing, extra or changed`
	);
}

const agrees = (t: PublishedEnglandTotal, sum: { numerator: number; denominator: number }) =>
	Math.abs(sum.denominator - t.denominator) <= RECONCILE_TOLERANCE &&
	Math.abs(sum.numerator - t.numerator) <= RECONCILE_TOLERANCE;

/** Each file's organisation rows against its own England rows. Returns a provenance note per file. */
export function reconcileFiles(files: readonly FileTotals[]): Map<string, string> {
	const notes = new Map<string, string>();
	for (const f of files) {
		if (f.totals.length === 0) {
			notes.set(f.file, 'The file publishes no England rows, so its England figures cannot be checked against it.');
			continue;
		}
		const sums = new Map<string, { numerator: number; denominator: number }>();
		for (const c of f.counts) {
			const key = `${c.indicator_id}|${c.period_start}`;
			const s = sums.get(key) ?? { numerator: 0, denominator: 0 };
			s.numerator += c.numerator;
			s.denominator += c.denominator;
			sums.set(key, s);
		}
		for (const t of f.totals) {
			const sum = sums.get(`${t.indicator_id}|${t.period_start}`) ?? { numerator: 0, denominator: 0 };
			if (!agrees(t, sum)) refuse(f.file, t, sum, 'its organisation rows add up to');
		}
		const published = new Set(f.totals.map((t) => `${t.indicator_id}|${t.period_start}`));
		const unpublished = [...sums.keys()].filter((k) => !published.has(k));
		if (unpublished.length > 0) {
			const [indicator, period] = unpublished[0]!.split('|');
			const first = f.counts.find((c) => c.indicator_id === indicator && c.period_start === period)!;
			throw new EtlError(
				{ file: f.file, ...first.at },
				`the file has England rows for other measures but none for ${indicator}, ${formatMonth(period!)}; is a sheet cut short?`
			);
		}
		notes.set(f.file, `England figures agree with the file's own England rows (${f.totals.length} indicator-months).`);
	}
	return notes;
}

/** The derived England observations against the England rows of the file each month was taken from. */
export function reconcileEngland(
	observations: readonly Observation[],
	origins: ReadonlyMap<string, MonthOrigin>,
	files: readonly FileTotals[]
): void {
	const totals = new Map<string, PublishedEnglandTotal>();
	for (const f of files)
		for (const t of f.totals) totals.set(`${f.file}|${originKey(t.indicator_id, t.basis, t.period_start)}`, t);
	for (const o of observations) {
		if (o.area_code !== ENGLAND_CODE) continue;
		const origin = origins.get(originKey(o.indicator_id, o.basis, o.period_start));
		if (!origin) continue;
		const t = totals.get(`${origin.file}|${originKey(o.indicator_id, o.basis, o.period_start)}`);
		if (!t) continue;
		const sum = { numerator: o.numerator ?? 0, denominator: o.denominator ?? 0 };
		if (!agrees(t, sum)) refuse(origin.file, t, sum, "the ETL's England figure is");
	}
}
