/**
 * Source, period and licence for a download of a user's own query: the sources and licences of the tables the query
 * names (from the manifest), the period the result's date columns span, and the SQL itself, so the file says how it
 * was made.
 */
import { NDRS_ATTRIBUTION, OGL_ATTRIBUTION, PARLIAMENT_ATTRIBUTION } from '../data/attribution';
import type { CsvProvenance } from '../download/csv';
import { tablesMentioned } from './statements';
import type { QueryResult } from './types';

export interface TableProvenance {
	name: string;
	source: string;
	licence: string;
}

/** The earliest and latest value of every DATE column, e.g. "2024-10-01 to 2025-09-30"; null when there is none. */
export function dateSpan(result: QueryResult): string | null {
	let first: string | null = null;
	let last: string | null = null;
	result.columns.forEach((column, i) => {
		if (column.type !== 'DATE') return;
		for (const row of result.rows) {
			const v = row[i];
			if (typeof v !== 'string') continue;
			if (first === null || v < first) first = v;
			if (last === null || v > last) last = v;
		}
	});
	if (first === null || last === null) return null;
	return first === last ? first : `${first} to ${last}`;
}

export function queryProvenance(sql: string, result: QueryResult, tables: readonly TableProvenance[]): CsvProvenance {
	const used = tablesMentioned(
		sql,
		tables.map((t) => t.name)
	);
	const named = tables.filter((t) => used.includes(t.name));
	const unique = (xs: string[]) => [...new Set(xs)];
	const oneLine = sql.replace(/\s+/g, ' ').trim();
	const sources = named.length > 0 ? named.map((t) => `${t.name}: ${t.source}`).join('; ') : "this product's tables";
	const span = dateSpan(result);
	const attribution = [OGL_ATTRIBUTION];
	if (used.some((t) => t === 'observations' || t === 'indicators')) attribution.push(NDRS_ATTRIBUTION);
	if (used.includes('mps')) attribution.push(PARLIAMENT_ATTRIBUTION);
	return {
		source: `SQL query on ${sources}. Query: ${oneLine}`,
		period: span
			? `dates in this result run from ${span}`
			: 'the result has no date column: see period_start and period_end in the observations table',
		licence: named.length > 0 ? unique(named.map((t) => t.licence)).join('; ') : 'Open Government Licence v3.0',
		attribution
	};
}
