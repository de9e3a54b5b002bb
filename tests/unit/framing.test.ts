/**
 * The one frame rule (src/lib/server/framing.ts): rendered pages get it through the hooks, static files and prerendered
 * pages through the server guard (scripts/serve/serve-guard.ts); tests/e2e/embed.e2e.test.ts and security.e2e.test.ts
 * check what a browser receives.
 */
import { describe, expect, it } from 'vitest';
import { frameHeaders, frameableRoute } from '../../src/lib/server/framing';

const PATHS = [
	'/',
	'/area/E56000011',
	'/area/E56000011/card.png',
	'/email-your-mp',
	'/embed',
	'/embed/map',
	'/embed/area/E56000011',
	'/embedded',
	'/map-geometry/20.json',
	'/compare'
];

describe('the frame rule', () => {
	it('allows framing for /embed/... only', () => {
		expect(PATHS.filter(frameableRoute)).toEqual(['/embed/map', '/embed/area/E56000011']);
	});
	it('refuses every other page in both the old header and the policy', () => {
		for (const path of PATHS.filter((p) => !frameableRoute(p))) {
			expect(frameHeaders(path)).toEqual({
				'x-frame-options': 'DENY',
				'content-security-policy': "frame-ancestors 'none'"
			});
		}
		expect(frameHeaders('/embed/map')).toEqual({ 'content-security-policy': 'frame-ancestors *' });
	});
});
