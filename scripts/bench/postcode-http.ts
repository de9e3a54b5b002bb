/** GET /api/postcode/{postcode} against the built server on localhost: what a campaigner's tool sees. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { samplePostcodes } from './postcodes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
		});
	});
}

export async function benchPostcodeApi(n = 2000): Promise<{ p50: number; p95: number; n: number; notOk: number }> {
	const raw = process.env.ETL_INPUT_DIR ?? path.resolve(ROOT, '../shared/data/raw');
	const sample = samplePostcodes(path.join(raw, 'postcodes/codepo/csv'), n);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['build'], { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
	try {
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(base)).ok) break;
			} catch {
				await new Promise((r) => setTimeout(r, 100));
			}
		}
		const times: number[] = [];
		let notOk = 0;
		for (const postcode of sample) {
			const start = performance.now();
			const response = await fetch(`${base}/api/postcode/${encodeURIComponent(postcode)}`);
			await response.arrayBuffer();
			times.push(performance.now() - start);
			if (response.status !== 200) notOk++;
		}
		times.sort((a, b) => a - b);
		return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, n: times.length, notOk };
	} finally {
		server.kill();
	}
}
