/**
 * DuckDB-WASM answers in Apache Arrow. Arrow hands back BigInts, day counts, 128-bit decimal words and vectors, which
 * neither a table cell nor a CSV nor JSON can show as they are. These pure functions turn an Arrow result into plain
 * values (number, string, boolean, null) and name each column's type as DuckDB would, so users see what they asked for.
 * They take Arrow's shapes structurally, so they run (and are tested) without the browser.
 */
import type { QueryResult } from './types';

/** Arrow's type ids (apache-arrow `Type`), the ones DuckDB-WASM produces. */
const T = {
	Null: 1,
	Int: 2,
	Float: 3,
	Binary: 4,
	Utf8: 5,
	Bool: 6,
	Decimal: 7,
	Date: 8,
	Time: 9,
	Timestamp: 10,
	Interval: 11,
	List: 12,
	Struct: 13,
	Map: 17,
	LargeUtf8: 20
} as const;

/** The parts of an Arrow DataType these functions read. */
export interface ArrowTypeLike {
	typeId: number;
	bitWidth?: number;
	isSigned?: boolean;
	precision?: number;
	scale?: number;
	timezone?: string | null;
	toString(): string;
}

/** DuckDB's name for an Arrow column type, e.g. BIGINT, DOUBLE, DECIMAL(18,3), DATE; Arrow's own name when there is no match. */
export function columnTypeName(type: ArrowTypeLike): string {
	switch (type.typeId) {
		case T.Int: {
			const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
			const name = names[type.bitWidth ?? 32] ?? `INT${type.bitWidth}`;
			return type.isSigned === false ? `U${name}` : name;
		}
		case T.Float:
			// Arrow's Float precision: 0 half, 1 single, 2 double.
			return type.precision === 1 ? 'FLOAT' : type.precision === 0 ? 'HALF' : 'DOUBLE';
		case T.Utf8:
		case T.LargeUtf8:
			return 'VARCHAR';
		case T.Bool:
			return 'BOOLEAN';
		case T.Decimal:
			return `DECIMAL(${type.precision},${type.scale})`;
		case T.Date:
			return 'DATE';
		case T.Time:
			return 'TIME';
		case T.Timestamp:
			return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
		case T.Interval:
			return 'INTERVAL';
		case T.Binary:
			return 'BLOB';
		case T.Null:
			return 'NULL';
		default:
			return type.toString();
	}
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' for a DATE (Arrow gives milliseconds since 1970 at midnight UTC). */
function isoDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'YYYY-MM-DD HH:MM:SS[.mmm]' as DuckDB prints a TIMESTAMP (UTC). */
function isoTimestamp(ms: number): string {
	const d = new Date(ms);
	const fraction = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
	return `${isoDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}`;
}

/** 'HH:MM:SS[.ffffff]' from microseconds since midnight. */
function timeOfDay(micros: bigint | number): string {
	const us = BigInt(micros);
	const seconds = Number(us / 1_000_000n);
	const fraction = us % 1_000_000n;
	const base = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
	return fraction ? `${base}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}` : base;
}

/** A BigInt as a number when it is exactly representable, else as its decimal digits (never a rounded number). */
function fromBigInt(value: bigint): number | string {
	return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
		? Number(value)
		: value.toString();
}

/**
 * A DECIMAL from Arrow's little-endian 32-bit words (two's complement, 128 bits) and its scale. A number when the
 * unscaled integer is exact in a double (every figure in this product's tables), else the exact digits as a string.
 */
export function decimalValue(words: ArrayLike<number>, scale: number): number | string {
	let unscaled = 0n;
	for (let i = words.length - 1; i >= 0; i--) unscaled = (unscaled << 32n) | BigInt(words[i]! >>> 0);
	const bits = BigInt(words.length * 32);
	if (words.length > 0 && (words[words.length - 1]! & 0x80000000) !== 0) unscaled -= 1n << bits;
	const negative = unscaled < 0n;
	const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
	const text = (negative ? '-' : '') + (scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits);
	const exact = unscaled >= BigInt(Number.MIN_SAFE_INTEGER) && unscaled <= BigInt(Number.MAX_SAFE_INTEGER);
	return exact ? Number(text) : text;
}

/** JSON for nested values (lists, structs, maps), with BigInts as numbers or digit strings. */
function nestedJson(value: unknown): string {
	const plain =
		value && typeof (value as { toJSON?: unknown }).toJSON === 'function'
			? (value as { toJSON(): unknown }).toJSON()
			: value;
	return JSON.stringify(plain, (_key, v: unknown) => {
		if (typeof v === 'bigint') return fromBigInt(v);
		if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON === 'function')
			return (v as { toJSON(): unknown }).toJSON();
		if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
		return v;
	});
}

/** One Arrow cell as a plain value for a table cell, a CSV field or JSON. Null stays null. */
export function plainValue(value: unknown, type: ArrowTypeLike): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	switch (type.typeId) {
		case T.Decimal:
			return decimalValue(value as ArrayLike<number>, type.scale ?? 0);
		case T.Date:
			return isoDate(Number(value));
		case T.Timestamp:
			return isoTimestamp(Number(value));
		case T.Time:
			return timeOfDay(value as bigint | number);
		case T.Binary:
			return Array.from(value as ArrayLike<number>, (b) => '\\x' + b.toString(16).toUpperCase().padStart(2, '0')).join(
				''
			);
		case T.List:
		case T.Struct:
		case T.Map:
			return nestedJson(value);
	}
	if (typeof value === 'bigint') return fromBigInt(value);
	if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
	if (ArrayBuffer.isView(value) && !(value instanceof DataView))
		return JSON.stringify(Array.from(value as unknown as ArrayLike<number>));
	return nestedJson(value);
}

/** The parts of an Arrow Table these functions read. */
export interface ArrowTableLike {
	numRows: number;
	schema: { fields: { name: string; type: ArrowTypeLike }[] };
	getChildAt(index: number): { get(row: number): unknown } | null;
}

/** A whole Arrow result as columns (with DuckDB type names) and rows of plain values. */
export function tableToResult(table: ArrowTableLike): QueryResult {
	const fields = table.schema.fields;
	const vectors = fields.map((_, i) => table.getChildAt(i));
	const rows: unknown[][] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		rows[r] = fields.map((f, i) => plainValue(vectors[i]?.get(r) ?? null, f.type));
	}
	return { columns: fields.map((f) => ({ name: f.name, type: columnTypeName(f.type) })), rows };
}
