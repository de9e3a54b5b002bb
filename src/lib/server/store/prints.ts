/**
 * Letter prints: for each letter accepted for sending, the MinHash signature of what its writer added to the letter
 * we generated (src/lib/mp/similarity.ts), never the text. They let the server ask a supporter whose letter is almost
 * the same as one already sent to their MP to add something of their own (./send.ts).
 *
 * A print is written in the same transaction as its action (Store.createPending), and deleted with it: by the
 * deletion link, when the letter fails, and by the 12-month retention purge. No foreign key: tests and tools
 * truncate `actions` on its own.
 */
import { bytes, type Sql } from './sql';

type Query = Pick<Sql, 'query'>;

/** Registered in ./schema.ts. `scheme` names the signature's parameters: only prints of one scheme are compared. */
export const PRINTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS letter_prints (
	action_id TEXT PRIMARY KEY,
	constituency_code TEXT NOT NULL,
	scheme TEXT NOT NULL,
	signature BYTEA NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS letter_prints_seat ON letter_prints (constituency_code, scheme);
CREATE INDEX IF NOT EXISTS letter_prints_created ON letter_prints (created_at);
`;

export interface LetterPrint {
	constituencyCode: string;
	scheme: string;
	signature: Uint8Array;
}

/** Stores a letter's print in the caller's transaction. */
export async function insertPrint(tx: Query, actionId: string, print: LetterPrint, now: number): Promise<void> {
	await tx.query(
		`INSERT INTO letter_prints (action_id, constituency_code, scheme, signature, created_at) VALUES ($1, $2, $3, $4, $5)`,
		[actionId, print.constituencyCode, print.scheme, Buffer.from(print.signature), now]
	);
}

/**
 * The prints of letters to this MP that are waiting for confirmation (link not yet expired), queued or sent, except
 * those from `emailHash` itself (one supporter's second letter is the store's duplicate rule, with its own message).
 */
export async function printsFor(
	sql: Query,
	query: { constituencyCode: string; scheme: string; emailHash: string; pendingSince: number }
): Promise<Uint8Array[]> {
	const rows = await sql.query(
		`SELECT p.signature FROM letter_prints p JOIN actions a ON a.id = p.action_id
		 WHERE p.constituency_code = $1 AND p.scheme = $2 AND a.email_hash IS DISTINCT FROM $3
		   AND ((a.status = 'confirmation_sent' AND a.created_at > $4) OR a.status IN ('queued', 'sent'))`,
		[query.constituencyCode, query.scheme, query.emailHash, query.pendingSince]
	);
	return rows.map((r) => new Uint8Array(bytes(r.signature)));
}

/** Deletes an action's print (deletion link, a letter that failed). */
export async function deletePrint(tx: Query, actionId: string): Promise<void> {
	await tx.query(`DELETE FROM letter_prints WHERE action_id = $1`, [actionId]);
}

/** Deletes prints made before `before` (the retention purge, with the actions of the same age). */
export async function purgePrints(sql: Query, before: number): Promise<void> {
	await sql.query(`DELETE FROM letter_prints WHERE created_at < $1`, [before]);
}
