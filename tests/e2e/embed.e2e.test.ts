/**
 * Embeds (issue 16): a host page on another origin frames both embeds and receives their heights; every other page
 * refuses to be framed; a pinned embed keeps showing its release after a newer one is published; axe-core at 320 px.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launch, openHydrated } from './browser';
import { HOST_SCRIPT } from '../../src/lib/embed/protocol';
import { startApp, type App } from '../../scripts/app/start';

const base = () => inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/**
 * The host page is served by the test itself, from another origin on this machine (another port on localhost): a
 * page Playwright makes up counts as a public site, and Chromium keeps public sites from framing loopback addresses.
 */
const hostPages = new Map<string, string>();
let hostServer: Server;
let hostOrigin = '';
beforeAll(async () => {
	hostServer = createHttpServer((req, res) => {
		const html = hostPages.get(req.url ?? '');
		res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
		res.end(html ?? 'not found');
	});
	await new Promise<void>((resolve) => hostServer.listen(0, 'localhost', resolve));
	const address = hostServer.address();
	hostOrigin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => hostServer?.close(() => resolve())));

/** A page on another origin holding `frames` (paths on the app), with the host script the "Embed this" box gives. */
async function hostPage(frames: string[], app = base()): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
	const html =
		'<!doctype html><html lang="en"><head><title>Host</title></head><body><h1>A campaign site</h1>' +
		frames
			.map(
				(f, i) =>
					`<iframe id="f${i}" title="embed ${i}" src="${app}${f}" style="width:100%;height:150px;border:0"></iframe>`
			)
			.join('') +
		'<script>window.sizes=[];addEventListener("message",function(e){window.sizes.push(e.data)});</script>' +
		HOST_SCRIPT +
		'</body></html>';
	const path = `/host-${hostPages.size}`;
	hostPages.set(path, html);
	await page.goto(hostOrigin + path);
	return page;
}

