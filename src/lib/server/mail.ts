/**
 * Outgoing mail through nodemailer (SMTP settings from ./env). Plain text only. Every value that reaches a header has
 * already passed validateSendRequest (no CR/LF); oneLine() checks again here, so a later caller cannot skip it. The
 * confirmation link's page and its send are in ./confirm.ts.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutgoingMail } from './actions';
import type { Relay } from './store/worker';
import { areaByCode, mps } from './data';
import { smtpSettings, type SmtpSettings } from './env';

let transport: { key: string; transporter: Transporter } | null = null;

function settingsOrThrow(): SmtpSettings {
	const settings = smtpSettings();
	if (!settings) throw new Error('SMTP is not configured');
	return settings;
}

/** The transport, created on first use (and again if the settings change). */
function transporter(settings: SmtpSettings): Transporter {
	const key = JSON.stringify(settings);
	if (transport?.key !== key) {
		transport?.transporter.close();
		transport = {
			key,
			transporter: nodemailer.createTransport({
				host: settings.host,
				port: settings.port,
				secure: settings.secure,
				auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
				connectionTimeout: 15_000,
				greetingTimeout: 15_000,
				socketTimeout: 30_000,
				disableFileAccess: true,
				disableUrlAccess: true
			})
		};
	}
	return transport.transporter;
}

/** Refuses a header value with a line break (or other control character) rather than sending it. */
export function oneLine(value: string, what: string): string {
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value))
		throw new Error(`${what} contains a line break or control character`);
	return value;
}

export interface Person {
	name: string;
	email: string;
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });

export function formatExpiry(expiresAt: number): string {
	return `${when.format(new Date(expiresAt))} UK time`;
}

export interface ConfirmationMail {
	supporter: Person;
	mp: Person;
	constituencyName: string;
	subject: string;
	body: string;
	link: string;
	/** The site's privacy page: every email the product sends links to it. */
	privacyLink: string;
	/** Deletes the supporter's details (and the letter, if it was not sent yet). */
	deletionLink: string;
	expiresAt: number;
}

/** The text of the confirmation email (exported for tests and previews). */
export function confirmationText(mail: ConfirmationMail, campaignName: string): string {
	return [
		`Hello ${mail.supporter.name},`,
		'',
		`Please confirm that you want to send your email to ${mail.mp.name}, MP for ${mail.constituencyName}.`,
		'',
		`Confirm and send: ${mail.link}`,
		'',
		`The link opens a page with a "Send my email" button: nothing is sent until you press it. The link works once and expires in 24 hours (${formatExpiry(mail.expiresAt)}).`,
		'',
		'If you did not ask for this, ignore this email: nothing will be sent, and your details will be deleted when the link expires.',
		'',
		`What we keep about you, for how long, and how to have it deleted: ${mail.privacyLink}`,
		`Delete your details now (your email will then not be sent): ${mail.deletionLink}`,
		'',
		'What will be sent',
		'-----------------',
		`To: ${mail.mp.name} <${mail.mp.email}>`,
		`From: ${mail.supporter.name} via ${campaignName}, with replies to you (${mail.supporter.email})`,
		`Copy to: you (${mail.supporter.email})`,
		`Subject: ${mail.subject}`,
		'',
		mail.body,
		'',
		'-- ',
		campaignName
	].join('\n');
}

/** The confirmation email, composed for the outbox (it is sent by the outbox worker). */
export function confirmationMail(mail: ConfirmationMail): Omit<OutgoingMail, 'messageId'> {
	const settings = settingsOrThrow();
	return {
		from: { name: settings.campaignName, address: settings.from },
		to: { name: oneLine(mail.supporter.name, 'name'), address: oneLine(mail.supporter.email, 'email') },
		subject: oneLine(`Confirm your email to ${mail.mp.name}`, 'subject'),
		text: confirmationText(mail, settings.campaignName),
		headers: { 'Auto-Submitted': 'auto-generated' }
	};
}

