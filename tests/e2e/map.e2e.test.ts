/** The home page map, as supporters and campaigners use it, in Debian's Chromium. Expected values come from the exports. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { expectAccessible, launch, openHydrated } from './browser';
import { COMPARISON_COLOURS, COMPARISON_WORDS } from '../../src/lib/map/colours';
import type { Series } from '../../src/lib/data/series';

const base = () => inject('baseUrl');
const series = (id: string, basis: string) =>
	JSON.parse(readFileSync(`static/data/series/${id}.${basis}.json`, 'utf8')) as Series;
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function open(path: string, width = 1280): Promise<Page> {
	const page = await browser.newPage({ viewport: { width, height: 900 } });
	await openHydrated(page, base() + path);
	await page.waitForSelector('[data-testid="alliance-map"] svg.main path[data-code]');
	return page;
}

/** code -> fill of the main map's shapes. */
async function fills(page: Page): Promise<Record<string, string>> {
	return page.$$eval('[data-testid="alliance-map"] svg.main path[data-code]', (paths) =>
		Object.fromEntries(paths.map((p) => [p.getAttribute('data-code')!, p.getAttribute('fill')!]))
	);
}

/** The fill each alliance should have for the latest period of a series, coloured by comparison. */
function expectedFills(s: Series, codes: string[]): Record<string, string> {
	const last = s.cells.length - 1;
	return Object.fromEntries(
		codes.map((code) => {
			const cell = s.cells[last]![s.areas.indexOf(code)];
			const c = cell?.[5];
			return [
				code,
				cell && cell[0] !== null && !cell[6] && c && c !== 'not compared'
					? COMPARISON_COLOURS[c]
					: 'url(#hatch-missing)'
			];
		})
	);
}

