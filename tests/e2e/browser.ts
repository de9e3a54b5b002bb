/** Debian's Chromium driven by playwright-core, plus an axe-core scan, for the end-to-end tests. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromiumPath } from '../../scripts/chromium/find';

export function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules, and its best-practice rules) on the page and returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
	await page.addScriptTag({ content: axeSource });
	return page.evaluate(async () => {
		const result = await (
			window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
		).axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }
		});
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target }))
		}));
	});
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
