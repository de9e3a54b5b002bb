/**
 * CWT lines -> one count per indicator × organisation × month, plus the England totals the file itself publishes.
 *
 * Summing: a line whose breakdown starts with "ALL" (a workbook's PART A "ALL STAGES" / "ALL ROUTES") is already the
 * total over the breakdown, so for an indicator × organisation × month it is used instead of the sum of the
 * other lines (the route / stage parts), never added to it. Without an "ALL" line the parts are summed. England
 * total rows are summed the same way, apart from the organisations, so the ETL can reconcile its own England sum
 * with the file's (scripts/etl/checks/reconcile.ts).
 */
import {
	CWT_INDICATORS,
	isAllBreakdown,
	label,
	ODS_CODE,
	UNKNOWN_COMMISSIONER,
	type CwtCount,
	type CwtIndicatorId,
	type CwtLine,
	type CwtScan,
	type PublishedEnglandTotal,
	type SheetCell
} from './cwt';
import type { ParseResult } from './types';

interface Sum {
	org_name: string | null;
	all: [number, number] | null;
	parts: [number, number];
	hasParts: boolean;
	first: CwtLine;
}

const INDICATOR_ORDER = new Map<string, number>(CWT_INDICATORS.map((id, i) => [id, i]));

function where(line: CwtLine): string {
	return line.sheet !== undefined ? `sheet "${line.sheet}" row ${line.row}` : `row ${line.row}`;
}

function cell(line: CwtLine, column: string): SheetCell {
	return { ...(line.sheet !== undefined ? { sheet: line.sheet } : {}), row: line.row, column };
}

/** The month's cell: a table's title cell, or the extract's PERIOD cell on the line's own row. */
function monthCell(line: CwtLine): SheetCell {
	const m = line.cells.month;
	return m === 'same row' ? cell(line, line.cells.month_column ?? 'PERIOD') : { ...cell(line, m.column), row: m.row };
}

function addLine(sums: Map<string, Sum>, key: string, line: CwtLine): void {
	let sum = sums.get(key);
	if (!sum) {
		sum = { org_name: line.org_name, all: null, parts: [0, 0], hasParts: false, first: line };
		sums.set(key, sum);
	}
	if (sum.org_name === null) sum.org_name = line.org_name;
	if (isAllBreakdown(line.breakdown)) {
		sum.all = sum.all
			? [sum.all[0] + line.numerator, sum.all[1] + line.denominator]
			: [line.numerator, line.denominator];
	} else {
		sum.parts = [sum.parts[0] + line.numerator, sum.parts[1] + line.denominator];
		sum.hasParts = true;
	}
}

const differs = (sum: Sum) =>
	sum.all !== null &&
	sum.hasParts &&
	(Math.abs(sum.all[0] - sum.parts[0]) > 1e-9 || Math.abs(sum.all[1] - sum.parts[1]) > 1e-9);

/** Sum a scan's lines into one count per indicator × organisation × month, and its England rows into totals. */
export function summarise(scan: CwtScan): ParseResult<CwtCount> {
	const sums = new Map<string, Sum>();
	const england = new Map<string, Sum>();
	const rejected = new Map<string, { count: number; denominator: number; first: string }>();
	const seen = new Set<string>();
	let englandLines = 0;
	const reject = (reason: string, line: CwtLine) => {
		const r = rejected.get(reason) ?? { count: 0, denominator: 0, first: where(line) };
		r.count++;
		r.denominator += line.denominator;
		rejected.set(reason, r);
	};

	for (const line of scan.lines) {
		if (line.england_total) {
			englandLines++;
			addLine(england, `${line.indicator_id}|${line.period_start}`, line);
			continue;
		}
		if (line.org_code === '') {
			reject(`no ODS code (organisation "${line.org_name ?? ''}")`, line);
			continue;
		}
		if (!ODS_CODE.test(line.org_code) && !(line.org_code === UNKNOWN_COMMISSIONER && scan.basis === 'commissioner')) {
			reject(`"${line.org_code}" is not an ODS code`, line);
			continue;
		}
		if (line.numerator < 0 || line.denominator < 0) {
			reject('a negative count', line);
			continue;
		}
		if (line.numerator > line.denominator) {
			reject('more within the standard than in total', line);
			continue;
		}
		const key = `${line.indicator_id}|${line.org_code}|${line.period_start}`;
		// The same organisation, month and route / stage twice would be counted twice.
		const lineKey = `${key}|${label(line.breakdown)}`;
		if (seen.has(lineKey)) {
			reject('repeats an earlier row for the same organisation, month and route / stage (not added twice)', line);
			continue;
		}
		seen.add(lineKey);
		addLine(sums, key, line);
	}

	const rows: CwtCount[] = [];
	let mismatches = 0;
	let firstMismatch = '';
	for (const [key, sum] of sums) {
		const [indicator_id, org_code, period_start] = key.split('|') as [CwtIndicatorId, string, string];
		const [numerator, denominator] = sum.all ?? sum.parts;
		if (differs(sum)) {
			mismatches++;
			firstMismatch ||= `${indicator_id} ${org_code} ${period_start}: ${sum.all![0]}/${sum.all![1]} vs ${sum.parts[0]}/${sum.parts[1]}`;
		}
		rows.push({
			indicator_id,
			basis: scan.basis,
			org_code,
			org_name: sum.org_name,
			period_start,
			numerator,
			denominator,
			at: cell(sum.first, sum.first.cells.code),
			month_at: monthCell(sum.first)
		});
	}
	rows.sort(
		(a, b) =>
			INDICATOR_ORDER.get(a.indicator_id)! - INDICATOR_ORDER.get(b.indicator_id)! ||
			(a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : 0) ||
			(a.org_code < b.org_code ? -1 : a.org_code > b.org_code ? 1 : 0)
	);
	const englandTotals: PublishedEnglandTotal[] = [...england].map(([key, sum]) => {
		const [indicator_id, period_start] = key.split('|') as [CwtIndicatorId, string];
		const [numerator, denominator] = sum.all ?? sum.parts;
		return {
			indicator_id,
			basis: scan.basis,
			period_start,
			numerator,
			denominator,
			at: cell(sum.first, sum.first.cells.total),
			within: sum.first.cells.within
		};
	});

	const notes = [...scan.notes];
	if (englandLines > 0) {
		notes.push(
			`${englandLines} England total rows left out as organisations, and used to check the England figures (${englandTotals.length} indicator-months).`
		);
	}
	let rowsRejected = 0;
	for (const [reason, r] of rejected) {
		rowsRejected += r.count;
		notes.push(`${r.count} breast rows (${r.denominator} patients) left out: ${reason}; first at ${r.first}.`);
	}
	if (mismatches > 0) {
		notes.push(
			`${mismatches} totals ("ALL ..." rows) differ from the sum of their route / stage rows; the published totals were used (e.g. ${firstMismatch}).`
		);
	}
	return { rows, rowsRead: scan.rowsRead, rowsRejected, notes, englandTotals };
}
