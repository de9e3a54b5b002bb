/**
 * The email-your-MP panel in Chromium, in the mode a bare `npm start` runs (no SMTP: the supporter's own mail app),
 * against the real form action and data: keyboard only at 320 px with JavaScript, the same journey with JavaScript
 * off at 390 px, an MP with no published address, limits that are refused rather than cut, and a mailto link that is
 * too long. axe-core (best-practice rules included) and no sideways scrolling at every step; the postcode never
 * appears in the address bar.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { MAILTO_MAX } from '../../src/lib/mp/journey';
import type { IndicatorFact } from '../../src/lib/wording/fact';
import { expectAccessibleNow, hydrated, launch, openHydrated } from './browser';

const base = () => inject('baseUrl');
/** The server's answer, for steps that compose a letter (the first composes the alliance's figures). */
const WAIT = { timeout: 10_000 };
let browser: Browser;

// OS Code-Point Open and mySociety: ME1 1AA is in Rochester and Strood (E14001447), in Kent and Medway (E56000011).
const POSTCODE = 'ME1 1AA';
const KENT = 'E56000011';
const mpRow = Papa.parse<Record<string, string>>(
	readFileSync(fileURLToPath(new URL('../../static/data/csv/mps.csv', import.meta.url)), 'utf8').trim(),
	{ header: true }
).data.find((r) => r.constituency_code === 'E14001447')!;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Presses Tab until the focused element matches, as a keyboard user would (fails after `max` presses). */
async function tabTo(page: Page, matches: (el: { id: string; tag: string; text: string }) => boolean, max = 80) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const el = await page.evaluate(() => {
			const a = document.activeElement as HTMLElement | null;
			return { id: a?.id ?? '', tag: a?.tagName.toLowerCase() ?? '', text: (a?.textContent ?? '').trim() };
		});
		if (matches(el)) return;
	}
	throw new Error('could not reach the element with Tab');
}
const button = (label: string) => (el: { tag: string; text: string }) => el.tag === 'button' && el.text === label;

const heading = (page: Page) =>
	page.evaluate(() =>
		(document.querySelector('[data-testid="mp-step-heading"]')?.textContent ?? '').replace(/\s+/g, ' ').trim()
	);
const focused = (page: Page) =>
	page.evaluate(() => {
		const a = document.activeElement as HTMLElement | null;
		return a?.getAttribute('data-testid') ?? a?.id ?? a?.tagName ?? '';
	});
const noPostcodeInUrl = (page: Page) => {
	expect(page.url()).not.toMatch(/ME1|me1|postcode=/i);
};

