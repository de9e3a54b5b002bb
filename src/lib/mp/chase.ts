/**
 * The chase letter: a short, polite follow-up to the same MP from a supporter who has had no reply three weeks after
 * their first email. It restates the ask with the area's real figures, as the first letter words them (one headline and
 * one figure per alliance, ./letter-figures.ts), and the supporter's own sentence if they add one. Pure, like ./letter.ts.
 */
import { LIMITS } from './contract';
import { salutation } from './address';
import { allianceTitle, type LetterAlliance } from './letter';
import { allianceFigures, sourceLines } from './letter-figures';
import { listOf } from '../wording/text';

export interface ChaseInput {
	mpName: string;
	constituencyName: string;
	constituencyCode: string;
	/** The alliances the first letter named, the supporter's own first, with their latest figures. */
	alliances: LetterAlliance[];
	/** When the first letter was delivered. */
	sentAt: number;
	supporter: { name: string; address: string; postcode: string };
	/** A sentence or two of the supporter's own (optional). */
	own: string;
	siteUrl?: string;
}

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

const line = (s: string) => s.replace(/\s+/g, ' ').trim();

export function composeChase(input: ChaseInput): { subject: string; body: string } {
	const titles = input.alliances.map((a) => allianceTitle(a.name));
	const whom = titles.length ? listOf(titles) : 'our local Cancer Alliance';
	const where = [line(input.supporter.address), line(input.supporter.postcode)].filter(Boolean).join(', ');
	const opening =
		`I wrote to you on ${day.format(new Date(input.sentAt))} as your constituent in ${input.constituencyName}` +
		`${where ? ` (${where})` : ''}, asking you to write to ${whom} about breast cancer care. I have not yet had a reply, so I am writing again.`;
	const parts = input.alliances.map((a) =>
		allianceFigures(a.name, a.facts, 1, input.constituencyName, input.constituencyCode)
	);
	const figures = parts
		.map((p) => [p.lead, p.bullets.join('\n')].filter(Boolean).join('\n\n'))
		.filter(Boolean)
		.join('\n\n');
	const sources = sourceLines(parts.flatMap((p) => p.quoted));
	const site = input.siteUrl?.replace(/\/+$/, '');
	const links = site ? input.alliances.map((a) => `${site}/area/${a.code}`) : [];
	const body = [
		salutation(input.mpName),
		opening,
		input.own.replace(/\r\n?/g, '\n').trim(),
		figures ? `As a reminder of why it matters here:\n\n${figures}` : '',
		`Could you let me know whether you have written, or will write, to ${whom}, and share ${titles.length > 1 ? 'their replies' : 'the reply'} with me?`,
		sources.length
			? [
					`Sources${links.length ? ` (every figure, with its margin of error: ${listOf(links)})` : ''}:`,
					...sources
				].join('\n')
			: '',
		`Thank you.\n\nYours sincerely,\n\n${line(input.supporter.name)}`
	]
		.filter(Boolean)
		.join('\n\n');
	const subject = `Following up: breast cancer care in ${line(input.constituencyName)}`;
	return { subject: subject.slice(0, LIMITS.subject), body };
}
