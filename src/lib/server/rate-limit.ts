/**
 * Abuse guards for the sending endpoints: rate limits (per IP address, from SvelteKit's getClientAddress(), and per
 * hashed email address), the same-origin check for posts, and a bounded JSON body reader. Every limit of sending,
 * confirming and recording a mailto lives in the action store (sendWindows, storedLimits), so servers sharing one
 * store share them; SlidingWindow is the in-process kind, for throttles that are one server's own (explore's).
 */
import { json } from '@sveltejs/kit';
import type { Window } from './store/types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Refused {
	ok: false;
	/** Seconds until the oldest counted request leaves the window. */
	retryAfter: number;
	message: string;
}
export type Verdict = { ok: true } | Refused;

/** Counts events per key within a moving window of `windowMs`. */
export class SlidingWindow {
	private readonly hits = new Map<string, number[]>();
	private lastSweep = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		/** Completes "You have sent 5 requests {describe}" and "try again in ...". */
		readonly describe: string,
		/** Keys kept at most; the least recently used are dropped beyond this (memory bound). */
		readonly maxKeys = 100_000
	) {}

	private recent(key: string, now: number): number[] {
		const list = this.hits.get(key);
		if (!list) return [];
		const from = now - this.windowMs;
		let i = 0;
		while (i < list.length && list[i]! <= from) i++;
		if (i > 0) list.splice(0, i);
		if (list.length === 0) this.hits.delete(key);
		return list;
	}

	/** Whether one more event for `key` fits, without counting it. */
	check(key: string, now = Date.now()): Verdict {
		const list = this.recent(key, now);
		if (list.length < this.limit) return { ok: true };
		const retryAfter = Math.max(1, Math.ceil((list[list.length - this.limit]! + this.windowMs - now) / 1000));
		return {
			ok: false,
			retryAfter,
			message: `Too many requests ${this.describe}. Please try again in ${humanDuration(retryAfter)}.`
		};
	}

	record(key: string, now = Date.now()): void {
		this.sweep(now);
		const list = this.recent(key, now);
		list.push(now);
		this.hits.delete(key);
		this.hits.set(key, list); // re-inserted: Map order is least recently used first
		while (this.hits.size > this.maxKeys) {
			const oldest = this.hits.keys().next().value;
			if (oldest === undefined) break;
			this.hits.delete(oldest);
		}
	}

	private sweep(now: number): void {
		if (now - this.lastSweep < MINUTE) return;
		this.lastSweep = now;
		for (const key of [...this.hits.keys()]) this.recent(key, now);
	}
}

/** Checks every (window, key) pair and counts the event in all of them only if all allow it. */
export function take(checks: [SlidingWindow, string][], now = Date.now()): Verdict {
	let worst: Refused | null = null;
	for (const [window, key] of checks) {
		const verdict = window.check(key, now);
		if (!verdict.ok && (!worst || verdict.retryAfter > worst.retryAfter)) worst = verdict;
	}
	if (worst) return worst;
	for (const [window, key] of checks) window.record(key, now);
	return { ok: true };
}

export function humanDuration(seconds: number): string {
	if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 90) return `${minutes} minutes`;
	const hours = Math.ceil(minutes / 60);
	return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/**
 * The throttles on confirming and on recording a mailto, kept in the action store like the sending windows (a
 * confirmation may reach any server; the limit is the same whichever). Counted by takeStored, never given back.
 */
export const storedLimits = {
	confirmPerIp: {
		bucket: 'confirm-ip-10m',
		limit: 30,
		windowMs: 10 * MINUTE,
		describe: 'to confirm emails from your connection in 10 minutes'
	},
	actionsPerIpShort: {
		bucket: 'mailto-ip-10m',
		limit: 10,
		windowMs: 10 * MINUTE,
		describe: 'to record emails from your connection in 10 minutes'
	},
	actionsPerIpDay: {
		bucket: 'mailto-ip-day',
		limit: 50,
		windowMs: DAY,
		describe: 'to record emails from your connection today'
	}
} satisfies Record<string, Window>;

/** What takeStored needs of the store (its rate_hits table). */
export interface RateStore {
	rateCheck(
		checks: [Window, string][],
		now?: number
	): Promise<{ ok: true } | { ok: false; retryAfter: number; window: Window }>;
	rateRecord(hits: [Window, string][], actionId?: string | null, now?: number): Promise<void>;
}

/**
 * The stored twin of take(): checks every (window, key) pair and counts one hit in each only if all allow it. Two
 * requests at the same moment may both pass the check (a throttle, not a quota: the next is refused).
 */