describe('the map', () => {
	it('draws every alliance in the server-rendered HTML: 20, or 21 with East of England split', async () => {
		const html = await (await fetch(base())).text();
		expect(html.match(/<path[^>]*data-code="E56/g)?.length).toBe(20 + 4); // 20 on the map, 4 in the London inset
		const page = await open('/');
		expect(Object.keys(await fills(page))).toHaveLength(20);
		await openHydrated(page, base() + '/?v=21');
		await page.waitForSelector('path[data-code="E56000022"]');
		const codes = Object.keys(await fills(page));
		expect(codes).toHaveLength(21);
		expect(codes).toContain('E56000023');
		expect(codes).not.toContain('E56000035');
		await page.close();
	});

	it('colours each alliance by its comparison with England, and recolours when another measure is chosen', async () => {
		const page = await open('/');
		const before = await fills(page);
		const codes = Object.keys(before);
		expect(before).toEqual(expectedFills(series('fds_breast_suspected', 'commissioner'), codes));
		await page.selectOption('#indicator', 'stage12_breast');
		await page.waitForURL(/i=stage12_breast/);
		await page.waitForFunction(() => document.querySelector('#map-heading')?.textContent?.includes('2022'));
		const after = await fills(page);
		expect(after).toEqual(expectedFills(series('stage12_breast', 'registry'), codes));
		expect(after).not.toEqual(before);
		await page.close();
	});

	it('paints the map before any JavaScript, then still changes measure, period and variant; without JavaScript the URL does', async () => {
		// The first load: no preload of the app (link header or tags), and no script requested before the first paint.
		const response = await fetch(base() + '/');
		expect(response.headers.get('link') ?? '').not.toContain('modulepreload');
		expect(await response.text()).not.toContain('rel="modulepreload"');
		// Hold on to the server-rendered map's nodes as they are parsed, to check that hydration keeps them.
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await page.addInitScript(`{
			const observer = new MutationObserver(() => {
				const svg = document.querySelector('[data-testid="alliance-map"] svg.main');
				if (svg && svg.querySelector('path[data-code="E56000034"]')) {
					window.__serverMap = { svg, path: svg.querySelector('path[data-code="E56000034"]') };
					observer.disconnect();
				}
			});
			observer.observe(document, { childList: true, subtree: true });
		}`);
		await openHydrated(page, base() + '/');
		const kept = await page.evaluate(() => {
			const first = (window as unknown as { __serverMap?: { svg: Element; path: Element } }).__serverMap;
			const svg = document.querySelector('[data-testid="alliance-map"] svg.main');
			return !!first && first.svg === svg && first.path === svg?.querySelector('path[data-code="E56000034"]');
		});
		expect(kept, 'hydration re-drew the map instead of keeping the server-rendered one').toBe(true);
		const timing = await page.evaluate(() => ({
			firstPaint: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
			scripts: performance
				.getEntriesByType('resource')
				.filter((r) => (r as PerformanceResourceTiming).initiatorType === 'script')
				.map((r) => r.startTime)
		}));
		expect(timing.scripts.length).toBeGreaterThan(0);
		for (const start of timing.scripts) expect(start).toBeGreaterThanOrEqual(timing.firstPaint);

		// The page carries one period's figures; another measure, period or variant loads when chosen.
		await page.selectOption('#indicator', 'cwt62_breast');
		await page.waitForURL(/i=cwt62_breast/);
		await page.selectOption('#period', '2024-03');
		await page.waitForURL(/p=2024-03/);
		await page.waitForFunction(() => document.querySelector('#map-heading')?.textContent?.includes('March 2024'));
		const s = series('cwt62_breast', 'commissioner');
		const march = s.periods.findIndex((p) => p.start === '2024-03-01');
		const codes = Object.keys(await fills(page));
		expect(await fills(page)).toEqual(expectedFills({ ...s, cells: s.cells.slice(0, march + 1) }, codes));
		await page.check('input[name="v"][value="21"]');
		await page.waitForSelector('[data-testid="alliance-map"] svg.main path[data-code="E56000022"]');
		expect(Object.keys(await fills(page))).toHaveLength(21);
		await page.close();

		// Without JavaScript the same view comes from its URL alone.
		const context = await browser.newContext({ javaScriptEnabled: false });
		const plain = await context.newPage();
		await plain.goto(base() + '/?i=cwt62_breast&p=2024-03');
		await expect(plain.textContent('#map-heading')).resolves.toContain('March 2024');
		expect(await fills(plain)).toEqual(expectedFills({ ...s, cells: s.cells.slice(0, march + 1) }, codes));
		await context.close();
	});

	it('keeps the table twin in step with the map: the same comparison for every alliance', async () => {
		const page = await open('/?i=cwt31_breast');
		const map = await fills(page);
		const rows = await page.$$eval('[data-testid="area-table"] tbody tr[data-code]', (trs) =>
			trs.map(
				(tr) =>
					[tr.getAttribute('data-code')!, tr.querySelector('[data-testid="comparison"]')!.textContent!.trim()] as const
			)
		);
		expect(rows).toHaveLength(20);
		const colourOf = Object.fromEntries(
			Object.entries(COMPARISON_COLOURS).map(([k, colour]) => [
				COMPARISON_WORDS[k as keyof typeof COMPARISON_WORDS],
				colour
			])
		);
		for (const [code, word] of rows) expect(map[code], code).toBe(colourOf[word] ?? 'url(#hatch-missing)');
		await page.close();
	});

	it('reproduces a shared view exactly from its URL', async () => {
		const page = await open('/?i=cwt62_breast&b=provider&p=2024-03&c=quintile&a=E56000011');
		await expect(page.inputValue('#indicator')).resolves.toBe('cwt62_breast');
		await expect(page.isChecked('input[name="b"][value="provider"]')).resolves.toBe(true);
		await expect(page.inputValue('#period')).resolves.toBe('2024-03');
		await expect(page.isChecked('input[name="c"][value="quintile"]')).resolves.toBe(true);
		await expect(page.textContent('#map-heading')).resolves.toContain('March 2024');
		await expect(page.getAttribute('tr[data-code="E56000011"] button.select', 'aria-pressed')).resolves.toBe('true');
		await expect(page.textContent('.selected-card')).resolves.toContain('Kent and Medway');
		// Invalid values fall back to their defaults, with no error page.
		const response = await page.goto(base() + '/?i=nonsense&p=1900-01&c=rainbow&a=XYZ');
		expect(response?.status()).toBe(200);
		await expect(page.inputValue('#indicator')).resolves.toBe('fds_breast_suspected');
		await page.close();
	});

	it('selects an area with the keyboard alone, at 320 px wide', async () => {
		const page = await open('/', 320);
		let found = false;
		for (let i = 0; i < 120 && !found; i++) {
			await page.keyboard.press('Tab');
			found = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Kent and Medway');
		}
		expect(found).toBe(true);
		await page.keyboard.press('Enter');
		await page.waitForURL(/a=E56000011/);
		await expect(page.textContent('.selected-card')).resolves.toContain('Kent and Medway');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
		expect(overflow).toBe(false);
		await page.close();
	});

	it('takes a postcode to its alliance, with the postcode never in the URL, and explains the ones it cannot place', async () => {
		const page = await open('/', 375);
		await page.fill('#postcode', 'tr1 1aa');
		await page.click('form.finder button[type="submit"]');
		await page.waitForURL(/\/area\/E56000014$/);
		await expect(page.textContent('h1')).resolves.toBe('How Peninsula compares');
		// Handed to the email panel in the page's history state: looked up there, not asked again.
		await page.waitForSelector('[data-testid="mp-lookup-result"]');
		await expect(page.inputValue('#mp-postcode')).resolves.toBe('TR1 1AA');
		expect(page.url()).not.toMatch(/TR1|postcode/i);

		// By its district (Bromley), not by a point in generalised boundaries (which once said West London).
		await openHydrated(page, base() + '/');
		await page.fill('#postcode', 'BR3 3BX');
		await page.press('#postcode', 'Enter');
		await page.waitForURL(/\/area\/E56000010$/);

		// The East of England split view goes to the postcode's half.
		await openHydrated(page, base() + '/?v=21');
		await page.fill('#postcode', 'nr1 1aa');
		await page.press('#postcode', 'Enter');
		await page.waitForURL(/\/area\/E56000022$/);

		await openHydrated(page, base() + '/');
		await page.fill('#postcode', 'EH1 1YZ');
		await page.press('#postcode', 'Enter');
		await expect(page.waitForSelector('#postcode-result .message')).resolves.toBeTruthy();
		await expect(page.textContent('#postcode-result')).resolves.toContain('Scotland');
		await page.fill('#postcode', 'not a postcode');
		await page.press('#postcode', 'Enter');
		await page.waitForFunction(() =>
			document.querySelector('#postcode-result')?.textContent?.includes('not a UK postcode')
		);
		await page.close();
	});

	it('finds a postcode without JavaScript too: the form posts to /postcode, which shows the area and the MP, or explains', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(base() + '/');
		await page.fill('#postcode', 'sw1a2aa');
		await page.click('form.finder button[type="submit"]');
		await page.waitForURL(/\/postcode$/);
		await expect(page.textContent('h1')).resolves.toBe('SW1A 2AA is in West London Cancer Alliance');
		await expect(page.getAttribute('[data-testid="postcode-area"]', 'href')).resolves.toBe('/area/E56000021');
		// The email panel starts looked up: the postcode is not asked twice.
		await expect(page.textContent('[data-testid="mp-constituency"]')).resolves.toBe('Cities of London and Westminster');
		await expect(page.inputValue('#mp-postcode')).resolves.toBe('SW1A 2AA');
		await page.goto(base() + '/postcode?postcode=CF10+1AA');
		await expect(page.textContent('[role="alert"]')).resolves.toContain('Wales');
		// The split view's choice travels with the form.
		await page.goto(base() + '/?v=21');
		await page.fill('#postcode', 'CM1 1AE');
		await page.click('form.finder button[type="submit"]');
		await page.waitForURL(/\/postcode$/);
		await expect(page.getAttribute('[data-testid="postcode-area"]', 'href')).resolves.toBe('/area/E56000023?v=21');
		await page.goto(base() + '/postcode?postcode=BD98+1GA');
		await expect(page.textContent('[role="alert"]')).resolves.toContain(
			"We can't tell which Cancer Alliance covers BD98 1GA"
		);
		await context.close();
	});

	it('downloads the table (CSV) and the map (SVG, PNG), each carrying source, period and licence', async () => {
		const page = await open('/');
		const save = async (label: string) => {
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: label }).click()
			]);
			return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
		};
		const csv = await save('Table (CSV)');
		expect(csv.name).toBe('fds_breast_suspected-commissioner-2025-09.csv');
		const text = csv.bytes.toString('utf8');
		expect(text.split(/\r?\n/)[0]).toMatch(/area_code,area,value,.*,source,period,licence/);
		// NHS England, September 2025, commissioner basis: Kent and Medway 1,596 of 1,942.
		expect(text).toMatch(
			/E56000011,Kent and Medway,82\.18\d*,.*,1596,1942,Worse than England,no,.*Cancer Waiting Times.*,September 2025; where patients live \(commissioner basis\),Open Government Licence v3\.0/
		);
		const svg = await save('Map (SVG)');
		const svgText = svg.bytes.toString('utf8');
		expect(svgText).toMatch(/^<svg|^<\?xml/);
		expect(svgText.match(/data-code="E56/g)?.length).toBe(20);
		expect(svgText).toContain('Source: Cancer Waiting Times');
		expect(svgText).toContain('Open Government Licence v3.0');
		expect(svgText).toContain('Worse than England');
		const png = await save('Map (PNG)');
		expect(png.name).toMatch(/\.png$/);
		expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		await page.close();
	});

	it('shows where emails to MPs have gone, from the action counts, with small counts withheld', async () => {
		const summary = (await (await fetch(base() + '/api/actions/summary')).json()) as {
			alliances: { code: string; count: number | null }[];
		};
		const page = await open('/?c=emails');
		await expect(page.textContent('#map-heading')).resolves.toBe('Where emails to MPs have gone');
		await expect(page.textContent('.legend')).resolves.toContain('Fewer than 10 emails, not shown');
		const cells = await page.$$eval('[data-testid="area-table"] tbody tr[data-code]', (trs) =>
			Object.fromEntries(
				trs.map((tr) => [tr.getAttribute('data-code')!, tr.querySelector('[data-testid="value"]')!.textContent!.trim()])
			)
		);
		expect(Object.keys(cells)).toHaveLength(20);
		for (const a of summary.alliances)
			expect(cells[a.code], a.code).toBe(a.count === null ? 'Fewer than 10' : a.count.toLocaleString('en-GB'));
		await page.close();
	});

	it('has no axe-core violations, default, quintile and emails views, at 320 and 1280 px', async () => {
		await expectAccessible(browser, base(), [
			'/',
			'/?c=quintile&a=E56000028',
			'/?c=emails',
			'/postcode?postcode=EH1+1YZ'
		]);
	});
});
