/**
 * Server configuration for "email your MP", from the environment at run time (never baked into the build).
 *
 *   SMTP_HOST      the SMTP server; when unset the app is in "mailto" mode (the supporter's own mail client)
 *   SMTP_PORT      default 587 (465 when SMTP_SECURE is true)
 *   SMTP_SECURE    "true" for TLS from the start (port 465); otherwise STARTTLS is used when the server offers it
 *   SMTP_USER      optional, with SMTP_PASS
 *   SMTP_PASS
 *   MAIL_FROM      required when SMTP_HOST is set: the campaign's own address (a plain address, e.g.
 *                  campaign@example.org); mail to MPs goes out as "Jane Smith via <CAMPAIGN_NAME>" <MAIL_FROM>
 *   CAMPAIGN_NAME  optional display name, default "Breast cancer care where you live"
 *   PUBLIC_ORIGIN  the site's public address for links in emails, e.g. https://example.org; required when SMTP_HOST
 *                  is set (the server refuses to start without it or ORIGIN: src/lib/server/startup.ts); in mailto
 *                  mode, when unset, the address the supporter's browser used (its Origin header, checked against
 *                  Host) or the request's
 *   DATABASE_URL   a PostgreSQL server for the action store and outbox (postgres://user:pass@host:5432/db), shared
 *                  by several app servers; when unset, the embedded store (PGlite) in ACTIONS_DIR, one server only
 *   ACTIONS_DIR    the embedded store's folder, default data/actions
 *   ACTIONS_DB     the previous version's DuckDB file, default data/actions.duckdb: its anonymous counts are copied
 *                  into the store at start, and the server says to delete it (it holds personal data unencrypted)
 *   EMAIL_HASH_SECRET  the key of the email hashes (HMAC-SHA256), at least 32 characters, never kept in the store;
 *                  required when SMTP_HOST is set (the server refuses to start without it)
 *   OUTBOX_RETRY_BASE_MS the first retry delay of a temporary delivery failure, default 10000 (doubling, at most 90x)
 *   OPERATOR_NAME  who runs this campaign (an organisation or a person), named in the consent box and on /privacy;
 *                  when unset, no consent to further contact is asked (there is no one to name)
 *   PRIVACY_CONTACT an email address or https:// address for privacy questions and deletion requests, on /privacy
 *   ADMIN_TOKEN    switches on POST /admin/outbox (npm run outbox while the server holds the embedded store), 32+
 *                  characters; ADMIN_ALLOW_REMOTE=true lets it answer other machines than this one (./admin.ts)
 *
 * PUBLIC_ORIGIN starts with SvelteKit's public prefix, so it is read from $env/dynamic/public (not secret).
 */
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { isPlainEmail } from '$lib/mp/validate';

export const DEFAULT_CAMPAIGN_NAME = 'Breast cancer care where you live';

export interface SmtpSettings {
	host: string;
	port: number;
	secure: boolean;
	user: string | undefined;
	pass: string | undefined;
	from: string;
	campaignName: string;
}

const warned = new Set<string>();
function warnOnce(message: string): void {
	if (warned.has(message)) return;
	warned.add(message);
	console.error(message);
}

function flag(value: string | undefined): boolean | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	return /^(1|true|yes|on)$/i.test(value.trim());
}

/** The SMTP settings, or null when SMTP is not configured (or misconfigured: the reason is logged once). */
export function smtpSettings(): SmtpSettings | null {
	const host = env.SMTP_HOST?.trim();
	if (!host) return null;
	const from = env.MAIL_FROM?.trim();
	if (!from) {
		warnOnce('SMTP_HOST is set but MAIL_FROM is not: sending by SMTP is off until MAIL_FROM is set.');
		return null;
	}
	if (!isPlainEmail(from)) {
		warnOnce('MAIL_FROM must be a plain address such as campaign@example.org: sending by SMTP is off.');
		return null;
	}
	const secure = flag(env.SMTP_SECURE) ?? false;
	const portText = env.SMTP_PORT?.trim();
	const port = portText ? Number(portText) : secure ? 465 : 587;
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		warnOnce(`SMTP_PORT "${portText}" is not a port number: sending by SMTP is off.`);
		return null;
	}
	const campaignName = (env.CAMPAIGN_NAME?.trim() || DEFAULT_CAMPAIGN_NAME).replace(/[\r\n]/g, ' ');
	return { host, port, secure, user: env.SMTP_USER || undefined, pass: env.SMTP_PASS || undefined, from, campaignName };
}

