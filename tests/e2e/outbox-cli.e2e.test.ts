/**
 * `npm run outbox` and `npm run replies` while a server holds the embedded store: without ADMIN_TOKEN the command says
 * how to go on; with it, the command asks the running server (POST /admin/outbox, /admin/replies) to list the outbox
 * and to retry a dead email, which is then delivered, or to list and decide reply excerpts. The endpoints themselves:
 * off without ADMIN_TOKEN, POST only, the exact token.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { call, client, linksIn, Relay, sendBody, smtpEnv, startApp, type App } from '../../scripts/store/harness';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const TOKEN = 'the operator token of this test only, 32+ chars long';
let dir: string;
let relay: Relay;
let server: App;
let plain: App;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'outbox-cli-e2e-'));
	relay = await Relay.create();
	await relay.start();
	relay.refuse = 550; // every email dies at once (a permanent failure), to be retried from the command line
	[server, plain] = await Promise.all([
		startApp(smtpEnv(relay, { ACTIONS_DIR: path.join(dir, 'store'), ADMIN_TOKEN: TOKEN })),
		startApp({ ACTIONS_DIR: path.join(dir, 'plain') })
	]);
});
afterAll(async () => {
	await server?.stop('SIGKILL');
	await plain?.stop('SIGKILL');
	await relay?.stop();
	await rm(dir, { recursive: true, force: true });
});

/** Runs `npm run <script> -- ...args` (as tsx) with `env`; its exit code and output. */
function command(
	script: 'outbox' | 'replies',
	args: string[],
	env: Record<string, string>
): Promise<{ code: number | null; out: string; err: string }> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ADMIN_|DATABASE_URL|PORT)/.test(k)));
	const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
		env: { ...clean, ACTIONS_DIR: path.join(dir, 'store'), ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	let err = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr.on('data', (c: Buffer) => (err += c.toString()));
	return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}
const outbox = (args: string[], env: Record<string, string>) => command('outbox', args, env);

const post = (base: string, headers: Record<string, string>, body: unknown, method = 'POST', endpoint = 'outbox') =>
	fetch(`${base}/admin/${endpoint}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: method === 'GET' ? undefined : JSON.stringify(body)
	});

describe('the admin endpoint', () => {
	it('is off without ADMIN_TOKEN, POST only, and wants the exact Bearer token', async () => {
		const list = { command: 'list' };
		expect((await post(plain.url, { authorization: `Bearer ${TOKEN}` }, list)).status).toBe(404);
		// No token at all: an ordinary post from no site, refused by the cross-site check (403); a wrong token: 401.
		expect((await post(server.url, {}, list)).status).toBe(403);
		expect((await post(server.url, { authorization: `Bearer ${TOKEN}!` }, list)).status).toBe(401);
		expect((await post(server.url, { authorization: `Bearer ${TOKEN}` }, null, 'GET')).status).toBe(405);
		expect((await post(server.url, { authorization: `Bearer ${TOKEN}` }, { command: 'drop' })).status).toBe(400);
		const ok = await post(server.url, { authorization: `Bearer ${TOKEN}` }, list);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ counts: { queued: expect.any(Number), dead: expect.any(Number) } });
	});
});

describe('npm run outbox while the server runs', () => {
	it('says how to go on without ADMIN_TOKEN, and lists and retries through the server with it', async () => {
		const email = 'cli-retry@example.org';
		expect((await call(server.url, 'POST', '/api/send', { json: sendBody(email), from: client(7) })).status).toBe(200);
		const asServer = { ADMIN_TOKEN: TOKEN, ADMIN_URL: server.url };
		let dead = '';
		for (let i = 0; i < 100 && !dead; i++) {
			const listed = await outbox(['list', 'dead'], asServer);
			dead = /^([0-9a-f-]{36})\tdead\tconfirmation/m.exec(listed.out)?.[1] ?? '';
			if (!dead) await new Promise((r) => setTimeout(r, 200));
		}
		expect(dead).not.toBe('');

		const refused = await outbox(['list'], {});
		expect(refused.code).toBe(1);
		expect(refused.err).toMatch(/held by a running server \(pid \d+\)/);
		expect(refused.err).toMatch(/stop that server.*or start the server with ADMIN_TOKEN/s);

		const listed = await outbox(['list'], asServer);
		expect(listed.code).toBe(0);
		expect(listed.err).toContain(`asking it at ${server.url}`);
		expect(listed.out).toMatch(/^queued 0, sent 0, dead 1$/m);
		expect(listed.out).toContain('550');

		const wrong = await outbox(['list'], { ...asServer, ADMIN_TOKEN: 'not the token, though long enough to be one' });
		expect(wrong.code).toBe(1);
		expect(wrong.err).toMatch(/answered 401/);

		relay.refuse = null;
		const retried = await outbox(['retry', dead], asServer);
		expect(retried.out.trim()).toBe(`${dead} queued again`);
		expect(retried.code).toBe(0);
		const [mail] = await relay.waitFor((m) => m.to.includes(email));
		expect(linksIn(mail!).token).toHaveLength(43);
		const again = await outbox(['retry', dead], asServer);
		expect(again.code).toBe(1);
		expect(again.out).toContain('is not a dead email');
	});
});

describe('npm run replies while the server runs', () => {
	it('lists and decides excerpts through the server, and refuses malformed commands', async () => {
		const asServer = { ADMIN_TOKEN: TOKEN, ADMIN_URL: server.url };
		const refused = await command('replies', ['list'], {});
		expect(refused.code).toBe(1);
		expect(refused.err).toMatch(/held by a running server \(pid \d+\)/);

		const listed = await command('replies', ['list', 'pending'], asServer);
		expect(listed.err).toContain(`asking it at ${server.url}`);
		expect(listed.out.trim()).toBe('0 excerpts pending');
		expect(listed.code).toBe(0);

		const unknown = '00000000-0000-4000-8000-000000000000';
		const decided = await command('replies', ['approve', unknown], asServer);
		expect(decided.out.trim()).toBe(`no excerpt ${unknown}`);
		expect(decided.code).toBe(1);

		const auth = { authorization: `Bearer ${TOKEN}` };
		expect((await post(server.url, auth, { command: 'approve', id: 'x' }, 'POST', 'replies')).status).toBe(400);
		expect((await post(server.url, auth, { command: 'list' }, 'GET', 'replies')).status).toBe(405);
		expect((await post(plain.url, auth, { command: 'list' }, 'POST', 'replies')).status).toBe(404);
	});
});
