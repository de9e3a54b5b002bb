/**
 * The follow-up scheduler's server side: each outbox worker pass first turns due surveys and reminders into emails
 * (Store.followUps.queueDue, safe with several servers), composed here with the MP from the published list and the
 * links from PUBLIC_ORIGIN. Time comes from ./clock (the end-to-end tests move it).
 */
import type { Store } from './store/store';
import { configuredOrigin, smtpSettings } from './env';
import { surveyMail } from './followup-mail';
import { recipientFor } from './mail';
import type { ComposeFollowUp } from './store/followups';

/** Due follow-ups queued per transaction: big enough to drain 10,000 quickly, small enough to keep locks short. */
const BATCH = 200;

/** Composes a due survey; null (skipped, never sent) when the server cannot send or link. */
export const composeSurvey: ComposeFollowUp = (due, links) => {
	const settings = smtpSettings();
	const origin = configuredOrigin();
	if (!settings || !origin) return null;
	const to = recipientFor(due.constituencyCode);
	return surveyMail({
		step: due.step,
		supporter: { name: due.name, email: due.email },
		mpName: to.ok ? to.mp.name : 'your MP',
		constituencyName: to.ok ? to.constituencyName : null,
		deliveredAt: due.deliveredAt,
		origin,
		answerToken: links.answerToken,
		deletionToken: links.deletionToken,
		campaignName: settings.campaignName,
		from: settings.from
	});
};

/** Queues every due follow-up, a batch per transaction; how many emails were queued. */
export async function queueFollowUps(store: Store, now: number, compose: ComposeFollowUp = composeSurvey) {
	let queued = 0;
	for (;;) {
		const pass = await store.followUps.queueDue(now, compose, BATCH);
		queued += pass.queued;
		if (pass.queued + pass.skipped < BATCH) return queued;
	}
}
