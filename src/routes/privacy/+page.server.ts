/** /privacy: what the email-your-MP panel keeps, why, for how long, who sees it, and how to have it deleted. */
import type { PageServerLoad } from './$types';
import { CAMPAIGN_PERIOD_MS, RETENTION_MS, TOKEN_TTL_MS } from '$lib/server/actions';
import { operator, smtpConfigured } from '$lib/server/env';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const load: PageServerLoad = () => ({
	operator: operator(),
	sends: smtpConfigured(),
	hours: Math.round(TOKEN_TTL_MS / HOUR),
	periodDays: Math.round(CAMPAIGN_PERIOD_MS / DAY),
	months: Math.round(RETENTION_MS / (30.4 * DAY))
});
