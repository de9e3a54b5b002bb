/**
 * The whole supporter journey in Chromium with the server sending through a real SMTP server started by the test
 * setup: postcode -> details -> story -> preview -> send -> confirmation link -> the MP's inbox. The supporter's
 * address is at example.org (reserved for documentation); the MP and the figures are the real published ones.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axe, launch } from './browser';
import { waitForMail } from './server';

const KENT = 'E56000011';
const SUPPORTER = 'sam.smtp-journey@example.org';
// ME1 1AA: Rochester and Strood (E14001447), in Kent and Medway (see mp-panel.e2e.test.ts).
const mp = Papa.parse<Record<string, string>>(readFileSync('static/data/csv/mps.csv', 'utf8').trim(), {
	header: true
}).data.find((r) => r.constituency_code === 'E14001447')!;
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe('email your MP, sent for real', () => {
	it('reaches the MP with the right To, Reply-To, subject and the area’s figures, after the supporter confirms', async () => {
		const base = inject('smtpBaseUrl');
		const maildir = inject('maildir');
		const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
		// Arriving from the home page's postcode search: the postcode is not asked again.
		await page.goto(`${base}/area/${KENT}?postcode=ME1%201AA`);
		await page.waitForSelector('[data-testid="mp-lookup-result"]');
		await expect(page.textContent('[data-testid="mp-name"]')).resolves.toContain(mp.name);
		await page.getByRole('button', { name: 'Continue' }).click();

		await page.fill('#mp-name', 'Sam Taylor');
		await page.fill('#mp-email', SUPPORTER);
		await page.fill('#mp-address', '14 Castle View');
		await page.getByRole('button', { name: 'Continue' }).click();

		const story = 'My mother waited too long to be told her results, and I want that to change for the next family.';
		await page.fill('#mp-story', story);
		await page.getByRole('button', { name: 'Continue' }).click();

		await page.waitForSelector('#mp-subject');
		const subject = await page.inputValue('#mp-subject');
		const body = await page.inputValue('#mp-body');
		// Kent and Medway's 62-day figure, far below its 85% standard, is among the figures the letter quotes.
		expect(body).toContain('62.0% (98 of 158)');
		await expect(page.isChecked('#mp-consent')).resolves.toBe(false);
		await page.getByRole('button', { name: 'Continue' }).click();

		await expect(page.textContent('[data-testid="mp-mode"]')).resolves.toMatch(/by this site/);
		expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: 'Send my email' }).click();
		await page.waitForFunction(() =>
			/inbox|confirm/i.test(document.querySelector('[data-testid="mp-panel"]')?.textContent ?? '')
		);

		// 1. The confirmation, to the supporter only, with a single-use link.
		const confirmation = await waitForMail(
			maildir,
			(m) => m.to.some((t) => t.address === SUPPORTER) && /\/confirm\//.test(m.text)
		);
		expect(confirmation.envelope.to).toEqual([SUPPORTER]);
		const link = /(https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+)/.exec(confirmation.text)![1]!;

		// 2. Confirming sends it to the MP, from the campaign, with the supporter for replies and in copy.
		await page.goto(link);
		await page.getByRole('button', { name: 'Send my email' }).click();
		await page.waitForFunction((name) => document.body.textContent?.includes(name), mp.name!);
		const sent = await waitForMail(maildir, (m) => m.to.some((t) => t.address === mp.email));
		expect(sent.to.map((t) => t.address)).toEqual([mp.email]);
		expect(sent.replyTo.map((t) => t.address)).toEqual([SUPPORTER]);
		expect(sent.cc.map((t) => t.address)).toEqual([SUPPORTER]);
		expect(sent.subject).toBe(subject);
		expect(sent.text.trim()).toBe(body.trim());
		expect(sent.text).toContain('That is significantly worse than England.');
		expect(sent.text).toContain(story);
		await page.close();
	});
});
