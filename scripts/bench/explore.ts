/**
 * Time to DuckDB-WASM's first answer on /explore: a shared `?q=` link opened in Debian's Chromium against the built app
 * on localhost, from navigation to the frame that shows the answer's first row (timed in the page). Cold loads each use a new browser context (empty
 * cache); repeat visits reload in the same context (the browser's HTTP cache and compiled-WebAssembly cache warm).
 * The page's performance marks (src/lib/sql/index.ts) split the time: engine downloaded and compiled, engine started,
 * the query's tables loaded, the query run.
 *
 * Run alone after a build: `npx vite build && npx tsx scripts/bench/explore.ts` (npm run bench runs it too).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { EXAMPLE_QUERIES } from '../../src/lib/sql/examples';
import { queryHref } from '../../src/lib/sql/url';
import { launchChromium } from '../chromium/launch';
import { startBuiltServer } from './serve';

const RUNS = 5;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The example an analyst is most likely to be sent: worst five alliances on 62 days (observations and areas). */
const QUERY = EXAMPLE_QUERIES.find((e) => e.id === 'worst-62-day')!.sql;

export interface ExploreLoad {
	answerMs: number;
	/** Navigation to the status saying every table is loaded: an edited query runs in the browser from here. */
	readyMs: number;
	/** Milliseconds from navigation to each `sql:*` performance mark the page set. */
	marks: Record<string, number>;
}

export interface ExploreMeasure {
	cold: ExploreLoad[];
	warm: ExploreLoad[];
	/** The shared link with JavaScript off: first contentful paint, the rows being in it. */
	noJsMs: number[];
	/** Pointer over "Explore with SQL" on the home page until the warmed engine had every table (the dwell it needs). */
	intentWarmupMs: number[];
	/** Then a click on it: until /explore says every table is loaded. */
	afterIntentMs: number[];
	/** After /compare fetched the engine's files when idle: a new load of the shared link until every table is loaded. */
	afterPrefetchMs: number[];
	medianColdMs: number;
	medianWarmMs: number;
	engine: { rawMB: number; gzipMB: number };
	/** The machine's 1-minute load average when the loads ran: on a shared machine it moves the figures. */
	loadAverage: number;
}

/**
 * Runs in the page before its own scripts: notes the frame after the answer's first row entered the DOM (__answerAt)
 * and when the status first says every table is loaded (__readyAt), both in the page's own clock.
 */
function watchPage() {
	const w = window as unknown as { __answerAt?: number; __readyAt?: number };
	new MutationObserver((_, observer) => {
		if (w.__answerAt === undefined && document.querySelector('[data-testid="sql-result"] tbody tr'))
			requestAnimationFrame(() => (w.__answerAt ??= performance.now()));
		if (/Ready: \d+ tables loaded/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? '')) {
			w.__readyAt ??= performance.now();
			observer.disconnect();
		}
	}).observe(document, { childList: true, subtree: true, characterData: true });
}

async function load(context: BrowserContext, url: string): Promise<ExploreLoad> {
	const page = await context.newPage();
	// Measured in the page, not through the driver: the frame after the answer's first row entered the DOM.
	await page.addInitScript(watchPage);
	const response = await page.goto(url, { waitUntil: 'commit' });
	if (response?.status() !== 200) throw new Error(`/explore answered ${response?.status()}`);
	await page.waitForSelector('[data-testid="sql-result"] tbody tr, [data-testid="sql-error"]', { timeout: 120_000 });
	const error = await page.$('[data-testid="sql-error"]');
	if (error) throw new Error(`the query failed: ${await error.textContent()}`);
	await page.waitForFunction(() => (window as unknown as { __answerAt?: number }).__answerAt !== undefined);
	await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, {
		timeout: 120_000
	});
	const timing = await page.evaluate(() => ({
		answerMs: (window as unknown as { __answerAt: number }).__answerAt,
		readyMs: (window as unknown as { __readyAt: number }).__readyAt,
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

/** The shared link with JavaScript off: the page's first contentful paint (the server's rows are in that paint). */
async function loadWithoutJs(browser: Browser, url: string): Promise<number> {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(url, { waitUntil: 'load' });
	if ((await page.$$('[data-testid="sql-result"] tbody tr')).length === 0)
		throw new Error('no rows without JavaScript');
	const fcp = await page.evaluate(
		() => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN
	);
	await context.close();
	return fcp;
}

/** Home page, pointer over the nav link until the engine is warm, then a click: times in the page's clock. */
async function afterIntent(browser: Browser, base: string): Promise<{ warmupMs: number; readyMs: number }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(base + '/', { waitUntil: 'load' });
	await page.waitForFunction(() => document.querySelector('a[href="/explore"]') !== null);
	await page.waitForTimeout(500); // hydrated: the layout listens for intent
	const hoverAt = await page.evaluate(() => performance.now());
	await page.hover('header a[href="/explore"]');
	await page.waitForFunction(() => performance.getEntriesByName('sql:table-provenance').length > 0, undefined, {
		timeout: 120_000
	});
	const warmAt = await page.evaluate(() => performance.getEntriesByName('sql:table-provenance')[0]!.startTime);
	await page.evaluate(watchPage);
	const clickAt = await page.evaluate(() => performance.now());
	await page.click('header a[href="/explore"]');
	await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined);
	const readyAt = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
	await context.close();
	return { warmupMs: warmAt - hoverAt, readyMs: readyAt - clickAt };
}

/** /compare used (a click), its idle prefetch of the engine's files done, then a new load of the shared link. */
async function afterPrefetch(browser: Browser, base: string, url: string): Promise<number> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	const engineDone = new Promise<void>((resolve) =>
		page.on('requestfinished', (r) => /duckdb-eh\..*\.wasm/.test(r.url()) && resolve())
	);
	await page.goto(base + '/compare', { waitUntil: 'load' });
	await page.waitForTimeout(500);
	await page.mouse.click(5, 300);
	await engineDone;
	await page.close();
	const timing = await load(context, url);
	await context.close();
	return timing.readyMs;
}

