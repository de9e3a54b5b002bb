/**
 * Global setup for the end-to-end tests. Starts:
 * - a real SMTP server on localhost (smtp-server: no auth, no TLS, any sender and recipient); each message is parsed
 *   with mailparser and written as JSON ({ from, to, cc, replyTo, subject, text, envelope }, addresses as
 *   { name, address } lists) into a temporary folder, given to the tests as inject('maildir');
 * - the built app twice (npm run build, then adapter-node's `node build`), each on a free localhost port with its own
 *   action database in a temporary folder:
 *     inject('baseUrl')      no SMTP configured: "mailto" mode, the app as a bare `npm start` runs it;
 *     inject('smtpBaseUrl')  sending through that SMTP server (SMTP_HOST, SMTP_PORT, SMTP_SECURE=false, MAIL_FROM).
 * ORIGIN (and PUBLIC_ORIGIN, PROTOCOL_HEADER, ADDRESS_HEADER) stay unset for the first: the server must work exactly
 * as `npm start` runs it. The SMTP app gets PUBLIC_ORIGIN (its own address): SMTP mode refuses to start without one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';
import { freePort, startApp, type App } from '../../scripts/app/start';

/** The campaign's sending address in the tests: example.org is reserved for documentation (RFC 2606). */
export const TEST_MAIL_FROM = 'campaign@example.org';
/** Who runs the campaign in the SMTP app's settings: a name that says it is a test, and a reserved address. */
export const TEST_OPERATOR = { name: 'The end-to-end tests', contact: 'privacy@example.org' };

export interface MailAddress {
	name: string;
	address: string;
}

/** One message as the test SMTP server received it. */
export interface ReceivedMail {
	from: MailAddress[];
	to: MailAddress[];
	cc: MailAddress[];
	replyTo: MailAddress[];
	subject: string;
	text: string;
	/** The SMTP envelope: MAIL FROM and every RCPT TO. */
	envelope: { from: string; to: string[] };
	receivedAt: string;
}

const servers: App[] = [];
let smtp: SMTPServer | undefined;
const tempDirs: string[] = [];

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
	const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
	return list.flatMap((a) => a.value).map((v) => ({ name: v.name, address: v.address ?? '' }));
}

/** Starts the SMTP server; every message lands in `maildir` as <time>-<n>.json (written whole, then renamed). */
async function startSmtp(maildir: string): Promise<number> {
	const port = await freePort();
	let count = 0;
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['AUTH', 'STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then(async (parsed) => {
					const mail: ReceivedMail = {
						from: addresses(parsed.from),
						to: addresses(parsed.to),
						cc: addresses(parsed.cc),
						replyTo: addresses(parsed.replyTo),
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						envelope: {
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							to: session.envelope.rcptTo.map((r) => r.address)
						},
						receivedAt: new Date().toISOString()
					};
					const name = `${Date.now()}-${String(++count).padStart(4, '0')}`;
					await writeFile(path.join(maildir, `.${name}.tmp`), JSON.stringify(mail, null, 2));
					await rename(path.join(maildir, `.${name}.tmp`), path.join(maildir, `${name}.json`));
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	await new Promise<void>((resolve, reject) => {
		smtp!.once('error', reject);
		smtp!.listen(port, '127.0.0.1', () => resolve());
	});
	return port;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const maildir = await mkdtemp(path.join(tmpdir(), 'e2e-mail-'));
	tempDirs.push(maildir);
	const smtpPort = await startSmtp(maildir);
	// scripts/app/start.ts: no ORIGIN (nor PUBLIC_ORIGIN, PROTOCOL_HEADER, ADDRESS_HEADER) from this shell, so the
	// first server works exactly as `npm start` runs it; each has its own store in a temporary folder.
	const started = await Promise.all([
		startApp({}, { ready: '/', echo: true }),
		startApp(
			{
				SMTP_HOST: '127.0.0.1',
				SMTP_PORT: String(smtpPort),
				SMTP_SECURE: 'false',
				SMTP_USER: '',
				SMTP_PASS: '',
				MAIL_FROM: TEST_MAIL_FROM,
				EMAIL_HASH_SECRET: randomBytes(32).toString('base64url'),
				OPERATOR_NAME: TEST_OPERATOR.name,
				PRIVACY_CONTACT: TEST_OPERATOR.contact
			},
			{ ready: '/', echo: true }
		)
	]);
	servers.push(...started);
	for (const app of started)
		if (app.process.exitCode !== null) throw new Error(`the app did not start:\n${app.output()}`);
	const [baseUrl, smtpBaseUrl] = [started[0].url, started[1].url];
	project.provide('baseUrl', baseUrl);
	project.provide('smtpBaseUrl', smtpBaseUrl);
	project.provide('maildir', maildir);
	return async () => {
		for (const server of servers) await server.stop();
		await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
		for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
	};
}

/** Every message received so far, oldest first. */
export async function readMails(maildir: string): Promise<ReceivedMail[]> {
	const files = (await readdir(maildir)).filter((f) => f.endsWith('.json')).sort();
	return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(maildir, f), 'utf8')) as ReceivedMail));
}

/** The first message matching `match`, waiting up to `ms` for it to arrive. */
export async function waitForMail(
	maildir: string,
	match: (mail: ReceivedMail) => boolean,
	ms = 10_000
): Promise<ReceivedMail> {
	const until = Date.now() + ms;
	for (;;) {
		const found = (await readMails(maildir)).find(match);
		if (found) return found;
		if (Date.now() > until) throw new Error(`no matching email arrived within ${ms} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

declare module 'vitest' {
	export interface ProvidedContext {
		/** The app in mailto mode (no SMTP configured). */
		baseUrl: string;
		/** The app sending through the test's SMTP server. */
		smtpBaseUrl: string;
		/** Where the test's SMTP server writes each message it receives, as JSON (see ReceivedMail). */
		maildir: string;
	}
}
