/**
 * Global setup for the end-to-end tests: serve the built app (npm run build, then adapter-node's `node build`) on a
 * free localhost port and hand its address to the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

let server: ChildProcess | undefined;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitFor(url: string, ms: number): Promise<void> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server at ${url} did not start within ${ms} ms`);
}

export default async function setup(project: TestProject): Promise<() => void> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	// No ORIGIN: the server must work exactly as `npm start` runs it.
	const { ORIGIN: _unused, ...env } = process.env;
	server = spawn(process.execPath, ['build'], {
		env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitFor(baseUrl, 20_000);
	project.provide('baseUrl', baseUrl);
	return () => {
		server?.kill();
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}
