/** Start the built app (`node build`) on a free localhost port for a benchmark, and stop it afterwards. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export async function startBuiltServer(env: Record<string, string> = {}): Promise<{ base: string; stop: () => void }> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(base)).ok) break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return { base, stop: () => server.kill() };
}
