/**
 * The outbox under faults, against the built app started here with its own settings (scripts/store/harness.ts):
 * refused start-ups, a relay outage with letters confirmed during it, kill -9 with the queue resumed, a deletion link
 * that leaves nothing readable in the store's files, and two servers on one PostgreSQL delivering each letter once.
 * The two-server run uses 500 sends by default (OUTBOX_E2E_SENDS=2000 for the 2,000, which the bench runs).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { sharedSends } from '../../scripts/store/two-servers';
import { openStore } from '../../src/lib/server/store/open';
import { startPostgres, type TestPostgres } from '../../scripts/store/postgres';

/**
 * Sends shared between the two servers on one PostgreSQL: 500 by default, to keep CI time down (the 2,000
 * took 66 s here, the whole test 72 s); `OUTBOX_E2E_SENDS=2000` runs them all, and the `sends` bench always does.
 */
const SHARED_SENDS = Number(process.env.OUTBOX_E2E_SENDS) || 500;

// Each test starts its own servers; a fresh embedded store runs initdb (seconds, more on a busy machine).
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

let dir: string;
const apps: App[] = [];
const relays: Relay[] = [];

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'outbox-e2e-'));
});
afterAll(async () => {
	for (const app of apps) await app.stop('SIGKILL');
	for (const relay of relays) await relay.stop();
	await rm(dir, { recursive: true, force: true });
});

async function app(env: Record<string, string>): Promise<App> {
	const started = await startApp(env);
	apps.push(started);
	return started;
}
async function relay(): Promise<Relay> {
	const r = await Relay.create();
	relays.push(r);
	return r;
}
const confirmationTo = (email: string) => (m: Received) => m.to.includes(email) && m.subject.startsWith('Confirm');
const letterFrom = (email: string) => (m: Received) => m.cc.includes(email) && !m.subject.startsWith('Confirm');

/** Every file under `folder`, with its bytes. */
async function files(folder: string): Promise<{ file: string; bytes: Buffer }[]> {
	const out: { file: string; bytes: Buffer }[] = [];
	for (const entry of await readdir(folder, { withFileTypes: true, recursive: true }))
		if (entry.isFile()) {
			const file = path.join(entry.parentPath, entry.name);
			out.push({ file, bytes: await readFile(file) });
		}
	return out;
}

