/**
 * The server's side of "email your MP": one form action moves a supporter from step to step, with or without
 * JavaScript (the panel posts the same forms through `use:enhance`). Every step is decided here from what was posted:
 * the seat, MP and alliances from the postcode (./seat.ts), each earlier step checked again (a forged "step" cannot
 * skip a check), the letter composed from the alliances' real figures, and the send through ./send.ts.
 */
import {
	fieldsFromForm,
	intentFrom,
	letterHash,
	MAILTO_MAX,
	nextStep,
	previousStep,
	routeFor,
	startView,
	STEPS,
	type JourneyFields,
	type JourneySeat,
	type JourneyView,
	type Step
} from '../mp/journey';
import { mailtoHref } from '../mp/letter';
import { letterAlliances } from '../mp/postcode-answer';
import { LIMITS, type PostcodeAnswer } from '../mp/contract';
import { checkEmail, checkLine, checkPostcode, checkStory, checkText, NEUTRAL_REFUSAL } from '../mp/validate';
import { draftFor } from './draft';
import { operator, smtpConfigured } from './env';
import { answerPostcode } from './postcode-index';
import { acceptSend } from './send';

export interface JourneyContext {
	/** Rate-limit key of the client. */
	ip: string;
	/** The site's origin, for links in the letter and in emails. */
	origin: string;
}

type Errors = JourneyView['errors'];

/** A view with the server's own settings: how it sends, and who may contact a supporter who consents. */
function baseView(fields: JourneyFields): JourneyView {
	const who = operator();
	return {
		...startView(),
		fields,
		mode: smtpConfigured() ? 'smtp' : 'mailto',
		operator: who ? { name: who.name } : null
	};
}

const at = (step: Step) => STEPS.indexOf(step);

/** What the postcode says, with the supporter's choice of seat where it is uncertain. */
async function lookUp(view: JourneyView): Promise<Errors> {
	const postcode = checkPostcode(view.fields.postcode);
	if (!postcode.ok) return { postcode: postcode.message };
	view.fields.postcode = postcode.value;
	const { body } = await answerPostcode(postcode.value);
	if ('error' in body) return { postcode: body.error };
	const answer: PostcodeAnswer = body;
	view.answer = answer;
	const chosen = answer.constituencies.find((c) => c.code === view.fields.constituencyCode);
	const seat: JourneySeat | null = answer.constituencies.length === 1 ? answer.constituencies[0]! : (chosen ?? null);
	view.fields.constituencyCode = seat && answer.constituencies.length > 1 ? seat.code : '';
	view.seat = seat;
	view.alliances = seat && answer.alliances.length ? letterAlliances(answer, seat.code) : answer.alliances;
	view.route = seat && answer.country === 'England' && answer.alliances.length ? routeFor(seat.mp, view.mode) : 'none';
	view.status = describe(answer, seat);
	return {};
}

function describe(answer: PostcodeAnswer, seat: JourneySeat | null): string {
	if (answer.country !== 'England') return `${answer.postcode} is in ${answer.country}.`;
	if (answer.constituencies.length === 0) return `We found ${answer.postcode} but not its constituency.`;
	if (!seat)
		return `${answer.postcode} could be in one of ${answer.constituencies.length} constituencies: choose yours.`;
	return `${answer.postcode} is in ${seat.name}. ${seat.mp ? `Your MP is ${seat.mp.name}.` : 'The seat has no MP at the moment.'}`;
}

/** The checks of one step; each returns the errors it finds (none: the step is complete). */
function checkStep(step: Step, view: JourneyView): Errors {
	const f = view.fields;
	const errors: Errors = {};
	const keep = <T>(
		r: { ok: true; value: T } | { ok: false; message: string },
		field: keyof Errors,
		set: (v: T) => void
	) => {
		if (r.ok) set(r.value);
		else errors[field] = r.message;
	};
	if (step === 'postcode') {
		if (!view.answer) errors.postcode = 'Enter your postcode and press "Find my MP".';
		else if (!view.seat && view.answer.constituencies.length > 1)
			errors.constituencyCode = 'Choose the constituency you live in.';
		else if (view.route === 'none') errors.postcode = view.status || 'There is nobody to write to for this postcode.';
	} else if (step === 'details') {
		keep(checkLine(f.name, 'name', LIMITS.name), 'name', (v) => (f.name = v));
		if (view.route === 'send') keep(checkEmail(f.email), 'email', (v) => (f.email = v));
		keep(checkLine(f.address, 'address', LIMITS.address), 'address', (v) => (f.address = v));
	} else if (step === 'story') {
		keep(checkStory(f.story), 'story', (v) => (f.story = v));
	} else if (step === 'review') {
		keep(checkLine(f.subject, 'subject', LIMITS.subject), 'subject', (v) => (f.subject = v));
		keep(checkText(f.body, 'body', LIMITS.body, true), 'body', (v) => (f.body = v));
	}
	return errors;
}

/**
 * Whether the email is still as we generated it. Line breaks are compared as LF: a browser posting the email in a
 * hidden field (no JavaScript, from the story step) sends them as CRLF.
 */
const asGenerated = (f: JourneyFields) => letterHash(f.subject, f.body.replace(/\r\n?/g, '\n')) === f.draftHash;

