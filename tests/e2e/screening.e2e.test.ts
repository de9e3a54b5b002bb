/**
 * Breast screening coverage in the built app: the measure recolours the map from its own series, and an alliance page
 * shows how its GP practices differ, with England and both thresholds marked, a table twin and no axe violations.
 * Expected values come from the committed exports (which the golden tests check against the raw files).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { axe, expectAccessible, launch, openHydrated } from './browser';
import { COMPARISON_COLOURS } from '../../src/lib/map/colours';
import type { Series } from '../../src/lib/data/series';

const base = () => inject('baseUrl');
const ID = 'screening_breast_coverage';
const series = JSON.parse(readFileSync(`static/data/series/${ID}.commissioner.json`, 'utf8')) as Series;
const csv = (name: string) =>
	Papa.parse<Record<string, string | undefined>>(readFileSync(`static/data/csv/${name}.csv`, 'utf8').trim(), {
		header: true
	}).data;
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function fills(page: Page): Promise<Record<string, string>> {
	return page.$$eval('[data-testid="alliance-map"] svg.main path[data-code]', (paths) =>
		Object.fromEntries(paths.map((p) => [p.getAttribute('data-code')!, p.getAttribute('fill')!]))
	);
}

describe('breast screening coverage', () => {
	it("is in the map picker, and choosing it recolours the map by each alliance's comparison with England", async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await openHydrated(page, base() + '/');
		await page.waitForSelector('[data-testid="alliance-map"] svg.main path[data-code]');
		const before = await fills(page);
		await page.selectOption('#indicator', ID);
		await page.waitForURL(/i=screening_breast_coverage/);
		await expect(page.textContent('#map-heading')).resolves.toContain(
			'Breast screening coverage: women aged 53 to 70, 2023/24'
		);
		const after = await fills(page);
		const expected = Object.fromEntries(
			Object.keys(after).map((code) => {
				const cell = series.cells[0]![series.areas.indexOf(code)]!;
				return [code, COMPARISON_COLOURS[cell[5] as 'better' | 'worse' | 'similar']];
			})
		);
		expect(after).toEqual(expected);
		expect(after).not.toEqual(before);
		// Words beside the colours, and the estimate said on screen.
		// innerText, as a reader sees it: source line breaks inside a sentence are spaces.
		const text = await page.innerText('main');
		expect(text).toMatch(/Better than England \(\d+\)/);
		expect(text).toContain('acceptable level 70%, achievable 80%');
		expect(text).toContain(
			"Estimated: practice percentages weighted by each practice's registered women aged 53 to 70 (April 2026 list sizes)"
		);
		await page.close();
	});

	it('keeps practice-level data off the home page', async () => {
		const html = await (await fetch(base() + '/?i=' + ID)).text();
		const practice = csv('areas').find((a) => a.type === 'gp_practice')!;
		expect(html).not.toContain(practice.code!);
		expect(html).not.toContain(practice.name!);
	});

	it("shows an alliance's practices: the spread in words, a dot per practice, the lowest ones by name, and every practice in a table", async () => {
		// Kent and Medway: Sub-ICB 91Q, whose practices are the gp_practice areas with that parent.
		const sub = csv('areas').find((a) => a.type === 'sub_icb' && a.name!.endsWith(' - 91Q'))!;
		const practices = csv('areas').filter((a) => a.type === 'gp_practice' && a.parent_code === sub.code);
		const values = new Map(
			csv('observations')
				.filter((o) => o.indicator_id === ID && o.value !== '')
				.map((o) => [o.area_code!, Number(o.value)])
		);
		const valued = practices
			.filter((p) => values.has(p.code!))
			.map((p) => ({ code: p.code!, name: p.name!, value: values.get(p.code!)! }))
			.sort((a, b) => a.value - b.value);
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await openHydrated(page, base() + '/area/E56000011');
		const spread = await page.textContent('[data-testid="practice-spread"]');
		expect(spread).toContain(
			`Coverage ranges from ${valued[0]!.value.toFixed(1)}% to ${valued.at(-1)!.value.toFixed(1)}% between the ${valued.length} practices in Kent and Medway`
		);
		await expect(page.locator('[data-testid="practices"] svg circle').count()).resolves.toBe(valued.length);
		const lowest = await page.locator('[data-testid="lowest-practices"] li').allTextContents();
		expect(lowest).toHaveLength(10);
		expect(lowest[0]).toContain(valued[0]!.name.trim());
		expect(lowest[0]).toContain(`${valued[0]!.value.toFixed(1)}%`);
		await expect(page.locator('[data-testid="practice-table"] tbody tr').count()).resolves.toBe(practices.length);
		const section = await page.textContent('[data-testid="practices"]');
		expect(section).toContain('England 70.3%');
		expect(section).toContain('acceptable level 70%');
		expect(section).toContain('achievable level 80%');
		expect(section).toContain('April 2026 GP list sizes');
		expect(section).toMatch(/For England the estimate is 70\.3%\./);
		// No England figure that no input file holds is quoted (it used to be typed in).
		expect(section).not.toMatch(/published 69\.9/);
		expect(section).toMatch(/Source: Fingertips indicator 94063.*2023\/24.*Open Government Licence v3\.0/s);
		// The full table is folded away; opened, it is as accessible as the rest.
		await page.click('[data-testid="practices"] summary');
		await expect(page.locator('[data-testid="practice-table"]').isVisible()).resolves.toBe(true);
		expect(await axe(page)).toEqual([]);
		await page.close();
	});

	it("says where a split Sub-ICB's practices are counted (Swindon, in Thames Valley)", async () => {
		const page = await browser.newPage();
		await openHydrated(page, base() + '/area/E56000034');
		await expect(page.textContent('[data-testid="practices"]')).resolves.toMatch(
			/Bath and North East Somerset, Swindon and Wiltshire.*lies partly in Thames Valley.*count in Somerset, Wiltshire, Avon and Gloucestershire/s
		);
		await page.close();
	});

	it('has no axe-core violations and no sideways scrolling on an area page with its practices, at 320 and 1280 px', async () => {
		await expectAccessible(browser, base(), ['/area/E56000011', '/?i=' + ID]);
	});
});
