/**
 * Over 300 lines: composing both emails, the relay and the confirmation page's views belong to one journey.
 *
 * Outgoing mail through nodemailer (SMTP settings from ./env). Plain text only. Every value that reaches a header has
 * already passed validateSendRequest (no CR/LF); oneLine() checks again here, so a later caller cannot skip it.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { actionsStore, kickOutbox, type OutgoingMail, type PeekResult } from './actions';
import type { Relay } from './store/worker';
import { areaByCode, mps } from './data';
import { linkOrigin, smtpConfigured, smtpSettings, type SmtpSettings } from './env';
import { humanDuration, limits, take } from './rate-limit';

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

/** What the confirmation page shows: before sending (ready), after sending, or why not. */
export type ConfirmView =
	| {
			state: 'ready';
			mpName: string;
			mpEmail: string;
			constituencyName: string;
			supporterName: string;
			supporterEmail: string;
			subject: string;
			body: string;
			expires: string;
	  }
	| { state: 'sent'; mpName: string; constituencyName: string; supporterEmail: string }
	| { state: 'queued'; mpName: string; constituencyName: string; supporterEmail: string }
	| {
			state: 'unknown' | 'used' | 'expired' | 'failed' | 'unavailable' | 'limited';
			title: string;
			message: string;
	  };

export const CONFIRM_STATUS: Record<ConfirmView['state'], number> = {
	ready: 200,
	sent: 200,
	queued: 202,
	unknown: 404,
	used: 409,
	expired: 410,
	failed: 502,
	unavailable: 503,
	limited: 429
};

const when_sent = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'long',
	timeStyle: 'short',
	timeZone: 'Europe/London'
});

/** The page for a token that cannot be used (unknown, already used, expired). */
export function notReady(result: Exclude<PeekResult, { kind: 'ready' }>): ConfirmView {
	if (result.kind === 'expired') {
		return {
			state: 'expired',
			title: 'This link has expired',
			message:
				'Confirmation links work for 24 hours. Your email was not sent, and the details you gave have been deleted. You can write it again from your area’s page.'
		};
	}
	if (result.kind === 'used') {
		const to = result.constituencyCode ? recipientFor(result.constituencyCode) : null;
		const mp = to?.ok ? to.mp.name : 'your MP';
		if (result.status === 'sent') {
			return {
				state: 'used',
				title: 'This link has already been used',
				message: `Your email to ${mp} was sent on ${when_sent.format(new Date(result.at))} UK time. Each link works once, so it cannot be sent again.`
			};
		}
		if (result.status === 'failed') {
			return {
				state: 'used',
				title: 'This link has already been used',
				message: `Your email to ${mp} could not be delivered: the mail server refused it, or did not answer for two days. It was not sent, and we kept none of your details. Please write it again from your area’s page.`
			};
		}
		return {
			state: 'used',
			title: 'This link has already been used',
			message: `Your email to ${mp} is queued: the mail server has not taken it yet, and we keep trying for two days. Open this link again later to see whether it has gone. Each link works once.`
		};
	}
	return {
		state: 'unknown',
		title: 'We do not recognise this link',
		message:
			'Check that you opened the whole link from the email. Links work once and for 24 hours; if yours is older, or was used already, you can write your email again from your area’s page.'
	};
}

const UNAVAILABLE = {
	state: 'unavailable' as const,
	title: 'Sending is not available right now',
	message: 'Your link has not been used, so it will still work: please try again in a few minutes.'
};

/** The first, GET-safe view of a confirmation link: shows what will be sent, uses nothing. */
export async function viewConfirmation(token: string): Promise<ConfirmView> {
	let result: PeekResult;
	try {
		result = await (await actionsStore()).peek(token);
	} catch (error) {
		console.error('Confirmation page: the action store is not available:', error);
		return UNAVAILABLE;
	}
	if (result.kind !== 'ready') return notReady(result);
	const to = recipientFor(result.payload.constituencyCode);
	if (!to.ok) return { state: 'failed', title: 'We cannot send this email', message: to.message };
	return {
		state: 'ready',
		mpName: to.mp.name,
		mpEmail: to.mp.email,
		constituencyName: to.constituencyName,
		supporterName: result.payload.name,
		supporterEmail: result.payload.email,
		subject: result.payload.subject,
		body: result.payload.body,
		expires: formatExpiry(result.expiresAt)
	};
}

/** How long the confirmation page waits for the outbox to deliver before it says "queued". */
const WAIT_FOR_DELIVERY_MS = 5_000;

async function settled(store: Awaited<ReturnType<typeof actionsStore>>, actionId: string) {
	const until = Date.now() + WAIT_FOR_DELIVERY_MS;
	for (;;) {
		const status = await store.actionStatus(actionId);
		if (status !== 'queued' || Date.now() > until) return status;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * Uses a confirmation token, once, and queues the email to the MP in the same transaction; then waits a moment for
 * the outbox to deliver it, so the page says "sent" (or "queued": delivery is retried for two days, or "could not
 * be delivered"). Never throws: every outcome is a view.
 */
export async function sendConfirmed(token: string, origin: string): Promise<ConfirmView> {
	if (!smtpConfigured())
		return {
			...UNAVAILABLE,
			message: 'This server is not set up to send email at the moment. Your link has not been used.'
		};
	let store;
	let result;
	try {
		store = await actionsStore();
		result = await store.consume(token, (payload) => {
			const to = recipientFor(payload.constituencyCode);
			if (!to.ok) return { error: to.message };
			return {
				mail: mpMail({
					mp: to.mp,
					supporter: { name: payload.name, email: payload.email },
					subject: payload.subject,
					body: payload.body,
					origin
				})
			};
		});
	} catch (error) {
		console.error('Confirmation: could not use the token:', error);
		return UNAVAILABLE;
	}
	if (result.kind === 'refused')
		return { state: 'failed', title: 'We cannot send this email', message: result.message };
	if (result.kind !== 'queued') return notReady(result);
	const { payload } = result;
	const to = recipientFor(payload.constituencyCode);
	if (!to.ok) return { state: 'failed', title: 'We cannot send this email', message: to.message };
	kickOutbox();
	const status = await settled(store, payload.actionId).catch(() => 'queued' as const);
	const who = { mpName: to.mp.name, constituencyName: to.constituencyName, supporterEmail: payload.email };
	if (status === 'sent') return { state: 'sent', ...who };
	if (status === 'failed')
		return {
			state: 'failed',
			title: 'Your email could not be delivered',
			message: `The mail server refused your email to ${to.mp.name}, so it has not been sent, and we have not kept it. Please write it again from your area’s page, or send it from your own email program to ${to.mp.email}.`
		};
	return { state: 'queued', ...who };
}

/** The confirmation POST (a form action without JavaScript, JSON with it): same-origin, rate-limited, then sent. */
export async function confirmPost(token: string, request: Request, url: URL, ip: string): Promise<ConfirmView> {
	const verdict = take([[limits.confirmPerIp, ip]]);
	if (!verdict.ok) {
		return {
			state: 'limited',
			title: 'Too many attempts',
			message: `Too many confirmations from your connection in a short time. Your link has not been used: please try again in ${humanDuration(verdict.retryAfter)}.`
		};
	}
	return sendConfirmed(token, linkOrigin(request, url));
}
