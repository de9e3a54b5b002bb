/** The bench's Lighthouse section: home, an area page and /compare, mobile settings, each the median of three runs. */
import { CATEGORIES, medianAudit, type PageAudit } from '../lighthouse/audit';
import { startBuiltServer } from './serve';

export const LIGHTHOUSE_PAGES = ['/', '/area/E56000011', '/compare'];
export const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const;

export async function measureLighthouse(runs = 3): Promise<PageAudit[]> {
	const server = await startBuiltServer();
	try {
		const audits: PageAudit[] = [];
		for (const page of LIGHTHOUSE_PAGES) audits.push(await medianAudit(server.base + page, runs));
		return audits;
	} finally {
		server.stop();
	}
}

export function describeLighthouse(audits: PageAudit[]): string[] {
	return audits.flatMap((a) => {
		const path = new URL(a.url).pathname;
		const scores = CATEGORIES.map((c) => `${c} ${a.scores[c]}${a.scores[c] < TARGETS[c] ? ' (MISSED)' : ''}`);
		return [
			`${path.padEnd(18)} ${scores.join(', ')}`,
			`${''.padEnd(18)} first paint ${a.firstContentfulPaintMs} ms, largest ${a.largestContentfulPaintMs} ms, blocking ${a.totalBlockingTimeMs} ms, layout shift ${a.layoutShift.toFixed(3)}, ${(a.transferBytes / 1000).toFixed(0)} KB transferred` +
				(a.failing.length ? `; lost points: ${a.failing.join(', ')}` : '')
		];
	});
}
