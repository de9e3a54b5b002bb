/**
 * The follow-up survey's email (and its reminder a week later): one question, one link per answer, the deletion link.
 * Each answer link opens /replied/<token>?a=<answer>, a page with that answer ready to record in one press (see
 * src/routes/replied/[token]/+page.server.ts for why the link itself records nothing).
 */
import { REPLY_ANSWERS, REPLY_ANSWER_LABELS } from '$lib/replies/answers';
import type { OutgoingMail } from './store/types';
import { oneLine } from './mail';

export interface SurveyMail {
	step: 'survey' | 'reminder';
	supporter: { name: string; email: string };
	/** "Alex Baker, MP for Aldershot", or "your MP" when the seat has none now. */
	mpName: string;
	constituencyName: string | null;
	deliveredAt: number;
	origin: string;
	answerToken: string;
	deletionToken: string;
	campaignName: string;
	from: string;
}

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

/** The link for one answer (exported for tests and the page's own buttons). */
export const answerLink = (origin: string, token: string, answer: string) => `${origin}/replied/${token}?a=${answer}`;

export function surveyText(mail: SurveyMail): string {
	const mp = mail.constituencyName ? `${mail.mpName}, MP for ${mail.constituencyName}` : mail.mpName;
	const lines = [
		`Hello ${mail.supporter.name},`,
		'',
		mail.step === 'survey'
			? `On ${day.format(new Date(mail.deliveredAt))} you wrote to ${mp}, asking them to write to the Cancer Alliance about breast cancer care. Did they reply?`
			: `A week ago we asked whether ${mail.mpName} has replied to the email you sent on ${day.format(new Date(mail.deliveredAt))}. If you have not told us yet, or they have replied since, could you tell us now?`,
		'',
		'Choose the answer that fits. Each link opens a page where one press records it:',
		''
	];
	for (const answer of REPLY_ANSWERS) {
		lines.push(`${REPLY_ANSWER_LABELS[answer]}:`, answerLink(mail.origin, mail.answerToken, answer), '');
	}
	lines.push(
		'You can change your answer later from any of these links.',
		'',
		'Why we ask: answers, counted per MP and per Cancer Alliance, show whether MPs act on these letters. We publish only counts, never who answered, and no count below 10.',
		...(mail.step === 'survey'
			? ['If you do not answer, we send one reminder in a week, and nothing after that.']
			: []),
		'',
		`You get this because you agreed to hear from ${mail.campaignName} when you sent your email.`,
		`What we keep and when it is deleted: ${mail.origin}/privacy`,
		`Stop these emails and delete your details now: ${mail.origin}/privacy/delete/${mail.deletionToken}`,
		'',
		'-- ',
		mail.campaignName
	);
	return lines.join('\n');
}

/** The survey or reminder, composed for the outbox. */
export function surveyMail(mail: SurveyMail): Omit<OutgoingMail, 'messageId'> {
	return {
		from: { name: mail.campaignName, address: mail.from },
		to: { name: oneLine(mail.supporter.name, 'name'), address: oneLine(mail.supporter.email, 'email') },
		subject: oneLine(
			mail.step === 'survey'
				? `Did ${mail.mpName} reply to your email?`
				: `Reminder: did ${mail.mpName} reply to your email?`,
			'subject'
		),
		text: surveyText(mail),
		headers: { 'Auto-Submitted': 'auto-generated' }
	};
}
