/** The minimal page that proves the data contract: every indicator with its latest England figure, period and source. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { axe, launch } from './browser';
import type { Summary } from '../../src/lib/data/summary';

const summary = JSON.parse(readFileSync('static/data/summary.json', 'utf8')) as Summary;
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('national figures page', () => {
	it('lists every indicator with the latest England figure, its period and its source, in the first HTML', async () => {
		const html = await (await fetch(inject('baseUrl') + '/national')).text();
		for (const indicator of summary.indicators) expect(html).toContain(indicator.name.replaceAll("'", '&#39;'));

		const page = await browser.newPage();
		await page.goto(inject('baseUrl') + '/national');
		await expect(page.locator('.indicators > li').count()).resolves.toBe(summary.indicators.length);
		// NHS England's published England figure for September 2025 (provider workbook): 42,867 of 50,542 = 84.8%.
		const fds = page.getByTestId('england-fds_breast_suspected');
		await expect(fds.textContent()).resolves.toBe('84.8%');
		const card = page.locator('#fds_breast_suspected');
		await expect(card.textContent()).resolves.toMatch(/September 2025/);
		await expect(card.textContent()).resolves.toMatch(
			/Cancer Waiting Times.*NHS England.*Open Government Licence v3\.0/s
		);
		// Provider figures run from the FDS CSVs (April 2021) to the last workbook; commissioner ones from October 2023.
		await expect(card.locator('.bases').textContent()).resolves.toMatch(
			/where patients live \(commissioner basis\), October 2023 to September 2025; where patients were treated \(provider basis\), April 2021 to September 2025/
		);
		// NDRS: England breast staging completeness 2022, 80.5%.
		await expect(page.getByTestId('england-stage_completeness_breast').textContent()).resolves.toBe('80.5%');
		await page.close();
	});

	it('has no axe-core violations, at phone and desktop widths', async () => {
		for (const width of [320, 1280]) {
			const page = await browser.newPage({ viewport: { width, height: 800 } });
			await page.goto(inject('baseUrl') + '/national');
			expect(await axe(page), `width ${width}`).toEqual([]);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
			expect(overflow, `horizontal scroll at ${width}px`).toBe(false);
			await page.close();
		}
	});
});
