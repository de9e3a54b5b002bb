/**
 * The data page and the release status on screen: /data links each table of the served release (the same bytes as
 * static/data), gives one-line loading and the citation; provisional figures say so on the map and on /compare; every
 * page's footer says how recent each source is.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { axe, launch, openHydrated } from './browser';
import type { DataPackage } from '../../src/lib/data/package';

const pkg = JSON.parse(readFileSync('static/data/datapackage.json', 'utf8')) as DataPackage;
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('/data', () => {
	it('links every table of the served release, with one-line loading and the citation', async () => {
		const base = inject('baseUrl');
		const page = await browser.newPage();
		await page.goto(base + '/data');
		await expect(page.getByTestId('release-id').textContent()).resolves.toBe(pkg.release.id);
		for (const r of pkg.resources) {
			const href = await page.getByTestId(`download-${r.name}`).getAttribute('href');
			expect(href).toBe(`/data/${r.path}`);
			const body = await (await fetch(base + href)).text();
			expect(body).toBe(readFileSync(`static/data/${r.path}`, 'utf8'));
		}
		// The examples use the address the page was asked for (its scheme follows the server's ORIGIN).
		const host = new URL(base).host.replaceAll('.', '\\.');
		const obs = `https?://${host}/data/csv/observations\\.csv`;
		await expect(page.getByTestId('example-DuckDB').textContent()).resolves.toMatch(
			new RegExp(`^duckdb -c "SELECT \\* FROM read_csv\\('${obs}'\\) WHERE release = 'final' LIMIT 10"$`)
		);
		await expect(page.getByTestId('example-R').textContent()).resolves.toMatch(new RegExp(`read\\.csv\\("${obs}"\\)`));
		await expect(page.getByTestId('example-Python').textContent()).resolves.toContain('pd.read_csv(');
		await expect(page.getByTestId('citation').textContent()).resolves.toBe(pkg.citation);
		expect((await fetch(base + '/data/datapackage.json')).status).toBe(200);
		await page.close();
	});

	it('has no axe-core violations and no sideways scroll, at phone and desktop widths', async () => {
		for (const width of [320, 1280]) {
			const page = await browser.newPage({ viewport: { width, height: 800 } });
			await page.goto(inject('baseUrl') + '/data');
			expect(await axe(page), `width ${width}`).toEqual([]);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
			expect(overflow, `horizontal scroll at ${width}px`).toBe(false);
			await page.close();
		}
	});
});

describe('release status on screen', () => {
	it('says "provisional" on the map for a provisional month, and not for a final one', async () => {
		const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
		// April 2025 on the provider basis comes from NHS England's provisional extract.
		await openHydrated(page, inject('baseUrl') + '/?i=fds_breast_suspected&b=provider&p=2025-04');
		await expect(page.locator('#map-heading').textContent()).resolves.toContain('April 2025 (provisional)');
		await expect(page.getByTestId('release-note').textContent()).resolves.toMatch(/provisional figures/);
		await expect(page.locator('#period option:checked').textContent()).resolves.toMatch(/April 2025 \(provisional\)/);
		expect(await axe(page)).toEqual([]);
		await openHydrated(page, inject('baseUrl') + '/?i=fds_breast_suspected&b=provider&p=2025-09');
		await expect(page.locator('#map-heading').textContent()).resolves.not.toContain('provisional');
		await expect(page.getByTestId('release-note').count()).resolves.toBe(0);
		await page.close();
	});

	it('says so on /compare, naming the file', async () => {
		const html = await (await fetch(inject('baseUrl') + '/compare?i=fds_breast_suspected&b=provider&p=2025-04')).text();
		expect(html).toMatch(
			/data-testid="release-note"[^>]*>These are provisional figures[^<]*CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider\.xlsx/
		);
	});

	it("shows each source's data as of date in every page's footer", async () => {
		for (const path of ['/', '/national', '/data']) {
			const html = await (await fetch(inject('baseUrl') + path)).text();
			const footer = html.slice(html.indexOf('data-testid="data-as-of"'));
			for (const d of pkg.release.data_as_of) expect(footer, path).toContain(d.latest);
		}
	});
});
