/**
 * `npm run bench` section `prints`: the cost the similarity rule adds to each send (src/lib/server/similar.ts). A
 * letter is compared with every print of the letters to its MP, so the time grows with their number: measured here
 * with 100, 1,000 and 10,000 prints for one MP in the embedded store (PGlite), the median of 20 comparisons, and the
 * time to make one letter's signature (about 400 shingles). The prints are signatures of sets of random shingles:
 * the timing does not depend on what the letters said.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { bandKeys, PRINT_SCHEME, printBytes, signature } from '../../src/lib/mp/similarity';
import { openPglite } from '../../src/lib/server/store/pglite';
import { insertPrint, nearestPrint, type LetterPrint } from '../../src/lib/server/store/prints';
import { Store } from '../../src/lib/server/store/store';

const SEAT = 'E14001063';
const randomSet = (n: number) => new Set(Array.from({ length: n }, () => (Math.random() * 2 ** 32) >>> 0));
function print(): LetterPrint {
	const sig = signature(randomSet(30));
	return { constituencyCode: SEAT, scheme: PRINT_SCHEME, signature: printBytes(sig), bands: bandKeys(sig, SEAT) };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface PrintsResult {
	signatureMs: number;
	nearest: { prints: number; ms: number }[];
}

export async function measurePrints(): Promise<PrintsResult> {
	const times: number[] = [];
	for (let i = 0; i < 50; i++) {
		const set = randomSet(400);
		const t = performance.now();
		signature(set);
		times.push(performance.now() - t);
	}
	const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-prints-'));
	const store = await Store.open(await openPglite(path.join(dir, 'store')), 'a bench secret of at least 32 characters');
	const nearest: PrintsResult['nearest'] = [];
	try {
		let have = 0;
		for (const target of [100, 1_000, 10_000]) {
			await store.sql.transaction(async (tx) => {
				for (; have < target; have++) {
					const id = randomUUID();
					await tx.query(
						`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, email_hash)
						 VALUES ($1, $2, $2, $3, $4, 'sent', $5)`,
						[id, Date.now(), SEAT, ['E56000012'], `bench-${have}`]
					);
					await insertPrint(tx, id, print(), Date.now());
				}
			});
			const runs: number[] = [];
			for (let i = 0; i < 20; i++) {
				const t = performance.now();
				await nearestPrint(store.sql, print(), 'someone else', 0);
				runs.push(performance.now() - t);
			}
			nearest.push({ prints: target, ms: median(runs) });
		}
	} finally {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	}
	return { signatureMs: median(times), nearest };
}

export function describePrints(r: PrintsResult): string[] {
	return [
		`one letter's signature (400 shingles, 128 hash functions): median ${r.signatureMs.toFixed(2)} ms`,
		...r.nearest.map(
			(n) =>
				`comparing a letter with ${n.prints.toLocaleString('en-GB')} prints for its MP: median ${n.ms.toFixed(1)} ms`
		)
	];
}