describe('email your MP, in the supporter’s own mail app', () => {
	it('goes from a postcode to a mailto link and a copy, keyboard only at 320 px, with JavaScript', async () => {
		const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await openHydrated(page, `${base()}/area/${KENT}`);
		await page.waitForLoadState('networkidle');
		await expect.poll(() => heading(page)).toBe('Step 1 of 5: Find your MP');
		await expectAccessibleNow(page, 'step 1');

		// Step 1: typed and submitted with Enter; the answer comes from the server and is announced.
		await tabTo(page, (el) => el.id === 'mp-postcode');
		await page.keyboard.type('me11aa');
		await page.keyboard.press('Enter');
		await page.waitForSelector('[data-testid="mp-lookup-result"]');
		await expect(page.textContent('[data-testid="mp-constituency"]')).resolves.toBe('Rochester and Strood');
		await expect(page.textContent('[data-testid="mp-name"]')).resolves.toContain(`${mpRow.name}, ${mpRow.party}`);
		await expect(page.textContent('[data-testid="mp-alliances"]')).resolves.toBe('Kent and Medway Cancer Alliance');
		await expect(page.inputValue('#mp-postcode')).resolves.toBe(POSTCODE);
		await expect(page.textContent('[data-testid="mp-status"]')).resolves.toContain(
			`${POSTCODE} is in Rochester and Strood.`
		);
		noPostcodeInUrl(page);
		await expectAccessibleNow(page, 'step 1, answered');
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');

		// Step 2: nothing typed, then Enter: the problems are listed and focused; no email asked in this mode.
		await expect.poll(() => heading(page), WAIT).toBe('Step 2 of 5: Your details');
		await expect.poll(() => focused(page), WAIT).toBe('mp-step-heading');
		expect(await page.locator('#mp-email').count()).toBe(0);
		await tabTo(page, (el) => el.id === 'mp-name');
		await page.keyboard.press('Enter');
		await expect.poll(() => focused(page), WAIT).toBe('mp-errors');
		await expect(page.textContent('[data-testid="mp-errors"]')).resolves.toMatch(/Your name: Your name is empty/);
		await expect(page.getAttribute('#mp-name', 'aria-invalid')).resolves.toBe('true');
		await expect(page.textContent('#mp-address-error')).resolves.toMatch(/Your address is empty/);
		await expectAccessibleNow(page, 'step 2, with errors');
		await tabTo(page, (el) => el.id === 'mp-name');
		await page.keyboard.type('Sam Taylor');
		await tabTo(page, (el) => el.id === 'mp-address');
		await page.keyboard.type('14 Castle View');
		await page.keyboard.press('Enter');

		// Step 3: the story, with prompts and a live count.
		await expect.poll(() => heading(page), WAIT).toBe('Step 3 of 5: Your story');
		expect(await page.locator('.prompts li').count()).toBeGreaterThanOrEqual(3);
		await tabTo(page, (el) => el.id === 'mp-story');
		const story = 'My sister waited seven weeks for her first treatment & we still ask why?';
		await page.keyboard.type(story);
		await expect(page.textContent('#mp-story-count')).resolves.toBe(`${story.length} of 2,000 characters`);
		await expectAccessibleNow(page, 'step 3');
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');

		// Step 4: the whole email, composed by the server from the alliance's figures and the story.
		await expect.poll(() => heading(page), WAIT).toBe('Step 4 of 5: Check your email');
		await expect(page.textContent('[data-testid="mp-to"]')).resolves.toContain(`${mpRow.name} <${mpRow.email}>`);
		const body = await page.inputValue('#mp-body');
		expect(body.startsWith(`Dear ${mpRow.name},`)).toBe(true);
		// A one-line opening, then the supporter's own story, where an MP's office reads first.
		const paragraphs = body.split('\n\n');
		expect(paragraphs[1]).toBe(
			`I am your constituent in Rochester and Strood (14 Castle View, ${POSTCODE}) and ask for your help to end the postcode lottery in breast cancer care.`
		);
		expect(paragraphs[2]).toBe(story);
		// NHS England, September 2025: 62.0% of 158 treated within 62 days: similar to England, far below the standard.
		expect(body).toContain(
			'- In September 2025, 62.0% (98 of 158) of people with breast cancer living in Kent and Medway started their first treatment within 62 days of being referred, against 68.0% for England. That is similar to England. It did not meet the NHS standard of at least 85%, nor did England as a whole.'
		);
		// Nothing about the supporter reaches the site in this mode: no consent box, and the privacy page is linked.
		expect(await page.locator('#mp-consent').count()).toBe(0);
		await expect(page.getAttribute('[data-testid="mp-privacy"] a', 'href')).resolves.toBe('/privacy');
		await expectAccessibleNow(page, 'step 4');
		// An edit is kept; Enter in the subject continues (never the fresh-draft button).
		await tabTo(page, (el) => el.id === 'mp-body');
		await page.keyboard.press('Control+End');
		await page.keyboard.type('\nPS: thank you.');
		const edited = await page.inputValue('#mp-body');
		await tabTo(page, (el) => el.id === 'mp-subject');
		await page.keyboard.press('Enter');

		// Step 5: this letter is too long for one mailto link: said, with copy first and a link without the body.
		await expect.poll(() => heading(page), WAIT).toBe('Step 5 of 5: Send it');
		await expect(page.textContent('[data-testid="mp-mode"]')).resolves.toMatch(/from your own email app/);
		const href = (await page.getAttribute('[data-testid="mp-mailto"]', 'href'))!;
		const full = `mailto:${mpRow.email}?body=${encodeURIComponent(edited)}`;
		expect(full.length).toBeGreaterThan(MAILTO_MAX);
		await expect(page.textContent('[data-testid="mp-mailto-long"]')).resolves.toMatch(
			/too long to hand to every email app/
		);
		expect(new URL(href).pathname).toBe(mpRow.email);
		expect(new URL(href).searchParams.get('body')).toBe('');
		await expect(page.inputValue('#mp-final')).resolves.toBe(edited.trim());
		await tabTo(page, button('1. Copy the email'));
		await page.keyboard.press('Enter');
		await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), WAIT).toBe(edited.trim());

		// Opening the mail app counts the letter: the server finds the seat and alliance from the postcode.
		await page.evaluate(() => {
			document.querySelector('[data-testid="mp-mailto"]')!.addEventListener('click', (e) => e.preventDefault());
		});
		const recorded = page.waitForResponse((r) => r.url().endsWith('/api/actions') && r.request().method() === 'POST');
		await tabTo(page, (el) => el.tag === 'a' && el.text === '2. Open your email app');
		await page.keyboard.press('Enter');
		const response = await recorded;
		expect(JSON.parse(response.request().postData()!)).toEqual({
			postcode: POSTCODE,
			constituencyCode: 'E14001447',
			website: ''
		});
		expect(response.status()).toBe(204);
		// Sharing offers the area's page, never the supporter's details.
		await expect(page.textContent('[data-testid="share-area"]')).resolves.toContain("Share Kent and Medway's page");
		await expectAccessibleNow(page, 'step 5');
		noPostcodeInUrl(page);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('gives a short letter a mailto link with the address, subject and body', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await openHydrated(page, `${base()}/email-your-mp?area=${KENT}`);
		await page.waitForLoadState('networkidle');
		await page.fill('#mp-postcode', POSTCODE);
		await page.click('button[value="lookup"]');
		await page.click('button[value="continue"]');
		await page.fill('#mp-name', 'Sam Taylor');
		await page.fill('#mp-address', '14 Castle View');
		await page.click('button[value="continue"]');
		await page.click('button[value="continue"]');
		await page.waitForSelector('#mp-body');
		const short = 'Dear MP,\n\nPlease write to Kent and Medway Cancer Alliance about breast cancer care.\n\nSam Taylor';
		await page.fill('#mp-body', short);
		await page.click('button[value="continue"]');
		await page.waitForSelector('[data-testid="mp-mailto"]');
		expect(await page.locator('[data-testid="mp-mailto-long"]').count()).toBe(0);
		const url = new URL((await page.getAttribute('[data-testid="mp-mailto"]', 'href'))!);
		expect(url.pathname).toBe(mpRow.email);
		expect(url.searchParams.get('body')).toBe(short.replace(/\n/g, '\r\n'));
		await page.close();
	});

	it('works with JavaScript off at 390 px: every step is a page from the server, and nothing is in the URL', async () => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${base()}/area/${KENT}`);
		await page.fill('#mp-postcode', 'me1 1aa');
		await page.click('button[value="lookup"]');
		await expect(page.textContent('[data-testid="mp-constituency"]')).resolves.toBe('Rochester and Strood');
		expect(new URL(page.url()).pathname).toBe('/email-your-mp');
		noPostcodeInUrl(page);
		await expectAccessibleNow(page, 'no JavaScript, step 1');
		await page.click('button[value="continue"]');
		await expect.poll(() => heading(page)).toBe('Step 2 of 5: Your details');
		await page.click('button[value="continue"]');
		await expect(page.textContent('[data-testid="mp-errors"]')).resolves.toMatch(/Your name is empty/);
		await page.fill('#mp-name', 'Sam Taylor');
		await page.fill('#mp-address', '14 Castle View');
		await page.click('button[value="continue"]');
		await expect.poll(() => heading(page)).toBe('Step 3 of 5: Your story');
		// Over the limit: refused with how much, and every character kept for the supporter to shorten.
		const long = 'We waited. '.repeat(200);
		await page.fill('#mp-story', long);
		await page.click('button[value="continue"]');
		await expect.poll(() => heading(page)).toBe('Step 3 of 5: Your story');
		await expect(page.textContent('#mp-story-error')).resolves.toMatch(
			/at most 2,000 characters.*too many.*nothing has been cut/
		);
		await expect(page.inputValue('#mp-story')).resolves.toBe(long);
		await expect(page.textContent('#mp-story-count')).resolves.toMatch(/over the limit of 2,000/);
		await page.fill('#mp-story', 'We waited.');
		await page.click('button[value="continue"]');
		await expect.poll(() => heading(page)).toBe('Step 4 of 5: Check your email');
		await expect(page.inputValue('#mp-body')).resolves.toContain('We waited.');
		await expectAccessibleNow(page, 'no JavaScript, step 4');
		// Back keeps everything.
		await page.click('button[value="back"]');
		await expect(page.inputValue('#mp-story')).resolves.toBe('We waited.');
		await page.click('button[value="continue"]');
		await page.click('button[value="continue"]');
		await expect.poll(() => heading(page)).toBe('Step 5 of 5: Send it');
		await expect(page.getAttribute('[data-testid="mp-mailto"]', 'href')).resolves.toMatch(/^mailto:/);
		await expect(page.inputValue('#mp-final')).resolves.toContain('We waited.');
		// Sharing, without JavaScript, is the area's own link.
		await expect(page.getAttribute('[data-testid="share-area"] a', 'href')).resolves.toBe(`/area/${KENT}`);
		await expectAccessibleNow(page, 'no JavaScript, step 5');
		noPostcodeInUrl(page);
		await context.close();
	});

	for (const javaScriptEnabled of [true, false]) {
		it(`gives an MP with no published address the letter to copy and their contact page (JavaScript ${javaScriptEnabled ? 'on' : 'off'}), at 320 px`, async () => {
			const context = await browser.newContext({ viewport: { width: 320, height: 720 }, javaScriptEnabled });
			const page = await context.newPage();
			await page.goto(`${base()}/email-your-mp`);
			if (javaScriptEnabled) await hydrated(page);
			await page.fill('#mp-postcode', 'SO43 7BB');
			await page.click('button[value="lookup"]');
			await page.waitForSelector('[data-testid="mp-lookup-result"]');
			await expect(page.textContent('[data-testid="mp-constituency"]')).resolves.toBe('New Forest East');
			// Each note once, and the page no wider than the phone.
			const notes = await page.locator('[data-testid="mp-notes"] li').allTextContents();
			expect(new Set(notes).size).toBe(notes.length);
			await expectAccessibleNow(page, 'no address, step 1');
			await page.click('button[value="continue"]');
			await page.waitForSelector('#mp-name');
			expect(await page.locator('#mp-email').count()).toBe(0);
			await page.fill('#mp-name', 'Sam Taylor');
			await page.fill('#mp-address', '3 Forest Road');
			await page.click('button[value="continue"]');
			await page.waitForSelector('#mp-story');
			await page.click('button[value="continue"]');
			await page.waitForSelector('#mp-body');
			await expect(page.textContent('[data-testid="mp-to"]')).resolves.toMatch(/no email address we can use/);
			await page.click('button[value="continue"]');
			await page.waitForSelector('[data-testid="mp-contact-page"]');
			expect(await page.locator('[data-testid="mp-send"], [data-testid="mp-mailto"]').count()).toBe(0);
			await expect(page.textContent('[data-testid="mp-mode"]')).resolves.toMatch(
				/Parliament does not publish an email address/
			);
			await expect(page.getAttribute('[data-testid="mp-contact-page"]', 'href')).resolves.toMatch(
				/^https:\/\/members\.parliament\.uk\/member\/\d+\/contact$/
			);
			await expect(page.inputValue('#mp-final')).resolves.toMatch(/^Dear /);
			await expectAccessibleNow(page, 'no address, step 5');
			await context.close();
		});
	}

	it('serves each alliance’s figures with the residents they leave out (Swindon South’s waiting times)', async () => {
		// Thames Valley's waiting times count Swindon South's residents with Somerset, Wiltshire, Avon and Gloucestershire
		// (by ICB): the facts say so, for the letter to leave them out. Its stage figures cover everyone who lives there.
		const thames = (await (await fetch(`${base()}/api/area-facts/E56000034`)).json()) as IndicatorFact[];
		const swindon = (id: string) =>
			thames.find((f) => f.indicator.id === id)!.outside!.find((o) => o.constituency === 'E14001537');
		expect(swindon('cwt62_breast')).toMatchObject({ share: 1, countedIn: { code: 'E56000033' } });
		expect(swindon('stage12_breast')).toBeUndefined();
		expect((await fetch(`${base()}/api/area-facts/E56000099`)).status).toBe(404);
	});

	it('explains a postcode it cannot use, next to the field', async () => {
		const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
		await openHydrated(page, `${base()}/area/${KENT}`);
		await page.waitForLoadState('networkidle');
		await page.fill('#mp-postcode', 'not a postcode');
		await page.press('#mp-postcode', 'Enter');
		await expect.poll(() => page.textContent('#mp-postcode-error'), WAIT).toMatch(/is not a UK postcode|full postcode/);
		await expect(page.getAttribute('#mp-postcode', 'aria-invalid')).resolves.toBe('true');
		await page.fill('#mp-postcode', 'ZZ99 9ZZ');
		await page.press('#mp-postcode', 'Enter');
		await expect.poll(() => page.textContent('#mp-postcode-error'), WAIT).toMatch(/couldn't find ZZ99 9ZZ/);
		await expectAccessibleNow(page, 'step 1, unknown postcode');
		await page.close();
	});
});
