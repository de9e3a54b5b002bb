/**
 * What the outbox's end-to-end tests (tests/e2e/outbox.e2e.test.ts) and the `sends` bench share: a mail relay that
 * can be stopped and started again on its port, the built app started as its own process with chosen settings
 * (../app/start.ts), and HTTP calls from chosen loopback addresses (each address is a client for the rate limits).
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../app/start';

// The app itself is started by the one helper (../app/start.ts); re-exported for the callers of this file.
export { freePort, startApp, type App } from '../app/start';

export interface Received {
	messageId: string;
	to: string[];
	cc: string[];
	subject: string;
	text: string;
}

/** An SMTP relay on one port that keeps every message in memory; stop() and start() simulate an outage. */
export class Relay {
	readonly mails: Received[] = [];
	/** An SMTP answer code (e.g. 550) to refuse every message with, or null to take them. */
	refuse: number | null = null;
	private server: SMTPServer | null = null;
	constructor(readonly port: number) {}

	static async create(): Promise<Relay> {
		return new Relay(await freePort());
	}

	async start(): Promise<void> {
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['AUTH', 'STARTTLS'],
			logger: false,
			onData: (stream, _session, callback) => {
				const refuse = this.refuse;
				if (refuse !== null) {
					stream.on('end', () =>
						callback(Object.assign(new Error('Refused by the test relay'), { responseCode: refuse }))
					);
					stream.resume();
					return;
				}
				simpleParser(stream)
					.then((parsed) => {
						const list = (f: typeof parsed.to) =>
							(f === undefined ? [] : Array.isArray(f) ? f : [f]).flatMap((a) => a.value.map((v) => v.address ?? ''));
						this.mails.push({
							messageId: parsed.messageId ?? '',
							to: list(parsed.to),
							cc: list(parsed.cc),
							subject: parsed.subject ?? '',
							text: parsed.text ?? ''
						});
						callback();
					})
					.catch((error: Error) => callback(error));
			}
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
		});
		// A client that drops its connection (a server killed mid-delivery, /healthz's greeting check) is not a failure.
		server.on('error', () => {});
		this.server = server;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = null;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Waits until `count` messages match `match`, or throws after `ms`. */
	async waitFor(match: (m: Received) => boolean, count = 1, ms = 30_000): Promise<Received[]> {
		const until = Date.now() + ms;
		for (;;) {
			const found = this.mails.filter(match);
			if (found.length >= count) return found;
			if (Date.now() > until) throw new Error(`${found.length} of ${count} matching emails arrived within ${ms} ms`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}
}

/** The settings of an app that sends through `relay` (with a fresh EMAIL_HASH_SECRET unless one is given). */
export function smtpEnv(relay: Relay, extra: Record<string, string> = {}): Record<string, string> {
	return {
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(relay.port),
		SMTP_SECURE: 'false',
		MAIL_FROM: 'campaign@example.org',
		EMAIL_HASH_SECRET: randomBytes(32).toString('base64url'),
		OUTBOX_RETRY_BASE_MS: '100',
		...extra
	};
}

export interface Answer {
	status: number;
	text: string;
	json: <T = Record<string, unknown>>() => T;
}

/** An HTTP call from a chosen loopback address (same-origin headers, as the site's own pages send). */
export function call(
	base: string,
	method: string,
	pathname: string,
	options: { json?: unknown; form?: string; from?: string } = {}
): Promise<Answer> {
	const url = new URL(pathname, base);
	const body =
		options.json !== undefined ? JSON.stringify(options.json) : options.form !== undefined ? options.form : undefined;
	const headers: Record<string, string> = { origin: url.origin, accept: 'application/json' };
	if (options.json !== undefined) headers['content-type'] = 'application/json';
	if (options.form !== undefined) {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		headers.accept = 'text/html';
	}
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				method,
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				headers,
				localAddress: options.from
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode ?? 0, text, json: <T>() => JSON.parse(text) as T });
				});
			}
		);
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/**
 * A line that only this writer's letter has: the server refuses a letter almost the same as another writer's to the
 * same MP (src/lib/server/similar.ts), as real supporters' letters are not. Ten words from a hash of the address.
 */
export function writerLine(email: string): string {
	const hex = createHash('sha256').update(email.toLowerCase()).digest('hex');
	return `Test letter, reference ${hex.slice(0, 60).match(/.{6}/g)!.join(' ')}.`;
}

/** A send request for Aldershot (GU11 1AA, E14001063), whose MP publishes an address; example.org supporters. */
export function sendBody(email: string) {
	return {
		postcode: 'GU11 1AA',
		constituencyCode: 'E14001063',
		name: 'Jane Example',
		email,
		address: '1 Example Road, Aldershot',
		subject: 'Breast cancer care in Surrey and Sussex',
		body: `Dear Alex Baker,\n\nPlease write to the Surrey and Sussex Cancer Alliance.\n\n${writerLine(email)}\n\nYours sincerely,\nJane Example (${email})`,
		consent: false,
		website: ''
	};
}

/** The n-th loopback client address (127.0.1.1, 127.0.1.2, ...): 5 sends each fit the per-address limit. */
export const client = (n: number) => `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;

/** The confirmation and deletion links in a confirmation email. */
export function linksIn(mail: Received): { token: string; deletion: string } {
	const token = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
	const deletion = /\/privacy\/delete\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
	if (!token || !deletion) throw new Error(`no links in: ${mail.text.slice(0, 200)}`);
	return { token, deletion };
}
