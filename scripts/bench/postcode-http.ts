/** GET /api/postcode/{postcode} against the built server on localhost: what a campaigner's tool sees. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { samplePostcodes } from './postcodes';
import { startBuiltServer } from './serve';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function benchPostcodeApi(n = 2000): Promise<{ p50: number; p95: number; n: number; notOk: number }> {
	const raw = process.env.ETL_INPUT_DIR ?? path.resolve(ROOT, '../shared/data/raw');
	const sample = samplePostcodes(path.join(raw, 'postcodes/codepo/csv'), n);
	const { base, stop } = await startBuiltServer();
	try {
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
		return {
			p50: times[Math.floor(times.length * 0.5)]!,
			p95: times[Math.floor(times.length * 0.95)]!,
			n: times.length,
			notOk
		};
	} finally {
		stop();
	}
}
