/**
 * Lighthouse with its default mobile settings (simulated slow 4G, a 4x slower CPU), driving Debian's Chromium: one
 * page, its four category scores and the timings and bytes behind the performance score. Shared by `npm run bench`
 * and the test that holds the home page's scores.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../chromium/find';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageAudit {
	url: string;
	/** 0-100, as Lighthouse reports them. */
	scores: Record<Category, number>;
	firstContentfulPaintMs: number;
	largestContentfulPaintMs: number;
	totalBlockingTimeMs: number;
	/** Cumulative layout shift: 0 when nothing painted moves later (hydration must not re-draw the page). */
	layoutShift: number;
	/** Bytes on the wire for the whole load, as Lighthouse counted them. */
	transferBytes: number;
	/** Audits that lost points, for a reader who wants to know why (id and Lighthouse's own summary). */
	failing: string[];
}

const numeric = (lhr: { audits: Record<string, { numericValue?: number }> }, id: string): number =>
	Math.round(lhr.audits[id]?.numericValue ?? NaN);

/** Audits `url` once in a fresh headless Chromium (a cold cache, as a supporter arriving from a shared link). */
export async function auditPage(url: string): Promise<PageAudit> {
	const chrome = await chromeLauncher.launch({
		chromePath: chromiumPath(),
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: [...CATEGORIES]
		});
		if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
		const lhr = result.lhr;
		if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
		const scores = Object.fromEntries(
			CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])
		) as Record<Category, number>;
		const failing = Object.values(lhr.audits)
			.filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
			.map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
		return {
			url,
			scores,
			firstContentfulPaintMs: numeric(lhr, 'first-contentful-paint'),
			largestContentfulPaintMs: numeric(lhr, 'largest-contentful-paint'),
			totalBlockingTimeMs: numeric(lhr, 'total-blocking-time'),
			layoutShift: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
			transferBytes: numeric(lhr, 'total-byte-weight'),
			failing
		};
	} finally {
		await chrome.kill();
	}
}

/** The run with the median performance score of `runs` audits: Lighthouse varies from run to run on a busy machine. */
export async function medianAudit(url: string, runs: number): Promise<PageAudit> {
	const audits: PageAudit[] = [];
	for (let i = 0; i < runs; i++) audits.push(await auditPage(url));
	audits.sort((a, b) => a.scores.performance - b.scores.performance);
	return audits[Math.floor(audits.length / 2)]!;
}
