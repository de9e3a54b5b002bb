/**
 * The email-your-MP steps: the pure step machine (src/lib/mp/journey.ts) and the server's form action
 * (src/lib/server/journey.ts) run on the real exports, in mailto mode (no SMTP configured in unit tests). Postcodes and
 * MPs are real: ME1 1AA is in Rochester and Strood (Kent and Medway); SO43 7BB in New Forest East, whose MP has no
 * published email address; EH1 1YZ in Edinburgh.
 */
import { describe, expect, it } from 'vitest';
import {
	characterCount,
	fieldsFromForm,
	intentFrom,
	letterHash,
	MAILTO_MAX,
	routeFor,
	startView,
	textHash,
	type JourneyFields,
	type JourneyView
} from '../../src/lib/mp/journey';
import { composeLetter } from '../../src/lib/mp/letter';
import { LIMITS, type MpRecord } from '../../src/lib/mp/contract';
import { allianceFacts } from '../../src/lib/server/area';
import { runJourney } from '../../src/lib/server/journey';

const ctx = { ip: '192.0.2.1', origin: 'http://localhost:3000' };

function form(step: string, intent: string, fields: Partial<JourneyFields> = {}): FormData {
	const f = new FormData();
	f.set('step', step);
	f.set('intent', intent);
	for (const [k, v] of Object.entries(fields)) {
		if (k === 'consent') {
			if (v) f.set('consent', 'yes');
		} else f.set(k, String(v));
	}
	return f;
}

/** Posts a step with the fields of an earlier view (as the hidden inputs carry them), plus what the step changes. */
async function post(view: JourneyView | null, step: string, intent: string, changes: Partial<JourneyFields> = {}) {
	return runJourney(form(step, intent, { ...(view?.fields ?? {}), ...changes }), ctx);
}

const mp = (over: Partial<MpRecord> = {}): MpRecord => ({
	name: 'A Member',
	party: 'Labour',
	email: 'a.member.mp@parliament.uk',
	memberId: 1,
	profileUrl: 'https://members.parliament.uk/member/1/contact',
	...over
});

describe('the step machine (pure)', () => {
	it('reads a posted form: missing fields are empty, consent only when ticked, unknown intents continue', () => {
		const f = form('details', 'nonsense', { name: 'Sam', consent: true });
		expect(fieldsFromForm(f)).toMatchObject({ name: 'Sam', postcode: '', consent: true });
		expect(intentFrom(f)).toEqual({ intent: 'continue', from: 'details' });
		expect(intentFrom(form('elsewhere', 'back'))).toEqual({ intent: 'back', from: 'postcode' });
	});

	it('chooses how a letter can reach the MP, never guessing an address', () => {
		expect(routeFor(null, 'smtp')).toBe('none');
		expect(routeFor(mp({ email: null }), 'smtp')).toBe('contact-page');
		expect(routeFor(mp({ email: null }), 'mailto')).toBe('contact-page');
		expect(routeFor(mp({ party: 'Speaker' }), 'mailto')).toBe('contact-page');
		expect(routeFor(mp(), 'smtp')).toBe('send');
		expect(routeFor(mp(), 'mailto')).toBe('mailto');
	});

	it('counts characters against a limit and says by how much a text is over', () => {
		expect(characterCount(1234, 2000)).toEqual({ text: '1,234 of 2,000 characters', over: false });
		expect(characterCount(2310, 2000)).toEqual({
			text: '2,310 characters: 310 over the limit of 2,000',
			over: true
		});
		expect(textHash('abc')).toBe(textHash('abc'));
		expect(textHash('abc')).not.toBe(textHash('abd'));
	});
});

