/**
 * Sends shared between app servers on one store, counted at the relay by Message-ID: the run behind the outbox's
 * end-to-end test (tests/e2e/outbox.e2e.test.ts) and the `sends` bench. Each send goes to the servers in turn and is
 * confirmed through the next one, so every letter is queued by one server and may be delivered by any worker.
 */
import { call, client, linksIn, sendBody, type App, type Received, type Relay } from './harness';

/** Runs `fn` over `items`, `concurrency` at a time; the results in order. */
export async function pool<T, R>(
	items: T[],
	concurrency: number,
	fn: (item: T, i: number) => Promise<R>
): Promise<R[]> {
	const out = new Array<R>(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i]!, i);
			}
		})
	);
	return out;
}

/** Waits until `count` of the relay's messages match (one poll for all of them, not one per message). */
async function waitForCount(relay: Relay, match: (m: Received) => boolean, count: number, ms: number) {
	const until = Date.now() + ms;
	for (;;) {
		const found = relay.mails.filter(match);
		if (found.length >= count) return found;
		if (Date.now() > until) throw new Error(`${found.length} of ${count} emails arrived within ${ms} ms`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export interface SharedRun {
	sends: number;
	/** Sends answered 200, and confirmations answered 200 (sent) or 202 (queued). */
	accepted: number;
	confirmed: number;
	/** Letters to the MP that arrived, their distinct Message-IDs, and supporters whose letter arrived exactly once. */
	letters: number;
	distinctLetterIds: number;
	exactlyOnce: number;
	/** Every message at the relay (confirmations too) and how many of them repeat an earlier Message-ID. */
	mails: number;
	duplicateIds: number;
	/** From the first send to the last letter's arrival. */
	seconds: number;
	statuses: Record<string, number>;
}

/**
 * `n` sends through `servers` in turn (address `${prefix}-i@example.org`, five per client address from `firstClient`,
 * the per-address limit), each confirmed through the next server; then waits `settleMs` for any message sent twice.
 */
export async function sharedSends(
	servers: App[],
	relay: Relay,
	options: { n: number; prefix: string; firstClient: number; concurrency?: number; settleMs?: number }
): Promise<SharedRun> {
	const { n, prefix, firstClient, concurrency = 50, settleMs = 2000 } = options;
	const emails = Array.from({ length: n }, (_, i) => `${prefix}-${i}@example.org`);
	const from = (i: number) => client(firstClient + Math.floor(i / 5));
	const ours = (m: Received) => m.to.concat(m.cc).some((a) => a.startsWith(`${prefix}-`));
	const statuses: Record<string, number> = {};
	const count = (what: string) => (statuses[what] = (statuses[what] ?? 0) + 1);
	const started = performance.now();

	const sent = await pool(emails, concurrency, async (email, i) => {
		const answer = await call(servers[i % servers.length]!.url, 'POST', '/api/send', {
			json: sendBody(email),
			from: from(i)
		});
		count(`send ${answer.status}`);
		return answer.status === 200;
	});
	const accepted = sent.filter(Boolean).length;
	const confirmations = await waitForCount(
		relay,
		(m) => ours(m) && m.subject.startsWith('Confirm'),
		accepted,
		120_000 + n * 100
	);
	const tokenOf = new Map(confirmations.map((m) => [m.to[0]!, linksIn(m).token]));
	const views = await pool(emails, concurrency, async (email, i) => {
		const token = tokenOf.get(email);
		if (!token) return false;
		const view = await call(servers[(i + 1) % servers.length]!.url, 'POST', '/api/confirm', {
			json: { token },
			from: from(i)
		});
		count(`confirm ${view.status}`);
		return view.status === 200 || view.status === 202;
	});
	const confirmed = views.filter(Boolean).length;
	const isLetter = (m: Received) => ours(m) && !m.subject.startsWith('Confirm');
	await waitForCount(relay, isLetter, confirmed, 120_000 + n * 100);
	const seconds = (performance.now() - started) / 1000;
	await new Promise((r) => setTimeout(r, settleMs)); // anything delivered twice arrives by now

	const letters = relay.mails.filter(isLetter);
	const perSupporter = new Map<string, number>();
	for (const m of letters) for (const a of m.cc) perSupporter.set(a, (perSupporter.get(a) ?? 0) + 1);
	const all = relay.mails.filter(ours);
	return {
		sends: n,
		accepted,
		confirmed,
		letters: letters.length,
		distinctLetterIds: new Set(letters.map((m) => m.messageId)).size,
		exactlyOnce: emails.filter((e) => perSupporter.get(e) === 1).length,
		mails: all.length,
		duplicateIds: all.length - new Set(all.map((m) => m.messageId)).size,
		seconds,
		statuses
	};
}
