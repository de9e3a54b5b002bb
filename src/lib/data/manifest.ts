/**
 * One way to read the data contract: an exported CSV becomes typed rows by the column types its release's manifest
 * states (manifest.json, written by the ETL from schema.ts), never by hand-listed numeric columns. The server reads
 * the committed exports with it; DuckDB-WASM creates the same tables from schema.ts, and a unit test holds the two to
 * the manifest. Pure and browser-safe.
 */
import Papa from 'papaparse';
import type { Area, AreaLookup, Indicator, Mp, Observation, Provenance, TableName } from './contract';
import type { Manifest, ManifestTable } from './package';

/** The row type of each exported table. */
export interface TableRow {
	areas: Area;
	area_lookups: AreaLookup;
	indicators: Indicator;
	observations: Observation;
	provenance: Provenance;
	mps: Mp;
}

const NUMERIC = new Set(['DOUBLE', 'INTEGER', 'BIGINT']);

/** The manifest's entry for a table; a release without it is not one this app can read. */
export function manifestTable(manifest: Pick<Manifest, 'tables'>, name: TableName): ManifestTable {
	const table = manifest.tables.find((t) => t.name === name);
	if (!table) throw new Error(`The release's manifest has no table "${name}".`);
	return table;
}

/** A CSV cell as its manifest type says: '' is null (the ETL's NULLSTR), numbers and booleans as such, else text. */
function cell(table: string, column: string, type: string, text: string): unknown {
	if (text === '') return null;
	if (NUMERIC.has(type)) return Number(text);
	if (type === 'BOOLEAN') {
		if (text !== 'true' && text !== 'false') throw new Error(`${table}.${column}: "${text}" is not true or false.`);
		return text === 'true';
	}
	return text; // VARCHAR, and DATE kept as its ISO text (the contract's row types say string)
}

/** An exported table's CSV text as typed rows. Throws when its header is not the manifest's columns, in order. */
export function readExport<T extends TableName>(
	manifest: Pick<Manifest, 'tables'>,
	name: T,
	csvText: string
): TableRow[T][] {
	const { columns } = manifestTable(manifest, name);
	const parsed = Papa.parse<string[]>(csvText.trim(), { header: false });
	const [header = [], ...records] = parsed.data;
	const expected = columns.map((c) => c.name);
	if (header.join(',') !== expected.join(','))
		throw new Error(`${name}.csv has columns ${header.join(', ')}; the manifest states ${expected.join(', ')}.`);
	return records.map((record) => {
		const row: Record<string, unknown> = {};
		columns.forEach((c, i) => (row[c.name] = cell(name, c.name, c.type, record[i] ?? '')));
		return row as unknown as TableRow[T];
	});
}
