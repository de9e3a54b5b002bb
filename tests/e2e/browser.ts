/** Debian's Chromium driven by playwright-core, plus an axe-core scan, for the end-to-end tests. */
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from '../../scripts/chromium/launch';

/** The tests' browser: the same Chromium, with the same flags, as the bench (scripts/chromium/launch.ts). */
export const launch = (): Promise<Browser> => launchChromium();

/**
 * Opens a page and waits until it is hydrated: the server's HTML works on its own, but the JavaScript (started after
 * the first paint) must be running before a test uses a control that needs it.
 */
export async function openHydrated(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await hydrated(page);
}

/** Waits for the page's JavaScript to have taken over (the root layout marks <html data-hydrated>). */
export async function hydrated(page: Page): Promise<void> {
	await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** In the page: runs axe-core (already loaded) and returns its violations, shortened. */
async function runAxe(tags: string[]): Promise<AxeViolation[]> {
	const result = await (
		window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
	).axe.run(document, { runOnly: { type: 'tag', values: tags } });
	return result.violations.map((v) => ({
		id: v.id,
		impact: v.impact,
		help: v.help,
		nodes: v.nodes.map((n) => ({ target: n.target }))
	}));
}

/** Runs axe-core (WCAG 2.x A and AA rules, and its best-practice rules: AXE_TAGS) and returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
	// Evaluated by the driver, not added as an inline <script>: the pages' Content-Security-Policy refuses those.
	await page.evaluate(axeSource);
	return page.evaluate(runAxe, AXE_TAGS);
}

/** Opens each path at each width and asserts no axe-core violations and no sideways scrolling. */
export async function expectAccessible(
	browser: Browser,
	base: string,
	paths: string[],
	widths = [320, 1280]
): Promise<void> {
	for (const path of paths) {
		for (const width of widths) {
			const page = await browser.newPage({ viewport: { width, height: 900 } });
			await page.goto(base + path);
			const violations = await axe(page);
			expect(violations, `${path} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
				`sideways scrolling: ${path} at ${width}px`
			).toBe(false);
			await page.close();
		}
	}
}

/**
 * axe-core (with its best-practice rules) and no sideways scrolling, on the page as it is now. axe needs timers, which
 * do not run where JavaScript is switched off: there, the page's HTML as the browser has it (scripts removed) is
 * checked in a second, scripted page of the same size and address, with the site's own styles.
 */
export async function expectAccessibleNow(page: Page, where: string): Promise<void> {
	const scripted = await Promise.race([
		page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))),
		new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500))
	]);
	let target = page;
	let context: BrowserContext | null = null;
	if (!scripted) {
		const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
		context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
		target = await context.newPage();
		const url = page.url();
		await target.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
		await target.goto(url);
	}
	try {
		const violations = await axe(target);
		expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
		expect(
			await target.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
			`sideways scrolling at ${where}`
		).toBe(false);
	} finally {
		await context?.close();
	}
}
