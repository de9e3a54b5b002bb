/**
 * The engine's files every current browser takes (the WebAssembly-exceptions build), for prefetching: the same hashed
 * assets src/lib/sql/index.ts loads, so the HTTP cache serves them to it.
 */
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export const ENGINE_FILES = [ehModule, ehWorker];
