/**
 * Page weight and paint time in Debian's Chromium, against the built app served by Node on localhost.
 * "Bytes before the map is visible" is the gzip size of every response the page fetched up to the moment the map's
 * shapes are in the DOM and painted (the server does not compress, so the gzip size is computed here, as a CDN would
 * serve it). Each page is loaded cold (new browser context) five times; the median is reported.
 */
import { gzipSync } from 'node:zlib';
import { launchBenchBrowser } from './browser';
import { startBuiltServer } from './serve';

const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface PageMeasure {
	path: string;
	gzipKB: number;
	rawKB: number;
	/** Everything the page fetched until the network was idle (hydration, data), gzip. */
	totalGzipKB: number;
	requests: number;
	mapPaintMs: number;
	firstContentfulPaintMs: number;
	duckdbRequests: number;
}

export async function measurePages(paths: string[], readySelector: string): Promise<PageMeasure[]> {
	const { base, stop } = await startBuiltServer();
	const browser = await launchBenchBrowser();
	try {
		const results: PageMeasure[] = [];
		for (const path of paths) {
			const runs: PageMeasure[] = [];
			for (let run = 0; run < RUNS; run++) {
				const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
				const page = await context.newPage();
				const bodies: Promise<{ url: string; gzip: number; raw: number }>[] = [];
				const later: typeof bodies = [];
				let mapVisible = false;
				page.on('response', (response) => {
					(mapVisible ? later : bodies).push(
						response.body().then(
							(b) => ({ url: response.url(), gzip: gzipSync(b).length, raw: b.length }),
							() => ({ url: response.url(), gzip: 0, raw: 0 })
						)
					);
				});
				const response = await page.goto(base + path, { waitUntil: 'commit' });
				if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
				await page.waitForSelector(readySelector, { state: 'visible' });
				const mapPaintMs = await page.evaluate(
					() =>
						new Promise<number>((resolve) =>
							requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))
						)
				);
				mapVisible = true;
				const fcp = await page.evaluate(
					() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0
				);
				const fetched = await Promise.all(bodies);
				await page.waitForLoadState('networkidle');
				const after = await Promise.all(later);
				runs.push({
					path,
					totalGzipKB: [...fetched, ...after].reduce((s, b) => s + b.gzip, 0) / 1024,
					gzipKB: fetched.reduce((s, b) => s + b.gzip, 0) / 1024,
					rawKB: fetched.reduce((s, b) => s + b.raw, 0) / 1024,
					requests: fetched.length,
					mapPaintMs,
					firstContentfulPaintMs: fcp,
					duckdbRequests: [...fetched, ...after].filter((b) => /duckdb/i.test(b.url)).length
				});
				await context.close();
			}
			results.push({
				path,
				gzipKB: median(runs.map((r) => r.gzipKB)),
				totalGzipKB: median(runs.map((r) => r.totalGzipKB)),
				rawKB: median(runs.map((r) => r.rawKB)),
				requests: median(runs.map((r) => r.requests)),
				mapPaintMs: median(runs.map((r) => r.mapPaintMs)),
				firstContentfulPaintMs: median(runs.map((r) => r.firstContentfulPaintMs)),
				duckdbRequests: Math.max(...runs.map((r) => r.duckdbRequests))
			});
		}
		return results;
	} finally {
		await browser.close();
		stop();
	}
}
