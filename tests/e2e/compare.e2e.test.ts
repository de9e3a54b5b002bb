/**
 * The analysts' compare page in Chromium on the built app: the funnel plot draws every alliance with its limits,
 * options live in the URL, the table twin and the charts agree, a chosen area gets its trend, and every chart and the
 * table download with their provenance.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { axe, expectAccessible, launch, openHydrated } from './browser';

let browser: Browser;
const base = () => inject('baseUrl');
const observations = Papa.parse<Record<string, string>>(
	readFileSync('static/data/csv/observations.csv', 'utf8').trim(),
	{ header: true }
).data;
const areas = new Map(
	Papa.parse<Record<string, string>>(readFileSync('static/data/csv/areas.csv', 'utf8').trim(), {
		header: true
	}).data.map((a) => [a.code!, a])
);

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function open(path: string, width = 1280): Promise<Page> {
	const page = await browser.newPage({ viewport: { width, height: 900 } });
	await openHydrated(page, base() + path);
	await page.waitForSelector('[data-testid="caterpillar-chart"] svg');
	return page;
}

const dotCodes = (page: Page, chart: string) =>
	page.$$eval(`[data-testid="${chart}"] [data-code]`, (els) => els.map((e) => e.getAttribute('data-code')!));

describe('compare page', () => {
	it('draws every alliance on the funnel with its 95% and 99.8% limits, matching the table twin', async () => {
		const page = await open('/compare');
		const alliances = [...areas.values()]
			.filter((a) => a.type === 'alliance' && a.variant !== '21')
			.map((a) => a.code!)
			.sort();
		expect((await dotCodes(page, 'funnel-plot')).sort()).toEqual(alliances);
		expect((await dotCodes(page, 'caterpillar-chart')).sort()).toEqual(alliances);
		for (const limit of ['upper95', 'lower95', 'upper998', 'lower998']) {
			const d = await page.getAttribute(`[data-testid="funnel-plot"] path[data-limit="${limit}"]`, 'd');
			expect(d, limit).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){10,}$/);
		}
		// The table lists the same areas, best first, with the published counts: Kent and Medway, FDS, September 2025.
		const rows = await page.$$eval('[data-testid="compare-table"] tbody tr[data-code]', (trs) =>
			trs.map((tr) => [tr.getAttribute('data-code')!, tr.textContent!])
		);
		expect(rows.map(([c]) => c).sort()).toEqual(alliances);
		const kent = observations.find(
			(o) =>
				o.indicator_id === 'fds_breast_suspected' &&
				o.basis === 'commissioner' &&
				o.period_start === '2025-09-01' &&
				o.area_code === 'E56000011'
		)!;
		const kentRow = rows.find(([c]) => c === 'E56000011')![1];
		expect(kentRow).toContain(
			`${Number(kent.numerator).toLocaleString('en-GB')} of ${Number(kent.denominator).toLocaleString('en-GB')}`
		);
		expect(kentRow).toMatch(/\d+ \(\d+ to \d+\)/); // a rank with its interval
		await expect(page.textContent('[data-testid="gap-headline"]')).resolves.toMatch(
			/about\s+[\d,]+ more patients? would have been told whether they had cancer within 28 days\s+\(95% interval [\d,]+ to [\d,]+\)/
		);
		await page.close();
	});

	it('keeps its options in the URL: over-dispersed limits flag no more areas, and a shared link reproduces the view', async () => {
		const page = await open('/compare?i=cwt62_breast');
		const flagged = async () =>
			(
				await page.$$eval('[data-testid="funnel-plot"] [data-zone]', (els) =>
					els.map((e) => e.getAttribute('data-zone'))
				)
			).filter((z) => z !== 'inside').length;
		const plain = await flagged();
		await page.getByLabel('allowing for over-dispersion').check();
		await page.waitForURL(/lim=od/);
		await page.waitForFunction(() => document.querySelector('[data-testid="funnel-plot"]') !== null);
		expect(page.url()).toMatch(/\/compare\?i=cwt62_breast&lim=od$/);
		expect(await flagged()).toBeLessThanOrEqual(plain);
		await expect(page.textContent('#funnel-heading + p')).resolves.toContain('over-dispersion (Spiegelhalter 2005)');

		const shared = await open(new URL(page.url()).pathname + new URL(page.url()).search);
		await expect(shared.isChecked('input[name="lim"][value="od"]')).resolves.toBe(true);
		await expect(shared.inputValue('#c-indicator')).resolves.toBe('cwt62_breast');
		await shared.close();
		await page.close();
	});

	it('highlights a chosen area on both charts and shows its trend beside England, by keyboard', async () => {
		const page = await open('/compare');
		const link = page.locator('[data-testid="compare-table"] tbody tr[data-code="E56000011"] a');
		await link.focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/a=E56000011/);
		await page.waitForSelector('[data-testid="funnel-plot"] .selected[data-code="E56000011"]');
		await expect(page.textContent('#trend-heading')).resolves.toBe('Trend: Kent and Medway');
		await expect(page.textContent('[data-testid="trend-phrase"]')).resolves.toMatch(
			/Kent and Medway: (no clear trend|improving significantly|worsening significantly) over the last 12 months/
		);
		await expect(page.textContent('[data-testid="gap-headline"]')).resolves.toContain('Kent and Medway');
		await page.close();
	});

	it('compares NHS trusts on the provider basis, and Sub-ICB death rates without a funnel', async () => {
		const page = await open('/compare?b=provider&l=trust');
		const trusts = new Set(
			observations
				.filter(
					(o) =>
						o.indicator_id === 'fds_breast_suspected' &&
						o.basis === 'provider' &&
						o.period_start === '2025-09-01' &&
						areas.get(o.area_code!)?.type === 'trust' &&
						o.value !== ''
				)
				.map((o) => o.area_code)
		);
		expect(new Set(await dotCodes(page, 'caterpillar-chart'))).toEqual(trusts);
		await page.close();

		const rates = await open('/compare?i=mortality_breast_asr');
		await expect(rates.locator('[data-testid="funnel-plot"]').count()).resolves.toBe(0);
		await expect(rates.textContent('#funnel-heading + p')).resolves.toContain('is a rate');
		expect((await dotCodes(rates, 'caterpillar-chart')).length).toBeGreaterThan(90);
		await rates.close();
	});

	it('downloads exactly what is shown (CSV) and each chart (SVG, PNG) with source, period and licence', async () => {
		const page = await open('/compare');
		const save = async (label: string) => {
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: label }).click()
			]);
			return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
		};
		const csv = await save('Table (CSV)');
		expect(csv.name).toBe('fds_breast_suspected-commissioner-2025-09-alliance.csv');
		const lines = csv.bytes
			.toString('utf8')
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/);
		expect(lines[0]).toMatch(
			/^area_code,area,level,value,.*,rank,rank_lower95,rank_upper95,gap_target,gap_patients,gap_lower95,gap_upper95,release,source,period,licence,attribution$/
		);
		expect(lines).toHaveLength(1 + 1 + 20); // header, England, 20 alliances
		// Each row says which release it comes from (September 2025's commissioner workbook is NHS England's final one).
		expect(lines.find((l) => l.startsWith('E56000011,'))).toMatch(
			/,final,.*Cancer Waiting Times.*,September 2025; where patients live \(commissioner basis\),Open Government Licence v3\.0/
		);
		for (const label of ['Funnel plot (SVG)', 'Interval chart (SVG)', 'Trend chart (SVG)']) {
			const svg = (await save(label)).bytes.toString('utf8');
			expect(svg, label).toMatch(/^<\?xml/);
			expect(svg, label).toContain('Source: Cancer Waiting Times');
			expect(svg, label).toContain('Licence: Open Government Licence v3.0');
			expect(svg, label).not.toContain('class=');
		}
		const png = await save('Funnel plot (PNG)');
		expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		await page.close();
	});

	it("loads an analyst's own CSV into DuckDB in the browser and draws it beside the published figures", async () => {
		// The analyst's file: NDRS's published staging-completeness counts for the 20 alliances in 2022, laid out as
		// the COSD-style layout, so the figures the page draws must equal the published ones.
		const published = observations.filter(
			(o) =>
				o.indicator_id === 'stage_completeness_breast' &&
				o.period_start === '2022-01-01' &&
				areas.get(o.area_code!)?.type === 'alliance' &&
				areas.get(o.area_code!)?.variant !== '21'
		);
		expect(published).toHaveLength(20);
		const dir = mkdtempSync(path.join(tmpdir(), 'own-data-'));
		const file = path.join(dir, 'stage-completeness-2022.csv');
		writeFileSync(
			file,
			[
				'area_code,period,item,records,records_complete',
				...published.map((o) => `${o.area_code},2022,stage_at_diagnosis,${o.denominator},${o.numerator}`)
			].join('\n') + '\n'
		);

		const page = await open('/compare?i=stage_completeness_breast');
		const requests: string[] = [];
		page.on('request', (r) => requests.push(r.url()));
		await page.setInputFiles('#own-data-file', file);
		await page.waitForSelector('[data-testid="own-table"]', { timeout: 30_000 });
		await expect(page.textContent('[data-testid="own-status"]')).resolves.toMatch(
			/20 of your figures are in DuckDB as the table own_observations/
		);
		expect(
			requests.some((u) => /duckdb.*\.wasm/.test(u)),
			'DuckDB-WASM loads once a file is given'
		).toBe(true);
		expect(
			requests.every((u) => u.startsWith(base())),
			'nothing leaves the origin'
		).toBe(true);

		const ownCodes = (chart: string) =>
			page.$$eval(`[data-testid="${chart}"] [data-own="yes"]`, (els) =>
				els.map((e) => e.getAttribute('data-code')!).sort()
			);
		const codes = published.map((o) => o.area_code!).sort();
		expect(await ownCodes('funnel-plot')).toEqual(codes);
		expect(await ownCodes('caterpillar-chart')).toEqual(codes);
		const kent = published.find((o) => o.area_code === 'E56000011')!;
		const row = await page.textContent('[data-testid="own-table"] tr[data-code="E56000011"]');
		expect(row).toContain(`${Number(kent.value).toFixed(1)}%`);
		expect(row).toContain(`${Number(kent.lower95).toFixed(1)}% to ${Number(kent.upper95).toFixed(1)}%`);
		await expect(page.textContent('[data-testid="own-table"] caption')).resolves.toContain(
			'stage-completeness-2022.csv; not published'
		);
		expect(await axe(page), 'axe with your data drawn').toEqual([]);

		// A file with a mistake: the row and column are named, and the charts keep the published figures.
		const bad = path.join(dir, 'bad.csv');
		writeFileSync(
			bad,
			`area_code,period,item,records,records_complete\n${published[0]!.area_code},2022,stage_at_diagnosis,many,3\n`
		);
		await page.setInputFiles('#own-data-file', bad);
		await page.waitForSelector('[data-testid="own-data"] [role="alert"]');
		await expect(page.textContent('[data-testid="own-data"] [role="alert"]')).resolves.toMatch(
			/bad\.csv, row 2, column "records"/
		);
		await page.close();
	});

	it('has no axe-core violations and no sideways scrolling, at phone and desktop widths', async () => {
		await expectAccessible(browser, base(), [
			'/compare',
			'/compare?b=provider&l=trust&lim=od&a=RJ1',
			'/compare?i=stage12_breast&l=icb&t=quartile'
		]);
	});
});
