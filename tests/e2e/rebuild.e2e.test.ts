/**
 * A rebuild never kills a running server (issue 12, part 5). A server started with `node build` serves a page; the
 * app is built again (the real `vite build`, as `npm start` or `npm run bench` would while it runs); the server
 * still serves every asset that page named, from its own build folder, and still answers. A file gone from disk
 * answers 404, never a crash (adapter-node's static server used to die on it with ENOENT). A server started after
 * the rebuild runs from the new folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, realpathSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
	for (const child of children) child.kill();
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** `node build` on a free port; resolves once it answers, with its address, process and output so far. */
async function startServer(): Promise<{ base: string; child: ChildProcess; output: () => string }> {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'e2e-rebuild-'));
	dirs.push(dataDir);
	const port = await freePort();
	const { ORIGIN: _o, PUBLIC_ORIGIN: _p, SMTP_HOST: _s, ...env } = process.env;
	const child = spawn(process.execPath, ['build'], {
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', ACTIONS_DIR: path.join(dataDir, 'actions') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let output = '';
	child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const base = `http://127.0.0.1:${port}`;
	for (const until = Date.now() + 20_000; Date.now() < until;) {
		if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
		if (
			await fetch(base).then(
				(r) => r.ok,
				() => false
			)
		)
			return { base, child, output: () => output };
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not start: ${output}`);
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