/**
 * The engine's files as Chromium takes them (the exception-handling build: its worker script and WebAssembly), from
 * the build: the worker fetches the engine itself, out of the page's sight.
 */
function engineSize(): { rawMB: number; gzipMB: number } {
	const dir = path.join(ROOT, 'build/client/_app/immutable/assets');
	const files = readdirSync(dir).filter((f) => /^duckdb-(eh\.|browser-eh\.worker\.).*\.(wasm|js)$/.test(f));
	if (files.length !== 2)
		throw new Error(`expected the eh engine and worker in ${dir}, found ${files.join(', ') || 'none'}`);
	const bytes = files.map((f) => readFileSync(path.join(dir, f)));
	return {
		rawMB: bytes.reduce((s, b) => s + b.length, 0) / 1e6,
		// What the server sends: the build's own .gz beside each file (scripts/precompress/gzip.js).
		gzipMB: files.reduce((s, f) => s + statSync(path.join(dir, `${f}.gz`)).size, 0) / 1e6
	};
}

export async function measureExplore(): Promise<ExploreMeasure> {
	// Every load here is one browser on one connection, far faster than a person: the per-connection limit is raised so
	// each load gets the server's answer, as a visitor's first load does.
	const { base, stop } = await startBuiltServer({ EXPLORE_RATE_LIMIT: '100000' });
	const browser = await launchChromium();
	const url = base + queryHref('/explore', QUERY);
	try {
		await fetch(url); // the server's sandbox opens on its first query: not part of a visitor's cold load
		const cold: ExploreLoad[] = [];
		const warm: ExploreLoad[] = [];
		const noJsMs: number[] = [];
		const intentWarmupMs: number[] = [];
		const afterIntentMs: number[] = [];
		const afterPrefetchMs: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			cold.push(await load(context, url));
			warm.push(await load(context, url));
			await context.close();
			noJsMs.push(await loadWithoutJs(browser, url));
			const intent = await afterIntent(browser, base);
			intentWarmupMs.push(intent.warmupMs);
			afterIntentMs.push(intent.readyMs);
			afterPrefetchMs.push(await afterPrefetch(browser, base, url));
		}
		return {
			cold,
			warm,
			noJsMs,
			intentWarmupMs,
			afterIntentMs,
			afterPrefetchMs,
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
	const secs = (xs: number[]) =>
		`median ${(median(xs) / 1000).toFixed(2)} s (${xs.map((x) => (x / 1000).toFixed(2)).join(', ')} s)`;
	const coldReady = m.cold.map((l) => l.readyMs);
	return [
		`first answer, JavaScript off (first contentful paint, rows in it): ${secs(m.noJsMs)}; target under 1.0 s: ${median(m.noJsMs) < 1000 ? 'met' : 'MISSED'}`,
		`engine ready (every table loaded, an edited query runs), cold: ${secs(coldReady)}; target under 3 s: ${median(coldReady) < 3000 ? 'met' : 'MISSED'}`,
		`engine ready after intent (pointer on "Explore with SQL", then a click): ${secs(m.afterIntentMs)} from the click; target under 1.5 s: ${median(m.afterIntentMs) < 1500 ? 'met' : 'MISSED'}`,
		`  the warm-up itself (pointer on the link until every table is loaded): ${secs(m.intentWarmupMs)}`,
		`engine ready on a new load after /compare's idle prefetch: ${secs(m.afterPrefetchMs)}`,
		`first answer, cold cache:   median ${(m.medianColdMs / 1000).toFixed(2)} s over ${m.cold.length} loads (${m.cold.map((l) => (l.answerMs / 1000).toFixed(2)).join(', ')} s)`,
		`  ${phases(m.cold)}`,
		`first answer, repeat visit: median ${(m.medianWarmMs / 1000).toFixed(2)} s (${m.warm.map((l) => (l.answerMs / 1000).toFixed(2)).join(', ')} s)`,
		`  ${phases(m.warm)}`,
		`engine files (worker and WebAssembly) fetched on a cold load: ${m.engine.rawMB.toFixed(1)} MB, sent gzipped as ${m.engine.gzipMB.toFixed(1)} MB; ` +
			`${os.cpus().length} cores, load average ${m.loadAverage.toFixed(1)} while measuring`,
		`target: first answer under 1.0 s on a local server (cold, from the server): ${m.medianColdMs < 1000 ? 'met' : 'MISSED'}`
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	console.log(
		`/explore: time to DuckDB-WASM's first answer (shared ?q= link, built app on localhost, Chromium, ${RUNS} loads)`
	);
	for (const line of describeExplore(await measureExplore())) console.log(line);
}
