/**
 * validateSendRequest and validateMailtoRecord: every refusal (types, lengths, line breaks, emails, honeypot, codes) and
 * what they accept. Limits are refused with a message that says by how much, never cut.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, type SendRequest } from '../../src/lib/mp/contract';
import { isPlainEmail, NEUTRAL_REFUSAL, validateMailtoRecord, validateSendRequest } from '../../src/lib/mp/validate';

const valid: SendRequest = {
	postcode: 'GU11 1PW',
	constituencyCode: 'E14001063',
	name: 'Jane Example',
	email: 'jane.example@example.org',
	address: '1 Example Road, Aldershot',
	subject: 'Breast cancer care in Surrey and Sussex',
	body: 'Dear Alex Baker,\n\nPlease write to the Cancer Alliance.\n\nJane Example',
	consent: false,
	website: ''
};

const withField = (field: string, value: unknown) => ({ ...valid, [field]: value });

function refusal(input: unknown) {
	const result = validateSendRequest(input);
	if (result.ok) throw new Error(`expected a refusal for ${JSON.stringify(input).slice(0, 200)}`);
	return result;
}

describe('validateSendRequest', () => {
	it('accepts a valid request, trimming fields, normalising the postcode and the body’s line endings', () => {
		const result = validateSendRequest({
			...valid,
			postcode: ' gu111pw ',
			name: '  Jane Example ',
			email: ' jane.example@example.org ',
			body: '\r\nDear Alex Baker,\r\n\r\nPlease write.\r\n',
			consent: true,
			extra: 'ignored'
		});
		expect(result).toEqual({
			ok: true,
			value: {
				...valid,
				postcode: 'GU11 1PW',
				name: 'Jane Example',
				email: 'jane.example@example.org',
				body: 'Dear Alex Baker,\n\nPlease write.',
				consent: true
			}
		});
		expect(validateSendRequest({ ...valid, name: 'Siân O’Brien-Ñúñez', address: 'Flat 2, 10 Høg Street' }).ok).toBe(
			true
		);
	});

	it('accepts values exactly at each length limit', () => {
		for (const field of ['name', 'address', 'subject', 'body'] as const) {
			expect(validateSendRequest(withField(field, 'x'.repeat(LIMITS[field]))).ok, field).toBe(true);
		}
		const local = 'a'.repeat(64);
		const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(LIMITS.email - 64 - 1 - 63 - 1 - 63 - 1)}`;
		const longest = `${local}@${domain}`;
		expect(longest.length).toBe(LIMITS.email);
		expect(validateSendRequest(withField('email', longest)).ok).toBe(true);
	});

	it('refuses each field over its length limit, naming the field and the limit', () => {
		for (const field of ['name', 'address', 'subject', 'body'] as const) {
			const r = refusal(withField(field, 'x'.repeat(LIMITS[field] + 1)));
			expect(r.field).toBe(field);
			expect(r.message).toContain(`at most ${LIMITS[field].toLocaleString('en-GB')} characters`);
			// Never cut: the message says by how much, and nothing comes back shortened.
			expect(r.message).toContain('(1 too many)');
			expect(r.message).toContain('nothing has been cut');
		}
		const r = refusal(withField('email', `${'a'.repeat(64)}@${'b'.repeat(LIMITS.email - 64)}.org`));
		expect(r.field).toBe('email');
		expect(r.message).toMatch(/too long/);
	});

	it('refuses CR, LF and other line breaks in every single-line field (header injection)', () => {
		for (const field of ['name', 'email', 'address', 'subject', 'postcode', 'constituencyCode'] as const) {
			for (const brk of ['\r', '\n', '\r\n', '\u2028']) {
				const value =
					field === 'constituencyCode' ? `E14001063${brk}` : `${String(valid[field])}${brk}Bcc: victim@example.org`;
				const r = refusal(withField(field, value));
				expect(r.field, `${field} ${JSON.stringify(brk)}`).toBe(field);
				expect(r.message).toMatch(/one line/);
			}
		}
		// Even a line break alone, trimmed away, is refused: the raw value is checked.
		expect(refusal(withField('name', 'Jane Example\n')).field).toBe('name');
	});

	it('refuses other control characters, also in the body', () => {
		expect(refusal(withField('name', 'Jane\u0000Example')).message).toMatch(/cannot be sent/);
		expect(refusal(withField('subject', 'Hello\u001bWorld')).field).toBe('subject');
		expect(refusal(withField('body', 'Dear MP\u0007')).field).toBe('body');
		expect(validateSendRequest(withField('body', 'Dear MP,\n\tindented\r\nline')).ok).toBe(true);
	});

	it('refuses email addresses that are not a plain name@domain.tld', () => {
		const bad = [
			'Jane <jane@example.org>',
			'"Jane" jane@example.org',
			'<jane@example.org>',
			'jane@example',
			'jane@@example.org',
			'jane@exa@mple.org',
			'@example.org',
			'jane@',
			'jane',
			'jane example@example.org',
			'jane@example..org',
			'jane@.example.org',
			'jane@example.org.',
			'.jane@example.org',
			'jane.@example.org',
			'ja..ne@example.org',
			'jane@-example.org',
			'jane@example.1',
			'jane@example.org,victim@example.org',
			'jane@example.org;victim@example.org',
			'jane(comment)@example.org',
			`${'a'.repeat(65)}@example.org`
		];
		for (const email of bad) {
			const r = refusal(withField('email', email));
			expect(r.field, email).toBe('email');
			expect(r.message, email).toMatch(/email address/);
		}
		for (const email of [
			'jane@example.org',
			'jane.o’brien@example.org'.replace('’', ''),
			'j+campaign@mail.example.co.uk',
			'JANE@EXAMPLE.ORG',
			'jane@xn--bcher-kva.example',
			'jane@bücher.example'
		]) {
			expect(isPlainEmail(email), email).toBe(true);
		}
	});

	it('refuses empty required fields', () => {
		for (const field of ['name', 'email', 'address', 'subject', 'body', 'postcode', 'constituencyCode'] as const) {
			const r = refusal(withField(field, '   '));
			expect(r.field, field).toBe(field);
		}
		expect(refusal(withField('body', ' \n\n ')).message).toMatch(/empty/);
	});

	it('refuses a filled-in honeypot with a neutral message and no field', () => {
		const r = refusal(withField('website', 'http://spam.example'));
		expect(r.message).toBe(NEUTRAL_REFUSAL);
		expect(r.field).toBeUndefined();
		expect(r.message).not.toMatch(/website|honeypot|bot|spam/i);
		// Checked first: a request with the honeypot filled gets the same answer whatever else is wrong.
		expect(refusal({ ...valid, website: 'x', email: 'not an email' }).message).toBe(NEUTRAL_REFUSAL);
	});

	it('refuses malformed constituency codes', () => {
		for (const code of [
			'E1400106',
			'E140010633',
			'W07000041',
			'S14000001',
			'e14001063',
			'E56000012',
			'E14 001063',
			''
		]) {
			expect(refusal(withField('constituencyCode', code)).field, code).toBe('constituencyCode');
		}
	});

	it('refuses an invalid postcode with the postcode checker’s message', () => {
		const r = refusal(withField('postcode', 'GU11'));
		expect(r.field).toBe('postcode');
		expect(r.message).toMatch(/full postcode/);
		expect(refusal(withField('postcode', 'not a postcode')).field).toBe('postcode');
		expect(refusal(withField('postcode', 'X'.repeat(17))).field).toBe('postcode');
	});

	it('refuses wrong types for every field, and anything that is not an object', () => {
		const wrong: [keyof SendRequest, unknown][] = [
			['postcode', 123],
			['constituencyCode', null],
			['name', ['Jane']],
			['email', { address: 'jane@example.org' }],
			['address', true],
			['subject', 42],
			['body', null],
			['consent', 'true'],
			['consent', 1],
			['website', null],
			['website', 0]
		];
		for (const [field, value] of wrong) {
			const r = refusal(withField(field, value));
			expect(r.field, `${field} = ${JSON.stringify(value)}`).toBe(field);
		}
		for (const [field] of wrong) {
			const { [field]: _gone, ...missing } = valid;
			expect(refusal(missing).field, `missing ${field}`).toBe(field);
		}
		for (const input of [null, undefined, 'text', 42, [valid], true]) {
			const r = refusal(input);
			expect(r.field).toBeUndefined();
			expect(r.message).toMatch(/not understood/);
		}
	});
});

describe('validateMailtoRecord', () => {
	it('takes a postcode and the chosen constituency only: the alliances are the server’s to find', () => {
		expect(validateMailtoRecord({ postcode: 'me1 1aa', constituencyCode: 'E14001447', website: '' })).toEqual({
			ok: true,
			value: { postcode: 'ME1 1AA', constituencyCode: 'E14001447', website: '' }
		});
		expect(refusalOf(validateMailtoRecord({ postcode: 'ME1', constituencyCode: 'E14001447', website: '' })).field).toBe(
			'postcode'
		);
		expect(
			refusalOf(validateMailtoRecord({ postcode: 'ME1 1AA', constituencyCode: 'E56000011', website: '' })).field
		).toBe('constituencyCode');
		expect(refusalOf(validateMailtoRecord({ postcode: 'ME1 1AA', constituencyCode: 'E14001447' })).field).toBe(
			'website'
		);
		expect(
			refusalOf(validateMailtoRecord({ postcode: 'ME1 1AA', constituencyCode: 'E14001447', website: 'x' })).message
		).toBe(NEUTRAL_REFUSAL);
	});
});

function refusalOf<T>(result: { ok: true; value: T } | { ok: false; field?: string; message: string }) {
	if (result.ok) throw new Error('expected a refusal');
	return result;
}
