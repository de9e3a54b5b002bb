/**
 * The home page's Lighthouse scores (mobile settings: simulated slow 4G, 4x slower CPU) in Debian's Chromium, against
 * the built app: accessibility and best practices must stay at 100 and performance at 95 or more, with no layout shift (issue 17). The
 * median of three runs, as in `npm run bench`, because one run on a busy machine can be a few points low.
 */
import { describe, expect, inject, it } from 'vitest';
import { medianAudit } from '../../scripts/lighthouse/audit';

describe('Lighthouse on the home page', () => {
	it('scores 100 for accessibility and best practices, and at least 95 for performance', async () => {
		const audit = await medianAudit(inject('baseUrl') + '/', 3);
		const why = `lost points: ${audit.failing.join(', ')}`;
		expect(audit.scores.accessibility, why).toBe(100);
		expect(audit.scores['best-practices'], why).toBe(100);
		expect(audit.scores.performance, why).toBeGreaterThanOrEqual(95);
		// Nothing painted moves later: the map at first paint is the map the supporter keeps.
		expect(audit.layoutShift, why).toBe(0);
	}, 240_000);
});
