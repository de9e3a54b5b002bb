/**
 * SQL for the contract's tables. The ETL creates its DuckDB database with it, and DuckDB-WASM in the browser can
 * create the same tables before loading the exported CSVs, so users' SQL works the same in both places.
 */
import { AREA_TYPES, BASES, COMPARISONS, RELEASE_STATUSES, type TableName } from './contract';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export const TABLE_SQL: Record<TableName, string> = {
	areas: `CREATE TABLE areas (
	code VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	type VARCHAR NOT NULL CHECK (type IN (${list(AREA_TYPES)})),
	parent_code VARCHAR,
	variant VARCHAR CHECK (variant IN ('20', '21'))
)`,
	area_lookups: `CREATE TABLE area_lookups (
	child_code VARCHAR NOT NULL,
	parent_code VARCHAR NOT NULL,
	relation VARCHAR NOT NULL,
	variant VARCHAR CHECK (variant IN ('20', '21')),
	share DOUBLE,
	source VARCHAR NOT NULL,
	note VARCHAR
)`,
	indicators: `CREATE TABLE indicators (
	id VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	description VARCHAR NOT NULL,
	unit VARCHAR NOT NULL,
	polarity VARCHAR NOT NULL CHECK (polarity IN ('higher', 'lower', 'none')),
	standard DOUBLE,
	achievable DOUBLE,
	source VARCHAR NOT NULL,
	publisher VARCHAR NOT NULL,
	licence VARCHAR NOT NULL,
	url VARCHAR NOT NULL
)`,
	observations: `CREATE TABLE observations (
	indicator_id VARCHAR NOT NULL,
	area_code VARCHAR NOT NULL,
	basis VARCHAR NOT NULL CHECK (basis IN (${list(BASES)})),
	period_start DATE NOT NULL,
	period_end DATE NOT NULL,
	numerator DOUBLE,
	denominator DOUBLE,
	value DOUBLE,
	lower95 DOUBLE,
	upper95 DOUBLE,
	lower998 DOUBLE,
	upper998 DOUBLE,
	comparison VARCHAR NOT NULL CHECK (comparison IN (${list(COMPARISONS)})),
	suppressed BOOLEAN NOT NULL,
	release VARCHAR NOT NULL CHECK (release IN (${list(RELEASE_STATUSES)})),
	release_file VARCHAR NOT NULL,
	PRIMARY KEY (indicator_id, area_code, basis, period_start)
)`,
	provenance: `CREATE TABLE provenance (
	file VARCHAR PRIMARY KEY,
	sha256 VARCHAR NOT NULL,
	rows_read BIGINT NOT NULL,
	rows_kept BIGINT NOT NULL,
	rows_rejected BIGINT NOT NULL,
	notes VARCHAR NOT NULL
)`,
	mps: `CREATE TABLE mps (
	constituency_code VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	party VARCHAR NOT NULL,
	email VARCHAR,
	member_id INTEGER NOT NULL,
	profile_url VARCHAR NOT NULL,
	as_of DATE NOT NULL
)`
};

/** Fill a table created from TABLE_SQL from its exported CSV (header row, empty cell = null). DuckDB and DuckDB-WASM alike. */
export function copyFromCsvSql(table: TableName, file: string): string {
	return `COPY ${table} FROM '${file.replaceAll("'", "''")}' (HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`;
}

/** Checks run on the finished database; each query returns offending rows, and any row fails the build. */
export const INTEGRITY_CHECKS: { name: string; sql: string }[] = [
	{
		name: 'every observation names a known area',
		sql: `SELECT DISTINCT o.area_code AS problem FROM observations o LEFT JOIN areas a ON a.code = o.area_code WHERE a.code IS NULL LIMIT 5`
	},
	{
		name: 'every observation names a known indicator',
		sql: `SELECT DISTINCT o.indicator_id AS problem FROM observations o LEFT JOIN indicators i ON i.id = o.indicator_id WHERE i.id IS NULL LIMIT 5`
	},
	{
		name: 'every area parent is a known area',
		sql: `SELECT a.code || ' -> ' || a.parent_code AS problem FROM areas a LEFT JOIN areas p ON p.code = a.parent_code WHERE a.parent_code IS NOT NULL AND p.code IS NULL LIMIT 5`
	},
	{
		name: 'proportions lie between 0 and 100 with numerator <= denominator',
		sql: `SELECT o.indicator_id || ' ' || o.area_code || ' ' || o.period_start AS problem FROM observations o JOIN indicators i ON i.id = o.indicator_id
		WHERE i.unit = '%' AND (o.value < 0 OR o.value > 100 OR o.numerator > o.denominator) LIMIT 5`
	},
	{
		name: 'intervals contain their value',
		sql: `SELECT o.indicator_id || ' ' || o.area_code || ' ' || o.period_start AS problem FROM observations o
		WHERE o.value IS NOT NULL AND o.lower95 IS NOT NULL AND (o.lower95 > o.value + 1e-9 OR o.upper95 < o.value - 1e-9) LIMIT 5`
	},
	{
		name: 'suppressed rows show no counts or values',
		sql: `SELECT o.indicator_id || ' ' || o.area_code AS problem FROM observations o WHERE o.suppressed AND (o.value IS NOT NULL OR o.numerator IS NOT NULL) LIMIT 5`
	}
];