export function smtpConfigured(): boolean {
	return smtpSettings() !== null;
}

/** The configured public origin (no trailing slash), if any and if valid. */
export function configuredOrigin(): string | null {
	const value = publicEnv.PUBLIC_ORIGIN?.trim() || env.ORIGIN?.trim();
	if (!value) return null;
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
		return url.origin;
	} catch {
		warnOnce(`PUBLIC_ORIGIN/ORIGIN "${value}" is not an http(s) address: using the request's address for links.`);
		return null;
	}
}

/**
 * The origin for links in emails. PUBLIC_ORIGIN (or ORIGIN) when set; otherwise the origin the browser sent, if its
 * host is this request's host (adapter-node without ORIGIN assumes https, so the browser's own origin is more
 * accurate for plain-http deployments); otherwise the request's origin. That fallback is for mailto mode only (the
 * links go into the supporter's own letter): in SMTP mode the origin must be configured.
 */
export function linkOrigin(request: Request, url: URL): string {
	const configured = configuredOrigin();
	if (configured) return configured;
	// Emailed links never come from the request (Host: attacker.example); the server refuses to start like this.
	if (smtpConfigured()) throw new Error('SMTP mode needs PUBLIC_ORIGIN (or ORIGIN) for the links in its emails.');
	warnOnce(
		'PUBLIC_ORIGIN is not set: links in emails use the address of the request. Set PUBLIC_ORIGIN in production.'
	);
	const origin = request.headers.get('origin');
	if (origin) {
		try {
			const o = new URL(origin);
			if (o.host === url.host && (o.protocol === 'http:' || o.protocol === 'https:')) return o.origin;
		} catch {
			// fall through
		}
	}
	return url.origin;
}

export function databaseUrl(): string | null {
	return env.DATABASE_URL?.trim() || null;
}

/** ACTIONS_DB: where the previous version kept its actions (DuckDB), imported at start (./store/legacy.ts). */
export function legacyActionsDb(): string {
	return env.ACTIONS_DB?.trim() || 'data/actions.duckdb';
}

export function actionsDir(): string {
	return env.ACTIONS_DIR?.trim() || 'data/actions';
}

/** OUTBOX_RETRY_BASE_MS: the first retry delay (tests shorten it), default 10 s. */
export function retryFirstMs(): number {
	const value = Number(env.OUTBOX_RETRY_BASE_MS);
	return Number.isFinite(value) && value >= 10 ? value : 10_000;
}

/** EMAIL_HASH_SECRET, when set. */
export function emailHashSecret(): string | null {
	return env.EMAIL_HASH_SECRET || null;
}

export interface Operator {
	/** Who runs the campaign, as they wish to be named. */
	name: string;
	/** Where to ask about personal data: a mailto: or https: link, with the text to show. */
	contact: { href: string; text: string } | null;
}

/** The campaign's operator, from OPERATOR_NAME and PRIVACY_CONTACT; null when OPERATOR_NAME is not set. */
export function operator(): Operator | null {
	const name = env.OPERATOR_NAME?.replace(/[\r\n]+/g, ' ').trim();
	if (!name) return null;
	return { name: name.slice(0, 200), contact: privacyContact() };
}

function privacyContact(): Operator['contact'] {
	const value = env.PRIVACY_CONTACT?.trim();
	if (!value) return null;
	if (isPlainEmail(value)) return { href: `mailto:${value}`, text: value };
	try {
		const url = new URL(value);
		if (url.protocol === 'https:' || url.protocol === 'http:') return { href: url.href, text: url.href };
	} catch {
		// reported below
	}
	warnOnce(`PRIVACY_CONTACT "${value}" is neither an email address nor a web address: it is not shown.`);
	return null;
}

/** ADMIN_TOKEN and ADMIN_ALLOW_REMOTE, for the operator's endpoint (./admin.ts). */
export function adminSettings(): { token: string | null; allowRemote: boolean } {
	return { token: env.ADMIN_TOKEN?.trim() || null, allowRemote: flag(env.ADMIN_ALLOW_REMOTE) ?? false };
}
