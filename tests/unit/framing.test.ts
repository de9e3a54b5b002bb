/**
 * The frame rule is stated twice: src/lib/server/framing.ts (pages the app renders, through hooks) and frame-rule.js,
 * which server.js applies to every response (prerendered pages, which adapter-node serves from disk without hooks). Both must say the same for every kind of
 * path; the e2e test (tests/e2e/embed.e2e.test.ts) checks what a browser receives.
 */
import { describe, expect, it } from 'vitest';
import { frameHeaders as appRule, frameableRoute } from '../../src/lib/server/framing';
import { frameHeaders as serverRule } from '../../frame-rule.js';

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
	it.each(PATHS)('server.js and framing.ts agree on %s', (path) => {
		expect(serverRule(path)).toEqual(appRule(path));
	});
});
