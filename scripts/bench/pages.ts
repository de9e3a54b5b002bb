/**
 * Page weight and paint time in Debian's Chromium, against the built app served by Node on localhost.
 * "Bytes before the map is visible" is the gzip size of the page and of every request it started before the frame in
 * which the map's shapes (or an area page's headline figures) were first painted, timed by the browser's own clock
 * (a MutationObserver and requestAnimationFrame in the page, not a polling loop from outside). Sizes are gzip sizes
 * computed here from the bodies, as the server or a CDN serves them. Each page is loaded cold (new browser context)
 * five times; the median is reported.
 */
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../chromium/launch';
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
	const browser = await launchChromium();
	try {
		const results: PageMeasure[] = [];
		for (const path of paths) {
			const runs: PageMeasure[] = [];
			for (let run = 0; run < RUNS; run++) {
				const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
				const page = await context.newPage();
				// In the page, from the browser's own clock: the frame in which the map (or the headline figures) was
				// first painted, i.e. the first animation frame after its element entered the DOM.
				// (A string, not a function: tsx would add helpers to a function's body that the page does not have.)
				await page.addInitScript(`{
					const selector = ${JSON.stringify(readySelector)};
					const seen = () => {
						if (!document.querySelector(selector)) return false;
						requestAnimationFrame(() => (window.__mapFrame = performance.now()));
						return true;
					};
					const observer = new MutationObserver(() => seen() && observer.disconnect());
					observer.observe(document, { childList: true, subtree: true });
				}`);
				const bodies: Promise<{ url: string; gzip: number; raw: number }>[] = [];
				page.on('response', (response) => {
					bodies.push(
						response.body().then(
							(b) => ({ url: response.url(), gzip: gzipSync(b).length, raw: b.length }),
							() => ({ url: response.url(), gzip: 0, raw: 0 })
						)
					);
				});
				const response = await page.goto(base + path, { waitUntil: 'commit' });
				if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
				await page.waitForSelector(readySelector, { state: 'visible' });
				await page.waitForFunction(() => (window as unknown as { __mapFrame?: number }).__mapFrame !== undefined);
				await page.waitForLoadState('networkidle');
				const timing = await page.evaluate(() => ({
					mapFrame: (window as unknown as { __mapFrame: number }).__mapFrame,
					fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
					// Everything requested before that frame (the document itself is not a resource entry).
					before: performance
						.getEntriesByType('resource')
						.filter((r) => r.startTime < (window as unknown as { __mapFrame: number }).__mapFrame)
						.map((r) => r.name)
				}));
				const all = await Promise.all(bodies);
				const beforeUrls = new Set([base + path, ...timing.before]);
				const fetched = all.filter((b) => beforeUrls.has(b.url));
				runs.push({
					path,
					totalGzipKB: all.reduce((s, b) => s + b.gzip, 0) / 1024,
					gzipKB: fetched.reduce((s, b) => s + b.gzip, 0) / 1024,
					rawKB: fetched.reduce((s, b) => s + b.raw, 0) / 1024,
					requests: fetched.length,
					// The frame's paint is no earlier than the first contentful paint.
					mapPaintMs: Math.max(timing.mapFrame, timing.fcp),
					firstContentfulPaintMs: timing.fcp,
					duckdbRequests: all.filter((b) => /duckdb/i.test(b.url)).length
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
