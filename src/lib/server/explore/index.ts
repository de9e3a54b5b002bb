/**
 * /explore's first answer from the server: the sandbox (sandbox.ts) opened once, on the first visit to /explore, from
 * the committed exports bundled with the server; a per-connection rate limit; EXPLORE_SERVER=off switches it off (the
 * page then answers in the browser only, as before).
 */
import { env } from '$env/dynamic/private';
import type { TableName } from '$lib/data/contract';
import { ipKey, SlidingWindow, take } from '../rate-limit';
import { openSandbox, type Sandbox, type ServerAnswer } from './sandbox';
import areas from '../../../../static/data/csv/areas.csv?raw';
import areaLookups from '../../../../static/data/csv/area_lookups.csv?raw';
import indicators from '../../../../static/data/csv/indicators.csv?raw';
import observations from '../../../../static/data/csv/observations.csv?raw';
import provenance from '../../../../static/data/csv/provenance.csv?raw';
import mps from '../../../../static/data/csv/mps.csv?raw';

export type { ServerAnswer } from './sandbox';

const CSV: Record<TableName, string> = {
	areas,
	area_lookups: areaLookups,
	indicators,
	observations,
	provenance,
	mps
};

/**
 * Server answers a minute from one connection (EXPLORE_RATE_LIMIT, default 20): a person exploring never meets it, a
 * script soon does. Read on first use, so the environment of the running server counts.
 */
let perIp: SlidingWindow | null = null;
function rateLimit(): SlidingWindow {
	const configured = Number(env.EXPLORE_RATE_LIMIT);
	const limit = Number.isInteger(configured) && configured > 0 ? configured : 20;
	perIp ??= new SlidingWindow(limit, 60_000, 'for SQL answers from your connection in a minute');
	return perIp;
}

export function exploreServerOn(): boolean {
	return (env.EXPLORE_SERVER ?? '').trim().toLowerCase() !== 'off';
}

let sandbox: Promise<Sandbox> | null = null;

/** Opens the sandbox in the background (the first /explore visit), so a shared link finds it ready. */
export function warmExplore(): Promise<Sandbox> | null {
	if (!exploreServerOn()) return null;
	sandbox ??= openSandbox(CSV).catch((error: unknown) => {
		sandbox = null; // the next visit tries again
		throw error;
	});
	return sandbox;
}

/** The server's answer to `sql` for the client at `address`, or null when server answers are switched off. */
export async function answerOnServer(sql: string, address: string): Promise<ServerAnswer | null> {
	const opening = warmExplore();
	if (!opening) return null;
	const verdict = take([[rateLimit(), ipKey(address)]]);
	if (!verdict.ok) return { ok: false, failure: 'busy', message: verdict.message };
	return (await opening).query(sql);
}
