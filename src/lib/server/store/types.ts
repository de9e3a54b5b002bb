/** What the store keeps and answers, shared by its callers and both back ends. */
import type { SendRequest } from '../../mp/contract';

/** How long a confirmation link works. */
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** Action records (and any consented contact details in them) are deleted after this long, as the panel promises. */
export const RETENTION_MS = 365 * 24 * 60 * 60 * 1000;
/** One letter per supporter per MP in this long: a second one is refused while one is waiting or was sent within it. */
export const CAMPAIGN_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;
/** Counts from 1 to SUPPRESS_BELOW - 1 are published as null. */
export const SUPPRESS_BELOW = 10;
/** A queued email is retried for this long after it was queued (temporary failures), then it is dead. */
export const RETRY_FOR_MS = 48 * 60 * 60 * 1000;
/** A dead email's content is kept this long for `npm run outbox -- retry`, then deleted with its key. */
export const DEAD_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export type ActionStatus = 'confirmation_sent' | 'queued' | 'sent' | 'mailto_opened' | 'failed';

/** A validated request with the Cancer Alliances the server found for its postcode. */
export type PendingRequest = Omit<SendRequest, 'website'> & {
	allianceCodes: string[];
	/** A chase letter: the id of the delivered letter it follows up (one chase per letter; ./followups.ts). */
	chaseOf?: string;
};

/** What waits in `pending` until confirmation: everything needed to send, nothing more. */
export type PendingPayload = PendingRequest & { actionId: string };

export interface Address {
	name: string;
	address: string;
}

/** An email as the outbox keeps it (sealed) until it is delivered: composed, with its fixed Message-ID. */
export interface OutgoingMail {
	messageId: string;
	from: Address;
	to: Address;
	cc?: Address;
	replyTo?: Address;
	subject: string;
	text: string;
	headers?: Record<string, string>;
}

/** The links a confirmation email carries, known only while it is composed (the store keeps their hashes). */
export interface ConfirmationLinks {
	token: string;
	deletionToken: string;
	expiresAt: number;
}

export type CreatePendingResult =
	| { kind: 'created'; token: string; deletionToken: string; actionId: string; expiresAt: number }
	/** This address already has a letter to this MP waiting for confirmation, or sent within CAMPAIGN_PERIOD_MS. */
	| { kind: 'duplicate'; status: 'confirmation_sent' | 'queued' | 'sent'; at: number };

export type NotReady =
	| { kind: 'used'; status: ActionStatus; at: number; constituencyCode: string }
	| { kind: 'expired' }
	| { kind: 'unknown' };

export type PeekResult = { kind: 'ready'; payload: PendingPayload; expiresAt: number } | NotReady;

/** The letter to queue for a confirmed payload, or why it cannot be sent. */
export type LetterFor = (payload: PendingPayload) => { mail: Omit<OutgoingMail, 'messageId'> } | { error: string };

export type ConsumeResult =
	| { kind: 'queued'; payload: PendingPayload; outboxId: string }
	| { kind: 'refused'; payload: PendingPayload; message: string }
	| NotReady;

/** A rate-limit window: at most `limit` hits per key in `windowMs`. */
export interface Window {
	bucket: string;
	limit: number;
	windowMs: number;
	/** Completes "Too many requests {describe}". */
	describe: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'dead';

/** What an outbox row is: the supporter's confirmation, their letter or chase letter to the MP, or a follow-up survey. */
export type OutboxKind = 'confirmation' | 'letter' | 'survey' | 'reminder' | 'chase';

/** The survey and its reminder go +14 and +21 days after a consented letter is delivered. */
export const SURVEY_AFTER_MS = 14 * 24 * 60 * 60 * 1000;
export const REMINDER_AFTER_MS = 21 * 24 * 60 * 60 * 1000;

export interface OutboxEntry {
	id: string;
	actionId: string;
	kind: OutboxKind;
	messageId: string;
	status: OutboxStatus;
	attempts: number;
	createdAt: number;
	nextAt: number;
	lastError: string | null;
}

/** A due email, claimed by one worker until `lockedUntil`. */
export interface ClaimedMail extends OutboxEntry {
	mail: OutgoingMail;
}
