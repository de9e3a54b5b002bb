/**
 * The store's tables, in PostgreSQL's dialect (PGlite and a PostgreSQL server alike). Times are milliseconds since
 * the epoch (BIGINT): no time zones to get wrong between the two back ends.
 *
 *   seal_keys  one AES-256-GCM key per pending letter and per queued email (./seal.ts); deleted on use or expiry
 *   pending    the letter waiting for its sender's confirmation, sealed (key id = action id)
 *   actions    what supporters did, with as little personal data as the job needs (see ../actions.ts)
 *   outbox     every email the product sends, written in the same transaction as its action (key id = outbox id)
 *   rate_hits  the rate limits, shared by every server on one store; a hit names its action so a failed delivery
 *              can give it back
 *   reply_answers  the supporter's latest answer to "did your MP reply?" (one per delivered letter; see
 *              src/lib/replies/answers.ts for the keys); anonymous: it names the action, not the person
 *   follow_ups the survey (+14 days) and reminder (+21 days) after a consented letter is delivered, and the one chase
 *              letter a supporter may send; one row per (action, step), so scheduling twice changes nothing
 *   reply_links the hashes of the answer and deletion links in each survey email (deleted with the person's details)
 *   reply_excerpts key sentences of an MP's reply pasted by the supporter, 'pending' until an operator approves them
 */
// letter_prints: a signature of what each letter's writer added, never the text (its own file, ./prints.ts).
import { PRINTS_SCHEMA } from './prints';

export const SCHEMA = `${PRINTS_SCHEMA}
CREATE TABLE IF NOT EXISTS seal_keys (id TEXT PRIMARY KEY, key BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS pending (
	token_hash TEXT PRIMARY KEY,
	action_id TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	payload BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_expiry ON pending (expires_at);
CREATE TABLE IF NOT EXISTS actions (
	id TEXT PRIMARY KEY,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	constituency_code TEXT NOT NULL,
	alliance_codes TEXT[] NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('confirmation_sent', 'queued', 'sent', 'mailto_opened', 'failed')),
	email_hash TEXT,
	consent BOOLEAN NOT NULL DEFAULT false,
	consent_name TEXT,
	consent_email TEXT,
	token_hash TEXT,
	deletion_hash TEXT,
	CHECK (consent OR (consent_name IS NULL AND consent_email IS NULL))
);
CREATE INDEX IF NOT EXISTS actions_email ON actions (email_hash, constituency_code);
CREATE INDEX IF NOT EXISTS actions_token ON actions (token_hash);
CREATE INDEX IF NOT EXISTS actions_deletion ON actions (deletion_hash);
CREATE INDEX IF NOT EXISTS actions_created ON actions (created_at);
CREATE TABLE IF NOT EXISTS outbox (
	id TEXT PRIMARY KEY,
	action_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'letter', 'survey', 'reminder', 'chase')),
	message_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'dead')),
	attempts INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	next_at BIGINT NOT NULL,
	locked_until BIGINT NOT NULL DEFAULT 0,
	last_error TEXT,
	content BYTEA
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_at);
CREATE INDEX IF NOT EXISTS outbox_action ON outbox (action_id);
CREATE TABLE IF NOT EXISTS rate_hits (
	bucket TEXT NOT NULL,
	key TEXT NOT NULL,
	at BIGINT NOT NULL,
	action_id TEXT
);
CREATE INDEX IF NOT EXISTS rate_hits_key ON rate_hits (bucket, key, at);
CREATE INDEX IF NOT EXISTS rate_hits_action ON rate_hits (action_id);
CREATE TABLE IF NOT EXISTS reply_answers (
	action_id TEXT PRIMARY KEY,
	answer TEXT NOT NULL CHECK (answer IN ('replied_and_wrote', 'replied_not_wrote', 'acknowledgement', 'no_reply', 'not_expected')),
	answered_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS follow_ups (
	action_id TEXT NOT NULL,
	step TEXT NOT NULL CHECK (step IN ('survey', 'reminder', 'chase')),
	due_at BIGINT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('scheduled', 'queued', 'skipped', 'cancelled')),
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (action_id, step)
);
CREATE INDEX IF NOT EXISTS follow_ups_due ON follow_ups (status, due_at);
CREATE TABLE IF NOT EXISTS reply_links (
	token_hash TEXT PRIMARY KEY,
	action_id TEXT NOT NULL,
	purpose TEXT NOT NULL CHECK (purpose IN ('answer', 'delete')),
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS reply_links_action ON reply_links (action_id);
CREATE TABLE IF NOT EXISTS reply_excerpts (
	id TEXT PRIMARY KEY,
	action_id TEXT NOT NULL UNIQUE,
	constituency_code TEXT NOT NULL,
	text TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	created_at BIGINT NOT NULL,
	decided_at BIGINT
);
CREATE INDEX IF NOT EXISTS reply_excerpts_status ON reply_excerpts (status, created_at);
`;

/**
 * Changes to tables that already exist (CREATE TABLE IF NOT EXISTS leaves an old table as it was), each one whole
 * statement, safe to run at every start. A store made before the follow-up survey has an outbox whose kind CHECK
 * allows only 'confirmation' and 'letter': it is replaced once, when it does not yet allow 'chase'.
 */
export const MIGRATIONS = [
	// An index the reply counts used before they counted chase letters by actions.chase_of.
	`DROP INDEX IF EXISTS outbox_chases`,
	// A chase letter names the letter it follows up (null for every other action): reply rates count first letters only,
	// and a deletion or a dead chase reaches it.
	`ALTER TABLE actions ADD COLUMN IF NOT EXISTS chase_of TEXT`,
	`CREATE INDEX IF NOT EXISTS actions_chase_of ON actions (chase_of) WHERE chase_of IS NOT NULL`,
	`DO $$ BEGIN
		IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'outbox'::regclass AND contype = 'c'
		               AND pg_get_constraintdef(oid) LIKE '%chase%') THEN
			ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_kind_check;
			ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
				CHECK (kind IN ('confirmation', 'letter', 'survey', 'reminder', 'chase'));
		END IF;
	END $$`
];
