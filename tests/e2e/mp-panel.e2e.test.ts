/**
 * The email-your-MP panel on an area page, in the mode the test server runs in (no SMTP configured: mailto), against
 * the real endpoints: a real Medway postcode -> its MP -> details -> story -> the whole email with Kent and Medway's
 * published figures -> a mailto link and the copy button. Keyboard only at 320 px, with axe-core at every step.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IndicatorFact } from '../../src/lib/wording/figures';
import type { PostcodeAnswer } from '../../src/lib/mp/contract';
import { composeLetter, mailtoHref } from '../../src/lib/mp/letter';
import { axe, launch } from './browser';

const base = () => inject('baseUrl');
let browser: Browser;

// OS Code-Point Open: ME1 1AA lies in Rochester West & Borstal ward, wholly in Rochester and Strood (2024), which is
// wholly in Kent and Medway Cancer Alliance. Its MP and published address come from the committed MP list.
const POSTCODE = 'ME1 1AA';
const CONSTITUENCY = 'E14001447';
const KENT = 'E56000011';
const mpRow = Papa.parse<Record<string, string>>(
	readFileSync(fileURLToPath(new URL('../../static/data/csv/mps.csv', import.meta.url)), 'utf8').trim(),
	{ header: true }
).data.find((r) => r.constituency_code === CONSTITUENCY)!;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function noViolations(page: Page, where: string): Promise<void> {
	const violations = await axe(page);
	expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
		`sideways scrolling at ${where}`
	).toBe(false);
}

/** Presses Tab until the focused element matches, as a keyboard user would (fails after `max` presses). */
async function tabTo(
	page: Page,
	matches: (el: { id: string; tag: string; text: string }) => boolean,
	max = 80
): Promise<void> {
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

async function focusedHeading(page: Page): Promise<string> {
	return page.evaluate(() => {
		const a = document.activeElement as HTMLElement | null;
		return a?.matches('[data-testid="mp-step-heading"]')
			? (a.textContent ?? '').replace(/\s+/g, ' ').trim()
			: `not the heading: ${a?.outerHTML.slice(0, 80)}`;
	});
}

describe('email your MP: the panel on an area page', () => {
	it('the endpoints it relies on answer as the contract says (mailto mode, the postcode, the figures)', async () => {
		await expect((await fetch(`${base()}/api/send`)).json()).resolves.toEqual({ mode: 'mailto' });
		const answer = (await (
			await fetch(`${base()}/api/postcode/${encodeURIComponent(POSTCODE)}`)
		).json()) as PostcodeAnswer;
		expect(answer.country).toBe('England');
		expect(answer.constituencies.map((c) => c.code)).toEqual([CONSTITUENCY]);
		expect(answer.constituencies[0]!.mp?.email).toBe(mpRow.email);
		expect(answer.alliances.map((a) => a.code)).toEqual([KENT]);
		const facts = (await (await fetch(`${base()}/api/area-facts/${KENT}`)).json()) as IndicatorFact[];
		expect(facts.find((f) => f.indicator.id === 'fds_breast_suspected')?.area?.numerator).toBe(1596);
		expect((await fetch(`${base()}/api/area-facts/E56000099`)).status).toBe(404);
		// Thames Valley's waiting times count Swindon South's residents with Somerset, Wiltshire, Avon and Gloucestershire
		// (by ICB): the facts say so, for the letter to leave them out. Its stage figures cover everyone who lives there.
		const thames = (await (await fetch(`${base()}/api/area-facts/E56000034`)).json()) as IndicatorFact[];
		const swindon = (id: string) =>
			thames.find((f) => f.indicator.id === id)!.outside!.find((o) => o.constituency === 'E14001537');
		expect(swindon('cwt62_breast')).toMatchObject({ share: 1, countedIn: { code: 'E56000033' } });
		expect(swindon('stage12_breast')).toBeUndefined();
	});

	it('goes from a postcode to a mailto link with the MP’s address and the real figures, keyboard only at 320 px', async () => {
		const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(`${base()}/area/${KENT}`);
		await page.waitForLoadState('networkidle');
		await expect(page.textContent('[data-testid="mp-step-heading"]')).resolves.toMatch(/Step 1 of 5:\s*Find your MP/);
		await noViolations(page, 'step 1');

		// Step 1: the postcode, typed and submitted with Enter.
		await tabTo(page, (el) => el.id === 'mp-postcode');
		await page.keyboard.type('me11aa');
		await page.keyboard.press('Enter');
		await page.waitForSelector('[data-testid="mp-lookup-result"]');
		await expect(page.textContent('[data-testid="mp-constituency"]')).resolves.toBe('Rochester and Strood');
		await expect(page.textContent('[data-testid="mp-name"]')).resolves.toContain(`${mpRow.name}, ${mpRow.party}`);
		await expect(page.textContent('[data-testid="mp-alliances"]')).resolves.toBe('Kent and Medway Cancer Alliance');
		await expect(page.inputValue('#mp-postcode')).resolves.toBe(POSTCODE);
		await noViolations(page, 'step 1, answered');
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');

		// Step 2: details. Nothing typed: inline messages, focus on the first field. No email asked in mailto mode.
		await expect.poll(() => focusedHeading(page)).toBe('Step 2 of 5: Your details');
		expect(await page.locator('#mp-email').count()).toBe(0);
		await expect(page.textContent('[data-testid="mp-panel"]')).resolves.toContain(`Postcode: ${POSTCODE}`);
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('mp-name');
		await expect(page.getAttribute('#mp-name', 'aria-invalid')).resolves.toBe('true');
		await expect(page.textContent('#mp-name-error')).resolves.toContain('Enter your name');
		await expect(page.textContent('#mp-address-error')).resolves.toContain('first line of your address');
		await expect(page.getAttribute('#mp-name', 'autocomplete')).resolves.toBe('name');
		await expect(page.getAttribute('#mp-address', 'autocomplete')).resolves.toBe('address-line1');
		await noViolations(page, 'step 2, with errors');
		await page.keyboard.type('Sam Taylor');
		await tabTo(page, (el) => el.id === 'mp-address');
		await page.keyboard.type('14 Castle View');
		await page.keyboard.press('Enter');

		// Step 3: the story, with prompts and a count.
		await expect.poll(() => focusedHeading(page)).toBe('Step 3 of 5: Your story');
		expect(await page.locator('.prompts li').count()).toBeGreaterThanOrEqual(3);
		await noViolations(page, 'step 3');
		await tabTo(page, (el) => el.id === 'mp-story');
		const story = 'My sister waited seven weeks for her first treatment & we still ask why?';
		await page.keyboard.type(story);
		await expect(page.textContent('#mp-story-count')).resolves.toBe(
			`${(2000 - story.length).toLocaleString('en-GB')} of 2,000 characters left`
		);
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');

		// Step 4: the whole email, as composed from the alliance's published figures.
		await expect.poll(() => focusedHeading(page)).toBe('Step 4 of 5: Check your email');
		await expect(page.textContent('[data-testid="mp-to"]')).resolves.toContain(`${mpRow.name} <${mpRow.email}>`);
		const subject = await page.inputValue('#mp-subject');
		const body = await page.inputValue('#mp-body');
		expect(subject).toBe(
			'Please write to Kent and Medway Cancer Alliance about breast cancer care in Rochester and Strood'
		);
		expect(body.startsWith(`Dear ${mpRow.name},`)).toBe(true);
		// A one-line opening, then the supporter's own story, where an MP's office reads first.
		const paragraphs = body.split('\n\n');
		expect(paragraphs[1]).toBe(
			`I am your constituent in Rochester and Strood (14 Castle View, ${POSTCODE}) and ask for your help to end the postcode lottery in breast cancer care.`
		);
		expect(paragraphs[2]).toBe(story);
		// NHS England, September 2025: 62.0% of 158 treated within 62 days, similar to England's 68.0% but far below the
		// 85% standard; NDRS 2022: 77.3% staged against 80.5%, significantly worse.
		expect(body).toContain(
			'- In September 2025, 62.0% (98 of 158) of people with breast cancer living in Kent and Medway started their first treatment within 62 days of being referred, against 68.0% for England. That is similar to England. It did not meet the NHS standard of at least 85%, nor did England as a whole.'
		);
		expect(body).toMatch(
			/In 2022, 77\.3% \(1,509 of 1,952\) of breast cancers .* against 80\.5% for England\. That is significantly worse than England\./
		);
		// Every count lists what it counts, and the request to keep it so where Kent and Medway does better.
		expect(body).toContain(
			'significantly better on 3 (31-day treatment, 14-day specialist appointments and screening coverage)'
		);
		expect(body).toContain('where it does better, I would like it to stay that way');
		// The similar figure (83.7% against 84.3%) is never called worse; sources once, at the end.
		expect(body).not.toMatch(/83\.7%[^\n]*worse/);
		expect(body).not.toContain('(Source:');
		expect(body).toContain('- Cancer Waiting Times, NHS England (September 2025)');
		expect(body).toMatch(/Yours sincerely,\n\nSam Taylor$/);
		// Exactly what the composer makes of the published figures the site serves.
		const facts = (await (await fetch(`${base()}/api/area-facts/${KENT}`)).json()) as IndicatorFact[];
		const answer = (await (
			await fetch(`${base()}/api/postcode/${encodeURIComponent(POSTCODE)}`)
		).json()) as PostcodeAnswer;
		const expected = composeLetter({
			mp: answer.constituencies[0]!.mp,
			constituencyName: 'Rochester and Strood',
			constituencyCode: CONSTITUENCY,
			alliances: [{ code: KENT, name: 'Kent and Medway', facts }],
			supporter: { name: 'Sam Taylor', address: '14 Castle View', postcode: POSTCODE },
			story,
			siteUrl: new URL(page.url()).origin
		});
		expect({ subject, body }).toEqual(expected);
		// Consent and privacy: in mailto mode nothing about the supporter reaches the site, so there is no box to tick.
		const privacy = (await page.textContent('[data-testid="mp-privacy"]'))!.replace(/\s+/g, ' ');
		expect(privacy).toMatch(/your constituency, your Cancer Alliance, the time/);
		expect(privacy).toMatch(/no more than 12 months/);
		expect(await page.locator('#mp-consent').count()).toBe(0);
		const honeypot = page.locator('input[name="website"]');
		await expect(honeypot.getAttribute('tabindex')).resolves.toBe('-1');
		await expect(honeypot.getAttribute('autocomplete')).resolves.toBe('off');
		await expect(page.locator('.hp').getAttribute('aria-hidden')).resolves.toBe('true');
		await noViolations(page, 'step 4');

		// Going back keeps everything, and an unedited email follows a changed story.
		await tabTo(page, button('Back'));
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedHeading(page)).toBe('Step 3 of 5: Your story');
		await expect(page.inputValue('#mp-story')).resolves.toBe(story);
		await tabTo(page, (el) => el.id === 'mp-story');
		await page.keyboard.press('End');
		await page.keyboard.type(' She is well now.');
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedHeading(page)).toBe('Step 4 of 5: Check your email');
		const body2 = await page.inputValue('#mp-body');
		expect(body2).toContain(`${story} She is well now.`);
		// An edit by the supporter is kept.
		await tabTo(page, (el) => el.id === 'mp-body');
		await page.keyboard.press('Control+End');
		await page.keyboard.type('\nPS: thank you.');
		const edited = await page.inputValue('#mp-body');
		expect(edited.endsWith('PS: thank you.')).toBe(true);
		await tabTo(page, button('Continue'));
		await page.keyboard.press('Enter');

		// Step 5: mailto mode, said plainly; the link carries the MP's published address, the subject and the body.
		await expect.poll(() => focusedHeading(page)).toBe('Step 5 of 5: Send it');
		await expect(page.textContent('[data-testid="mp-mode"]')).resolves.toMatch(/from your own email app/);
		const href = await page.getAttribute('[data-testid="mp-mailto"]', 'href');
		expect(href).toBe(mailtoHref(mpRow.email!, subject, edited));
		const url = new URL(href!);
		expect(url.pathname).toBe(mpRow.email);
		expect(url.searchParams.get('subject')).toBe(subject);
		expect(url.searchParams.get('body')).toBe(edited.replace(/\n/g, '\r\n'));
		await noViolations(page, 'step 5');

		// Copy the email, by keyboard.
		await tabTo(page, button('Copy the email'));
		await page.keyboard.press('Enter');
		await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(edited);
		await expect(page.textContent('.status')).resolves.toContain('The email is copied');

		// Using the link records the action (constituency and alliance only) with the real endpoint.
		await page.evaluate(() => {
			// Keep the page: let the click handler run, but not the navigation to an external mail client.
			document.querySelector('[data-testid="mp-mailto"]')!.addEventListener('click', (e) => e.preventDefault());
		});
		const recorded = page.waitForResponse((r) => r.url().endsWith('/api/actions') && r.request().method() === 'POST');
		await tabTo(page, (el) => el.tag === 'a' && el.text === 'Open in your email app');
		await page.keyboard.press('Enter');
		const response = await recorded;
		expect(JSON.parse(response.request().postData()!)).toEqual({
			constituencyCode: CONSTITUENCY,
			allianceCodes: [KENT],
			website: ''
		});
		expect(response.status()).toBeLessThan(300);
		await noViolations(page, 'step 5, after copying');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('starts with the postcode from the address bar filled in and looked up', async () => {
		const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
		await page.goto(`${base()}/area/${KENT}?postcode=${encodeURIComponent('me1 1aa')}`);
		await page.waitForSelector('[data-testid="mp-lookup-result"]');
		await expect(page.inputValue('#mp-postcode')).resolves.toBe(POSTCODE);
		await expect(page.textContent('[data-testid="mp-name"]')).resolves.toContain(mpRow.name);
		await page.close();
	});

	it('explains a postcode it cannot use, next to the field', async () => {
		const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
		await page.goto(`${base()}/area/${KENT}`);
		await page.waitForLoadState('networkidle');
		await page.fill('#mp-postcode', 'not a postcode');
		await page.press('#mp-postcode', 'Enter');
		await expect(page.textContent('#mp-postcode-error')).resolves.toMatch(/is not a UK postcode/);
		await expect(page.getAttribute('#mp-postcode', 'aria-invalid')).resolves.toBe('true');
		await page.fill('#mp-postcode', 'ZZ99 9ZZ');
		await page.press('#mp-postcode', 'Enter');
		await expect.poll(() => page.textContent('#mp-postcode-error')).toMatch(/couldn't find ZZ99 9ZZ/);
		await noViolations(page, 'step 1, unknown postcode');
		await page.close();
	});
});
