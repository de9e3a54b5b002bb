/** Area pages and the sources page, as a supporter and a campaigner sharing a link see them. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launch, openHydrated } from './browser';

const base = () => inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('area page', () => {
	it('summarises the alliance against England in the first HTML, with every measure, its period and source', async () => {
		const html = await (await fetch(base() + '/area/E56000011')).text();
		expect(html).toContain('<h1>How Kent and Medway compares</h1>');
		const page = await browser.newPage();
		await openHydrated(page, base() + '/area/E56000011');
		await expect(page.textContent('[data-testid="headline"]')).resolves.toMatch(/^Kent and Medway is /);
		// NHS England, September 2025, commissioner basis: 1,596 of 1,942 people living in Kent and Medway.
		const fds = await page.textContent('[data-testid="panel-fds_breast_suspected"]');
		expect(fds).toContain('82.2%');
		expect(fds).toContain('1,596 of 1,942');
		expect(fds).toContain('September 2025');
		expect(fds).toMatch(/Source: Cancer Waiting Times/);
		expect(fds).toMatch(/ranked \d+\w\w of 20/);
		expect(await page.locator('.panels > li').count()).toBeGreaterThanOrEqual(7);
		await expect(page.locator('[data-testid="icb-table"] tbody tr').count()).resolves.toBe(1);
		await expect(page.locator('[data-testid="trust-table"] tbody tr').count()).resolves.toBeGreaterThan(2);
		await page.close();
	});

	it('only says "significantly" where the interval excludes England', async () => {
		const page = await browser.newPage();
		await openHydrated(page, base() + '/area/E56000011');
		// 83.7% (79.4% to 87.3%) against England's 84.3%: similar, so never "significantly".
		const panel = '[data-testid="panel-fds_breast_symptomatic"]';
		await expect(page.textContent(`${panel} .verdict`)).resolves.toContain('Similar to England');
		const sentence = await page.textContent(`${panel} [data-testid="sentence"]`);
		expect(sentence).toContain('similar to England');
		expect(sentence).not.toMatch(/significantly/i);
		// and where England lies outside the interval, it does say so: 82.2% (80.4% to 83.8%) against 84.8%.
		await expect(
			page.textContent('[data-testid="panel-fds_breast_suspected"] [data-testid="sentence"]')
		).resolves.toContain('significantly worse than England');
		await page.close();
	});

	it('shows where within the alliance things differ, and names both alliances of a straddling ICB', async () => {
		const page = await browser.newPage();
		await openHydrated(page, base() + '/area/E56000034');
		const text = await page.textContent('main');
		expect(text).toMatch(/Bath and North East Somerset, Swindon and Wiltshire.*lies only partly in Thames Valley/s);
		await page.close();
	});

	it('has a sharing card: title, description and a real 1200x630 PNG preview', async () => {
		const html = await (await fetch(base() + '/area/E56000028')).text();
		expect(html).toMatch(/<meta property="og:title" content="How North East London compares: breast cancer care"/);
		expect(html).toMatch(/<meta name="twitter:card" content="summary_large_image"/);
		const image = /<meta property="og:image" content="([^"]+)"/.exec(html)![1]!;
		expect(image).toMatch(/\/area\/E56000028\/card\.png$/);
		const png = await fetch(base() + '/area/E56000028/card.png');
		expect(png.headers.get('content-type')).toBe('image/png');
		const bytes = new Uint8Array(await png.arrayBuffer());
		expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
		// IHDR width and height
		const view = new DataView(bytes.buffer);
		expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
	});

	it('answers an unknown area with a 404 page, not a crash', async () => {
		expect((await fetch(base() + '/area/E56000099')).status).toBe(404);
	});

	it('has no axe-core violations and no sideways scrolling, area and sources pages, at 320 and 1280 px', async () => {
		await expectAccessible(browser, base(), ['/area/E56000011', '/area/E56000022', '/sources']);
	});
});