export async function takeStored(store: RateStore, checks: [Window, string][], now = Date.now()): Promise<Verdict> {
	const verdict = await store.rateCheck(checks, now);
	if (!verdict.ok) return refusedBy(verdict.window, verdict.retryAfter);
	await store.rateRecord(checks, null, now);
	return { ok: true };
}

/**
 * The limits on sending, kept in the action store (shared by every server on one store). A hit is recorded with the
 * action it led to, so an email that could not be delivered gives it back.
 */
export const sendWindows = {
	perIpShort: {
		bucket: 'send-ip-10m',
		limit: 5,
		windowMs: 10 * MINUTE,
		describe: 'from your connection in 10 minutes'
	},
	perIpDay: { bucket: 'send-ip-day', limit: 20, windowMs: DAY, describe: 'from your connection today' },
	perEmailDay: { bucket: 'send-email-day', limit: 3, windowMs: DAY, describe: 'for this email address today' }
} satisfies Record<string, Window>;

/** A stored window's refusal, worded as the in-memory ones. */
export function refusedBy(window: Window, retryAfter: number): Refused {
	return {
		ok: false,
		retryAfter,
		message: `Too many requests ${window.describe}. Please try again in ${humanDuration(retryAfter)}.`
	};
}

/**
 * The key for an address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix, since one household or phone
 * often holds a whole /64.
 */
export function ipKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1]!;
	if (!address.includes(':')) return address;
	const [head = '', tail = ''] = address.split('%')[0]!.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
		: left;
	return (
		groups
			.slice(0, 4)
			.map((g) => (parseInt(g, 16) || 0).toString(16))
			.join(':') + '::/64'
	);
}

/** A 429 answer with Retry-After, shaped like the endpoint's other answers. */
export function tooMany(verdict: Refused, body: Record<string, unknown> = {}): Response {
	return json(
		{ ...body, message: verdict.message },
		{ status: 429, headers: { 'retry-after': String(verdict.retryAfter) } }
	);
}

/**
 * Whether a post comes from this site's own pages. The Origin header must be the request's origin or, when
 * PUBLIC_ORIGIN/ORIGIN is set, that origin; when neither is set, any origin on this host (scheme aside: without ORIGIN,
 * adapter-node takes every request to be https while a plain-http browser sends http). Without an Origin header, the
 * browser's Sec-Fetch-Site must say same-origin. Anything else (other sites, "null", no headers at all) is refused.
 */
export function isSameOrigin(request: Request, url: URL, configuredOrigin: string | null = null): boolean {
	const origin = request.headers.get('origin');
	if (origin !== null) {
		let o: URL;
		try {
			o = new URL(origin);
		} catch {
			return false;
		}
		if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
		if (o.origin === url.origin) return true;
		// With PUBLIC_ORIGIN (or ORIGIN) set, only that origin; without, the same host whatever the scheme.
		if (configuredOrigin !== null) return o.origin === configuredOrigin;
		return o.host === url.host;
	}
	return request.headers.get('sec-fetch-site') === 'same-origin';
}

export const CROSS_SITE_MESSAGE = 'This form can only be sent from this website.';

/** Reads a JSON body of at most `maxBytes`: { ok, value } or a Response (415 wrong type, 413 too large, 400 not JSON). */
/** Reads a body to its end (or its error: over BODY_SIZE_LIMIT) and discards it. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
	try {
		while (!(await reader.read()).done);
	} catch {
		// over the server's BODY_SIZE_LIMIT: SvelteKit stops passing the body on and discards the rest itself
	}
}

export async function readJson(
	request: Request,
	maxBytes: number,
	refusal: (message: string) => Record<string, unknown>
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) {
		return {
			ok: false,
			response: json(refusal('Send the request as JSON (content-type: application/json).'), { status: 415 })
		};
	}
	const tooLarge = () => ({
		ok: false as const,
		response: json(refusal(`The request is too large: at most ${Math.round(maxBytes / 1024)} KB.`), { status: 413 })
	});
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
	if (!request.body) return { ok: false, response: json(refusal('The request is empty.'), { status: 400 }) };

	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			// Read the rest and drop it, rather than cancel (SvelteKit then destroys the socket, so the client sees a
			// dropped connection instead of this 413); BODY_SIZE_LIMIT bounds how much is read.
			await drain(reader);
			return tooLarge();
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		bytes.set(c, at);
		at += c.byteLength;
	}
	try {
		return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
	} catch {
		return { ok: false, response: json(refusal('The request is not valid JSON.'), { status: 400 }) };
	}
}
