/**
 * /explore: SQL on the real exports in DuckDB-WASM, in Debian's Chromium. Expected figures are read here from
 * static/data/csv/observations.csv; every request the pages make is checked to stay on the app's own origin.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { axe, launch, openHydrated } from './browser';

const base = () => inject('baseUrl');
const observations = Papa.parse<Record<string, string>>(
	readFileSync('static/data/csv/observations.csv', 'utf8').trim(),
	{ header: true }
).data;
/** England's commissioner 62-day figures, newest first, as the ETL exported them. */
const england62 = observations
	.filter((o) => o.indicator_id === 'cwt62_breast' && o.basis === 'commissioner' && o.area_code === 'E92000001')
	.sort((a, b) => b.period_start!.localeCompare(a.period_start!));

const ENGLAND_62_SQL = `SELECT period_start, numerator, denominator, value FROM observations
WHERE indicator_id = 'cwt62_breast' AND basis = 'commissioner' AND area_code = 'E92000001'
ORDER BY period_start DESC LIMIT 3`;

let browser: Browser;
/** Requests to anywhere but the app's own origin, from every page opened by `open`. */
const offOrigin: string[] = [];

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function open(path: string, width = 1280): Promise<Page> {
	const page = await browser.newPage({ viewport: { width, height: 900 } });
	page.on('request', (request) => {
		const url = request.url();
		if (!url.startsWith(base() + '/') && !url.startsWith('blob:') && !url.startsWith('data:')) offOrigin.push(url);
	});
	await openHydrated(page, base() + path);
	return page;
}

const resultRows = (page: Page) =>
	page.$$eval('[data-testid="sql-result"] tbody tr', (rows) =>
		rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''))
	);

const waitForAnswer = (page: Page) =>
	page.waitForSelector('[data-testid="sql-result"] tbody tr, [data-testid="sql-error"]', { timeout: 45_000 });

