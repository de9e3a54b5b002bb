/**
 * /explore's first answer from the server (issue 15), in Debian's Chromium: a shared link's rows are on the page
 * before any of DuckDB-WASM's files is requested (the test holds them back), the same link without JavaScript shows
 * the same rows, and once the engine has loaded, an edited query runs in the browser. Expected figures are read here
 * from the committed observations.csv.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { launch } from './browser';

const base = () => inject('baseUrl');
const observations = Papa.parse<Record<string, string>>(
	readFileSync('static/data/csv/observations.csv', 'utf8').trim(),
	{ header: true }
).data;
/** England's commissioner Faster Diagnosis Standard figures (suspected cancer), newest first, as the ETL exported them. */
const englandFds = observations
	.filter((o) => o.indicator_id === 'fds_breast_suspected' && o.basis === 'commissioner' && o.area_code === 'E92000001')
	.sort((a, b) => b.period_start!.localeCompare(a.period_start!))
	.slice(0, 4)
	.map((o) => [o.period_start, String(Number(o.numerator)), String(Number(o.denominator))]);

const SHARED_SQL = `SELECT period_start, numerator, denominator FROM observations
WHERE indicator_id = 'fds_breast_suspected' AND basis = 'commissioner' AND area_code = 'E92000001'
ORDER BY period_start DESC LIMIT 4`;
const link = () => `${base()}/explore?q=${encodeURIComponent(SHARED_SQL)}`;

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const resultRows = (page: Page) =>
	page.$$eval('[data-testid="sql-result"] tbody tr', (rows) =>
		rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''))
	);

describe('a shared link answered by the server', () => {
	it('has its rows on the page before the engine is requested, then runs an edited query in the browser', async () => {
		expect(englandFds).toHaveLength(4);
		const page = await browser.newPage();
		const engine: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route(/duckdb-.*\.(wasm|js)(\?|$)/, async (route) => {
			engine.push(route.request().url());
			await held;
			await route.continue();
		});
		await page.goto(link(), { waitUntil: 'domcontentloaded' });
		// The rows are in the HTML: they are there at once, whatever the engine is doing.
		await expect(resultRows(page)).resolves.toEqual(englandFds);
		await expect(page.textContent('[data-testid="sql-status"]')).resolves.toMatch(
			/^4 rows, answered by the server in \d+\.\d\d s\./
		);
		await page.waitForFunction(() => document.querySelector('#sql') !== null);
		// Now let the engine through: the server's rows stay as they were while it loads.
		release();
		await page.waitForFunction(
			() => /Ready: 6 tables loaded/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? ''),
			undefined,
			{ timeout: 45_000 }
		);
		expect(engine.some((url) => url.endsWith('.wasm'))).toBe(true); // it was held back, so the rows did not need it
		await expect(resultRows(page)).resolves.toEqual(englandFds);
		await page.locator('#sql').fill(SHARED_SQL.replace('LIMIT 4', 'LIMIT 2'));
		await page.getByRole('button', { name: 'Run query' }).click();
		await page.waitForFunction(() => document.querySelectorAll('[data-testid="sql-result"] tbody tr').length === 2);
		await expect(resultRows(page)).resolves.toEqual(englandFds.slice(0, 2));
		await expect(page.textContent('[data-testid="sql-status"]')).resolves.toMatch(/^2 rows in \d+\.\d\d s\./);
		await page.close();
	});

	it('shows the same rows without JavaScript, and answers a query typed into the form', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(link());
		await expect(resultRows(page)).resolves.toEqual(englandFds);
		await expect(page.textContent('main')).resolves.toContain("Without JavaScript, this site's server runs your query");
		await page
			.locator('#sql')
			.fill("SELECT count(*) AS alliances FROM areas WHERE type = 'alliance' AND (variant IS NULL OR variant = '20')");
		await Promise.all([page.waitForURL(/\/explore\?q=/), page.getByRole('button', { name: 'Run query' }).click()]);
		await expect(resultRows(page)).resolves.toEqual([['20']]);
		await context.close();
	});

	it('without JavaScript, refuses a statement that is not a query with a clear message', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${base()}/explore?q=${encodeURIComponent("COPY observations TO '/tmp/out.csv'")}`);
		const alert = page.locator('[role="alert"][data-testid="sql-error"]');
		await expect(alert.textContent()).resolves.toMatch(/Permission Error: Cannot access file "\/tmp\/out.csv"/);
		await page.goto(`${base()}/explore?q=${encodeURIComponent('SET threads = 8')}`);
		await expect(alert.textContent()).resolves.toMatch(
			/^\s*The server did not answer this query\. Its message:\s*The server answers only queries that read the tables \(SELECT, or WITH \.\.\. SELECT\); this is a SET statement\.\s*$/
		);
		await context.close();
	});
});

describe('the browser engine sooner', () => {
	it('starts when "Explore with SQL" is pointed at, and the page reached by the click finds it ready', async () => {
		const page = await browser.newPage();
		const wasm: string[] = [];
		page.on('request', (r) => /duckdb-.*\.wasm/.test(r.url()) && wasm.push(r.url()));
		await page.goto(base() + '/national', { waitUntil: 'networkidle' });
		expect(wasm, 'nothing before the pointer comes').toEqual([]);
		await page.hover('header a[href="/explore"]');
		await page.waitForFunction(() => performance.getEntriesByName('sql:table-provenance').length > 0, undefined, {
			timeout: 45_000
		});
		expect(wasm).toHaveLength(1);
		await page.click('header a[href="/explore"]');
		await page.waitForFunction(() =>
			/Ready: 6 tables loaded/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? '')
		);
		expect(wasm, 'the engine was not fetched again').toHaveLength(1);
		await page.close();
	});

	it('serves the engine gzipped, as application/wasm, cached as immutable', async () => {
		const page = await browser.newPage();
		const served = new Promise<Record<string, string>>((resolve) =>
			page.on('response', (r) => /duckdb-eh\..*\.wasm$/.test(r.url()) && resolve(r.allHeaders()))
		);
		await page.goto(base() + '/explore');
		const headers = await served;
		expect(headers['content-type']).toBe('application/wasm');
		expect(headers['content-encoding']).toBe('gzip');
		expect(headers['cache-control']).toBe('public,max-age=31536000,immutable');
		await page.close();
	});
});
