/**
 * DuckDB-WASM's blocking Node build, the browser's own engine run in Node: used where the project must see what the
 * browser sees (the Arrow IPC tables the build writes, the SQL tests, the Arrow-vs-CSV bench). One set-up for all.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { createRequire } from 'node:module';
import path from 'node:path';

const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export type NodeDuckDb = Awaited<ReturnType<typeof duckdb.createDuckDB>>;

/** A new, instantiated engine with no tables. */
export async function openNodeDuckDbWasm(): Promise<NodeDuckDb> {
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: path.join(dist, 'duckdb-mvp.wasm'),
				mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs')
			},
			eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	return db;
}
