/**
 * Build folders and the server guard (scripts/serve/): the switch of `build` in one step, pruning that spares a
 * folder a live server uses, and the guard's 404 for a file gone from disk. On small folders the test writes itself.
 */
import { spawn } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newBuildId, prune, SERVERS_DIR, switchTo } from '../../scripts/serve/builds.js';
import { earlierAsset, guarded, requestPath, servedFiles } from '../../scripts/serve/serve-guard';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'builds-test-'));
	made.push(dir);
	return dir;
}
function file(at: string, text = 'x'): void {
	mkdirSync(path.dirname(at), { recursive: true });
	writeFileSync(at, text);
}

describe('switchTo', () => {
	it('points the link at the new folder, replacing the old link, and moves a real folder aside once', () => {
		const root = tempDir();
		const link = path.join(root, 'build');
		file(path.join(link, 'index.js'), 'legacy');
		const a = path.join(root, 'builds', newBuildId(new Date('2026-01-01T00:00:00Z'), 1));
		const b = path.join(root, 'builds', newBuildId(new Date('2026-01-02T00:00:00Z'), 1));
		file(path.join(a, 'index.js'));
		file(path.join(b, 'index.js'));
		switchTo(link, a);
		expect(readlinkSync(link)).toBe(path.join('builds', path.basename(a)));
		// On a fresh clone there is no link yet.
		const fresh = path.join(root, 'fresh');
		switchTo(fresh, b);
		expect(readlinkSync(fresh)).toBe(path.join('builds', path.basename(b)));
		// The legacy folder was kept, in builds/, named to sort after the builds made before it.
		const legacy = readdirSync(path.join(root, 'builds')).find((n) => n.endsWith('-legacy'))!;
		expect(readFileSync(path.join(root, 'builds', legacy, 'index.js'), 'utf8')).toBe('legacy');
		expect([path.basename(a), legacy].sort()).toEqual([path.basename(a), legacy]);
		switchTo(link, b);
		expect(readlinkSync(link)).toBe(path.join('builds', path.basename(b)));
		expect(existsSync(`${link}.next-${process.pid}`)).toBe(false);
	});
});

describe('prune', () => {
	it('keeps the newest, the current one and any a live server uses; deletes the rest', async () => {
		const root = tempDir();
		const names = [1, 2, 3, 4, 5].map((d) => newBuildId(new Date(`2026-01-0${d}T00:00:00Z`), 1));
		for (const n of names) file(path.join(root, n, 'index.js'));
		// names[0]: a live server (this test's own process); names[1]: a server that has exited.
		file(path.join(root, names[0]!, SERVERS_DIR, String(process.pid)));
		const exited = spawn(process.execPath, ['-e', '0']);
		await new Promise((r) => exited.on('exit', r));
		file(path.join(root, names[1]!, SERVERS_DIR, String(exited.pid)));
		const removed = prune(root, path.join(root, names[2]!), 1);
		expect(removed.sort()).toEqual([names[1], names[3]].sort());
		expect(existsSync(path.join(root, names[0]!))).toBe(true);
		expect(existsSync(path.join(root, names[4]!))).toBe(true);
	});
});

