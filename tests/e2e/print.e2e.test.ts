/**
 * The printable area profile (issue 16): the area page printed by Chromium to A4 PDF (page.pdf(), the print
 * stylesheet) and read back with pdftotext (Debian's poppler-utils): two pages, every measure's name, figure and
 * comparison in words, no measure split across pages, and the source, licence, address and "data as of" on each.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser';

const base = () => inject('baseUrl');
let browser: Browser;
let dir: string;

beforeAll(async () => {
	browser = await launch();
	dir = await mkdtemp(path.join(tmpdir(), 'e2e-print-'));
});
afterAll(async () => {
	await browser?.close();
	await rm(dir, { recursive: true, force: true });
});

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the printed area profile', () => {
	it('is two A4 pages with every measure whole, and source, licence, address and data as of on each page', async () => {
		const page = await browser.newPage();
		await page.goto(base() + '/area/E56000011');
		const measures = await page.locator('.panel').evaluateAll((panels) =>
			panels.map((p) => ({
				name: p.querySelector('h3')!.textContent!.trim(),
				verdict: p.querySelector('.verdict')!.textContent!.replace(/\s+/g, ' ').trim()
			}))
		);
		expect(measures.length).toBeGreaterThanOrEqual(7);
		const file = path.join(dir, 'profile.pdf');
		await writeFile(file, await page.pdf({ preferCSSPageSize: true }));
		await page.close();

		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		expect(info).toMatch(/^Pages:\s+2$/m);
		expect(info).toMatch(/^Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)$/m);
		const pages = [1, 2].map((n) =>
			execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' })
		);
		const all = words(pages.join(' '));
		for (const m of measures) {
			expect(all, m.name).toContain(m.name);
			// The figure and its comparison in words (black-and-white safe: never colour alone).
			expect(all, m.name).toContain(m.verdict.replace(/ provisional$/, ''));
		}
		// Kent and Medway, NHS England CWT September 2025: 82.2% told within 28 days, worse than England.
		expect(all).toContain('82.2% · Worse than England');
		for (const [i, text] of pages.entries()) {
			const t = words(text);
			expect(t, `page ${i + 1}`).toContain('Kent and Medway: breast cancer care against England.');
			expect(t, `page ${i + 1}`).toMatch(/https?:\/\/[^ ]+\/area\/E56000011/);
			expect(t, `page ${i + 1}`).toContain('Open Government Licence v3.0');
			expect(t, `page ${i + 1}`).toMatch(
				/Data as of: Cancer Waiting Times \(CWT-CRS\), monthly official statistics: September 2025;/
			);
			expect(t, `page ${i + 1}`).toContain(`Page ${i + 1} of 2`);
			// A measure's panel is whole on its page: as many measure headings as panel source lines (its last line).
			const headings = measures.filter((m) => t.includes(m.name)).length;
			const sources = (text.match(/^Source: /gm) ?? []).length;
			expect(sources, `page ${i + 1}`).toBe(headings);
			expect(headings, `page ${i + 1}`).toBeGreaterThan(0);
		}
		// The email form and the long tables are not printed.
		expect(all).not.toContain('Ask your MP to write to');
		expect(all).not.toContain('Hospital trusts in Kent and Medway');
	});
});
