/**
 * Reply rates end to end: a store seeded before the app starts (delivered letters and survey answers written
 * straight into PGlite, on real constituencies of Surrey and Sussex), then GET /api/replies/summary and the area
 * page's replies layer in Chromium: held back at 9 counted answers, the rate and its interval at 10; axe-core and no
 * sideways scrolling at 320 px; the same with JavaScript off (the layer is server-rendered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../../src/lib/server/actions';
import { openPglite } from '../../src/lib/server/store/pglite';
import type { ReplySummary } from '../../src/lib/replies/summary';
import type { ReplyAnswer } from '../../src/lib/replies/answers';
import { startApp, type App } from '../../scripts/store/harness';
import { seedLetters, type SeedLetter } from '../../scripts/store/seed-replies';
import { expectAccessibleNow, launch } from './browser';

const SURREY_SUSSEX = 'E56000012';
const ALDERSHOT = 'E14001063'; // MP Alex Baker (committed mps.csv)
const ARUNDEL = 'E14001067'; // Arundel and South Downs, MP Andrew Griffith
const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);

let dir: string;
let app: App;
let browser: Browser;

function letters(code: string, n: number, answers: Partial<Record<ReplyAnswer, number>>, from = 0): SeedLetter[] {
	const list = Object.entries(answers).flatMap(([a, k]) => Array<ReplyAnswer>(k).fill(a as ReplyAnswer));
	return Array.from({ length: n }, (_, i) => ({
		constituency: code,
		alliances: [SURREY_SUSSEX],
		answer: list[i] ?? null,
		at: T0 + (from + i) * 3_600_000
	}));
}

async function seed(rows: SeedLetter[]): Promise<void> {
	const sql = await openPglite(path.join(dir, 'actions'));
	const store = await Store.open(sql, 'the reply-rate end-to-end test, 32+ characters');
	await seedLetters(sql, rows);
	await store.close();
}

const start = () => startApp({ ACTIONS_DIR: path.join(dir, 'actions') });

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'e2e-replies-'));
	// Aldershot: 10 delivered, 10 answers, one "did not expect a reply": 9 counted, held back.
	// Arundel: 12 delivered, 10 answers, all counted: 3 replied and wrote, 4 replied, 1 acknowledgement, 2 no reply.
	await seed([
		...letters(ALDERSHOT, 10, {
			replied_and_wrote: 3,
			replied_not_wrote: 3,
			acknowledgement: 1,
			no_reply: 2,
			not_expected: 1
		}),
		...letters(ARUNDEL, 12, { replied_and_wrote: 3, replied_not_wrote: 4, acknowledgement: 1, no_reply: 2 })
	]);
	app = await start();
	browser = await launch();
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await app?.stop();
	await rm(dir, { recursive: true, force: true });
});

describe('reply rates', () => {
	it('GET /api/replies/summary: records per constituency and alliance, intervals, the threshold, no ranks', async () => {
		const response = await fetch(`${app.url}/api/replies/summary`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		const text = await response.text();
		expect(text).not.toMatch(/rank/i);
		const summary = JSON.parse(text) as ReplySummary;
		expect(summary.minAnswers).toBe(10);
		expect(summary.since).toBe('2026-06-15'); // the first letter's answer, 14 days after it was sent
		expect(Object.keys(summary.definitions)).toEqual([
			'delivered',
			'answers',
			'counted',
			'replied',
			'wrote',
			'acknowledged'
		]);
		const aldershot = summary.constituencies.find((c) => c.code === ALDERSHOT)!;
		expect(aldershot).toMatchObject({
			name: 'Aldershot',
			mp: { name: 'Alex Baker', party: 'Labour' },
			delivered: 10,
			answers: 10,
			counted: null,
			replied: null,
			wrote: null,
			heldBack: 'fewer than 10 answers'
		});
		// 7 of 10 replied: Wilson 95% 0.3968 to 0.8922; 3 of 10 wrote: 0.1078 to 0.6032 (worked in the unit test's way).
		const arundel = summary.constituencies.find((c) => c.code === ARUNDEL)!;
		expect(arundel).toMatchObject({
			mp: { name: 'Andrew Griffith' },
			delivered: 12,
			answers: 10,
			counted: 10,
			replied: { share: 0.7, lower: 0.3968, upper: 0.8922, count: 7 },
			wrote: { share: 0.3, lower: 0.1078, upper: 0.6032, count: 3 },
			heldBack: null
		});
		// The alliance adds both: 22 delivered, 20 answers, 19 counted, 13 replied.
		const alliance = summary.alliances.find((a) => a.code === SURREY_SUSSEX)!;
		expect(alliance).toMatchObject({ name: 'Surrey and Sussex', delivered: 22, answers: 20, counted: 19 });
		expect(alliance.replied?.count).toBe(13);
		expect(summary.alliances).toHaveLength(20);
		expect(summary.alliances.find((a) => a.code === 'E56000007')).toMatchObject({
			delivered: 0,
			heldBack: 'fewer than 10 answers'
		});
	});

	it('the area page shows the layer: withheld under 10 answers, the rate with its interval at 10, accessible at 320 px', async () => {
		const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
		await page.goto(`${app.url}/area/${SURREY_SUSSEX}`);
		const layer = page.getByTestId('replies-layer');
		await expect(layer.getByTestId('replies-source').textContent()).resolves.toMatch(
			/Supporters' own answers to our follow-up survey, since 2026-06-15/
		);
		const row = (code: string) => layer.locator(`tr[data-code="${code}"]`);
		expect(await row(ALDERSHOT).textContent()).toContain('Not shown: fewer than 10 answers');
		expect(await row(ALDERSHOT).textContent()).toContain('Alex Baker');
		expect(await row(ARUNDEL).textContent()).toContain('70% (95% interval 40% to 89%)');
		expect(await row(ARUNDEL).textContent()).toContain('30% (95% interval 11% to 60%)');
		expect(await layer.getByTestId('replies-alliance').textContent()).toContain('22 letters delivered, 20 answers');
		await expectAccessibleNow(page, 'area page with the replies layer at 320 px');
		await page.close();
	});

	it('works without JavaScript (server-rendered)', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${app.url}/area/${SURREY_SUSSEX}`);
		expect(await page.locator(`[data-testid="replies-table"] tr[data-code="${ARUNDEL}"]`).textContent()).toContain(
			'70% (95% interval 40% to 89%)'
		);
		await expectAccessibleNow(page, 'area page without JavaScript at 320 px');
		await context.close();
	});

	it("shows Aldershot's rate once its 10th counted answer arrives", async () => {
		await app.stop();
		// One more letter, answered "no reply yet": 10 counted, 6 replied: Wilson 95% 0.3127 to 0.8318.
		await seed(letters(ALDERSHOT, 1, { no_reply: 1 }, 100));
		app = await start();
		const summary = (await (await fetch(`${app.url}/api/replies/summary`)).json()) as ReplySummary;
		expect(summary.constituencies.find((c) => c.code === ALDERSHOT)).toMatchObject({
			delivered: 11,
			counted: 10,
			replied: { share: 0.6, lower: 0.3127, upper: 0.8318, count: 6 },
			heldBack: null
		});
		const page = await browser.newPage();
		await page.goto(`${app.url}/area/${SURREY_SUSSEX}`);
		const row = await page.locator(`[data-testid="replies-table"] tr[data-code="${ALDERSHOT}"]`).textContent();
		expect(row).toContain('60% (95% interval 31% to 83%)');
		expect(row).not.toContain('Not shown');
		await page.close();
	});
});
