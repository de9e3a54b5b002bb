/**
 * Issue 16's measures: each embed's bytes before its map (or its figures) is visible and the time to it, through
 * pages.ts (Chromium, phone viewport, cold cache, median of 5); and the preview card of a shared view over HTTP from
 * the built server, the first request for a view (rendered) against the next (from the cache).
 */
import { measurePages, type PageMeasure } from './pages';
import { startBuiltServer } from './serve';

export const EMBED_PATHS = ['/embed/map', '/embed/map?i=cwt62_breast&a=E56000011', '/embed/area/E56000011'];

export function measureEmbeds(): Promise<PageMeasure[]> {
	return measurePages(
		EMBED_PATHS,
		'[data-testid="alliance-map"] svg.main path[data-code], [data-testid="embed-headline"]'
	);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Real views: every map measure's default period, with and without an area, and a few older periods. */
const CARD_VIEWS = [
	'',
	'i=cwt62_breast',
	'i=cwt31_breast',
	'i=fds_breast_symptomatic',
	'i=breast_symptomatic_14d',
	'i=stage12_breast',
	'i=screening_breast_coverage',
	'i=cwt62_breast&p=2025-08',
	'i=cwt62_breast&p=2025-07&b=provider',
	'a=E56000011',
	'i=cwt62_breast&a=E56000005',
	'i=stage12_breast&a=E56000033&c=quintile'
];

export async function measureCards(): Promise<{ n: number; coldMs: number; cachedMs: number; maxColdMs: number }> {
	const { base, stop } = await startBuiltServer();
	try {
		await (await fetch(`${base}/card.png?i=fds_breast_suspected&p=2025-01`)).arrayBuffer(); // warm the process itself
		const time = async (q: string) => {
			const start = performance.now();
			const response = await fetch(`${base}/card.png${q ? `?${q}` : ''}`);
			await response.arrayBuffer();
			if (response.headers.get('content-type') !== 'image/png') throw new Error(`/card.png?${q} is not a PNG`);
			return { ms: performance.now() - start, cache: response.headers.get('x-card-cache') };
		};
		const cold: number[] = [];
		const cached: number[] = [];
		for (const q of CARD_VIEWS) {
			const first = await time(q);
			const second = await time(q);
			if (first.cache !== 'miss' || second.cache !== 'hit')
				throw new Error(`/card.png?${q}: cache ${first.cache}, then ${second.cache}`);
			cold.push(first.ms);
			cached.push(second.ms);
		}
		return { n: CARD_VIEWS.length, coldMs: median(cold), cachedMs: median(cached), maxColdMs: Math.max(...cold) };
	} finally {
		stop();
	}
}
