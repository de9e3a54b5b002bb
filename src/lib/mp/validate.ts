/**
 * Validation of a SendRequest: run in the browser (to tell the supporter early) and again on the server (the only
 * check that counts). Pure: no server data here. Whether the constituency has an MP with a published address is
 * checked by the endpoint against the server's data.
 *
 * Refused: wrong types, missing fields, anything over LIMITS, CR or LF (or other control characters) in any
 * single-line field (they would let a sender inject mail headers), email addresses that are not a plain
 * `name@domain.tld`, malformed area codes, and a filled-in honeypot.
 */
import { normalisePostcode } from '../postcode/postcode';
import { LIMITS, type SendRequest } from './contract';

export type Validation = { ok: true; value: SendRequest } | { ok: false; field?: keyof SendRequest; message: string };

/** What a filled-in honeypot gets: deliberately neutral, so it says nothing to whoever scripted the request. */
export const NEUTRAL_REFUSAL = 'Sorry, we could not accept this message. Please try again later.';

export const CONSTITUENCY_CODE = /^E14\d{6}$/;
export const ALLIANCE_CODE = /^E56\d{6}$/;
/** A constituency spans at most a few alliances. */
export const MAX_ALLIANCES = 4;

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
// Control characters other than tab, CR and LF (which a letter's body may hold).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const LABELS: Record<keyof SendRequest, string> = {
	postcode: 'Your postcode',
	constituencyCode: 'The constituency',
	allianceCodes: 'The Cancer Alliance',
	name: 'Your name',
	email: 'Your email address',
	address: 'Your address',
	subject: 'The subject',
	body: 'Your message',
	consent: 'The consent choice',
	website: 'This field'
};

type Refusal = { ok: false; field?: keyof SendRequest; message: string };
const refuse = (field: keyof SendRequest | undefined, message: string): Refusal =>
	field ? { ok: false, field, message } : { ok: false, message };

/** Checks one single-line text: type, line breaks, control characters, required, length. Returns the trimmed text. */
function line(
	input: Record<string, unknown>,
	field: keyof SendRequest,
	max: number,
	required = true
): { ok: true; value: string } | Refusal {
	const raw = input[field];
	if (typeof raw !== 'string') return refuse(field, `${LABELS[field]} is missing or is not text.`);
	if (LINE_BREAK.test(raw)) return refuse(field, `${LABELS[field]} must be on one line: remove the line break.`);
	if (CONTROL.test(raw)) return refuse(field, `${LABELS[field]} contains characters that cannot be sent.`);
	const value = raw.trim();
	if (required && value === '') return refuse(field, `${LABELS[field]} is empty: please fill it in.`);
	if (value.length > max)
		return refuse(field, `${LABELS[field]} is too long: at most ${max} characters, and it has ${value.length}.`);
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

function isRecord(input: unknown): input is Record<string, unknown> {
	return typeof input === 'object' && input !== null && !Array.isArray(input);
}

export function validateSendRequest(input: unknown): Validation {
	if (!isRecord(input)) return refuse(undefined, 'The request was not understood: expected the fields of a message.');

	// The honeypot first: an automated request learns nothing from the other checks.
	if (typeof input.website !== 'string')
		return refuse('website', 'The request was not understood: a field is missing.');
	if (input.website !== '') return refuse(undefined, NEUTRAL_REFUSAL);

	const postcodeLine = line(input, 'postcode', 16);
	if (!postcodeLine.ok) return postcodeLine;
	const postcode = normalisePostcode(postcodeLine.value);
	if (!postcode.ok) return refuse('postcode', postcode.message);

	const constituency = line(input, 'constituencyCode', 9);
	if (!constituency.ok) return constituency;
	if (!CONSTITUENCY_CODE.test(constituency.value))
		return refuse(
			'constituencyCode',
			'The constituency code is not an English constituency code (E14 and six digits).'
		);

	const codes = input.allianceCodes;
	if (!Array.isArray(codes)) return refuse('allianceCodes', 'The Cancer Alliance codes are missing or are not a list.');
	if (codes.length === 0) return refuse('allianceCodes', 'The Cancer Alliance is missing.');
	if (codes.length > MAX_ALLIANCES)
		return refuse('allianceCodes', `Too many Cancer Alliances: at most ${MAX_ALLIANCES}.`);
	const allianceCodes: string[] = [];
	for (const code of codes) {
		if (typeof code !== 'string') return refuse('allianceCodes', 'A Cancer Alliance code is not text.');
		if (LINE_BREAK.test(code))
			return refuse('allianceCodes', 'A Cancer Alliance code must be on one line: remove the line break.');
		if (!ALLIANCE_CODE.test(code))
			return refuse('allianceCodes', 'A Cancer Alliance code is not a Cancer Alliance code (E56 and six digits).');
		if (allianceCodes.includes(code)) return refuse('allianceCodes', 'A Cancer Alliance is listed twice.');
		allianceCodes.push(code);
	}

	const name = line(input, 'name', LIMITS.name);
	if (!name.ok) return name;

	const email = line(input, 'email', LIMITS.email);
	if (!email.ok) return email;
	if (/[<>]/.test(email.value))
		return refuse('email', 'Enter just your email address, like name@example.org, without a name or angle brackets.');
	if (!isPlainEmail(email.value)) return refuse('email', 'Enter your email address in the form name@example.org.');

	const address = line(input, 'address', LIMITS.address);
	if (!address.ok) return address;

	const subject = line(input, 'subject', LIMITS.subject);
	if (!subject.ok) return subject;

	if (typeof input.body !== 'string') return refuse('body', `${LABELS.body} is missing or is not text.`);
	if (CONTROL.test(input.body)) return refuse('body', `${LABELS.body} contains characters that cannot be sent.`);
	const body = input.body.replace(/\r\n?/g, '\n').trim();
	if (body === '') return refuse('body', `${LABELS.body} is empty: please write your email.`);
	if (body.length > LIMITS.body)
		return refuse('body', `${LABELS.body} is too long: at most ${LIMITS.body} characters, and it has ${body.length}.`);

	if (typeof input.consent !== 'boolean')
		return refuse('consent', 'The consent choice is missing: tick the box or leave it unticked.');

	return {
		ok: true,
		value: {
			postcode: postcode.postcode,
			constituencyCode: constituency.value,
			allianceCodes,
			name: name.value,
			email: email.value,
			address: address.value,
			subject: subject.value,
			body,
			consent: input.consent,
			website: ''
		}
	};
}