describe('refused start-ups', () => {
	it('refuses SMTP mode without EMAIL_HASH_SECRET, an unwritable store, and a second server on one embedded store', async () => {
		const r = await relay();
		const noSecret = await app({ ...smtpEnv(r), EMAIL_HASH_SECRET: '', ACTIONS_DIR: path.join(dir, 'a') });
		expect(await noSecret.exited).not.toBe(0);
		expect(noSecret.output()).toMatch(/Refusing to start: SMTP_HOST is set but EMAIL_HASH_SECRET is not/);

		await writeFile(path.join(dir, 'a-file'), 'not a folder');
		const unwritable = await app({ ACTIONS_DIR: path.join(dir, 'a-file', 'actions') });
		expect(await unwritable.exited).not.toBe(0);
		expect(unwritable.output()).toMatch(/Refusing to start: the action store cannot be opened for writing/);

		const first = await app({ ACTIONS_DIR: path.join(dir, 'shared') });
		expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
		const second = await app({ ACTIONS_DIR: path.join(dir, 'shared') });
		expect(await second.exited).not.toBe(0);
		expect(second.output()).toMatch(/in use by another process.*DATABASE_URL/);
		await first.stop();

		const noServer = await app({ DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none' });
		expect(await noServer.exited).not.toBe(0);
		expect(noServer.output()).toMatch(/Refusing to start: the action store cannot be opened/);
	});
});

describe('a relay outage', () => {
	it('queues during the outage, says so, and delivers every letter exactly once when the relay is back', async () => {
		const r = await relay();
		const server = await app(smtpEnv(r, { ACTIONS_DIR: path.join(dir, 'outage') }));
		// Relay down: sends are still accepted (queued), and /healthz says the relay is unreachable.
		const health = await call(server.url, 'GET', '/healthz');
		expect(health.status).toBe(503);
		expect(health.json()).toMatchObject({ ok: false, store: { ok: true }, mail: { relay: 'unreachable' } });
		const emails = [0, 1, 2, 3, 4].map((i) => `outage-${i}@example.org`);
		for (const [i, email] of emails.entries()) {
			const sent = await call(server.url, 'POST', '/api/send', { json: sendBody(email), from: client(i) });
			expect(sent.status, sent.text).toBe(200);
		}
		await r.start();
		const confirmations = await Promise.all(emails.map((e) => r.waitFor(confirmationTo(e))));
		expect((await call(server.url, 'GET', '/healthz')).json()).toMatchObject({
			ok: true,
			mail: { relay: 'reachable' }
		});

		// Down again while every supporter confirms: each page says "queued" (202), never an error.
		await r.stop();
		for (const [i, mail] of confirmations.entries()) {
			const view = await call(server.url, 'POST', '/api/confirm', {
				json: { token: linksIn(mail[0]!).token },
				from: client(i)
			});
			expect(view.status, view.text).toBe(202);
			expect(view.json()).toMatchObject({ state: 'queued' });
		}
		const again = await call(server.url, 'GET', `/confirm/${linksIn(confirmations[0]![0]!).token}`);
		expect(again.text).toContain('is queued');
		await new Promise((resolve) => setTimeout(resolve, 1500)); // a few failed attempts while down
		const before = r.mails.length;
		await r.start();
		for (const email of emails) await r.waitFor(letterFrom(email));
		await new Promise((resolve) => setTimeout(resolve, 1500)); // anything sent twice would arrive by now
		const letters = r.mails.slice(before).filter((m) => !m.subject.startsWith('Confirm'));
		expect(letters).toHaveLength(emails.length);
		expect(new Set(letters.map((m) => m.messageId)).size).toBe(emails.length);
		expect(new Set(r.mails.map((m) => m.messageId)).size).toBe(r.mails.length);
		const after = await call(server.url, 'GET', `/confirm/${linksIn(confirmations[0]![0]!).token}`);
		expect(after.text).toContain('was sent on');
	});
});

describe('kill -9', () => {
	it('resumes the queue after a restart: every acknowledged send is delivered once', async () => {
		// In a process of its own (see the script's note); the relay is down until the server has been killed.
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'scripts/store/kill-restart.ts', path.join(dir, 'killed'), '6'],
			{
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let out = '';
		child.stdout.on('data', (c: Buffer) => (out += c.toString()));
		expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
		const result = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
		expect(result).toEqual({ acknowledged: 6, delivered: 6, mails: 6, distinctMessageIds: 6 });
	});
});

describe('the deletion link', () => {
	it('deletes the letter and its key: nothing in the store’s files can read it afterwards', async () => {
		const r = await relay();
		await r.start();
		const folder = path.join(dir, 'deletion');
		const env = smtpEnv(r, { ACTIONS_DIR: folder });
		let server = await app(env);
		const email = 'forget-me@example.org';
		expect((await call(server.url, 'POST', '/api/send', { json: sendBody(email), from: client(40) })).status).toBe(200);
		const links = linksIn((await r.waitFor(confirmationTo(email)))[0]!);
		await server.stop();

		// The letter's key, read from the store while the server is down.
		const store = await openStore({ dir: folder, secret: env.EMAIL_HASH_SECRET! });
		const keys = (await store.rows('seal_keys')).map((k) => Buffer.from(k.key as Uint8Array));
		await store.close();
		expect(keys).toHaveLength(1); // the letter's (the confirmation email was delivered: its key is gone)

		server = await app(env);
		const page = await call(server.url, 'GET', `/privacy/delete/${links.deletion}`);
		expect(page.text).toContain('Delete my details');
		const deleted = await call(server.url, 'POST', `/privacy/delete/${links.deletion}`, { form: '', from: client(40) });
		expect(deleted.status).toBe(200);
		expect(deleted.text).toContain('Your details have been deleted');
		const view = await call(server.url, 'GET', `/confirm/${links.token}`);
		expect(view.text).not.toContain('Send my email');
		await server.stop();

		const stored = await files(folder);
		expect(stored.length).toBeGreaterThan(10);
		for (const { file, bytes } of stored) {
			for (const key of keys) expect(bytes.indexOf(key), `${file} holds the deleted key`).toBe(-1);
			for (const text of ['forget-me@example.org', 'Jane Example', 'Example Road', 'Surrey and Sussex Cancer Alliance'])
				expect(bytes.indexOf(text), `${file} holds "${text}"`).toBe(-1);
		}
	});
});

describe('two servers on one PostgreSQL', () => {
	let postgres: TestPostgres;
	beforeAll(async () => {
		postgres = await startPostgres();
	});
	afterAll(async () => {
		await postgres?.stop();
	});

	it('shares sends, rate limits and the outbox: every confirmed letter is delivered exactly once', async () => {
		const r = await relay();
		await r.start();
		const env = smtpEnv(r, { DATABASE_URL: await postgres.database() });
		const servers = [await app(env), await app(env)];
		const health = (await call(servers[1]!.url, 'GET', '/healthz')).json();
		expect(health).toMatchObject({ ok: true, store: { backend: 'PostgreSQL' } });

		// The per-address limit (5 in 10 minutes) is shared: five through one server, the sixth refused by the other.
		for (let i = 0; i < 5; i++)
			expect(
				(
					await call(servers[0]!.url, 'POST', '/api/send', {
						json: sendBody(`shared-${i}@example.org`),
						from: client(60)
					})
				).status
			).toBe(200);
		const sixth = await call(servers[1]!.url, 'POST', '/api/send', {
			json: sendBody('shared-5@example.org'),
			from: client(60)
		});
		expect(sixth.status).toBe(429);

		// The confirmation limit (30 in 10 minutes per connection) is shared too: 30 tries alternating between the
		// servers (a token-shaped link nobody was sent: 404), and the 31st is refused by either.
		const nobody = { token: 'A'.repeat(43) };
		for (let i = 0; i < 30; i++) {
			const tried = await call(servers[i % 2]!.url, 'POST', '/api/confirm', { json: nobody, from: client(70) });
			expect(tried.status, tried.text).toBe(404);
		}
		for (const server of servers) {
			const limited = await call(server.url, 'POST', '/api/confirm', { json: nobody, from: client(70) });
			expect(limited.status).toBe(429);
			expect(limited.json()).toMatchObject({ state: 'limited', message: expect.stringMatching(/please try again in/) });
		}
		// And the limit on recording a mailto (10 in 10 minutes): ten through the two servers, the eleventh refused.
		const mailto = { postcode: 'GU11 1AA', constituencyCode: 'E14001063', website: '' };
		for (let i = 0; i < 10; i++)
			expect((await call(servers[i % 2]!.url, 'POST', '/api/actions', { json: mailto, from: client(80) })).status).toBe(
				204
			);
		const eleventh = await call(servers[0]!.url, 'POST', '/api/actions', { json: mailto, from: client(80) });
		expect(eleventh.status).toBe(429);
		expect(eleventh.json()).toMatchObject({
			message: expect.stringMatching(/^Too many requests to record emails from your connection in 10 minutes/)
		});

		const run = await sharedSends(servers, r, { n: SHARED_SENDS, prefix: 'two', firstClient: 100 });
		console.log(`two servers, ${SHARED_SENDS} sends: ${JSON.stringify(run)}`);
		// Every send answered 200 and every confirmation 200 (sent) or 202 (queued): no other answer at all.
		expect(Object.keys(run.statuses).filter((s) => !/^(send 200|confirm 20[02])$/.test(s))).toEqual([]);
		expect(run.accepted).toBe(SHARED_SENDS);
		expect(run.confirmed).toBe(SHARED_SENDS);
		expect(run.exactlyOnce).toBe(SHARED_SENDS);
		expect(run.letters).toBe(SHARED_SENDS);
		expect(run.distinctLetterIds).toBe(SHARED_SENDS);
		expect(run.duplicateIds).toBe(0);
	});
});
