/**
 * DuckDB-WASM in the browser, with the data contract's tables loaded from the committed exports.
 *
 * Browser-only and heavy (a 34 MB WebAssembly engine): import it only with a dynamic `import('$lib/sql')` from a page
 * where a user asks for SQL or their own data, never statically, so no other page loads any of it. Types can be
 * imported statically with `import type`. Everything comes from this app's own origin (Vite `?url` assets): no CDN.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { base } from '$app/paths';
import { ARROW_TABLES } from 'virtual:arrow-tables';
import { copyFromCsvSql, TABLE_SQL } from '../data/schema';
import type { TableName } from '../data/contract';
import { duckdbMessage } from './errors';
import { replaceTableFromCsvSql, tablesToWaitFor, withoutPrimaryKeys } from './statements';
import { tableToResult, type ArrowTableLike } from './values';
import type { BrowserDb, QueryResult } from './types';

export type { BrowserDb, QueryResult } from './types';

/** The order tables load in when no query is waiting: the ones most queries use first. */
const LOAD_ORDER: TableName[] = ['observations', 'areas', 'indicators', 'area_lookups', 'mps', 'provenance'];

let opening: Promise<BrowserDb> | null = null;
let lastMessage = '';
const listeners = new Set<(message: string) => void>();

function report(message: string): void {
	lastMessage = message;
	for (const listener of listeners) listener(message);
}

/**
 * A table's data: its Arrow IPC file from the build (inserted about five times faster than its CSV is parsed), or
 * the CSV export where there is none (in dev).
 */
async function fetchTable(table: TableName): Promise<Uint8Array | string> {
	const arrow = (ARROW_TABLES as Partial<Record<TableName, string>>)[table];
	const url = arrow ?? `${base}/data/csv/${table}.csv`;
	const response = await fetch(url);
	if (!response.ok)
		throw new Error(`Could not load ${url}: the server answered ${response.status} ${response.statusText}.`);
	return arrow ? new Uint8Array(await response.arrayBuffer()) : response.text();
}

/** An Error carrying DuckDB's own message (its repeated pointer block kept once). */
function duckdbError(error: unknown): Error {
	return new Error(duckdbMessage(error));
}

/** Performance marks (visible in the browser's profiler, read by `npm run bench`): where the first answer's time goes. */
const mark = (name: string) => performance.mark(`sql:${name}`);

async function open(): Promise<BrowserDb> {
	mark('open');
	report('Loading the database engine…');
	// Every download starts now: the CSVs arrive while the engine downloads and compiles.
	const texts = new Map(LOAD_ORDER.map((t) => [t, fetchTable(t)] as const));
	for (const text of texts.values()) text.catch(() => {}); // awaited below; no unhandled rejection meanwhile

	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: mvpModule, mainWorker: mvpWorker },
		eh: { mainModule: ehModule, mainWorker: ehWorker }
	});
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	mark('worker-started');
	let downloaded = false;
	await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
		if (downloaded || p.bytesTotal <= 0) return;
		const mb = (bytes: number) => Math.round(bytes / 1e6);
		report(`Loading the database engine… ${mb(p.bytesLoaded)} of ${mb(p.bytesTotal)} MB`);
		if (p.bytesLoaded >= p.bytesTotal) {
			downloaded = true;
			mark('engine-downloaded');
			report('Starting the database engine…');
		}
	});
	mark('instantiated');
	const conn = await db.connect();
	mark('engine-ready');
	// Extensions would be fetched from extensions.duckdb.org: keep every request on this origin.
	await conn.query('SET autoinstall_known_extensions = false; SET autoload_known_extensions = false');

	// One connection, one operation at a time: a CSV load's transaction never interleaves with another query.
	let queue: Promise<unknown> = Promise.resolve();
	const serial = <T>(work: () => Promise<T>): Promise<T> => {
		const next = queue.then(work, work);
		queue = next.catch(() => {});
		return next;
	};

	// The tables load one by one in the background, those a waiting query names first: a shared link's query is
	// answered as soon as its own tables are in, not after all six.
	const ready = new Map(
		LOAD_ORDER.map((table) => {
			let settle!: { resolve: () => void; reject: (e: Error) => void };
			const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
			promise.catch(() => {}); // awaited by queries; no unhandled rejection meanwhile
			return [table, { promise, ...settle }] as const;
		})
	);
	const wanted: TableName[] = [];
	const loadTable = (table: TableName) =>
		serial(async () => {
			const data = await texts.get(table)!;
			await conn.query(withoutPrimaryKeys(TABLE_SQL[table]));
			if (typeof data !== 'string') {
				await conn.insertArrowFromIPCStream(data, { name: table, create: false });
				return;
			}
			const file = `${table}.csv`;
			await db.registerFileText(file, data);
			try {
				await conn.query(copyFromCsvSql(table, file));
			} finally {
				await db.dropFile(file);
			}
		});
	void (async () => {
		await new Promise((resolve) => setTimeout(resolve, 0)); // let the first queries say what they need
		const left = new Set(LOAD_ORDER);
		report(`Loading the database… 0 of ${LOAD_ORDER.length} tables`);
		while (left.size > 0) {
			const table = wanted.find((t) => left.has(t)) ?? LOAD_ORDER.find((t) => left.has(t))!;
			left.delete(table);
			try {
				await loadTable(table);
				mark(`table-${table}`);
				ready.get(table)!.resolve();
				report(
					left.size > 0
						? `Loading the database… ${LOAD_ORDER.length - left.size} of ${LOAD_ORDER.length} tables`
						: `Ready: ${LOAD_ORDER.length} tables loaded`
				);
			} catch (error) {
				ready.get(table)!.reject(new Error(`The ${table} table could not be loaded. ${duckdbMessage(error)}`));
			}
		}
	})();
	/** Resolves when every table `sql` might use is loaded (all of them when it names none, e.g. SHOW TABLES). */
	const tablesFor = (sql: string) => {
		const tables = tablesToWaitFor(sql, LOAD_ORDER);
		wanted.push(...tables);
		return Promise.all(tables.map((t) => ready.get(t)!.promise));
	};
	let uploads = 0;

	const browserDb: BrowserDb = {
		query: async (sql: string): Promise<QueryResult> => {
			await tablesFor(sql);
			return serial(async () => {
				try {
					mark('query-start');
					const table = await conn.query(sql);
					mark('query-done');
					return tableToResult(table as unknown as ArrowTableLike);
				} catch (error) {
					throw duckdbError(error);
				}
			});
		},
		loadCsv: (table: string, createSql: string, csvText: string): Promise<void> =>
			serial(async () => {
				const file = `upload-${++uploads}.csv`;
				const statements = replaceTableFromCsvSql(table, createSql, file);
				await db.registerFileText(file, csvText);
				try {
					for (const statement of statements) await conn.query(statement);
				} catch (error) {
					await conn.query('ROLLBACK').catch(() => {});
					throw duckdbError(error);
				} finally {
					await db.dropFile(file).catch(() => {});
				}
			})
	};
	return browserDb;
}

/**
 * One database per page, shared by every caller; the contract's tables are loaded on first call. It resolves when the
 * engine is ready; the tables then load in the background, and each query waits for the tables it names.
 */
export function openDatabase(onProgress?: (message: string) => void): Promise<BrowserDb> {
	if (onProgress) {
		listeners.add(onProgress);
		if (lastMessage) onProgress(lastMessage);
	}
	opening ??= open().catch((error: unknown) => {
		opening = null; // a later call may try again (e.g. after a network failure)
		lastMessage = '';
		throw duckdbError(error);
	});
	return opening;
}
