/**
 * A rebuild never kills a running server (issue 12, part 5). A server started with `node build` serves a page; the
 * app is built again (the real `vite build`, as `npm start` or `npm run bench` would while it runs); the server
 * still serves every asset that page named, from its own build folder, and still answers. A file gone from disk
 * answers 404, never a crash (adapter-node's static server used to die on it with ENOENT). A server started after
 * the rebuild runs from the new folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, realpathSync, renameSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../scripts/app/start';

const apps: App[] = [];

afterAll(async () => {
	for (const app of apps) await app.stop();
});

/** `node build` on a free port (scripts/app/start.ts); resolves once it answers, with its address, process and output. */
async function startServer(): Promise<{ base: string; child: ChildProcess; output: () => string }> {
	const app = await startApp({}, { ready: '/' });
	apps.push(app);
	if (app.process.exitCode !== null) throw new Error(`server exited: ${app.output()}`);
	return { base: app.url, child: app.process, output: app.output };
}

/** The hashed assets a page names (scripts, styles, preloads). */
async function assetsOf(url: string): Promise<string[]> {
	const html = await (await fetch(url)).text();
	return [...new Set([...html.matchAll(/\/?_app\/immutable\/[^"'\s<>)]+/g)].map((m) => m[0].replace(/^\/?/, '/')))];
}

function vite(args: string[]): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...args], { stdio: 'pipe' });
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('a rebuild while the server runs', () => {
	it('keeps the running server and every asset of its pages; a server started afterwards serves the new build', async () => {
		const first = await startServer();
		const folder = realpathSync('build');
		expect(path.basename(path.dirname(folder))).toBe('builds');
		const oldAssets = await assetsOf(`${first.base}/`);
		expect(oldAssets.some((a) => a.includes('/entry/start.'))).toBe(true);

		const rebuild = await vite(['build']);
		expect(rebuild.code, rebuild.output.slice(-2000)).toBe(0);
		// `build` now names a new folder; the old one stays, since a live server uses it.
		const newFolder = realpathSync('build');
		expect(newFolder).not.toBe(folder);
		expect(readlinkSync('build')).toMatch(/^builds\//);
		expect(existsSync(folder)).toBe(true);

		for (const asset of oldAssets) {
			expect((await fetch(first.base + asset)).status, asset).toBe(200);
		}
		expect((await fetch(`${first.base}/`)).status).toBe(200);
		expect(first.child.exitCode).toBeNull();

		// A server started now runs from the new folder and serves its pages' assets.
		const second = await startServer();
		expect(readdirSync(path.join(newFolder, '.servers'))).toContain(String(second.child.pid));
		for (const asset of await assetsOf(`${second.base}/`)) {
			expect((await fetch(second.base + asset)).status, asset).toBe(200);
		}
		expect(second.child.exitCode).toBeNull();
	}, 240_000);

	it('answers 404 for a file deleted under it, and keeps running (it used to crash with ENOENT)', async () => {
		const server = await startServer();
		const folder = realpathSync('build');
		const asset = (await assetsOf(`${server.base}/`)).find((a) => a.includes('/entry/start.'))!;
		const file = path.join(folder, 'client', asset);
		renameSync(file, `${file}.away`);
		try {
			expect((await fetch(server.base + asset)).status).toBe(404);
			// A prerendered page deleted the same way.
			const page = path.join(folder, 'prerendered', 'sources.html');
			renameSync(page, `${page}.away`);
			try {
				expect((await fetch(`${server.base}/sources`)).status).toBe(404);
			} finally {
				renameSync(`${page}.away`, page);
			}
		} finally {
			renameSync(`${file}.away`, file);
		}
		expect((await fetch(server.base + asset)).status).toBe(200);
		expect((await fetch(`${server.base}/`)).status).toBe(200);
		expect(server.child.exitCode).toBeNull();
		expect(server.output()).not.toMatch(/ENOENT/);
	});
});
