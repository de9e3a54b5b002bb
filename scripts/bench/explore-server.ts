/**
 * /explore's server answers (issue 15), over HTTP against the built app on localhost: the time to open the sandbox
 * (the first ?q= request after start), p50/p95 of the five example queries' pages, and other pages' p95 alone and
 * while 50 heavy queries arrive at once (they are queued, stopped at 1 s or refused). The server runs with
 * EXPLORE_RATE_LIMIT raised, so every request reaches the sandbox's own limits rather than the per-connection one.
 *
 * Run alone after a build: `npx vite build && npx tsx scripts/bench/explore-server.ts`.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { EXAMPLE_QUERIES } from '../../src/lib/sql/examples';
import { queryHref } from '../../src/lib/sql/url';
import { startBuiltServer } from './serve';

const PAGES = ['/', '/area/E56000011', '/national', '/compare'];
const HEAVY = 'SELECT count(*) FROM observations a, observations b WHERE a.value + b.value < 0';
const ROUNDS = 20;

const quantile = (xs: number[], q: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function timed(url: string): Promise<{ ms: number; body: string; status: number }> {
	const started = performance.now();
	const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
	const body = await response.text();
	return { ms: performance.now() - started, body, status: response.status };
}

export interface ExploreServerMeasure {
	openMs: number;
	examples: { p50: number; p95: number; n: number };
	pagesAlone: { p50: number; p95: number; n: number };
	pagesUnderLoad: { p50: number; p95: number; n: number };
	heavy: { answered: number; stopped: number; busy: number; ms: number };
	loadAverage: number;
}

async function pagesP95(base: string, rounds: number): Promise<number[]> {
	const times: number[] = [];
	for (let r = 0; r < rounds; r++)
		for (const path of PAGES) {
			const t = await timed(base + path);
			if (t.status !== 200) throw new Error(`${path} answered ${t.status}`);
			times.push(t.ms);
		}
	return times;
}

export async function measureExploreServer(): Promise<ExploreServerMeasure> {
	const { base, stop } = await startBuiltServer({ EXPLORE_RATE_LIMIT: '100000' });
	try {
		const first = await timed(base + queryHref('/explore', EXAMPLE_QUERIES[0]!.sql));
		if (!first.body.includes('answered by the server')) throw new Error('the server did not answer the first query');
		const times: number[] = [];
		for (let r = 0; r < ROUNDS; r++)
			for (const example of EXAMPLE_QUERIES) {
				const t = await timed(base + queryHref('/explore', example.sql));
				if (!t.body.includes('answered by the server')) throw new Error(`${example.id}: no server answer`);
				times.push(t.ms);
			}
		await pagesP95(base, 3); // warm every route once
		const alone = await pagesP95(base, 10);

		const heavyStarted = performance.now();
		let settled = false;
		const heavy = Promise.all(
			Array.from({ length: 50 }, () => timed(base + queryHref('/explore', HEAVY)).then((t) => t.body))
		).finally(() => (settled = true));
		// The other pages, round after round, for as long as the heavy queries take.
		const underLoad: number[] = [];
		while (!settled) underLoad.push(...(await pagesP95(base, 1)));
		const bodies = await heavy;
		const heavyMs = performance.now() - heavyStarted;
		const count = (text: string) => bodies.filter((b) => b.includes(text)).length;
		return {
			openMs: first.ms,
			examples: { p50: quantile(times, 0.5), p95: quantile(times, 0.95), n: times.length },
			pagesAlone: { p50: quantile(alone, 0.5), p95: quantile(alone, 0.95), n: alone.length },
			pagesUnderLoad: { p50: quantile(underLoad, 0.5), p95: quantile(underLoad, 0.95), n: underLoad.length },
			heavy: {
				answered: count('answered by the server'),
				stopped: count('and was stopped'),
				busy: count('The server is answering other queries just now'),
				ms: heavyMs
			},
			loadAverage: os.loadavg()[0]!
		};
	} finally {
		stop();
	}
}

export function describeExploreServer(m: ExploreServerMeasure): string[] {
	const ms = (x: number) => `${x.toFixed(1)} ms`;
	return [
		`server: sandbox opened by the first ?q= request in ${ms(m.openMs)} (the tables loaded from the exports, then locked)`,
		`server: the five example queries' pages, p50 ${ms(m.examples.p50)}, p95 ${ms(m.examples.p95)} over ${m.examples.n} requests; target p95 under 100 ms: ${m.examples.p95 < 100 ? 'met' : 'MISSED'}`,
		`server: other pages (${PAGES.join(', ')}) alone: p50 ${ms(m.pagesAlone.p50)}, p95 ${ms(m.pagesAlone.p95)} over ${m.pagesAlone.n} requests`,
		`server: the same pages while 50 heavy queries arrive at once: p50 ${ms(m.pagesUnderLoad.p50)}, p95 ${ms(m.pagesUnderLoad.p95)} over ${m.pagesUnderLoad.n} requests`,
		`server: the 50 heavy queries: ${m.heavy.stopped} run and stopped at the time limit, ${m.heavy.busy} refused at once (queue full), ${m.heavy.answered} answered; all done in ${(m.heavy.ms / 1000).toFixed(1)} s`,
		`server: ${os.cpus().length} cores, load average ${m.loadAverage.toFixed(1)} while measuring`
	];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	for (const line of describeExploreServer(await measureExploreServer())) console.log(line);
}
