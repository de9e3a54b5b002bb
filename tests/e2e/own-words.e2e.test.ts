/**
 * Letters in the supporter's own words, in Chromium against the server that sends through a local SMTP server: the
 * share of the email in the supporter's own words, updated as they type; a second supporter whose letter is the same
 * as one already sent to the MP is asked, at their story, to add something of their own (JavaScript on and off, and
 * POST /api/send), and their letter goes once they have. Letters that go are posted by node:http from addresses of
 * their own (the browser's 127.0.0.1 has a send allowance the other journeys spend; a refusal spends none).
 * ME14 1XQ: Maidstone and Malling (E14001349), Kent and Medway; no other test writes to this MP. Supporters'
 * addresses are at example.org (reserved for documentation).
 */
import { readFileSync } from 'node:fs';
import { call } from '../../scripts/store/harness';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessibleNow, hydrated, launch } from './browser';
import { readMails, waitForMail } from './server';

const KENT = 'E56000011';
const SEAT = 'E14001349';
const mp = Papa.parse<Record<string, string>>(readFileSync('static/data/csv/mps.csv', 'utf8').trim(), {
	header: true
}).data.find((r) => r.constituency_code === SEAT)!;
/** Each supporter's own sentence (written for this test): different people, different words. */
const SENTENCES = [
	'My sister waited seven weeks for her first treatment, and the waiting was the hardest part for all of us.',
	'I was diagnosed at fifty and the nurses at Maidstone were wonderful, but the wait for my scan results was not.',
	'My friend had to travel a long way for reconstruction, and I want women here to have it closer to home.'
];
const PERSONALISE = new RegExp(
	`^(Error: )?Thank you for writing\\. Your letter is almost the same as one another constituent has already sent to ${mp.name},`
);
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const text = (page: Page, selector: string) =>
	page.evaluate((s) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);

/** Postcode and details, to the story step. */
async function toStory(page: Page, email: string, js: boolean): Promise<void> {
	await page.goto(`${inject('smtpBaseUrl')}/email-your-mp?area=${KENT}`);
	if (js) await hydrated(page);
	if (js) await page.waitForLoadState('networkidle');
	await page.fill('#mp-postcode', 'ME14 1XQ');
	await page.click('button[value="lookup"]');
	await page.waitForSelector('[data-testid="mp-name"]');
	await page.click('button[value="continue"]');
	await page.waitForSelector('#mp-email');
	await page.fill('#mp-name', 'Robin Hale');
	await page.fill('#mp-email', email);
	await page.fill('#mp-address', '3 Week Street');
	await page.click('button[value="continue"]');
	await page.waitForSelector('#mp-story');
}

/** From the story step (with what is in it) through the email to "Send my email", and press it. */
async function sendFromStory(page: Page): Promise<string> {
	await page.click('button[value="continue"]');
	await page.waitForSelector('#mp-body');
	const body = await page.inputValue('#mp-body');
	await page.click('button[value="continue"]');
	await page.waitForSelector('[data-testid="mp-send"]');
	await page.click('[data-testid="mp-send"]');
	await page.waitForSelector('[data-testid="mp-sent"], #mp-story-error, [data-testid="mp-problem"]');
	return body;
}

const mailsTo = async (address: string) =>
	(await readMails(inject('maildir'))).filter((m) => m.to.some((t) => t.address === address));

/**
 * POST /api/send from another loopback address: another client for the rate limits, so this file's letters do not
 * spend the browser's (127.0.0.1) allowance, which the other journeys share.
 */
async function sendJson(body: object, from: string): Promise<{ status: number; json: Record<string, unknown> }> {
	const answer = await call(inject('smtpBaseUrl'), 'POST', '/api/send', { json: body, from });
	return { status: answer.status, json: answer.json() };
}

/** The first supporter's letter, as the panel drew it for them. */
const firstLetter = (body: string, email: string) => ({
	postcode: 'ME14 1XQ',
	constituencyCode: SEAT,
	name: 'Robin Hale',
	email,
	address: '3 Week Street',
	subject: 'Please write to Kent and Medway Cancer Alliance about breast cancer care in Maidstone and Malling',
	body,
	consent: false,
	website: ''
});

