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
		OWN_OBSERVATION_COLUMNS.map(([name]) => (name === 'source' ? sourceOf.get(o.indicator_id) ?? data.file : o[name]))
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
