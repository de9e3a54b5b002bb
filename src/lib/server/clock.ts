/**
 * The server's "now" for the follow-up survey (the scheduler, the outbox worker, the answer page): the real time, or,
 * for the end-to-end tests only, the real time plus an offset in milliseconds read from the file TEST_CLOCK_FILE names
 * (so a test can move the server 14 and 21 days on without waiting). ./startup.ts refuses TEST_CLOCK_FILE unless the
 * server is plainly a test one: NODE_ENV is not "production" and mail goes to no relay, or to one on this machine.
 */
import { readFileSync } from 'node:fs';

/** The offset from the file, 0 when it is missing or empty (a test writes it whole, then moves it into place). */
function offsetMs(file: string): number {
	try {
		const value = Number(readFileSync(file, 'utf8').trim() || '0');
		return Number.isFinite(value) ? value : 0;
	} catch {
		return 0;
	}
}

export function now(): number {
	const file = process.env.TEST_CLOCK_FILE?.trim();
	return file ? Date.now() + offsetMs(file) : Date.now();
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** Why TEST_CLOCK_FILE may not be used with these settings, or null. */
export function clockProblem(env: { TEST_CLOCK_FILE?: string; NODE_ENV?: string; SMTP_HOST?: string }): string | null {
	if (!env.TEST_CLOCK_FILE?.trim()) return null;
	const host = env.SMTP_HOST?.trim();
	if (env.NODE_ENV !== 'production' && (!host || LOOPBACK.test(host))) return null;
	return (
		'Refusing to start: TEST_CLOCK_FILE moves the clock of the follow-up survey and is for tests only. It is refused ' +
		'when NODE_ENV is "production" or SMTP_HOST is not on this machine (localhost, 127.x.x.x, ::1). Unset it.'
	);
}
