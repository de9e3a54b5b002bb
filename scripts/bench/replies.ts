/**
 * `npm run bench` section `replies` (issue 13): GET /api/replies/summary with 100,000 delivered letters in the store,
 * six in ten answered (scripts/store/seed-replies.ts), on the embedded store and on PostgreSQL, against the built app.
 *   query        the store's one counting query, in this process, uncached: p50 and p95 of 20 runs
 *   first        the endpoint's first answer after start (nothing kept yet: the query, names and rates)
 *   p50, p95     200 requests one after another (the app keeps the summary 30 s, so most are answered from memory)
 *   area page    /area/E56000012 (Surrey and Sussex, with its replies layer): p95 of 50 requests
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../src/lib/server/store/store';
import { openPglite } from '../../src/lib/server/store/pglite';
import { openPostgres } from '../../src/lib/server/store/postgres';
import { replyCounts } from '../../src/lib/server/store/replies';
import type { Sql } from '../../src/lib/server/store/sql';
import { startApp } from '../store/harness';
import { startPostgres } from '../store/postgres';
import { loadLetters, seedLetters } from '../store/seed-replies';

const LETTERS = 100_000;

export interface RepliesResult {
	store: 'embedded' | 'PostgreSQL';
	seedSeconds: number;
	query: { p50: number; p95: number };
	firstMs: number;
	http: { p50: number; p95: number; n: number };
	areaP95: number;
}

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

async function timed(url: string): Promise<number> {
	const start = performance.now();
	const response = await fetch(url);
	await response.arrayBuffer();
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
	return performance.now() - start;
}

async function measure(
	store: RepliesResult['store'],
	open: () => Promise<Sql>,
	env: Record<string, string>
): Promise<RepliesResult> {
	const sql = await open();
	const opened = await Store.open(sql, 'the replies bench, not a real secret, 32+ chars');
	const seeding = performance.now();
	await seedLetters(sql, loadLetters(LETTERS, Date.UTC(2026, 0, 1)));
	await sql.query('ANALYZE');
	const seedSeconds = (performance.now() - seeding) / 1000;
	const queries: number[] = [];
	for (let i = 0; i < 20; i++) {
		const start = performance.now();
		await replyCounts(sql);
		queries.push(performance.now() - start);
	}
	await opened.close();

	const app = await startApp(env);
	try {
		const api = `${app.url}/api/replies/summary`;
		const firstMs = await timed(api);
		const times: number[] = [];
		for (let i = 0; i < 200; i++) times.push(await timed(api));
		const area: number[] = [];
		for (let i = 0; i < 50; i++) area.push(await timed(`${app.url}/area/E56000012`));
		return {
			store,
			seedSeconds,
			query: { p50: quantile(queries, 0.5), p95: quantile(queries, 0.95) },
			firstMs,
			http: { p50: quantile(times, 0.5), p95: quantile(times, 0.95), n: times.length },
			areaP95: quantile(area, 0.95)
		};
	} finally {
		await app.stop('SIGKILL');
	}
}

export async function measureReplies(): Promise<RepliesResult[]> {
	const tmp = await mkdtemp(path.join(os.tmpdir(), 'replies-bench-'));
	const postgres = await startPostgres();
	try {
		const dir = path.join(tmp, 'actions');
		const url = await postgres.database();
		return [
			await measure('embedded', () => openPglite(dir), { ACTIONS_DIR: dir }),
			await measure('PostgreSQL', () => openPostgres(url), { DATABASE_URL: url })
		];
	} finally {
		await postgres.stop();
		await rm(tmp, { recursive: true, force: true });
	}
}

export function describeReplies(results: RepliesResult[]): string[] {
	const ms = (x: number) => `${x.toFixed(1)} ms`;
	return results.map(
		(r) =>
			`${r.store.padEnd(10)} ${LETTERS.toLocaleString('en-GB')} letters (seeded in ${r.seedSeconds.toFixed(1)} s): ` +
			`query p50 ${ms(r.query.p50)}, p95 ${ms(r.query.p95)} (uncached); GET /api/replies/summary first ${ms(r.firstMs)}, ` +
			`p50 ${ms(r.http.p50)}, p95 ${ms(r.http.p95)} over ${r.http.n}; /area/E56000012 p95 ${ms(r.areaP95)}`
	);
}