describe('embeds in another site', () => {
	it('sends each embed’s height to the host page, which sizes its frame so nothing scrolls', async () => {
		const page = await hostPage(['/embed/map?i=cwt62_breast&a=E56000011', '/embed/area/E56000011']);
		await page.waitForFunction(() => (window as unknown as { sizes: unknown[] }).sizes.length >= 2);
		for (const id of ['f0', 'f1']) {
			await page.waitForFunction((id) => parseInt(document.getElementById(id)!.style.height) > 300, id);
			const frame = page.frame({ url: new RegExp(id === 'f0' ? '/embed/map' : '/embed/area/') })!;
			// The frame is as tall as its content: no scroll bar inside it.
			const [contentHeight, frameHeight] = [
				await frame.evaluate(() => document.documentElement.scrollHeight),
				await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().height, id)
			];
			expect(frameHeight).toBeGreaterThanOrEqual(contentHeight);
		}
		const map = page.frame({ url: /\/embed\/map/ })!;
		// NHS England CWT, September 2025, commissioner basis: Kent and Medway 62.0% on 62 days, similar to England.
		await expect(map.textContent('[data-testid="embed-selected"]')).resolves.toContain('62.0%: similar to England');
		await expect(map.textContent('[data-testid="embed-credit"]')).resolves.toMatch(
			/Source: Cancer Waiting Times .*NHS England.*September 2025.*Open Government Licence v3\.0/s
		);
		const card = page.frame({ url: /\/embed\/area\// })!;
		await expect(card.textContent('[data-testid="embed-row-fds_breast_suspected"]')).resolves.toMatch(
			/82\.2%\s*Worse than England/
		);
		await expect(card.getAttribute('a[href$="#email-your-mp"]', 'href')).resolves.toBe('/area/E56000011#email-your-mp');
		await page.close();
	});

	it('keeps a choice inside the frame, from the keyboard or a click on the map, and reports the new height', async () => {
		const page = await hostPage(['/embed/map']);
		await page.waitForFunction(() => (window as unknown as { sizes: unknown[] }).sizes.length >= 1);
		const frameOf = () => page.frame({ url: /\/embed\/map/ })!;
		await frameOf().locator('summary').focus();
		await page.keyboard.press('Enter');
		await frameOf().locator('[data-testid="embed-table"] a', { hasText: 'Kent and Medway' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.querySelector('iframe')!.contentWindow !== null);
		await expect.poll(() => frameOf().url()).toContain('a=E56000011');
		await expect(frameOf().textContent('[data-testid="embed-selected"]')).resolves.toContain('Kent and Medway');
		// The page (host) stayed where it was: the choice navigated the frame only.
		expect(page.url()).toMatch(/\/host-\d+$/);
		// A click on another area of the map chooses it.
		await frameOf().locator('svg.main path[data-code="E56000005"]').click();
		await expect.poll(() => frameOf().url()).toContain('a=E56000005');
		await expect(frameOf().textContent('[data-testid="embed-selected"]')).resolves.toContain('Cheshire and Merseyside');
		const heights = await page.evaluate(() =>
			(window as unknown as { sizes: { height: number }[] }).sizes.map((s) => s.height)
		);
		expect(new Set(heights).size).toBeGreaterThan(1);
		await page.close();
	});

	it('may be framed, while area pages and the home page refuse to be', async () => {
		for (const p of ['/embed/map', '/embed/area/E56000011']) {
			const headers = (await fetch(base() + p)).headers;
			// One policy: the page's own (kit.csp) with the frame rule merged in (src/lib/server/security-headers.ts).
			const policy = headers.get('content-security-policy');
			expect(policy, p).toMatch(/(^|; )frame-ancestors \*$/);
			expect(policy, p).not.toContain("frame-ancestors 'none'");
			expect(headers.get('x-frame-options'), p).toBeNull();
		}
		// The area page is prerendered (served from disk, not through hooks) and must refuse all the same.
		for (const p of ['/area/E56000011', '/', '/email-your-mp', '/national']) {
			const headers = (await fetch(base() + p)).headers;
			expect(headers.get('x-frame-options'), p).toBe('DENY');
			expect(headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'");
		}
		const page = await hostPage(['/embed/area/E56000011', '/area/E56000011']);
		await page.waitForLoadState('load');
		const textOf = async (id: string) => {
			const frame = await (await page.$(`#${id}`))!.contentFrame();
			return { url: frame!.url(), text: await frame!.evaluate(() => document.body?.innerText ?? '') };
		};
		await expect(textOf('f0')).resolves.toMatchObject({
			text: expect.stringContaining('How Kent and Medway Cancer Alliance compares')
		});
		// Chromium shows its own error page in place of the refused area page: none of the page's text is there.
		const refused = await textOf('f1');
		expect(refused.url).not.toContain('/area/');
		expect(refused.text).not.toContain('Ask your MP');
		await page.close();
	});

	it('gives working code from "Embed this" on the home and area pages, latest or pinned to this release', async () => {
		const manifest = (await (await fetch(base() + '/data/manifest.json')).json()) as { release: { id: string } };
		const page = await browser.newPage();
		await openHydrated(page, base() + '/?i=cwt62_breast&a=E56000011');
		await page.locator('[data-testid="embed-this"] summary').click();
		const latest = await page.inputValue('[data-testid="embed-code"]');
		expect(latest).toContain(`src="${base()}/embed/map?i=cwt62_breast&amp;a=E56000011"`);
		await page.getByLabel(/This release only/).check();
		const pinned = await page.inputValue('[data-testid="embed-code"]');
		expect(pinned).toContain(`release=${manifest.release.id}"`);
		await openHydrated(page, base() + '/area/E56000011');
		await page.locator('[data-testid="embed-this"] summary').click();
		expect(await page.inputValue('[data-testid="embed-code"]')).toContain(`src="${base()}/embed/area/E56000011"`);
		await page.close();

		// The pinned code, pasted as it is into a page on another site, shows the map at its own height.
		const html = pinned;
		hostPages.set(
			'/pasted',
			`<!doctype html><html lang="en"><head><title>Pasted</title></head><body>${html}</body></html>`
		);
		const host = await browser.newPage();
		await host.goto(hostOrigin + '/pasted');
		await host.waitForFunction(() => parseInt(document.querySelector('iframe')!.style.height) > 400);
		const frame = host.frame({ url: /\/embed\/map/ })!;
		await expect(frame.textContent('[data-testid="embed-release"]')).resolves.toContain(
			`Pinned to data release ${manifest.release.id}`
		);
		await host.close();
	});

	it('passes axe-core at 320 px without sideways scrolling', async () => {
		await expectAccessible(browser, base(), ['/embed/map?a=E56000011', '/embed/area/E56000011'], [320]);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Pinned releases: an app with a releases folder holding an older release, made here from the committed one.

const servers: App[] = [];
const temps: string[] = [];
afterAll(async () => {
	for (const s of servers) await s.stop();
	for (const t of temps) await rm(t, { recursive: true, force: true });
});

const RELEASES = path.resolve('releases');
const OLDER_ID = '20261101T000000Z-0123abcd';

/**
 * The committed release as it stood a month earlier: its own files with the latest period of every series taken
 * off (figures are only removed, never made up), under an older id. The current release is the app's own build.
 */
async function olderRelease(dir: string): Promise<string> {
	const current = path.basename(await (await import('node:fs/promises')).readlink(path.join(RELEASES, 'current')));
	const from = path.join(RELEASES, current);
	const to = path.join(dir, OLDER_ID);
	await mkdir(path.join(to, 'series'), { recursive: true });
	for (const f of ['alliances-20.topo.json', 'alliances-21.topo.json']) await cp(path.join(from, f), path.join(to, f));
	let fdsLast = '';
	for (const name of await readdir(path.join(from, 'series'))) {
		const s = JSON.parse(await readFile(path.join(from, 'series', name), 'utf8'));
		s.periods.pop();
		s.cells.pop();
		if (name === 'fds_breast_suspected.commissioner.json') fdsLast = s.periods.at(-1).label;
		await writeFile(path.join(to, 'series', name), JSON.stringify(s));
	}
	const summary = JSON.parse(await readFile(path.join(from, 'summary.json'), 'utf8'));
	for (const i of summary.indicators) for (const b of i.bases) b.periods.pop();
	await writeFile(path.join(to, 'summary.json'), JSON.stringify(summary));
	const manifest = JSON.parse(await readFile(path.join(from, 'manifest.json'), 'utf8'));
	manifest.release = { id: OLDER_ID, built_at: '2026-11-01T00:00:00.000Z' };
	for (const d of manifest.data_as_of)
		if (d.publisher === 'NHS England' && d.source.includes('Waiting')) d.latest = fdsLast;
	await writeFile(path.join(to, 'manifest.json'), JSON.stringify(manifest));
	await symlink(current, path.join(dir, 'current'));
	return current;
}

async function appWithReleases(dir: string): Promise<string> {
	const app = await startApp({ RELEASES_DIR: dir }, { ready: '/embed/map', echo: true });
	servers.push(app);
	return app.url;
}

describe('an embed pinned to a release', () => {
	it('still shows its own release after a newer month is published, and says which it is', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'e2e-releases-'));
		temps.push(dir);
		const currentId = await olderRelease(dir);
		const app = await appWithReleases(dir);
		const page = await browser.newPage();

		await page.goto(`${app}/embed/map?a=E56000011&release=${OLDER_ID}`);
		await expect(page.textContent('h1')).resolves.toContain('August 2025');
		// The committed figures for August 2025: Kent and Medway 82.4% on 28 days, worse than England.
		await expect(page.textContent('[data-testid="embed-selected"]')).resolves.toContain('82.4%: worse than England');
		await expect(page.textContent('[data-testid="embed-release"]')).resolves.toMatch(
			new RegExp(`Pinned to data release\\s+${OLDER_ID}, data as of August 2025`)
		);
		// Choosing another area stays on the pinned release.
		await page.locator('[data-testid="embed-table"] a', { hasText: 'Cheshire and Merseyside' }).click();
		await page.waitForURL(/a=E56000005/);
		expect(page.url()).toContain(`release=${OLDER_ID}`);
		await expect(page.textContent('h1')).resolves.toContain('August 2025');

		await page.goto(`${app}/embed/area/E56000011?release=${OLDER_ID}`);
		await expect(page.textContent('[data-testid="embed-row-fds_breast_suspected"]')).resolves.toContain('August 2025');

		// The same embed without a release: the latest, September 2025.
		await page.goto(`${app}/embed/map?a=E56000011`);
		await expect(page.textContent('h1')).resolves.toContain('September 2025');
		await expect(page.textContent('[data-testid="embed-release"]')).resolves.toContain(
			`Latest data: release ${currentId}`
		);

		// A release that is no longer kept: the latest figures, with a note saying so.
		await page.goto(`${app}/embed/map?release=20250101T000000Z-ffffffff`);
		await expect(page.textContent('[data-testid="embed-credit"]')).resolves.toContain('is no longer kept');
		await expect(page.textContent('h1')).resolves.toContain('September 2025');
		await page.close();
	});
});
