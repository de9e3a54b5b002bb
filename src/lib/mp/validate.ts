/**
 * The field rules of "email your MP", one set for every path: the server's form actions (the panel, with or without
 * JavaScript), POST /api/send and POST /api/actions. Pure: no server data here; which constituency, MP and Cancer
 * Alliance a postcode has is decided by the server from the postcode itself.
 *
 * Refused, never silently cut: wrong types, missing fields, anything over LIMITS (the message says by how much), CR
 * or LF (or other control characters) in any single-line field (they would let a sender inject mail headers), email
 * addresses that are not a plain `name@domain.tld`, malformed codes, and a filled-in honeypot.
 */
import { normalisePostcode } from '../postcode/postcode';
import { LIMITS, type MailtoRecord, type SendRequest } from './contract';

/** What a filled-in honeypot gets: deliberately neutral, so it says nothing to whoever scripted the request. */
export const NEUTRAL_REFUSAL = 'Sorry, we could not accept this message. Please try again later.';

export const CONSTITUENCY_CODE = /^E14\d{6}$/;

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
// Control characters other than tab, CR and LF (which a letter's body may hold).
// eslint-disable-next-line no-control-regex -- these control characters are what the pattern refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The fields a supporter fills in, with the words used for them in messages. */
export const FIELD_LABELS = {
	postcode: 'Your postcode',
	constituencyCode: 'The constituency',
	name: 'Your name',
	email: 'Your email address',
	address: 'Your address',
	story: 'Your story',
	subject: 'The subject',
	body: 'Your email',
	consent: 'The consent choice',
	website: 'This field'
} as const;
export type FieldName = keyof typeof FIELD_LABELS;

export type Checked<T> = { ok: true; value: T } | { ok: false; field?: FieldName; message: string };

const refuse = (field: FieldName | undefined, message: string): { ok: false; field?: FieldName; message: string } =>
	field ? { ok: false, field, message } : { ok: false, message };

const count = (n: number) => n.toLocaleString('en-GB');

/** "at most 2,000 characters, and it has 2,310: 310 too many" */
export function overLimitMessage(label: string, max: number, length: number): string {
	return `${label} is too long: at most ${count(max)} characters, and it has ${count(length)} (${count(length - max)} too many). Please shorten it; nothing has been cut.`;
}

/** One single-line text: type, line breaks, control characters, required, length. The value comes back trimmed. */
export function checkLine(raw: unknown, field: FieldName, max: number, required = true): Checked<string> {
	const label = FIELD_LABELS[field];
	if (typeof raw !== 'string') return refuse(field, `${label} is missing or is not text.`);
	if (LINE_BREAK.test(raw)) return refuse(field, `${label} must be on one line: remove the line break.`);
	if (CONTROL.test(raw)) return refuse(field, `${label} contains characters that cannot be sent.`);
	const value = raw.trim();
	if (required && value === '') return refuse(field, `${label} is empty: please fill it in.`);
	if (value.length > max) return refuse(field, overLimitMessage(label, max, value.length));
	return { ok: true, value };
}

/** A text of several lines (the story, the letter): CRLF to LF, trimmed, within `max`. */
export function checkText(raw: unknown, field: FieldName, max: number, required: boolean): Checked<string> {
	const label = FIELD_LABELS[field];
	if (typeof raw !== 'string') return refuse(field, `${label} is missing or is not text.`);
	if (CONTROL.test(raw)) return refuse(field, `${label} contains characters that cannot be sent.`);
	const value = raw.replace(/\r\n?/g, '\n').trim();
	if (required && value === '') return refuse(field, `${label} is empty: please write it.`);
	if (value.length > max) return refuse(field, overLimitMessage(label, max, value.length));
	return { ok: true, value };
}

/**
 * A plain address: one @, no display name, no spaces or quotes, a dot in the domain, letters in the last label.
 * Deliberately stricter than RFC 5322 (no quoted local parts, no IP literals): those are not what people type.
 */
