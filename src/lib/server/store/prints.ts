/**
 * Letter prints: for each letter accepted for sending, the MinHash signature of what its writer added to the letter
 * we generated (src/lib/mp/similarity.ts), never the text. They let the server ask a supporter whose letter is almost
 * the same as one already sent to their MP to add something of their own (./send.ts).
 *
 * A print is written in the same transaction as its action (Store.createPending), and deleted with it: by the
 * deletion link, when the letter fails, and by the 12-month retention purge. No foreign key: tests and tools
 * truncate `actions` on its own.
 */
import { printFromBytes, similarity } from '../../mp/similarity';
import { bytes, type Sql } from './sql';

type Query = Pick<Sql, 'query'>;

/**
 * Registered in ./schema.ts. `scheme` names the signature's parameters: only prints of one scheme are compared.
 * letter_bands holds each print's band keys, one row each, so the prints that may be similar are found through a
 * B-tree index (measured: an indexed array column was read in full by the planner, 80-250 ms at 10,000 prints).
 */
export const PRINTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS letter_prints (
	action_id TEXT PRIMARY KEY,
	constituency_code TEXT NOT NULL,
	scheme TEXT NOT NULL,
	signature BYTEA NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS letter_prints_created ON letter_prints (created_at);
CREATE TABLE IF NOT EXISTS letter_bands (
	key INTEGER NOT NULL,
	action_id TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS letter_bands_key ON letter_bands (key);
CREATE INDEX IF NOT EXISTS letter_bands_action ON letter_bands (action_id);
CREATE INDEX IF NOT EXISTS letter_bands_created ON letter_bands (created_at);
`;

export interface LetterPrint {
	constituencyCode: string;
	scheme: string;
	signature: Uint8Array;
	/** The signature's band keys (bandKeys in src/lib/mp/similarity.ts): how similar prints are found. */
	bands: number[];
}

/** Stores a letter's print in the caller's transaction. */
export async function insertPrint(tx: Query, actionId: string, print: LetterPrint, now: number): Promise<void> {
	await tx.query(
		`INSERT INTO letter_prints (action_id, constituency_code, scheme, signature, created_at) VALUES ($1, $2, $3, $4, $5)`,
		[actionId, print.constituencyCode, print.scheme, Buffer.from(print.signature), now]
	);
	await tx.query(`INSERT INTO letter_bands (key, action_id, created_at) SELECT unnest($1::integer[]), $2, $3`, [
		[...new Set(print.bands)],
		actionId,
		now
	]);
}

/**
 * The prints sharing a band key with `print` (candidates: see bandKeys) of letters to this MP that are waiting for
 * confirmation (link not yet expired), queued or sent, except those from `emailHash` itself (one supporter's second
 * letter is the store's duplicate rule, with its own message).
 */
export async function printsFor(
	sql: Query,
	print: LetterPrint,
	query: { emailHash: string; pendingSince: number }
): Promise<Uint8Array[]> {
	const candidates = await sql.query(`SELECT DISTINCT action_id FROM letter_bands WHERE key = ANY($1::integer[])`, [
		print.bands
	]);
	if (candidates.length === 0) return [];
	const rows = await sql.query(
		`SELECT p.signature FROM letter_prints p JOIN actions a ON a.id = p.action_id
		 WHERE p.action_id = ANY($5::text[]) AND p.constituency_code = $1 AND p.scheme = $2
		   AND a.email_hash IS DISTINCT FROM $3
		   AND ((a.status = 'confirmation_sent' AND a.created_at > $4) OR a.status IN ('queued', 'sent'))`,
		[
			print.constituencyCode,
			print.scheme,
			query.emailHash,
			query.pendingSince,
			candidates.map((r) => String(r.action_id))
		]
	);
	return rows.map((r) => new Uint8Array(bytes(r.signature)));
}

/**
 * The highest estimated similarity between `print` and the prints of other writers' letters to the same MP (0 if
 * none); letters waiting for confirmation count if created after `pendingSince`.
 */
export async function nearestPrint(sql: Query, print: LetterPrint, emailHash: string, pendingSince: number) {
	const mine = printFromBytes(print.signature);
	const others = await printsFor(sql, print, { emailHash, pendingSince });
	let best = 0;
	for (const other of others) best = Math.max(best, similarity(mine, printFromBytes(other)));
	return best;
}

/** Deletes an action's print (deletion link, a letter that failed). */
export async function deletePrint(tx: Query, actionId: string): Promise<void> {
	await tx.query(`DELETE FROM letter_prints WHERE action_id = $1`, [actionId]);
	await tx.query(`DELETE FROM letter_bands WHERE action_id = $1`, [actionId]);
}

/** Deletes prints made before `before` (the retention purge, with the actions of the same age). */
export async function purgePrints(sql: Query, before: number): Promise<void> {
	await sql.query(`DELETE FROM letter_prints WHERE created_at < $1`, [before]);
	await sql.query(`DELETE FROM letter_bands WHERE created_at < $1`, [before]);
}
