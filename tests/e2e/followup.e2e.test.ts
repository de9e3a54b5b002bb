/**
 * The follow-up survey end to end, in Chromium, against the built app started here with a local SMTP relay and a
 * clock the test moves (TEST_CLOCK_FILE, src/lib/server/clock.ts): three supporters send and confirm; one consented,
 * one did not, one consented and then used the deletion link. At 14 days only the first gets the survey; opening every
 * answer link (as a mail scanner does) records nothing; one press records an answer, which is then changed; at 21
 * days the reminder comes (the answer is "no reply yet"), the chase letter goes through its own confirmation to the
 * MP, and a pasted excerpt waits for the operator's CLI.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { REPLY_ANSWERS, REPLY_ANSWER_LABELS } from '../../src/lib/replies/answers';
import {
	call,
	client,
	linksIn,
	Relay,
	sendBody,
	smtpEnv,
	startApp,
	type App,
	type Received
} from '../../scripts/store/harness';
import { expectAccessibleNow, launch, openHydrated } from './browser';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let browser: Browser;
let server: App | undefined;
let relay: Relay | undefined;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'followup-e2e-'));
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop('SIGKILL');
	await relay?.stop();
	await rm(dir, { recursive: true, force: true });
});

/** Moves the server's clock to `days` after now (written whole, then moved into place). */
async function setClock(days: number): Promise<void> {
	await writeFile(path.join(dir, 'clock.tmp'), String(Math.round(days * DAY)));
	await rename(path.join(dir, 'clock.tmp'), path.join(dir, 'clock'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const surveyTo = (email: string) => (m: Received) => m.to.includes(email) && m.subject.startsWith('Did ');
const reminderTo = (email: string) => (m: Received) => m.to.includes(email) && m.subject.startsWith('Reminder: did ');
/** The answer token in a survey, and the link for one answer. */
const answerToken = (mail: Received) => /\/replied\/([A-Za-z0-9_-]{43})\?a=/.exec(mail.text)![1]!;

describe('the follow-up survey', () => {
	it('survey at 14 days, reminder at 21, one-press answer changed, chase letter, excerpt; none without consent or after deletion', async () => {
		relay = await Relay.create();
		await relay.start();
		await setClock(0);
		const actionsDir = path.join(dir, 'actions');
		server = await startApp(
			smtpEnv(relay, {
				ACTIONS_DIR: actionsDir,
				TEST_CLOCK_FILE: path.join(dir, 'clock'),
				OPERATOR_NAME: 'The end-to-end tests',
				PRIVACY_CONTACT: 'privacy@example.org'
			})
		);
		const base = server.url;
		const yes = 'followup-yes@example.org';
		const no = 'followup-no@example.org';
		const gone = 'followup-gone@example.org';
		const also = 'followup-also@example.org'; // consented too: their chase must be in their own words
		const people: [string, boolean][] = [
			[yes, true],
			[no, false],
			[gone, true],
			[also, true]
		];
		const deletion = new Map<string, string>();
		for (const [i, [email, consent]] of people.entries()) {
			const sent = await call(base, 'POST', '/api/send', { json: { ...sendBody(email), consent }, from: client(i) });
			expect(sent.status, sent.text).toBe(200);
			const [confirmation] = await relay.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Confirm'));
			const links = linksIn(confirmation!);
			deletion.set(email, links.deletion);
			const confirmed = await call(base, 'POST', '/api/confirm', { json: { token: links.token }, from: client(i) });
			expect(confirmed.json(), confirmed.text).toMatchObject({ state: 'sent' });
		}
		const mpAddress = relay.mails.find((m) => m.cc.includes(yes))!.to[0]!;
		// The third supporter asks for their details to be deleted after the letter went.
		const deleted = await call(base, 'POST', `/privacy/delete/${deletion.get(gone)}`, { form: '' });
		expect(deleted.status, deleted.text).toBe(200);

		// Day 13: nothing yet. Day 14: the survey, to the consented supporter only.
		await setClock(13);
		await sleep(3_000);
		expect(relay.mails.filter((m) => m.subject.startsWith('Did '))).toHaveLength(0);
		await setClock(14 + 1 / 24);
		const [survey] = await relay.waitFor(surveyTo(yes));
		expect(survey!.subject).toMatch(/^Did .+ reply to your email\?$/);
		for (const answer of REPLY_ANSWERS) {
			expect(survey!.text).toContain(REPLY_ANSWER_LABELS[answer]);
			expect(survey!.text).toContain(`${base}/replied/${answerToken(survey!)}?a=${answer}`);
		}
		expect(survey!.text).toMatch(new RegExp(`${base}/privacy/delete/[A-Za-z0-9_-]{43}`));
		expect(survey!.text).toContain(`${base}/privacy`);

		const [alsoSurvey] = await relay.waitFor(surveyTo(also));
		const noReply = await call(base, 'POST', `/replied/${answerToken(alsoSurvey!)}?/answer`, {
			form: 'answer=no_reply'
		});
		expect(noReply.status, noReply.text).toBe(200);

		// A mail scanner opens every link: nothing is recorded.
		const token = answerToken(survey!);
		for (const answer of REPLY_ANSWERS) {
			const opened = await call(base, 'GET', `/replied/${token}?a=${answer}`);
			expect(opened.status).toBe(200);
			expect(opened.text).toContain('Record my answer');
			expect(opened.text).not.toContain('We have your answer');
		}

		// One press records the answer the link proposed; then it is changed.
		const page = await browser.newPage();
		await openHydrated(page, `${base}/replied/${token}?a=acknowledgement`);
		await page.getByRole('button', { name: 'Record my answer' }).click();
		await page.getByText('We have your answer: I only had an acknowledgement').waitFor();
		await page.getByRole('heading', { name: 'Thank you: an acknowledgement is not yet an answer' }).waitFor();
		await page.getByRole('button', { name: REPLY_ANSWER_LABELS.no_reply }).click();
		await page.getByText('We have your answer: No reply yet').waitFor();
		expect(await page.textContent('body')).toMatch(/From .+, three weeks after your email, you can send/);
		await expectAccessibleNow(page, 'the answer page after an answer');

		await sleep(3_000); // a survey to either of the others would have gone by now
		for (const email of [no, gone]) expect(relay.mails.filter(surveyTo(email))).toHaveLength(0);

		// Day 21: the reminder (the answer is still "no reply yet"), and from it the chase letter.
		await setClock(21 + 1 / 24);
		const [reminder] = await relay.waitFor(reminderTo(yes));
		await openHydrated(page, `${base}/replied/${answerToken(reminder!)}`);
		await page.getByText('We have your answer: No reply yet').waitFor();
		await page.getByLabel('Postcode').fill('GU11 1AA');
		await page.getByLabel('Address (first line)').fill('1 Example Road, Aldershot');
		await page.getByLabel('Anything you would like to add (optional)').fill('I would be grateful for an answer.');
		await expectAccessibleNow(page, 'the answer page with the chase form');
		await page.getByRole('button', { name: 'Email me the follow-up to check' }).click();
		await page.getByText('Nearly done').waitFor();
		const [chaseConfirmation] = await relay.waitFor(
			(m) => m.to.includes(yes) && m.subject.startsWith('Confirm') && m.text.includes('Following up')
		);
		await openHydrated(page, `${base}/confirm/${linksIn(chaseConfirmation!).token}`);
		await page.getByRole('button', { name: 'Send my email' }).click();
		await page.getByRole('heading', { name: /Your email is on its way/ }).waitFor();
		const [chase] = await relay.waitFor((m) => m.cc.includes(yes) && m.subject.startsWith('Following up'));
		expect(chase!.to).toEqual([mpAddress]);
		expect(chase!.text).toMatch(
			/^Dear .+,\n\nI wrote to you on .+ as your constituent in Aldershot \(1 Example Road, Aldershot, GU11 1AA\)/
		);
		expect(chase!.text).toContain('I would be grateful for an answer.');
		expect(chase!.text).toContain('Sources');

		// Another supporter's follow-up with the same words is a near-copy: it asks for their own, then goes.
		const [alsoReminder] = await relay.waitFor(reminderTo(also));
		const other = await browser.newPage();
		await openHydrated(other, `${base}/replied/${answerToken(alsoReminder!)}`);
		await other.getByLabel('Postcode').fill('GU11 1AA');
		await other.getByLabel('Address (first line)').fill('2 Example Road, Aldershot');
		await other.getByLabel('Anything you would like to add (optional)').fill('I would be grateful for an answer.');
		await other.getByRole('button', { name: 'Email me the follow-up to check' }).click();
		await other.getByText(/almost the same as one another constituent/).waitFor();
		expect(await other.getAttribute('#own', 'aria-invalid')).toBe('true');
		await other
			.getByLabel('Anything you would like to add (optional)')
			.fill('My mother waited six weeks for her results.');
		await other.getByRole('button', { name: 'Email me the follow-up to check' }).click();
		await other.getByText('Nearly done').waitFor();
		await other.close();

		// The chase is one per letter: the page now says it was sent.
		await openHydrated(page, `${base}/replied/${answerToken(reminder!)}`);
		await page.getByText(/You have sent .+ a follow-up/).waitFor();

		// The MP replies: the answer changes, and the key sentences wait for moderation.
		await page.getByRole('button', { name: REPLY_ANSWER_LABELS.replied_not_wrote }).click();
		await page.getByText(`We have your answer: ${REPLY_ANSWER_LABELS.replied_not_wrote}`).waitFor();
		await page
			.getByLabel('Key sentences of your MP’s reply')
			.fill('I have raised your concerns <b>with</b> the health minister.');
		await page.getByRole('button', { name: 'Share these sentences' }).click();
		await page.getByText(/waiting to be read/).waitFor();
		await page.close();

		await sleep(3_000);
		expect(relay.mails.filter(surveyTo(yes))).toHaveLength(1);
		expect(relay.mails.filter(reminderTo(yes))).toHaveLength(1);
		expect(relay.mails.filter(surveyTo(also))).toHaveLength(1);
		expect(relay.mails.filter(reminderTo(also))).toHaveLength(1);
		for (const email of [no, gone]) expect(relay.mails.filter((m) => m.to.includes(email))).toHaveLength(1); // confirmation only

		// The operator approves the excerpt from the command line (the embedded store is one process's: stop first).
		await server.stop();
		const run = (...args: string[]) =>
			promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/replies.ts', ...args], {
				env: { ...process.env, ACTIONS_DIR: actionsDir, DATABASE_URL: '' }
			});
		const listed = await run('list', 'pending');
		expect(listed.stdout).toContain('I have raised your concerns <b>with</b> the health minister.');
		const id = /^([0-9a-f-]{36})\tpending/m.exec(listed.stdout)![1]!;
		expect((await run('approve', id)).stdout).toContain(`${id} approved`);
		expect((await run('list', 'approved')).stdout).toContain(id);

		// Approved, it shows on the alliance's page with the MP's name, escaped.
		server = await startApp(smtpEnv(relay, { ACTIONS_DIR: actionsDir, TEST_CLOCK_FILE: path.join(dir, 'clock') }));
		const area = await call(server.url, 'GET', '/area/E56000012');
		expect(area.status).toBe(200);
		expect(area.text).toContain('I have raised your concerns &lt;b>with&lt;/b> the health minister.');
		expect(area.text).not.toContain('<b>with</b>');
		expect(area.text).toMatch(/Alex Baker, MP for Aldershot: shared by a constituent on \d+ \w+ \d{4}/);
	});
});
