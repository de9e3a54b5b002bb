/**
 * `npm run bench`: measures what the README reports. Each ETL run is a real child process (start-up included),
 * writing into a temporary folder so the committed release is untouched:
 *   1. full rebuild, cold caches            (target under 30 s on two cores)
 *   2. no-op rebuild, nothing changed       (target under 2 s)
 *   3. one new month: the raw folder without its newest monthly workbook is published first, then the workbook is
 *      added and only it is parsed          (target under 10 s)
 * The machine is shared, so each time is printed with the load average when it ran.
 * Then pages, /explore and postcode lookups. Name sections to run only those:
 * `npx tsx scripts/bench/run.ts postcodes` (after `npx vite build`); sections: etl, pages, embeds, lighthouse, explore, postcodes, sends, followups, replies, prints.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measurePages } from './pages';
import { benchPostcodeLookups } from './postcodes';
import { benchPostcodeApi } from './postcode-http';
import { describeExplore, measureExplore } from './explore';
import { describeExploreServer, measureExploreServer } from './explore-server';
import { mirrorRaw, RAW } from './raw-mirror';
import { describeLighthouse, measureLighthouse } from './lighthouse';
import { measureCards, measureEmbeds } from './embeds';
import { describeSends, measureSends } from './sends';
import { describeFollowUps, measureFollowUps } from './followups';
import { describeReplies, measureReplies } from './replies';
import { describePrints, measurePrints } from './prints';

const SECTIONS = [
	'etl',
	'pages',
	'embeds',
	'lighthouse',
	'explore',
	'postcodes',
	'sends',
	'followups',
	'replies',
	'prints'
] as const;
const asked = process.argv.slice(2);
for (const a of asked)
	if (!(SECTIONS as readonly string[]).includes(a))
		throw new Error(`unknown bench section "${a}": use ${SECTIONS.join(', ')}`);
const run = (section: (typeof SECTIONS)[number]) => asked.length === 0 || asked.includes(section);

/** The newest monthly file: the bench publishes without it, then adds it, as "Updating the data" describes. */
const NEW_MONTH = 'metrics/cwt/commissioner_workbooks/SEPTEMBER-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL.xlsx';

function timeEtl(label: string, input: string, at: { db: string; out: string }, extra: string[]): number {
	const start = performance.now();
	const run = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/etl/run.ts', '--input', input, '--db', at.db, '--out', at.out, '--quiet', ...extra],
		{ stdio: ['ignore', 'inherit', 'inherit'], env: process.env }
	);
	const seconds = (performance.now() - start) / 1000;
	if (run.status !== 0) throw new Error(`${label} failed with exit code ${run.status}`);
	console.log(
		`${label.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s   (load average ${os.loadavg()[0]!.toFixed(1)})`
	);
	return seconds;
}

if (run('etl')) {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'etl-bench-'));
	/** Two sites, each with its own database and releases, sharing one cache (tmp/db/cache) as runs on one machine do. */
	const site = (name: string) => ({
		db: path.join(tmp, 'db', `${name}.duckdb`),
		out: path.join(tmp, name, 'static', 'data')
	});
	try {
		console.log(`ETL benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
		const full = timeEtl('full rebuild, cold caches', RAW, site('full'), ['--force']);
		const noop = timeEtl('no-op rebuild (nothing changed)', RAW, site('full'), []);
		// A second site whose last release predates the newest workbook, as a site is before "Updating the data".
		const before = mirrorRaw(path.join(tmp, 'raw-before-new-month'), {}, [NEW_MONTH]);
		timeEtl('(set-up: the release before the new month)', before, site('month'), []);
		const month = timeEtl('one new month (a monthly workbook added)', RAW, site('month'), []);
		const verdict = (s: number, target: number) => `${s < target ? 'met' : 'MISSED'}`;
		console.log(
			`targets: full < 30 s ${verdict(full, 30)}; one new month < 10 s ${verdict(month, 10)}; no-op < 2 s ${verdict(noop, 2)}`
		);
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}

if (run('pages')) {
	console.log('\nPages (built app on localhost, Chromium, phone viewport, cold cache, median of 5 loads)');
	const pages = await measurePages(
		['/', '/?i=stage12_breast&c=quintile', '/area/E56000011'],
		'[data-testid="alliance-map"] svg.main path[data-code], [data-testid="headline"]'
	);
	for (const p of pages) {
		console.log(
			`${p.path.padEnd(32)} ${p.gzipKB.toFixed(1).padStart(6)} KB gzip (${p.rawKB.toFixed(0)} KB raw, ${p.requests} requests) before the map/figures are visible;` +
				` painted at ${p.mapPaintMs.toFixed(0)} ms (first paint ${p.firstContentfulPaintMs.toFixed(0)} ms); ${p.totalGzipKB.toFixed(1)} KB gzip in all once idle; DuckDB files: ${p.duckdbRequests}`
		);
	}
	// Issue 17's targets: home and area pages at most 75 KB gzip before the map or figures show, no DuckDB-WASM.
	for (const p of [pages[0]!, pages[2]!])
		console.log(
			`target: ${p.path} at most 75 KB gzip before it is visible, with no DuckDB-WASM: ${p.gzipKB <= 75 && p.duckdbRequests === 0 ? 'met' : 'MISSED'}`
		);
	console.log(
		`target: home page's first paint with the map at most 250 ms: ${pages[0]!.mapPaintMs <= 250 ? 'met' : 'MISSED'}`
	);
}