/** The letter we would generate with no story: what the story step counts the supporter's own words against. */
function storyFree(view: JourneyView, origin: string): string {
	const f = view.fields;
	const supporter = { name: f.name, address: f.address, postcode: f.postcode };
	return draftFor({ seat: view.seat!, alliances: view.alliances, supporter, story: '', origin }).body;
}

/** Writes the generated letter into the fields unless the supporter has edited it (then notes if it is stale). */
function draftLetter(view: JourneyView, origin: string, fresh: boolean): void {
	const f = view.fields;
	const seat = view.seat!;
	const draft = (story: string) =>
		draftFor({
			seat,
			alliances: view.alliances,
			supporter: { name: f.name, address: f.address, postcode: f.postcode },
			story,
			origin
		});
	const generated = draft(f.story);
	// The letter without the supporter's story: what the panel counts their own words against.
	view.draft = f.story ? draft('').body : generated.body;
	const generatedHash = letterHash(generated.subject, generated.body);
	const untouched = f.body === '' || asGenerated(f);
	if (fresh || untouched) {
		f.subject = generated.subject;
		f.body = generated.body;
		f.draftHash = generatedHash;
		view.stale = false;
	} else {
		view.stale = generatedHash !== f.draftHash;
	}
}

function mailtoFor(view: JourneyView): JourneyView['mailto'] {
	const email = view.seat?.mp?.email ?? null;
	if (view.route !== 'mailto') return null;
	const href = mailtoHref(email, view.fields.subject, view.fields.body);
	return {
		href,
		subjectOnlyHref: mailtoHref(email, view.fields.subject, ''),
		length: href.length,
		tooLong: href.length > MAILTO_MAX
	};
}

/** Runs one posted step. The status is 400 when the step has errors. */
export async function runJourney(form: FormData, ctx: JourneyContext): Promise<{ status: number; view: JourneyView }> {
	const { intent, from } = intentFrom(form);
	const view = baseView(fieldsFromForm(form));
	const lookupErrors = await lookUp(view);
	if (Object.keys(lookupErrors).length > 0) {
		view.errors = lookupErrors;
		return { status: 400, view };
	}
	if (intent === 'lookup') return { status: 200, view };

	const target: Step =
		intent === 'back'
			? previousStep(from)
			: intent === 'continue'
				? nextStep(from)
				: from === 'postcode'
					? 'postcode'
					: from;
	// Every step before the target must hold, whatever the form says it came from.
	for (const step of STEPS.slice(0, at(target))) {
		const errors = checkStep(step, view);
		if (Object.keys(errors).length > 0 && intent !== 'back') {
			view.step = step;
			view.errors = errors;
			if (step !== 'postcode') view.status = 'Please check the highlighted answers.';
			if (at(step) >= at('review')) draftLetter(view, ctx.origin, false);
			else if (step === 'story') view.draft = storyFree(view, ctx.origin);
			return { status: 400, view };
		}
	}
	view.step = target;
	if (at(target) >= at('review')) draftLetter(view, ctx.origin, intent === 'fresh');
	else if (target === 'story') view.draft = storyFree(view, ctx.origin);
	if (target === 'send') view.mailto = mailtoFor(view);
	if (intent === 'send' && target === 'send') await send(view, ctx);
	if (intent === 'fresh') view.status = 'A fresh draft of your email, with your latest details and story.';
	return { status: view.problem || Object.keys(view.errors).length ? 400 : 200, view };
}

async function send(view: JourneyView, ctx: JourneyContext): Promise<void> {
	if (view.route !== 'send') {
		view.problem = 'This letter cannot be sent from this site: use the options below.';
		return;
	}
	const f = view.fields;
	if (f.website !== '') {
		view.problem = NEUTRAL_REFUSAL;
		return;
	}
	const outcome = await acceptSend(
		{
			postcode: f.postcode,
			constituencyCode: view.seat!.code,
			name: f.name,
			email: f.email,
			address: f.address,
			subject: f.subject,
			body: f.body,
			consent: view.operator !== null && f.consent,
			website: ''
		},
		ctx.ip,
		ctx.origin,
		{ draft: view.draft || undefined }
	);
	if (outcome.answer.status === 'confirmation_sent') {
		view.sent = outcome.answer.message;
		view.status = 'Check your inbox: we have sent you a link to confirm.';
		return;
	}
	if (outcome.personalise) {
		// Asked for the writer's own words: at their story, unless they have edited the email itself (then a new story
		// would not reach it), where the email is.
		const edited = !asGenerated(f);
		view.step = edited ? 'review' : 'story';
		view.errors = edited ? { body: outcome.answer.message } : { story: outcome.answer.message };
		if (!edited) view.draft = storyFree(view, ctx.origin);
		return;
	}
	const field = outcome.answer.field;
	const step: Step | null =
		field === 'postcode' || field === 'constituencyCode'
			? 'postcode'
			: field === 'name' || field === 'email' || field === 'address'
				? 'details'
				: field === 'subject' || field === 'body'
					? 'review'
					: null;
	if (field && step) {
		view.step = step;
		view.errors = { [field]: outcome.answer.message };
	} else {
		view.problem = outcome.answer.message;
	}
}
