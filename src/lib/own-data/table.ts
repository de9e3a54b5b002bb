/**
 * An analyst's observations as a DuckDB-WASM table, `own_observations`, beside the published tables: CSV text plus
 * the CREATE TABLE statement, for `loadCsv(table, createSql, csvText)`. Columns are those the compare charts plot,
 * plus `source` (the file and its layout) so a SQL result never loses where a figure came from.
 */
import Papa from 'papaparse';
import type { OwnData, OwnObservation } from './observations';

export const OWN_OBSERVATIONS_TABLE = 'own_observations';

export const OWN_OBSERVATION_COLUMNS = [
	['indicator_id', 'VARCHAR NOT NULL'],
	['indicator_name', 'VARCHAR NOT NULL'],
	['area_code', 'VARCHAR NOT NULL'],
	['area_name', 'VARCHAR'],
	['period_start', 'DATE NOT NULL'],
	['period_end', 'DATE NOT NULL'],
	['numerator', 'DOUBLE'],
	['denominator', 'DOUBLE'],
	['value', 'DOUBLE'],
	['lower95', 'DOUBLE'],
	['upper95', 'DOUBLE'],
	['unit', 'VARCHAR NOT NULL'],
	['source', 'VARCHAR NOT NULL']
] as const satisfies readonly (readonly [keyof OwnObservation | 'source', string])[];

export const OWN_OBSERVATIONS_CREATE_SQL =
	`CREATE OR REPLACE TABLE ${OWN_OBSERVATIONS_TABLE} (\n` +
	OWN_OBSERVATION_COLUMNS.map(([name, type]) => `\t${name} ${type}`).join(',\n') +
	`,\n\tPRIMARY KEY (indicator_id, area_code, period_start, period_end)\n)`;

/**
 * The table as CSV (header row, LF line ends, RFC 4180 quoting; null -> empty field, which DuckDB reads as NULL;
 * numbers at full precision). No spreadsheet formula escaping: this text goes to DuckDB, not to a spreadsheet.
 */
export function ownObservationsCsv(data: OwnData): string {
	const sourceOf = new Map(data.indicators.map((i) => [i.id, `${i.source}; ${i.licence}`]));
	const rows = data.observations.map((o) =>
		OWN_OBSERVATION_COLUMNS.map(([name]) => (name === 'source' ? (sourceOf.get(o.indicator_id) ?? data.file) : o[name]))
	);
	return Papa.unparse(
		{ fields: OWN_OBSERVATION_COLUMNS.map(([name]) => name), data: rows },
		{ newline: '\n', header: true, quotes: false, escapeFormulae: false }
	);
}

/** Everything loadCsv needs. */
export function ownObservationsTable(data: OwnData): { table: string; createSql: string; csv: string } {
	return { table: OWN_OBSERVATIONS_TABLE, createSql: OWN_OBSERVATIONS_CREATE_SQL, csv: ownObservationsCsv(data) };
}

/** Reads the table back as the charts' rows (dates as ISO text), in a stable order. */
export const OWN_OBSERVATIONS_SELECT_SQL =
	`SELECT indicator_id, indicator_name, area_code, area_name, CAST(period_start AS VARCHAR) AS period_start, ` +
	`CAST(period_end AS VARCHAR) AS period_end, numerator, denominator, value, lower95, upper95, unit ` +
	`FROM ${OWN_OBSERVATIONS_TABLE} ORDER BY indicator_id, period_start, area_code`;

/** The rows of OWN_OBSERVATIONS_SELECT_SQL's answer (columns by name, values as DuckDB-WASM gives them) as observations. */
export function ownObservationsFromResult(result: {
	columns: { name: string }[];
	rows: unknown[][];
}): OwnObservation[] {
	const at = (name: string) => result.columns.findIndex((c) => c.name === name);
	const index = Object.fromEntries(OWN_OBSERVATION_COLUMNS.map(([name]) => [name, at(name)])) as Record<
		(typeof OWN_OBSERVATION_COLUMNS)[number][0],
		number
	>;
	const text = (r: unknown[], name: keyof typeof index) => String(r[index[name]]);
	const num = (r: unknown[], name: keyof typeof index) => {
		const v = r[index[name]];
		return v === null || v === undefined ? null : Number(v);
	};
	return result.rows.map((r) => ({
		indicator_id: text(r, 'indicator_id'),
		indicator_name: text(r, 'indicator_name'),
		area_code: text(r, 'area_code'),
		area_name: r[index.area_name] === null ? null : text(r, 'area_name'),
		period_start: text(r, 'period_start'),
		period_end: text(r, 'period_end'),
		numerator: num(r, 'numerator'),
		denominator: num(r, 'denominator'),
		value: num(r, 'value'),
		lower95: num(r, 'lower95'),
		upper95: num(r, 'upper95'),
		unit: text(r, 'unit') as OwnObservation['unit']
	}));
}