describe('the server moves a supporter through the steps', () => {
	it('finds the seat, MP and alliance from the postcode, and goes on to the details', async () => {
		const looked = await post(startView('E56000011'), 'postcode', 'lookup', { postcode: 'me1 1aa' });
		expect(looked.status).toBe(200);
		expect(looked.view.step).toBe('postcode');
		expect(looked.view.fields.postcode).toBe('ME1 1AA');
		expect(looked.view.seat?.name).toBe('Rochester and Strood');
		expect(looked.view.alliances[0]).toEqual({ code: 'E56000011', name: 'Kent and Medway' });
		expect(looked.view.route).toBe('mailto');
		expect(looked.view.status).toMatch(/^ME1 1AA is in Rochester and Strood\. Your MP is /);
		const next = await post(looked.view, 'postcode', 'continue');
		expect(next.view.step).toBe('details');
	});

	it('explains a postcode it cannot use, and goes no further', async () => {
		const bad = await post(null, 'postcode', 'continue', { postcode: 'ME1' });
		expect(bad.status).toBe(400);
		expect(bad.view.step).toBe('postcode');
		expect(bad.view.errors.postcode).toMatch(/full postcode/);
		const scotland = await post(null, 'postcode', 'continue', { postcode: 'EH1 1YZ' });
		expect(scotland.status).toBe(400);
		expect(scotland.view.answer?.country).toBe('Scotland');
		expect(scotland.view.route).toBe('none');
	});

	it('checks every earlier step again: a forged step cannot skip a check', async () => {
		const forged = await post(null, 'review', 'continue', { postcode: 'ME1 1AA', subject: 'x', body: 'y' });
		expect(forged.status).toBe(400);
		expect(forged.view.step).toBe('details');
		expect(forged.view.errors.name).toMatch(/empty/);
		expect(forged.view.errors.address).toMatch(/empty/);
	});

	it('refuses a story over its limit with a message, and keeps every character of it', async () => {
		const story = 'I waited. '.repeat(230).trim();
		expect(story.length).toBeGreaterThan(LIMITS.story);
		const r = await post(null, 'story', 'continue', {
			postcode: 'ME1 1AA',
			name: 'Sam Taylor',
			address: '14 Castle View',
			story
		});
		expect(r.status).toBe(400);
		expect(r.view.step).toBe('story');
		expect(r.view.errors.story).toContain(`${(story.length - LIMITS.story).toLocaleString('en-GB')} too many`);
		expect(r.view.fields.story).toBe(story);
	});

	it('drafts the letter from the real figures, keeps an edit, says when it is stale, and redrafts on request', async () => {
		const details = { postcode: 'ME1 1AA', name: 'Sam Taylor', address: '14 Castle View' };
		const review = await post(null, 'story', 'continue', { ...details, story: 'My sister waited.' });
		expect(review.view.step).toBe('review');
		const expected = composeLetter({
			mp: review.view.seat!.mp,
			constituencyName: 'Rochester and Strood',
			alliances: review.view.alliances.map((a) => ({ ...a, facts: allianceFacts(a.code)! })),
			supporter: { name: 'Sam Taylor', address: '14 Castle View', postcode: 'ME1 1AA' },
			story: 'My sister waited.',
			siteUrl: ctx.origin
		});
		expect({ subject: review.view.fields.subject, body: review.view.fields.body }).toEqual(expected);
		expect(review.view.fields.draftHash).toBe(letterHash(expected.subject, expected.body));

		// Untouched: a changed story flows into the letter.
		const back = await post(review.view, 'review', 'back');
		expect(back.view.step).toBe('story');
		const again = await post(back.view, 'story', 'continue', { story: 'My sister waited nine weeks.' });
		expect(again.view.fields.body).toContain('My sister waited nine weeks.');
		expect(again.view.stale).toBe(false);

		// Edited: kept as written, and flagged stale once the story changes.
		const edited = `${again.view.fields.body}\n\nPS: thank you.`;
		const back2 = await post(again.view, 'review', 'back', { body: edited });
		expect(back2.view.fields.body).toBe(edited);
		const stale = await post(back2.view, 'story', 'continue', { story: 'A different story.' });
		expect(stale.view.fields.body).toBe(edited);
		expect(stale.view.stale).toBe(true);
		const fresh = await post(stale.view, 'review', 'fresh');
		expect(fresh.view.step).toBe('review');
		expect(fresh.view.stale).toBe(false);
		expect(fresh.view.fields.body).toContain('A different story.');
		expect(fresh.view.fields.body).not.toContain('PS: thank you.');
	});

	it('offers a mailto link, and says so when it is too long for some mail apps', async () => {
		const details = { postcode: 'ME1 1AA', name: 'Sam Taylor', address: '14 Castle View', story: '' };
		const review = await post(null, 'story', 'continue', details);
		const long = await post(review.view, 'review', 'continue');
		expect(long.view.step).toBe('send');
		expect(long.view.mailto!.length).toBe(long.view.mailto!.href.length);
		expect(long.view.mailto!.tooLong).toBe(long.view.mailto!.length > MAILTO_MAX);
		expect(long.view.mailto!.subjectOnlyHref).not.toContain('Dear');
		const short = await post(review.view, 'review', 'continue', {
			body: 'Dear MP,\n\nPlease write to the Cancer Alliance.\n\nSam'
		});
		expect(short.view.mailto!.tooLong).toBe(false);
		expect(decodeURIComponent(short.view.mailto!.href)).toContain('Please write to the Cancer Alliance.');
	});

	it('gives an MP with no published address the letter to copy and their contact page, and asks no email', async () => {
		const looked = await post(null, 'postcode', 'lookup', { postcode: 'SO43 7BB' });
		expect(looked.view.seat?.name).toBe('New Forest East');
		expect(looked.view.seat?.mp?.email).toBeNull();
		expect(looked.view.route).toBe('contact-page');
		const details = await post(looked.view, 'details', 'continue', { name: 'Sam Taylor', address: '3 Forest Road' });
		expect(details.view.errors.email).toBeUndefined();
		expect(details.view.step).toBe('story');
		const review = await post(details.view, 'story', 'continue');
		const send = await post(review.view, 'review', 'continue');
		expect(send.view.step).toBe('send');
		expect(send.view.mailto).toBeNull();
		const attempt = await post(send.view, 'send', 'send');
		expect(attempt.status).toBe(400);
		expect(attempt.view.problem).toMatch(/cannot be sent from this site/);
	});
});
