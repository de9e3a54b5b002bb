/**
 * Server-side DuckDB values (@duckdb/node-api) as the same plain values the browser shows (src/lib/sql/values.ts reads
 * DuckDB-WASM's Arrow): BIGINT as a number when exact, else its digits; DATE as YYYY-MM-DD; DECIMAL as an exact number.
 * So the first rows the server renders are the rows the browser engine would draw, and the table does not change
 * when the browser takes over. Values are read by shape, so this module does not load the native addon.
 */
import type { QueryResult } from '$lib/sql/types';

/** A BigInt as a number when it is exactly representable, else as its decimal digits (never a rounded number). */
function fromBigInt(value: bigint): number | string {
	return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
		? Number(value)
		: value.toString();
}

interface DecimalLike {
	width: number;
	scale: number;
	value: bigint;
}
const isDecimal = (v: object): v is DecimalLike =>
	'scale' in v && 'width' in v && typeof (v as { value?: unknown }).value === 'bigint';

/** One cell as a plain value for a table cell, a CSV field or JSON. */
export function plainServerValue(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return fromBigInt(value);
	if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'object' && isDecimal(value)) {
		const text = value.toString();
		const exact = value.value >= BigInt(Number.MIN_SAFE_INTEGER) && value.value <= BigInt(Number.MAX_SAFE_INTEGER);
		return exact ? Number(text) : text;
	}
	return String(value); // dates, times, lists, structs: DuckDB's own text
}

/**
 * DuckDB's type name as the browser names the same column: DuckDB-WASM hands HUGEINT (e.g. a SUM of integers) to Arrow
 * as DECIMAL(38,0), and the browser names types from Arrow.
 */
export function browserTypeName(duckdbType: string): string {
	if (duckdbType === 'HUGEINT') return 'DECIMAL(38,0)';
	return duckdbType;
}

/** The parts of a node-api result reader read here. */
export interface ReaderLike {
	columnNames(): string[];
	columnTypes(): { toString(): string }[];
	getRows(): unknown[][];
}

/** The first `limit` rows of a result read so far, with whether more were there. */
export function readerToResult(reader: ReaderLike, limit: number): QueryResult & { truncated: boolean } {
	const names = reader.columnNames();
	const types = reader.columnTypes();
	const rows = reader.getRows();
	return {
		columns: names.map((name, i) => ({ name, type: browserTypeName(String(types[i])) })),
		rows: rows.slice(0, limit).map((row) => row.map(plainServerValue)),
		truncated: rows.length > limit
	};
}