export function isPlainEmail(email: string): boolean {
	if (email.length > LIMITS.email) return false;
	const at = email.indexOf('@');
	if (at <= 0 || at !== email.lastIndexOf('@')) return false;
	const local = email.slice(0, at);
	const domain = email.slice(at + 1);
	if (local.length > 64) return false;
	if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return false;
	const labels = domain.split('.');
	if (labels.length < 2) return false;
	if (!labels.every((l) => l.length >= 1 && l.length <= 63 && /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(l)))
		return false;
	const tld = labels[labels.length - 1]!;
	return /^(\p{L}{2,}|xn--[a-z0-9-]+)$/iu.test(tld);
}

export function checkEmail(raw: unknown): Checked<string> {
	const email = checkLine(raw, 'email', LIMITS.email);
	if (!email.ok) return email;
	if (/[<>]/.test(email.value))
		return refuse('email', 'Enter just your email address, like name@example.org, without a name or angle brackets.');
	if (!isPlainEmail(email.value)) return refuse('email', 'Enter your email address in the form name@example.org.');
	return email;
}

export function checkPostcode(raw: unknown): Checked<string> {
	const line = checkLine(raw, 'postcode', 16);
	if (!line.ok) return line;
	const postcode = normalisePostcode(line.value);
	return postcode.ok ? { ok: true, value: postcode.postcode } : refuse('postcode', postcode.message);
}

export function checkConstituencyCode(raw: unknown): Checked<string> {
	const line = checkLine(raw, 'constituencyCode', 9);
	if (!line.ok) return line;
	if (!CONSTITUENCY_CODE.test(line.value))
		return refuse(
			'constituencyCode',
			'The constituency code is not an English constituency code (E14 and six digits).'
		);
	return line;
}

function isRecord(input: unknown): input is Record<string, unknown> {
	return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** The honeypot first: an automated request learns nothing from the other checks. */
function checkHoneypot(input: Record<string, unknown>): Checked<''> {
	if (typeof input.website !== 'string')
		return refuse('website', 'The request was not understood: a field is missing.');
	if (input.website !== '') return refuse(undefined, NEUTRAL_REFUSAL);
	return { ok: true, value: '' };
}

/** What every posted record starts with: the honeypot left empty, then the postcode and its constituency. */
function checkSeatFields(input: Record<string, unknown>): Checked<{ postcode: string; constituencyCode: string }> {
	const honeypot = checkHoneypot(input);
	if (!honeypot.ok) return honeypot;
	const postcode = checkPostcode(input.postcode);
	if (!postcode.ok) return postcode;
	const constituency = checkConstituencyCode(input.constituencyCode);
	if (!constituency.ok) return constituency;
	return { ok: true, value: { postcode: postcode.value, constituencyCode: constituency.value } };
}

export function validateSendRequest(input: unknown): Checked<SendRequest> {
	if (!isRecord(input)) return refuse(undefined, 'The request was not understood: expected the fields of a message.');
	const seat = checkSeatFields(input);
	if (!seat.ok) return seat;
	const name = checkLine(input.name, 'name', LIMITS.name);
	if (!name.ok) return name;
	const email = checkEmail(input.email);
	if (!email.ok) return email;
	const address = checkLine(input.address, 'address', LIMITS.address);
	if (!address.ok) return address;
	const subject = checkLine(input.subject, 'subject', LIMITS.subject);
	if (!subject.ok) return subject;
	const body = checkText(input.body, 'body', LIMITS.body, true);
	if (!body.ok) return body;
	if (typeof input.consent !== 'boolean')
		return refuse('consent', 'The consent choice is missing: tick the box or leave it unticked.');
	return {
		ok: true,
		value: {
			...seat.value,
			name: name.value,
			email: email.value,
			address: address.value,
			subject: subject.value,
			body: body.value,
			consent: input.consent,
			website: ''
		}
	};
}

export function validateMailtoRecord(input: unknown): Checked<MailtoRecord> {
	if (!isRecord(input)) return refuse(undefined, 'The request was not understood: expected a record.');
	const seat = checkSeatFields(input);
	if (!seat.ok) return seat;
	return { ok: true, value: { ...seat.value, website: '' } };
}

/** The story is optional, but kept within its limit. */
export function checkStory(raw: unknown): Checked<string> {
	return checkText(raw ?? '', 'story', LIMITS.story, false);
}
