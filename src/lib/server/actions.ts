// Over 300 lines: one store (schema, tokens, retention, counts) behind one class; each method a short transaction.
/**
 * The app's action store, opened once per process (./store/): what supporters did, with as little personal data as
 * the job needs, and the outbox of every email the product sends.
 *
 *   pending   the letter waiting for its sender's confirmation (name, email, address, subject, body), sealed under its
 *             own key; the key and the letter are deleted when the link is used, expires or the deletion link is used
 *   actions   one row per email (confirmation_sent -> queued -> sent | failed) or per mailto opened (mailto_opened);
 *             email_hash is an HMAC of the address with EMAIL_HASH_SECRET (kept out of the store), for duplicates and
 *             rate limits only; consent_name and consent_email only when the supporter consented and the letter went.
 *             Deleted 12 months after they were made, so the counts cover the last 12 months.
 *   outbox    every email, queued in the same transaction as its action, sealed until delivered (./store/outbox.ts)
 *   rate_hits the rate limits, shared by every server on one store
 *   follow_ups, reply_links, reply_answers, reply_excerpts  the survey after a consented letter (./store/followups.ts)
 *
 * Back end: PostgreSQL when DATABASE_URL is set (several servers), else PGlite in ACTIONS_DIR (one server).
 * Retention runs on a timer (startStore), not only when requests arrive.
 */
import { randomBytes } from 'node:crypto';
import { now } from './clock';
import { openStore } from './store/open';
import type { Store } from './store/store';
import { OutboxWorker, type Relay } from './store/worker';

export { countOrWithheld, hashToken, isTokenShaped, newToken, Store } from './store/store';
export * from './store/types';

let shared: Promise<Store> | null = null;
let worker: OutboxWorker | null = null;
let retention: NodeJS.Timeout | null = null;

/** The configuration from the environment (read through ./env at run time). */
async function config() {
	const env = await import('./env');
	return { databaseUrl: env.databaseUrl(), dir: env.actionsDir(), secret: env.emailHashSecret() ?? ephemeralSecret() };
}

/** Without EMAIL_HASH_SECRET (mailto mode only: ./startup.ts refuses SMTP mode) no email is ever hashed. */
let ephemeral: string | null = null;
const ephemeralSecret = () => (ephemeral ??= randomBytes(32).toString('base64url'));

/** The app's store, opened on first use. */
export function actionsStore(): Promise<Store> {
	if (!shared) {
		shared = config().then(openStore);
		shared.catch(() => {
			shared = null; // try again on the next request
		});
	}
	return shared;
}

/**
 * Removes expired pending letters and old records, and scrubs used keys from the files, now and then every `everyMs`.
 */
function startRetention(store: Store, everyMs: number): void {
	const run = () => {
		const now = Date.now();
		store.purgeExpired(now).catch((error) => console.error('Could not purge expired pending letters:', error));
		store
			.purgeOldActions(now)
			.then(() => store.scrubKeys())
			.catch((error) => console.error('Could not purge old records or scrub used keys:', error));
	};
	run();
	retention = setInterval(run, everyMs);
	retention.unref();
}

/**
 * Opens the store (throwing if it cannot be written), starts delivering the outbox through `relay` (when the server
 * sends email) and the retention timer.
 */
export async function startStore(
	relay: Relay | null,
	options: {
		retentionMs?: number;
		retryFirstMs?: number;
		/** Queues due follow-up surveys before each delivery pass (./followups.ts, given by ./startup.ts). */
		beforePass?: (now: number) => Promise<number>;
	} = {}
): Promise<Store> {
	const store = await actionsStore();
	if (relay && !worker) {
		// On the clock the tests move (./clock.ts), like the follow-ups it delivers.
		worker = new OutboxWorker(store, relay, {
			retryFirstMs: options.retryFirstMs,
			now,
			beforePass: options.beforePass
		});
		worker.start();
	}
	if (!retention) startRetention(store, options.retentionMs ?? 60_000);
	return store;
}

/** Asks the worker to deliver now (an email was just queued). */
export function kickOutbox(): void {
	worker?.kick();
}

/** Stops the worker and the timer and closes the store (adapter-node's graceful shutdown: SIGTERM, SIGINT). */
export async function stopStore(): Promise<void> {
	if (retention) clearInterval(retention);
	retention = null;
	await worker?.stop();
	worker = null;
	const store = shared;
	shared = null;
	if (store) await (await store.catch(() => null))?.close();
}
