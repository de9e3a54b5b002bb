/**
 * Delivers the outbox: claims due emails, hands each to the relay with its fixed Message-ID, and records the result.
 * Temporary failures (the relay unreachable or slow, or an SMTP 4xx answer) are retried with growing back-off until
 * RETRY_FOR_MS after queueing; permanent ones (an SMTP 5xx answer) are dead at once. Several workers (one per
 * server) share one store safely: each claim is a lease (./outbox.ts).
 */
import type { Store } from './store';
import { RETRY_FOR_MS, type OutgoingMail } from './types';

export interface Relay {
	send(mail: OutgoingMail): Promise<void>;
}

/** 'permanent' for an SMTP 5xx answer; everything else (4xx, refused or dropped connections, timeouts) is temporary. */
export function classify(error: unknown): 'temporary' | 'permanent' {
	const code = (error as { responseCode?: unknown } | null)?.responseCode;
	return typeof code === 'number' && code >= 500 && code < 600 ? 'permanent' : 'temporary';
}

/**
 * Back-off after the n-th failed attempt: 10 s, 20 s, 40 s ... (from `firstMs`), at most 90 times the first (15 minutes
 * by default), plus up to 20% jitter.
 */
export function backoffMs(attempts: number, firstMs = 10_000, random = Math.random()): number {
	const base = Math.min(90 * firstMs, firstMs * 2 ** Math.min(20, Math.max(0, attempts - 1)));
	return Math.round(base * (1 + 0.2 * random));
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');

export class OutboxWorker {
	private timer: NodeJS.Timeout | null = null;
	private running: Promise<number> | null = null;
	private again = false;
	private stopped = true;

	constructor(
		private readonly store: Store,
		private readonly relay: Relay,
		private readonly options: {
			intervalMs?: number;
			batch?: number;
			retryFirstMs?: number;
			/** The time (src/lib/server/clock.ts: the tests move it). */
			now?: () => number;
			/** Runs before each pass, e.g. queues due follow-up surveys; how many emails it queued. */
			beforePass?: (now: number) => Promise<number>;
		} = {}
	) {}

	private now(): number {
		return this.options.now?.() ?? Date.now();
	}

	start(): void {
		this.stopped = false;
		this.schedule(0);
	}

	async stop(): Promise<void> {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		await this.running?.catch(() => {});
	}

	/** Delivers soon (an email was just queued). */
	kick(): void {
		if (this.running) this.again = true;
		else if (!this.stopped) this.schedule(0);
	}

	private schedule(ms: number): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.tick(), ms);
		this.timer.unref();
	}

	private async tick(): Promise<void> {
		if (this.running || this.stopped) return;
		let delivered = 0;
		try {
			this.running = this.pass();
			delivered = await this.running;
		} catch (error) {
			console.error('Outbox: could not read the queue:', describe(error));
		} finally {
			this.running = null;
		}
		const more = this.again || delivered >= (this.options.batch ?? 10);
		this.again = false;
		if (!this.stopped) this.schedule(more ? 0 : (this.options.intervalMs ?? 2_000));
	}

	/** The hook (its failure is logged, and does not stop delivery), then one delivery pass; how many emails in all. */
	private async pass(): Promise<number> {
		const queued = this.options.beforePass
			? await this.options.beforePass(this.now()).catch((error: unknown) => {
					console.error('Outbox: could not queue follow-ups:', describe(error));
					return 0;
				})
			: 0;
		return queued + (await this.deliverDue());
	}

	/** One pass: claims a batch of due emails and tries each; how many were attempted. */
	async deliverDue(now = this.now()): Promise<number> {
		const batch = await this.store.outbox.claim(now, this.options.batch ?? 10);
		await Promise.all(
			batch.map(async (claimed) => {
				try {
					await this.relay.send(claimed.mail);
				} catch (error) {
					const reason = describe(error);
					const at = this.now();
					const wait = backoffMs(claimed.attempts, this.options.retryFirstMs);
					if (classify(error) === 'permanent' || at + wait > claimed.createdAt + RETRY_FOR_MS) {
						console.error(`Outbox: ${claimed.kind} ${claimed.id} could not be delivered: ${reason}`);
						await this.store.outbox.dead(claimed.id, reason, at);
					} else {
						await this.store.outbox.later(claimed.id, reason, at + wait, at);
					}
					return;
				}
				await this.store.outbox.delivered(claimed, this.now());
			})
		);
		return batch.length;
	}
}
