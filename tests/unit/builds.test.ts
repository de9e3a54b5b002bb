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
import { guarded, requestPath, servedFiles } from '../../scripts/serve/serve-guard';

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
		const files = servedFiles(dir);
		expect(files.get('/_app/immutable/a.js')).toBe(path.join(dir, 'client', '_app', 'immutable', 'a.js'));
		expect(files.get('/sources')).toBe(path.join(dir, 'prerendered', 'sources.html'));
		expect(files.get('/area')).toBe(path.join(dir, 'prerendered', 'area', 'index.html'));
		expect(files.get('/area/')).toBe(path.join(dir, 'prerendered', 'area', 'index.html'));
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
		rmSync(asset);
		const gone = await fetch(`${base}/_app/immutable/a.js`);
		expect(gone.status).toBe(404);
		expect(gone.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		expect((await fetch(`${base}/area/E56000011`)).status).toBe(200);
	});
});