describe('SQL in the browser', () => {
	it('answers a query typed and run from the keyboard with the real figures, and keeps it in the address', async () => {
		const page = await open('/explore');
		await page.locator('#sql').fill(ENGLAND_62_SQL);
		await page.locator('#sql').press('Control+Enter');
		await waitForAnswer(page);
		const rows = await resultRows(page);
		expect(rows).toEqual(
			england62
				.slice(0, 3)
				.map((o) => [
					o.period_start,
					String(Number(o.numerator)),
					String(Number(o.denominator)),
					String(Number(o.value))
				])
		);
		// NHS England's September 2025 England figure: 3,129 of 4,602.
		expect(rows[0]!.slice(0, 3)).toEqual(['2025-09-01', '3129', '4602']);
		expect(new URL(page.url()).searchParams.get('q')).toBe(ENGLAND_62_SQL);
		await expect(page.textContent('[data-testid="sql-status"]')).resolves.toMatch(/^3 rows/);
		await expect(page.locator('[data-testid="sql-result"] th[scope="col"]').count()).resolves.toBe(4);
		await page.close();
	});

	it('runs the query a shared ?q= link carries, on load', async () => {
		const sql = "SELECT name FROM areas WHERE type = 'alliance' AND (variant IS NULL OR variant = '20') ORDER BY name";
		const page = await open(`/explore?q=${encodeURIComponent(sql)}`);
		await waitForAnswer(page);
		await expect(page.inputValue('#sql')).resolves.toBe(sql);
		const names = (await resultRows(page)).map((r) => r[0]);
		expect(names).toHaveLength(20);
		expect(names).toContain('Kent and Medway');
		expect(names).not.toContain('East of England - North');
		await page.close();
	});

	it("shows DuckDB's own error in an alert, and the page keeps working", async () => {
		const page = await open(`/explore?q=${encodeURIComponent('SELECT * FROM no_such_table')}`);
		await waitForAnswer(page);
		const alert = page.locator('[role="alert"][data-testid="sql-error"]');
		await expect(alert.textContent()).resolves.toMatch(/Catalog Error: Table with name no_such_table does not exist/);
		await page.locator('#sql').fill('SELEC 1');
		await page.getByRole('button', { name: 'Run query' }).click();
		await page.waitForFunction(() =>
			document.querySelector('[data-testid="sql-error"]')?.textContent?.includes('Parser Error')
		);
		await expect(alert.textContent()).resolves.toMatch(/Parser Error: syntax error at or near "SELEC"/);
		await page.locator('#sql').fill('SELECT 42 AS answer');
		await page.getByRole('button', { name: 'Run query' }).click();
		await page.waitForSelector('[data-testid="sql-result"] tbody tr');
		await expect(resultRows(page)).resolves.toEqual([['42']]);
		await expect(alert.count()).resolves.toBe(0);
		await page.close();
	});

	it('runs an example, and downloads the whole result as CSV with source, period and licence', async () => {
		const page = await open('/explore');
		await page.locator('[data-example="staging-trend"]').click();
		await page.waitForSelector('[data-testid="sql-result"] tbody tr');
		const rows = await resultRows(page);
		expect(rows.map((r) => r[0])).toEqual([
			'2013',
			'2014',
			'2015',
			'2016',
			'2017',
			'2018',
			'2019',
			'2020',
			'2021',
			'2022'
		]);
		expect(rows.at(-1)![3]).toBe('80.5'); // NDRS: England breast staging completeness 2022
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: /Download all 10 rows/ }).click()
		]);
		expect(download.suggestedFilename()).toBe('sql-query-result.csv');
		const lines = readFileSync((await download.path())!, 'utf8')
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r\n/);
		expect(lines[0]).toBe(
			'year,staged,diagnosed,percent,lower95,upper95,period_start,period_end,source,period,licence,attribution'
		);
		expect(lines).toHaveLength(11);
		expect(lines[10]).toMatch(
			/^2022,.*,80\.5,.*SQL query on observations: .*NDRS stage at diagnosis.*,dates in this result run from 2013-01-01 to 2022-12-31,Open Government Licence v3\.0,/
		);
		await page.close();
	});

	it('has no axe-core violations and no sideways scrolling at 320 and 1280 px, with a result and with an error', async () => {
		for (const width of [320, 1280]) {
			for (const sql of ['SELECT * FROM observations LIMIT 50', 'SELECT * FROM nowhere']) {
				const page = await open(`/explore?q=${encodeURIComponent(sql)}`, width);
				await waitForAnswer(page);
				expect(await axe(page), `${sql} at ${width}px`).toEqual([]);
				expect(
					await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
					`sideways scrolling at ${width}px`
				).toBe(false);
				await page.close();
			}
		}
	});

	it('without JavaScript, says the server runs the query and links every table as CSV', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(base() + '/explore');
		await expect(page.textContent('main')).resolves.toContain("Without JavaScript, this site's server runs your query");
		const links = await page.$$eval('a[href^="/data/csv/"]', (as) => as.map((a) => a.getAttribute('href')));
		expect(links.sort()).toEqual(
			['areas', 'area_lookups', 'indicators', 'mps', 'observations', 'provenance']
				.map((t) => `/data/csv/${t}.csv`)
				.sort()
		);
		const csv = await fetch(base() + '/data/csv/indicators.csv');
		expect(csv.status).toBe(200);
		await context.close();
	});

	it('DuckDB-WASM loads on /explore only, never on the other pages', async () => {
		for (const path of ['/', '/area/E56000011', '/national']) {
			const page = await open(path);
			const duckdb: string[] = [];
			page.on('request', (r) => /duckdb/i.test(r.url()) && duckdb.push(r.url()));
			await page.reload({ waitUntil: 'networkidle' });
			expect(duckdb, path).toEqual([]);
			await page.close();
		}
	});

	it('sent no request off the origin (no CDN, no extension downloads)', () => {
		expect(offOrigin).toEqual([]);
	});
});
