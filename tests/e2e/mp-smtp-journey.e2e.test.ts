/**
 * The whole supporter journey with the server sending through a real SMTP server started by the test setup:
 * postcode -> details -> story -> the email -> send -> confirmation link -> the MP's inbox, with JavaScript on at
 * 1280 px and off at 390 px. The consent box names who will make contact and links the privacy page; a second letter
 * to the same MP is refused kindly; every email links the privacy page. The supporter's address is at example.org
 * (reserved for documentation); the MP and the figures are the real published ones.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessibleNow, hydrated, launch } from './browser';
import { readMails, TEST_OPERATOR, waitForMail } from './server';

const KENT = 'E56000011';
// ME1 1AA: Rochester and Strood (E14001447), in Kent and Medway.
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

const heading = (page: Page) =>
	page.evaluate(() =>
		(document.querySelector('[data-testid="mp-step-heading"]')?.textContent ?? '').replace(/\s+/g, ' ').trim()
	);

/** Postcode to the send step, by clicking, as either kind of browser. */
async function writeLetter(page: Page, supporter: string, story: string, consent: boolean): Promise<string> {
	await page.fill('#mp-postcode', 'ME1 1AA');
	await page.click('button[value="lookup"]');
	await page.waitForSelector('[data-testid="mp-name"]');
	await expect(page.textContent('[data-testid="mp-name"]')).resolves.toContain(mp.name);
	await page.click('button[value="continue"]');
	await page.waitForSelector('#mp-email');
	await page.fill('#mp-name', 'Sam Taylor');
	await page.fill('#mp-email', supporter);
	await page.fill('#mp-address', '14 Castle View');
	await page.click('button[value="continue"]');
	await page.waitForSelector('#mp-story');
	await page.fill('#mp-story', story);
	await page.click('button[value="continue"]');
	await page.waitForSelector('#mp-consent');
	// The consent box: unticked, names who will make contact, and links the privacy page.
	await expect(page.isChecked('#mp-consent')).resolves.toBe(false);
	const label = (await page.textContent('label[for="mp-consent"]'))!.replace(/\s+/g, ' ');
	expect(label).toContain(`${TEST_OPERATOR.name} may email me about this campaign`);
	await expect(page.getAttribute('label[for="mp-consent"] a', 'href')).resolves.toBe('/privacy');
	if (consent) await page.check('#mp-consent');
	const body = await page.inputValue('#mp-body');
	await page.click('button[value="continue"]');
	await page.waitForSelector('[data-testid="mp-send"]');
	await expect(heading(page)).resolves.toBe('Step 5 of 5: Send it');
	await expect(page.textContent('[data-testid="mp-mode"]')).resolves.toMatch(/by this site/);
	return body;
}

describe('email your MP, sent for real', () => {
	for (const js of [true, false]) {
		it(`reaches the MP after the supporter confirms, and takes one letter per MP (JavaScript ${js ? 'on, 1280' : 'off, 390'} px)`, async () => {
			const base = inject('smtpBaseUrl');
			const maildir = inject('maildir');
			const supporter = `sam.${js ? 'js' : 'nojs'}@example.org`;
			const context = await browser.newContext({
				viewport: js ? { width: 1280, height: 900 } : { width: 390, height: 844 },
				javaScriptEnabled: js
			});
			const page = await context.newPage();
			await page.goto(`${base}/area/${KENT}`);
			if (js) await hydrated(page);
			if (js) await page.waitForLoadState('networkidle');
			// Two supporters, two stories: a near-copy of another supporter's letter to the same MP is refused.
			const story = js
				? 'My mother waited too long to be told her results, and I want that to change for the next family.'
				: 'I was lucky to be treated quickly, and I want every woman in Medway to have the same chance I had.';
			const body = await writeLetter(page, supporter, story, js);
			expect(body).toContain(story);
			expect(body).toContain('62.0% (98 of 158)');
			await expectAccessibleNow(page, 'send step');
			await page.click('[data-testid="mp-send"]');
			await page.waitForSelector('[data-testid="mp-sent"]');
			await expect(page.textContent('[data-testid="mp-sent"]')).resolves.toContain(`we have emailed ${supporter}`);
			expect(page.url()).not.toMatch(/ME1|postcode=|sam\./i);
			await expectAccessibleNow(page, 'sent');

			// 1. The confirmation, to the supporter only, with a single-use link and the privacy page.
			const confirmation = await waitForMail(
				maildir,
				(m) => m.to.some((t) => t.address === supporter) && /\/confirm\//.test(m.text)
			);
			expect(confirmation.envelope.to).toEqual([supporter]);
			expect(confirmation.text).toContain(`${base}/privacy`);
			const link = /(https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+)/.exec(confirmation.text)![1]!;

			// 2. Writing again to the same MP while the link waits: refused kindly, and no second link.
			await page.goto(`${base}/email-your-mp?area=${KENT}`);
			if (js) await hydrated(page);
			if (js) await page.waitForLoadState('networkidle');
			await writeLetter(page, supporter.toUpperCase(), 'Again.', false);
			await page.click('[data-testid="mp-send"]');
			await expect
				.poll(() => page.textContent('[data-testid="mp-problem"]'), { timeout: 10_000 })
				.toMatch(new RegExp(`^Thank you: a confirmation link for your letter to ${mp.name} is already waiting`));
			await new Promise((r) => setTimeout(r, 300));
			expect((await readMails(maildir)).filter((m) => m.to.some((t) => t.address === supporter))).toHaveLength(1);

			// 3. Confirming sends it to the MP, from the campaign, with the supporter for replies and in copy.
			await page.goto(link);
			await expectAccessibleNow(page, 'confirmation page');
			await page.getByRole('button', { name: 'Send my email' }).click();
			await page.waitForFunction((name) => document.body.textContent?.includes(`on its way to ${name}`), mp.name!);
			const sent = await waitForMail(
				maildir,
				(m) => m.to.some((t) => t.address === mp.email) && m.cc.some((c) => c.address === supporter)
			);
			expect(sent.to.map((t) => t.address)).toEqual([mp.email]);
			expect(sent.replyTo.map((t) => t.address)).toEqual([supporter]);
			expect(sent.text.startsWith(body.trim())).toBe(true);
			expect(sent.text).toContain(story);
			expect(sent.text).toContain(`${base}/privacy`);
			await context.close();
		});
	}

	it('has a privacy page that names the operator and the contact for deletion', async () => {
		const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
		await page.goto(`${inject('smtpBaseUrl')}/privacy`);
		await expect(page.textContent('main')).resolves.toContain(`This campaign is run by ${TEST_OPERATOR.name}`);
		await expect(page.getAttribute('[data-testid="privacy-contact"]', 'href')).resolves.toBe(
			`mailto:${TEST_OPERATOR.contact}`
		);
		await expect(page.textContent('main')).resolves.toMatch(/deleted after 12 months/);
		await expectAccessibleNow(page, 'privacy');
		// The app without an operator asks no consent, and says so.
		await page.goto(`${inject('baseUrl')}/privacy`);
		await expect(page.textContent('main')).resolves.toMatch(/has not given their name in its settings/);
		await page.close();
	});
});