describe('letters in the supporter’s own words', () => {
	let first = '';

	it('shows the share of the email in the supporter’s own words as they type; the first letter goes as it is', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await toStory(page, 'first.writer@example.org', true);
		// Nothing of their own yet: a kind nudge with a prompt.
		await expect(text(page, '[data-testid="mp-own-words-count"]')).resolves.toMatch(/^None of the \d+ words/);
		await expect(page.isVisible('[data-testid="mp-own-words-nudge"]')).resolves.toBe(true);
		await expect(page.getAttribute('#mp-story', 'aria-describedby')).resolves.toContain('mp-own-words');
		// Typing a sentence updates it at once; the nudge goes once there is about a sentence.
		await page.click('#mp-story');
		await page.keyboard.type(SENTENCES[0]!.slice(0, 30));
		await expect.poll(() => text(page, '[data-testid="mp-own-words-count"]')).toMatch(/^6 of \d+ words \(\d+%\)/);
		await expect(page.isVisible('[data-testid="mp-own-words-nudge"]')).resolves.toBe(true);
		await page.keyboard.type(SENTENCES[0]!.slice(30));
		await expect.poll(() => text(page, '[data-testid="mp-own-words-count"]')).toMatch(/^20 of \d+ words/);
		await expect(page.isVisible('[data-testid="mp-own-words-nudge"]')).resolves.toBe(false);
		await expectAccessibleNow(page, 'story step with the own-words share');

		// Without a story, the email is all ours; words typed into the email itself count too.
		await page.fill('#mp-story', '');
		await page.click('button[value="continue"]');
		await page.waitForSelector('#mp-body');
		await expect(text(page, '[data-testid="mp-own-words-count"]')).resolves.toMatch(/^None of the/);
		first = await page.inputValue('#mp-body');
		await page.click('#mp-body');
		await page.keyboard.press('Control+End');
		await page.keyboard.type(' Please reply soon.');
		await expect.poll(() => text(page, '[data-testid="mp-own-words-count"]')).toMatch(/^3 of \d+ words/);
		await context.close();

		// The first letter to this MP goes as generated: nothing of one's own is needed to be first.
		const sent = await sendJson(firstLetter(first, 'first.writer@example.org'), '127.0.0.21');
		expect(sent.status, JSON.stringify(sent.json)).toBe(200);
		await waitForMail(inject('maildir'), (m) => m.to.some((t) => t.address === 'first.writer@example.org'));
	});

	it('asks a second supporter with the same letter to add their own words at their story; with them, it goes', async () => {
		const email = 'second.writer@example.org';
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await toStory(page, email, true);
		await sendFromStory(page);
		// Refused kindly at the story, with nothing sent.
		await expect(text(page, '#mp-story-error')).resolves.toMatch(PERSONALISE);
		await expect(text(page, '[data-testid="mp-errors"]')).resolves.toContain('almost the same');
		await expect(text(page, '[data-testid="mp-step-heading"]')).resolves.toBe('Step 3 of 5: Your story');
		await new Promise((r) => setTimeout(r, 300));
		expect(await mailsTo(email)).toHaveLength(0);
		await expectAccessibleNow(page, 'asked to personalise');

		// A sentence of their own: the share shows it as they type, and the letter goes. (Sent by node:http from its
		// own address with the email the panel drew: the browser's address has a send allowance the other journeys use.)
		await page.fill('#mp-story', SENTENCES[1]!);
		await expect
			.poll(() => text(page, '[data-testid="mp-own-words-count"]'))
			.toMatch(/^\d+ of \d+ words \([1-9]\d*%\)/);
		await page.click('button[value="continue"]');
		await page.waitForSelector('#mp-body');
		const body = await page.inputValue('#mp-body');
		expect(body).toContain(SENTENCES[1]);
		await context.close();
		const sent = await sendJson({ ...firstLetter(body, email) }, '127.0.0.23');
		expect(sent.status, JSON.stringify(sent.json)).toBe(200);
		await waitForMail(inject('maildir'), (m) => m.to.some((t) => t.address === email));
	});

	it('asks the same without JavaScript, at the story, and the sentence added goes into the email', async () => {
		const email = 'third.writer@example.org';
		const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
		const page = await context.newPage();
		await toStory(page, email, false);
		await expect(text(page, '[data-testid="mp-own-words-count"]')).resolves.toMatch(/^None of the \d+ words/);
		await sendFromStory(page);
		await expect(text(page, '#mp-story-error')).resolves.toMatch(PERSONALISE);
		await expect(text(page, '[data-testid="mp-step-heading"]')).resolves.toBe('Step 3 of 5: Your story');
		expect(await mailsTo(email)).toHaveLength(0);
		await expectAccessibleNow(page, 'asked to personalise, no JavaScript');
		await page.fill('#mp-story', SENTENCES[2]!);
		await page.click('button[value="continue"]');
		await page.waitForSelector('#mp-body');
		await expect(page.inputValue('#mp-body')).resolves.toContain(SENTENCES[2]);
		// Drawn by the server: the share counts the sentence.
		await expect(text(page, '[data-testid="mp-own-words-count"]')).resolves.toMatch(/^2\d of \d+ words/);
		await context.close();
	});

	it('refuses the same letter sent through POST /api/send, with the field to change, spending no allowance', async () => {
		const answer = await sendJson(firstLetter(first, 'fourth.writer@example.org'), '127.0.0.22');
		expect(answer.status).toBe(409);
		expect(answer.json).toMatchObject({
			status: 'refused',
			field: 'body',
			message: expect.stringMatching(PERSONALISE)
		});
		expect(await mailsTo('fourth.writer@example.org')).toHaveLength(0);
		// A refusal spends none of the allowance: more tries than the 5 sends per address in 10 minutes, all 409.
		for (let i = 0; i < 6; i++)
			expect((await sendJson(firstLetter(first, 'fourth.writer@example.org'), '127.0.0.22')).status).toBe(409);
	});
});
