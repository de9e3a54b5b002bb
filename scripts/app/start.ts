/**
 * The one way the tests and benches start the built app (`node build`) as a process of its own: on a free localhost
 * port, with the deployment settings of this shell left out (a test sets what it means to), its own embedded store in
 * a temporary folder unless it names one (or DATABASE_URL), and PUBLIC_ORIGIN set to its own address in SMTP mode
 * (which refuses to start without one). Used by tests/e2e/server.ts, the e2e tests that need an app with their own
 * settings, scripts/store/harness.ts and scripts/bench/serve.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Settings of a deployment that must not leak from the shell into an app a test starts. */
const DEPLOYMENT =
	/^(ORIGIN|PUBLIC_ORIGIN|PROTOCOL_HEADER|ADDRESS_HEADER|SMTP_|MAIL_FROM|DATABASE_URL|ACTIONS_|EMAIL_HASH_SECRET|OUTBOX_|ADMIN_|OPERATOR_NAME|PRIVACY_CONTACT|TEST_CLOCK_FILE)/;

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s: Server = createServer();
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface App {
	url: string;
	process: ChildProcess;
	output: () => string;
	/** Resolves with the exit code (or signal) when the process ends. */
	exited: Promise<number | string>;
	/** Stops the process (SIGTERM unless told) and removes the temporary store folder it was given, if any. */
	stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface StartOptions {
	/** Polled until it answers (any status): default /healthz. */
	ready?: string;
	/** How long to wait for it; default 90 s (a fresh embedded store runs initdb: seconds, more on a busy machine). */
	waitMs?: number;
	/** Also copy the app's output to this process's stdout and stderr. */
	echo?: boolean;
}

/**
 * Starts `node build` with `env` on a free port. Resolves when it answers, or with `exited` set when it stops first
 * (a refused start-up): check `await app.exited` for those.
 */
export async function startApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<App> {
	const { ready = '/healthz', waitMs = 90_000, echo = false } = options;
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const temp = env.ACTIONS_DIR || env.DATABASE_URL ? null : await mkdtemp(path.join(tmpdir(), 'app-actions-'));
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DEPLOYMENT.test(k)));
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: {
			...clean,
			PORT: String(port),
			HOST: '127.0.0.1',
			...(temp ? { ACTIONS_DIR: path.join(temp, 'actions') } : {}),
			...(env.SMTP_HOST ? { PUBLIC_ORIGIN: url } : {}),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (c: Buffer) => {
		output += c.toString();
		if (echo) process.stdout.write(c);
	});
	child.stderr!.on('data', (c: Buffer) => {
		output += c.toString();
		if (echo) process.stderr.write(c);
	});
	const exited = new Promise<number | string>((resolve) =>
		child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
	).then(async (how) => {
		if (temp) await rm(temp, { recursive: true, force: true });
		return how;
	});
	let done = false;
	void exited.then(() => (done = true));
	const app: App = {
		url,
		process: child,
		output: () => output,
		exited,
		async stop(signal = 'SIGTERM') {
			if (!done) child.kill(signal);
			return exited;
		}
	};
	const until = Date.now() + waitMs;
	while (!done && Date.now() < until) {
		try {
			if ((await fetch(url + ready)).status > 0) return app;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	if (!done) {
		child.kill('SIGKILL');
		throw new Error(`the app did not start within ${waitMs} ms:\n${output}`);
	}
	return app;
}