describe('the server guard', () => {
	let server: Server | undefined;
	afterEach(() => server?.close());

	it('maps URL paths to the files served as they are, and decodes paths as the static server does', () => {
		const dir = tempDir();
		file(path.join(dir, 'client', '_app', 'immutable', 'a.js'));
		file(path.join(dir, 'prerendered', 'sources.html'));
		file(path.join(dir, 'prerendered', 'area', 'index.html'));
		file(path.join(dir, 'client', '_app', 'immutable', 'a.js.gz'));
		file(path.join(dir, 'prerendered', 'a.js'));
		const files = servedFiles(dir);
		const a = path.join(dir, 'client', '_app', 'immutable', 'a.js');
		expect(files.get('/_app/immutable/a.js')?.sort()).toEqual([a, `${a}.gz`].sort());
		expect(files.get('/_app/immutable/a.js.gz')).toEqual([`${a}.gz`]);
		expect(files.get('/sources')).toEqual([path.join(dir, 'prerendered', 'sources.html')]);
		expect(files.get('/area')).toEqual([path.join(dir, 'prerendered', 'area', 'index.html')]);
		expect(files.get('/area/')).toEqual([path.join(dir, 'prerendered', 'area', 'index.html')]);
		expect(files.get('/a.js')).toEqual([path.join(dir, 'prerendered', 'a.js')]);
		expect(requestPath('/a%20b.js?x=1')).toBe('/a b.js');
		expect(requestPath('/%E0%A4%A')).toBe('/%E0%A4%A');
	});

	it('answers 404 with the security headers for a file gone from disk, and passes the rest on', async () => {
		const dir = tempDir();
		const asset = path.join(dir, 'client', '_app', 'immutable', 'a.js');
		file(asset);
		const handler = guarded((_req, res) => res.end('from the app'), dir);
		expect(existsSync(path.join(dir, SERVERS_DIR, String(process.pid)))).toBe(true);
		server = createServer((req, res) => void handler(req, res, () => {}));
		await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
		const address = server.address();
		const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		const present = await fetch(`${base}/_app/immutable/a.js`);
		expect(await present.text()).toBe('from the app');
		expect(present.headers.get('x-content-type-options')).toBe('nosniff');
		// Its precompressed copy gone is as bad: the static server would stream that one to a gzip client.
		file(`${asset}.gz`);
		const guardedAgain = guarded((_req, res) => res.end('from the app'), dir);
		rmSync(`${asset}.gz`);
		const probe = createServer((req, res) => void guardedAgain(req, res, () => {}));
		await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
		const probeAddress = probe.address();
		const probePort = typeof probeAddress === 'object' && probeAddress ? probeAddress.port : 0;
		expect((await fetch(`http://127.0.0.1:${probePort}/_app/immutable/a.js`)).status).toBe(404);
		probe.close();
		rmSync(asset);
		const gone = await fetch(`${base}/_app/immutable/a.js`);
		expect(gone.status).toBe(404);
		expect(gone.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		expect((await fetch(`${base}/area/E56000011`)).status).toBe(200);
	});
});

describe('assets of earlier builds', () => {
	let server: Server | undefined;
	afterEach(() => server?.close());

	it('are served from the newest earlier build that has them, for pages a previous server gave out', async () => {
		const root = tempDir();
		const older = path.join(root, newBuildId(new Date('2026-01-01T00:00:00Z'), 1));
		const old = path.join(root, newBuildId(new Date('2026-01-02T00:00:00Z'), 1));
		const current = path.join(root, newBuildId(new Date('2026-01-03T00:00:00Z'), 1));
		file(path.join(older, 'client', '_app', 'immutable', 'chunks', 'a.js'), 'older');
		file(path.join(old, 'client', '_app', 'immutable', 'chunks', 'a.js'), 'old');
		file(path.join(old, 'client', 'secret.txt'), 'not an asset');
		mkdirSync(path.join(current, 'client'), { recursive: true });
		expect(earlierAsset(current, '/_app/immutable/chunks/a.js')).toBe(
			path.join(old, 'client', '_app', 'immutable', 'chunks', 'a.js')
		);
		expect(earlierAsset(current, '/_app/immutable/../../secret.txt')).toBeNull();
		expect(earlierAsset(current, '/secret.txt')).toBeNull();
		expect(earlierAsset(current, '/_app/immutable/chunks/b.js')).toBeNull();

		const handler = guarded((_req, res) => res.writeHead(404).end(), current);
		server = createServer((req, res) => void handler(req, res, () => {}));
		await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
		const address = server.address();
		const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		const answer = await fetch(`${base}/_app/immutable/chunks/a.js`);
		expect(answer.status).toBe(200);
		expect(await answer.text()).toBe('old');
		expect(answer.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
		expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
		expect((await fetch(`${base}/_app/immutable/chunks/b.js`)).status).toBe(404);
	});
});