if (run('embeds')) {
	console.log('\nEmbeds (issue 16: built app on localhost, Chromium, phone viewport, cold cache, median of 5 loads)');
	const embeds = await measureEmbeds();
	for (const p of embeds)
		console.log(
			`${p.path.padEnd(40)} ${p.gzipKB.toFixed(1).padStart(6)} KB gzip (${p.requests} requests) before the map/figures are visible; visible at ${p.mapPaintMs.toFixed(0)} ms; DuckDB files: ${p.duckdbRequests}`
		);
	const worst = Math.max(...embeds.map((p) => p.gzipKB));
	console.log(
		`target: every embed under 60 KB gzip before its map is visible, no DuckDB: ${worst < 60 && embeds.every((p) => p.duckdbRequests === 0) ? 'met' : 'MISSED'} (largest ${worst.toFixed(1)} KB)`
	);
	const cards = await measureCards();
	console.log(
		`preview card /card.png over HTTP, ${cards.n} shared views: first request (rendered) median ${cards.coldMs.toFixed(0)} ms (slowest ${cards.maxColdMs.toFixed(0)} ms); cached median ${cards.cachedMs.toFixed(1)} ms`
	);
}

if (run('lighthouse')) {
	console.log(
		'\nLighthouse (mobile settings: simulated slow 4G, 4x slower CPU; built app on localhost; median of 3 runs a page)'
	);
	for (const line of describeLighthouse(await measureLighthouse())) console.log(line);
}

if (run('explore')) {
	console.log(
		`\n/explore: a shared ?q= link's first answer (from the server) and DuckDB-WASM ready behind it (built app on localhost, Chromium, median of 5)`
	);
	for (const line of describeExplore(await measureExplore())) console.log(line);
	for (const line of describeExploreServer(await measureExploreServer())) console.log(line);
}

if (run('postcodes')) {
	console.log('\nPostcode lookups (real Code-Point postcodes)');
	const index = await benchPostcodeLookups();
	const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
	console.log(
		`index (static/data/postcode-index): ${index.size.files} files, ${index.size.bytes.toLocaleString('en-GB')} bytes (${kb(index.size.gzipBytes)} gzip); largest ${index.size.largest.file} ${kb(index.size.largest.bytes)} (${kb(index.size.largest.gzipBytes)} gzip)`
	);
	console.log(
		`in the server's loader: p50 ${index.p50.toFixed(3)} ms, p95 ${index.p95.toFixed(3)} ms over ${index.n} postcodes`
	);
	const api = await benchPostcodeApi();
	console.log(
		`GET /api/postcode over HTTP (built server): p50 ${api.p50.toFixed(2)} ms, p95 ${api.p95.toFixed(2)} ms over ${api.n} postcodes (${api.notOk} not 200)`
	);
	console.log(`target: p95 under 20 ms at the server: ${api.p95 < 20 ? 'met' : 'MISSED'}`);
}

if (run('prints')) {
	console.log('\nLetter prints (issue 13): what the similarity rule adds to a send, embedded store');
	for (const line of describePrints(await measurePrints())) console.log(line);
}

if (run('sends')) {
	console.log('\nSends (issue 12): POST /api/send and the outbox on each store, built app and relay on localhost');
	for (const line of describeSends(await measureSends())) console.log(line);
	console.log(`(load average ${os.loadavg()[0]!.toFixed(1)})`);
}

if (run('followups')) {
	console.log(
		'\nFollow-ups (issue 13): surveys due at once, queued and delivered by the built app to a relay on localhost'
	);
	for (const line of describeFollowUps(await measureFollowUps())) console.log(line);
	console.log(`(load average ${os.loadavg()[0]!.toFixed(1)})`);
}

if (run('replies')) {
	console.log(
		'\nReply rates (issue 13): GET /api/replies/summary with 100,000 delivered letters, built app on localhost'
	);
	for (const line of describeReplies(await measureReplies())) console.log(line);
	console.log(`(load average ${os.loadavg()[0]!.toFixed(1)})`);
}
