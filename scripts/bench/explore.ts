/**
 * Time to DuckDB-WASM's first answer on /explore: a shared `?q=` link opened in Debian's Chromium against the built app
 * on localhost, from navigation to the frame that shows the answer's first row (timed in the page). Cold loads each use a new browser context (empty
 * cache); repeat visits reload in the same context (the browser's HTTP cache and compiled-WebAssembly cache warm).
 * The page's performance marks (src/lib/sql/index.ts) split the time: engine downloaded and compiled, engine started,
 * the query's tables loaded, the query run.
 *
 * Run alone after a build: `npx vite build && npx tsx scripts/bench/explore.ts` (npm run bench runs it too).
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { EXAMPLE_QUERIES } from '../../src/lib/sql/examples';
import { queryHref } from '../../src/lib/sql/url';
import { launchBenchBrowser } from './browser';
import { startBuiltServer } from './serve';

const RUNS = 5;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The example an analyst is most likely to be sent: worst five alliances on 62 days (observations and areas). */
const QUERY = EXAMPLE_QUERIES.find((e) => e.id === 'worst-62-day')!.sql;

export interface ExploreLoad {
	answerMs: number;
	/** Milliseconds from navigation to each `sql:*` performance mark the page set. */
	marks: Record<string, number>;
}

export interface ExploreMeasure {
	cold: ExploreLoad[];
	warm: ExploreLoad[];
	medianColdMs: number;
	medianWarmMs: number;
	engine: { rawMB: number; gzipMB: number };
	/** The machine's 1-minute load average when the loads ran: on a shared machine it moves the figures. */
	loadAverage: number;
}

async function load(context: BrowserContext, url: string): Promise<ExploreLoad> {
	const page = await context.newPage();
	// Measured in the page, not through the driver: the frame after the answer's first row entered the DOM.
	await page.addInitScript(() => {
		const w = window as unknown as { __answerAt?: number };
		new MutationObserver((_, observer) => {
			if (!document.querySelector('[data-testid="sql-result"] tbody tr')) return;
			observer.disconnect();
			requestAnimationFrame(() => (w.__answerAt = performance.now()));
		}).observe(document, { childList: true, subtree: true });
	});
	const response = await page.goto(url, { waitUntil: 'commit' });
	if (response?.status() !== 200) throw new Error(`/explore answered ${response?.status()}`);
	await page.waitForSelector('[data-testid="sql-result"] tbody tr, [data-testid="sql-error"]', { timeout: 120_000 });
	const error = await page.$('[data-testid="sql-error"]');
	if (error) throw new Error(`the query failed: ${await error.textContent()}`);
	await page.waitForFunction(() => (window as unknown as { __answerAt?: number }).__answerAt !== undefined);
	const timing = await page.evaluate(() => ({
		answerMs: (window as unknown as { __answerAt: number }).__answerAt,
		marks: Object.fromEntries(
			performance
				.getEntriesByType('mark')
				.filter((m) => m.name.startsWith('sql:'))
				.map((m) => [m.name.slice(4), m.startTime])
		)
	}));
	await page.close();
	return timing;
}

/**
 * The engine's files as Chromium takes them (the exception-handling build: its worker script and WebAssembly), from
 * the build: the worker fetches the engine itself, out of the page's sight.
 */
function engineSize(): { rawMB: number; gzipMB: number } {
	const dir = path.join(ROOT, 'build/client/_app/immutable/assets');
	const files = readdirSync(dir).filter((f) => /^duckdb-(eh\.|browser-eh\.worker\.)/.test(f));
	if (files.length !== 2)
		throw new Error(`expected the eh engine and worker in ${dir}, found ${files.join(', ') || 'none'}`);
	const bytes = files.map((f) => readFileSync(path.join(dir, f)));
	return {
		rawMB: bytes.reduce((s, b) => s + b.length, 0) / 1e6,
		gzipMB: bytes.reduce((s, b) => s + gzipSync(b).length, 0) / 1e6
	};
}

export async function measureExplore(): Promise<ExploreMeasure> {
	const { base, stop } = await startBuiltServer();
	const browser = await launchBenchBrowser();
	const url = base + queryHref('/explore', QUERY);
	try {
		const cold: ExploreLoad[] = [];
		const warm: ExploreLoad[] = [];
		for (let run = 0; run < RUNS; run++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			cold.push(await load(context, url));
			warm.push(await load(context, url));
			await context.close();
		}
		return {
			cold,
			warm,
			medianColdMs: median(cold.map((l) => l.answerMs)),
			medianWarmMs: median(warm.map((l) => l.answerMs)),
			engine: engineSize(),
			loadAverage: os.loadavg()[0]!
		};
	} finally {
		await browser.close();
		stop();
	}
}

/** One line per phase, medians over the loads: when each mark was reached. */
export function describeExplore(m: ExploreMeasure): string[] {
	const at = (loads: ExploreLoad[], mark: string) => {
		const xs = loads.map((l) => l.marks[mark]).filter((x): x is number => x !== undefined);
		return xs.length ? `${(median(xs) / 1000).toFixed(2)} s` : 'n/a';
	};
	const phases = (loads: ExploreLoad[]) =>
		`page code ran ${at(loads, 'open')}, engine downloaded and compiled ${at(loads, 'engine-downloaded')}, engine started ${at(loads, 'engine-ready')}, ` +
		`observations loaded ${at(loads, 'table-observations')}, areas loaded ${at(loads, 'table-areas')}, query done ${at(loads, 'query-done')}, result drawn ${at(loads, 'result-drawn')}`;
	return [
		`first answer, cold cache:   median ${(m.medianColdMs / 1000).toFixed(2)} s over ${m.cold.length} loads (${m.cold.map((l) => (l.answerMs / 1000).toFixed(2)).join(', ')} s)`,
		`  ${phases(m.cold)}`,
		`first answer, repeat visit: median ${(m.medianWarmMs / 1000).toFixed(2)} s (${m.warm.map((l) => (l.answerMs / 1000).toFixed(2)).join(', ')} s)`,
		`  ${phases(m.warm)}`,
		`engine files (worker and WebAssembly) fetched on a cold load: ${m.engine.rawMB.toFixed(1)} MB (${m.engine.gzipMB.toFixed(1)} MB gzip); ` +
			`${os.cpus().length} cores, load average ${m.loadAverage.toFixed(1)} while measuring`,
		`target: first answer under 3 s on a local server (cold): ${m.medianColdMs < 3000 ? 'met' : 'MISSED'}`
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	console.log(
		`/explore: time to DuckDB-WASM's first answer (shared ?q= link, built app on localhost, Chromium, ${RUNS} loads)`
	);
	for (const line of describeExplore(await measureExplore())) console.log(line);
}
