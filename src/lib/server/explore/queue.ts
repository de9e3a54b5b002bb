/**
 * One query at a time, a few waiting, the rest refused at once: with DuckDB on one thread, a queue longer than a
 * few one-second queries only makes every waiting page slower, so a burst is turned away rather than queued.
 */
export class Busy extends Error {}

export class OneAtATime {
	private tail: Promise<unknown> = Promise.resolve();
	private inFlight = 0;

	constructor(readonly maxWaiting: number) {}

	/** Queries running or waiting now. */
	get size(): number {
		return this.inFlight;
	}

	/** Runs `work` after every earlier one has settled; throws Busy, without running it, when the queue is full. */
	run<T>(work: () => Promise<T>): Promise<T> {
		if (this.inFlight > this.maxWaiting) return Promise.reject(new Busy('busy'));
		this.inFlight++;
		const next = this.tail.then(work, work).finally(() => this.inFlight--);
		this.tail = next.catch(() => {});
		return next;
	}
}
