/**
 * Issue 15 asks whether the browser should load its tables as Arrow IPC rather than CSV. This measures both in
 * DuckDB-WASM's Node build (the same engine as the browser's, one thread): `observations` and `areas` loaded from the
 * committed CSV as the browser loads them (CREATE TABLE without keys, then the ETL's COPY), and from an Arrow IPC
 * stream of the same table (made here by DuckDB-WASM from that CSV), inserted into the same CREATE TABLE. It also
 * gives each file's gzip size (what the browser would download). Median of 5 loads each, into a new database.
 *
 * Run: `npx tsx scripts/bench/explore-arrow.ts` (no build needed).
 */
import type { Table } from 'apache-arrow';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { copyFromCsvSql, TABLE_SQL } from '../../src/lib/data/schema';
import type { TableName } from '../../src/lib/data/contract';
import { withoutPrimaryKeys } from '../../src/lib/sql/statements';
import { openNodeDuckDbWasm } from '../duckdb-wasm/node';

const RUNS = 5;
const TABLES: TableName[] = ['observations', 'areas'];
// The CommonJS build of apache-arrow, the one DuckDB-WASM's Node build requires: its Tables are that build's.
const { tableToIPC } = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function newDb() {
	const db = await openNodeDuckDbWasm();
	return { db, conn: db.connect() };
}

export async function measureArrowVsCsv(): Promise<string[]> {
	const csv = Object.fromEntries(TABLES.map((t) => [t, readFileSync(`static/data/csv/${t}.csv`, 'utf8')]));
	// The Arrow IPC streams, made once from the CSV-loaded tables.
	const maker = await newDb();
	const ipc: Record<string, Uint8Array> = {};
	for (const t of TABLES) {
		maker.db.registerFileText(`${t}.csv`, csv[t]!);
		maker.conn.query(withoutPrimaryKeys(TABLE_SQL[t]));
		maker.conn.query(copyFromCsvSql(t, `${t}.csv`));
		ipc[t] = tableToIPC(maker.conn.query(`SELECT * FROM ${t}`) as unknown as Table, 'stream');
	}
	maker.conn.close();

	const lines: string[] = [];
	for (const t of TABLES) {
		const csvMs: number[] = [];
		const arrowMs: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const a = await newDb();
			let started = performance.now();
			a.db.registerFileText(`${t}.csv`, csv[t]!);
			a.conn.query(withoutPrimaryKeys(TABLE_SQL[t]));
			a.conn.query(copyFromCsvSql(t, `${t}.csv`));
			csvMs.push(performance.now() - started);
			const rows = Number(a.conn.query(`SELECT count(*) AS n FROM ${t}`).toArray()[0]!.n);
			a.conn.close();

			const b = await newDb();
			started = performance.now();
			b.conn.query(withoutPrimaryKeys(TABLE_SQL[t])); // the same table, types and checks as the CSV load
			b.conn.insertArrowFromIPCStream(ipc[t]!, { name: t, create: false });
			arrowMs.push(performance.now() - started);
			const same = Number(b.conn.query(`SELECT count(*) AS n FROM ${t}`).toArray()[0]!.n);
			if (same !== rows) throw new Error(`${t}: ${same} rows from Arrow, ${rows} from CSV`);
			b.conn.close();
		}
		const kb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
		lines.push(
			`${t}: CSV ${median(csvMs).toFixed(0)} ms (${kb(csv[t]!.length)}, ${kb(gzipSync(csv[t]!).length)} gzip); ` +
				`Arrow IPC ${median(arrowMs).toFixed(0)} ms (${kb(ipc[t]!.length)}, ${kb(gzipSync(ipc[t]!).length)} gzip)`
		);
	}
	lines.push(`${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
	return lines;
}

if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) {
	console.log(
		'Table load in DuckDB-WASM (Node build, one thread), median of 5: CSV as the browser loads it vs Arrow IPC'
	);
	for (const line of await measureArrowVsCsv()) console.log(line);
}
