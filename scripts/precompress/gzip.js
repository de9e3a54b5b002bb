/**
 * Gzip (no brotli) of the built static files, for adapter-node's `precompress`: sirv then serves `x.gz` with the
 * original file's content type (application/wasm for DuckDB-WASM's engine, so browsers still compile it as it streams).
 * Brotli of the 34 MB engine took minutes a build; gzip of it takes seconds and gets 34 MB down to 7.7 MB.
 * The MVP engine (39 MB) is for browsers without WebAssembly exceptions, which every current browser has: it is left
 * as it is rather than spend another 6 s of every build on it.
 */
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, constants } from 'node:zlib';

const EXTENSIONS = new Set([
	'.html',
	'.js',
	'.mjs',
	'.json',
	'.css',
	'.svg',
	'.xml',
	'.wasm',
	'.txt',
	'.csv',
	'.arrow'
]);
const SKIP = /^duckdb-mvp\..*\.wasm$/;
/** Under this, gzip's header costs more than it saves. */
const MIN_BYTES = 1024;

function* files(dir) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) yield* files(full);
		else if (EXTENSIONS.has(path.extname(entry.name)) && !SKIP.test(entry.name) && statSync(full).size >= MIN_BYTES)
			yield full;
	}
}

/** Writes `file.gz` beside every compressible file under `directory`. */
export async function gzipDirectory(directory) {
	if (!existsSync(directory)) return;
	await Promise.all(
		[...files(directory)].map((file) =>
			pipeline(
				createReadStream(file),
				createGzip({ level: constants.Z_BEST_COMPRESSION }),
				createWriteStream(`${file}.gz`)
			)
		)
	);
}

/** adapter-node with `precompress: true`, its compression step replaced by gzipDirectory. */
export function gzipOnly(adapter) {
	// The builder is a plain object of closures, so a copy with another `compress` behaves as the original.
	return { ...adapter, adapt: (builder) => adapter.adapt({ ...builder, compress: gzipDirectory }) };
}