/** The relay the outbox worker delivers through: SMTP with the email's own fixed Message-ID. */
export const smtpRelay: Relay = {
	async send(mail: OutgoingMail): Promise<void> {
		await transporter(settingsOrThrow()).sendMail({
			messageId: mail.messageId,
			from: mail.from,
			to: mail.to,
			cc: mail.cc,
			replyTo: mail.replyTo,
			subject: mail.subject,
			text: mail.text,
			headers: mail.headers
		});
	}
};

/** Whether the relay answers (for /healthz): connects and greets, sends nothing. */
export async function relayReachable(): Promise<boolean> {
	const settings = smtpSettings();
	if (!settings) return false;
	try {
		return await transporter(settings).verify();
	} catch {
		return false;
	}
}

export interface MpMail {
	mp: Person;
	supporter: Person;
	subject: string;
	body: string;
	/** The site's origin, for the footer that says where the email came from and links the privacy page. */
	origin: string;
}

/** The footer under a supporter's letter: where it came from, and the privacy page. */
export function mpMailFooter(origin: string, campaignName: string): string {
	return [
		'',
		'-- ',
		`Sent by a constituent through ${campaignName} (${origin}), which asked them to confirm their email address first.`,
		`How their details are used: ${origin}/privacy`
	].join('\n');
}

/**
 * The supporter's email to their MP, as they composed and edited it: To the MP's published address, From the
 * campaign's address under the supporter's name, Reply-To and Cc the supporter. Composed for the outbox.
 */
export function mpMail(mail: MpMail): Omit<OutgoingMail, 'messageId'> {
	const settings = settingsOrThrow();
	const supporter = { name: oneLine(mail.supporter.name, 'name'), address: oneLine(mail.supporter.email, 'email') };
	return {
		from: { name: `${supporter.name} via ${settings.campaignName}`, address: settings.from },
		to: { name: oneLine(mail.mp.name, 'MP name'), address: oneLine(mail.mp.email, 'MP email') },
		cc: supporter,
		replyTo: supporter,
		subject: oneLine(mail.subject, 'subject'),
		text: mail.body + mpMailFooter(mail.origin, settings.campaignName)
	};
}

export type Recipient =
	| { ok: true; mp: Person & { profileUrl: string }; constituencyName: string }
	| { ok: false; status: 404 | 422; message: string };

/**
 * The MP an email for `constituencyCode` goes to: only an English constituency (2024 boundaries) whose MP has an
 * address published by Parliament. Never a guessed address: otherwise a refusal that points to the MP's page.
 */
export function recipientFor(constituencyCode: string): Recipient {
	const area = areaByCode.get(constituencyCode);
	if (!area || area.type !== 'constituency' || !constituencyCode.startsWith('E14')) {
		return {
			ok: false,
			status: 404,
			message: 'We could not find that constituency in England. Enter your postcode again to find your MP.'
		};
	}
	const mp = mps.find((m) => m.constituency_code === constituencyCode);
	if (!mp || !mp.name) {
		return {
			ok: false,
			status: 422,
			message: `${area.name} has no MP at the moment, so there is no one to send this to yet.`
		};
	}
	if (mp.party === 'Speaker') {
		return {
			ok: false,
			status: 422,
			message: `${mp.name} is the Speaker of the House of Commons, who by convention stays politically impartial and does not take up campaigns. You can still contact them as your MP through their page on the Parliament website: ${mp.profile_url}`
		};
	}
	if (!mp.email) {
		return {
			ok: false,
			status: 422,
			message: `Parliament publishes no email address for ${mp.name}, so we cannot send this for you. You can contact them through their page on the Parliament website: ${mp.profile_url}`
		};
	}
	return { ok: true, mp: { name: mp.name, email: mp.email, profileUrl: mp.profile_url }, constituencyName: area.name };
}
