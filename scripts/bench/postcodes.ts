/**
 * Postcode lookup latency at the server, for `npm run bench`: 10,000 real postcodes sampled from OS Code-Point Open
 * (the raw files, ETL_INPUT_DIR or ../shared/data/raw; a fixed seed, so runs compare), each answered by
 * answerPostcode from src/lib/server/postcode-index.ts: the server's own shard loader (import.meta.glob of
 * static/data/postcode-index, lazy), the lookup and the JSON answer with MPs, as GET /api/postcode does, minus HTTP.
 *
 * The module is loaded through Vite (the project's vite.config.ts, SSR), since import.meta.glob needs Vite. The
 * reported p50/p95 are from the COLD pass: a fresh module, so each postcode area's shard is loaded on its first use
 * (120 loads amortised over 10,000 lookups). In dev, a first load includes Vite's on-demand transform of the JSON, so
 * this is an upper bound for the built server, whose shards are prebuilt chunks. The warm pass is printed too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INDEX_DIR = path.join(ROOT, 'static/data/postcode-index');
const SAMPLE = 10_000;

type ServerIndex = typeof import('../../src/lib/server/postcode-index');

export interface IndexSize {
	files: number;
	bytes: number;
	gzipBytes: number;
	/** The largest file (what the home page's box fetches at most), raw and gzip. */
	largest: { file: string; bytes: number; gzipBytes: number };
}

/** The committed index's size: files, total bytes, and gzip as a server or CDN would send each file. */
export function postcodeIndexSize(): IndexSize {
	const out: IndexSize = { files: 0, bytes: 0, gzipBytes: 0, largest: { file: '', bytes: 0, gzipBytes: 0 } };
	for (const f of readdirSync(INDEX_DIR).filter((x) => x.endsWith('.json'))) {
		const content = readFileSync(path.join(INDEX_DIR, f));
		const gz = gzipSync(content).length;
		out.files++;
		out.bytes += content.length;
		out.gzipBytes += gz;
		if (content.length > out.largest.bytes) out.largest = { file: f, bytes: content.length, gzipBytes: gz };
	}
	return out;
}

export async function benchPostcodeLookups(): Promise<{ p50: number; p95: number; size: IndexSize; n: number }> {
	const raw = process.env.ETL_INPUT_DIR ?? path.resolve(ROOT, '../shared/data/raw');
	const sample = samplePostcodes(path.join(raw, 'postcodes/codepo/csv'), SAMPLE);
	const size = postcodeIndexSize();

	const vite = await createServer({
		root: ROOT,
		configFile: path.join(ROOT, 'vite.config.ts'),
		logLevel: 'error',
		appType: 'custom',
		server: { middlewareMode: true, hmr: false, watch: null }
	});
	try {
		const index = (await vite.ssrLoadModule('/src/lib/server/postcode-index.ts')) as ServerIndex;
		const pass = async () => {
			const ms: number[] = [];
			const statuses: Record<number, number> = {};
			for (const pc of sample) {
				const t = performance.now();
				const r = await index.answerPostcode(pc);
				ms.push(performance.now() - t);
				statuses[r.status] = (statuses[r.status] ?? 0) + 1;
			}
			return { ms, statuses };
		};
		const cold = await pass();
		const warm = await pass();
		if (cold.statuses[200] !== SAMPLE) {
			throw new Error(
				`every sampled Code-Point postcode should be found, but the answers were ${JSON.stringify(cold.statuses)}: is static/data/postcode-index current?`
			);
		}
		const p = (ms: number[], q: number) => quantile(ms, q);
		console.log(
			`postcode lookup (${SAMPLE} real postcodes, server loader, in process): cold p50 ${p(cold.ms, 0.5).toFixed(3)} ms, p95 ${p(cold.ms, 0.95).toFixed(3)} ms, max ${Math.max(...cold.ms).toFixed(1)} ms;` +
				` warm p50 ${p(warm.ms, 0.5).toFixed(3)} ms, p95 ${p(warm.ms, 0.95).toFixed(3)} ms`
		);
		return { p50: p(cold.ms, 0.5), p95: p(cold.ms, 0.95), size, n: SAMPLE };
	} finally {
		await vite.close();
	}
}

/** n postcodes drawn (with a fixed seed) from every row of the Code-Point files. */
export function samplePostcodes(dir: string, n: number): string[] {
	const all: string[] = [];
	for (const f of readdirSync(dir)
		.filter((x) => x.endsWith('.csv'))
		.sort()) {
		for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
			const comma = line.indexOf(',');
			if (comma > 0) all.push(line.slice(0, comma).replace(/"/g, ''));
		}
	}
	if (all.length === 0) throw new Error(`no Code-Point postcodes found in ${dir}`);
	let seed = 2024; // mulberry32
	const random = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return Array.from({ length: n }, () => all[Math.floor(random() * all.length)]!);
}

function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(await benchPostcodeLookups());
}
