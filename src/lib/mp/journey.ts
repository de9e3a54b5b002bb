/**
 * The steps of "email your MP" and what is carried between them. Pure and browser-safe: the panel renders these
 * steps as ordinary forms, and the server's form action (src/lib/server/journey.ts) moves from one to the next, with
 * or without JavaScript. Everything the supporter typed travels in the form itself (hidden fields for the steps not on
 * screen), never in a URL.
 */
import type { MpRecord, PostcodeAnswer } from './contract';
import type { FieldName } from './validate';

export const STEPS = ['postcode', 'details', 'story', 'review', 'send'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
	postcode: 'Find your MP',
	details: 'Your details',
	story: 'Your story',
	review: 'Check your email',
	send: 'Send it'
};

export const stepNumber = (step: Step): number => STEPS.indexOf(step) + 1;

/** What the supporter has entered so far, as form text. */
export interface JourneyFields {
	/** The Cancer Alliance page the panel sits on (context only: the postcode decides the alliance). */
	area: string;
	postcode: string;
	/** Only asked where the postcode's seat is uncertain (candidates from its ward). */
	constituencyCode: string;
	name: string;
	email: string;
	address: string;
	story: string;
	subject: string;
	body: string;
	/** A hash of the letter as we last generated it: tells an edited letter from an untouched one. */
	draftHash: string;
	consent: boolean;
	/** The honeypot. */
	website: string;
}

export const TEXT_FIELDS = [
	'area',
	'postcode',
	'constituencyCode',
	'name',
	'email',
	'address',
	'story',
	'subject',
	'body',
	'draftHash',
	'website'
] as const satisfies readonly (keyof JourneyFields)[];

export const EMPTY_FIELDS: JourneyFields = {
	area: '',
	postcode: '',
	constituencyCode: '',
	name: '',
	email: '',
	address: '',
	story: '',
	subject: '',
	body: '',
	draftHash: '',
	consent: false,
	website: ''
};

/** The fields shown on each step; every other field travels hidden. */
export const STEP_FIELDS: Record<Step, readonly (keyof JourneyFields)[]> = {
	postcode: ['postcode', 'constituencyCode'],
	details: ['name', 'email', 'address'],
	story: ['story'],
	review: ['subject', 'body', 'consent', 'website'],
	send: []
};

/** Form posts bigger than this are refused before they are read (the largest honest one is about 20 KB). */
export const MAX_FORM_BYTES = 64 * 1024;

/** Reads the fields from a posted form; missing ones are empty. The raw text is kept: checks come later. */
export function fieldsFromForm(form: FormData): JourneyFields {
	const fields: JourneyFields = { ...EMPTY_FIELDS };
	for (const key of TEXT_FIELDS) {
		const value = form.get(key);
		fields[key] = typeof value === 'string' ? value : '';
	}
	fields.consent = form.get('consent') === 'yes';
	return fields;
}

/** What a button asks for. */
export const INTENTS = ['lookup', 'continue', 'back', 'fresh', 'send'] as const;
export type Intent = (typeof INTENTS)[number];

export function intentFrom(form: FormData): { intent: Intent; from: Step } {
	const intent = form.get('intent');
	const from = form.get('step');
	return {
		intent: INTENTS.includes(intent as Intent) ? (intent as Intent) : 'continue',
		from: STEPS.includes(from as Step) ? (from as Step) : 'postcode'
	};
}

export function previousStep(step: Step): Step {
	return STEPS[Math.max(0, STEPS.indexOf(step) - 1)]!;
}

export function nextStep(step: Step): Step {
	return STEPS[Math.min(STEPS.length - 1, STEPS.indexOf(step) + 1)]!;
}

/**
 * Mail apps and browsers cut or refuse long mailto: links somewhere between 2,000 and 8,000 characters, so above
 * this the panel says so and offers to copy the email first.
 */
export const MAILTO_MAX = 1800;

/** A short, stable fingerprint of a text (FNV-1a, 32 bits): enough to tell "as generated" from "edited". */
export function textHash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(36);
}

export const letterHash = (subject: string, body: string) => textHash(`${subject}\n\n${body}`);

/** "1,234 of 2,000 characters" or "2,310 characters: 310 over the limit of 2,000". */
export function characterCount(length: number, max: number): { text: string; over: boolean } {
	const n = (x: number) => x.toLocaleString('en-GB');
	if (length <= max) return { text: `${n(length)} of ${n(max)} characters`, over: false };
	return { text: `${n(length)} characters: ${n(length - max)} over the limit of ${n(max)}`, over: true };
}

/** How a letter can reach this MP. */
export type Route =
	/** Through this site: a confirmation link, then our mail server sends it (SMTP mode). */
	| 'send'
	/** From the supporter's own email app (no SMTP here): a mailto: link, or copy and paste. */
	| 'mailto'
	/** No published address, or the Speaker: copy the letter and use the MP's contact page on the Parliament website. */
	| 'contact-page'
	/** No MP (a vacant seat): nobody to write to yet. */
	| 'none';

export function routeFor(mp: MpRecord | null, mode: 'smtp' | 'mailto'): Route {
	if (!mp) return 'none';
	if (!mp.email || mp.party === 'Speaker') return 'contact-page';
	return mode === 'smtp' ? 'send' : 'mailto';
}

export type JourneySeat = PostcodeAnswer['constituencies'][number];

/** Everything a step needs to draw itself: the same object on the server's page and in the browser's panel. */
export interface JourneyView {
	step: Step;
	fields: JourneyFields;
	errors: Partial<Record<FieldName, string>>;
	/** A refusal that belongs to no single field. */
	problem: string;
	/** What just happened, for the live region ("ME14 1XQ is in Maidstone and Malling."). */
	status: string;
	mode: 'smtp' | 'mailto';
	answer: PostcodeAnswer | null;
	seat: JourneySeat | null;
	/** The postcode's own Cancer Alliance first, then any other the seat reaches. */
	alliances: { code: string; name: string }[];
	route: Route;
	/** Who may contact a supporter who consents; null when nobody is configured (no consent box then). */
	operator: { name: string } | null;
	/** On the review step: the letter was edited, and the details or story have changed since. */
	stale: boolean;
	/**
	 * From the story step on: the letter we generate, without the supporter's story, which their own words are counted
	 * against (own-words.ts). Empty before.
	 */
	draft: string;
	/** On the send step, for the supporter's own email app. */
	mailto: { href: string; subjectOnlyHref: string; length: number; tooLong: boolean } | null;
	/** After a send: what happens next. */
	sent: string;
}

/**
 * The first step, before the server has answered: what a prerendered page can draw. The sending mode and the operator
 * are the server's to say, and come with its first answer (step 1 does not use them).
 */
export function startView(area = ''): JourneyView {
	return {
		step: 'postcode',
		fields: { ...EMPTY_FIELDS, area },
		errors: {},
		problem: '',
		status: '',
		mode: 'mailto',
		answer: null,
		seat: null,
		alliances: [],
		route: 'none',
		operator: null,
		stale: false,
		draft: '',
		mailto: null,
		sent: ''
	};
}
