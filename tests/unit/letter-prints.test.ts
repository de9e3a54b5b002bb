/**
 * Letter prints in the store, on both back ends (PGlite, and a PostgreSQL server the suite starts itself): a print is
 * written with its pending letter, compared only with other writers' letters to the same MP that are waiting, queued
 * or sent, and deleted by the deletion link, with a failed letter, and by the 12-month retention purge.
 * The letters are composed from the committed exports for a real seat (ME1 1AA: Rochester and Strood).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RETENTION_MS, Store, TOKEN_TTL_MS } from '../../src/lib/server/actions';
import { PRINT_SCHEME, SIMILAR_AT } from '../../src/lib/mp/similarity';
import { decideSeat } from '../../src/lib/server/seat';
import { draftFor } from '../../src/lib/server/draft';
import { printOf } from '../../src/lib/server/similar';
import { nearestPrint } from '../../src/lib/server/store/prints';
import { confirmation, SECRET, storeSuite, T0 } from './store-suite';

const ORIGIN = 'http://localhost:3000';
const suite = storeSuite('prints-');

const found = await decideSeat('ME1 1AA', null);
if (!found.ok) throw new Error('ME1 1AA should have a seat');
const decision: Extract<typeof found, { ok: true }> = found;
const seat = decision.seat;

/** A writer's request: the letter we generate for them, with their own sentence if any. */
function request(n: number, story = '') {
	const supporter = { name: `Writer ${n}`, address: `${n} High Street`, postcode: 'ME1 1AA' };
	const letter = draftFor({ seat, alliances: decision.alliances, supporter, story, origin: ORIGIN });
	return {
		...supporter,
		constituencyCode: seat.code,
		allianceCodes: decision.alliances.map((a) => a.code),
		email: `writer${n}@example.org`,
		subject: letter.subject,
		body: letter.body,
		consent: false
	};
}
describe.each(suite.backends)('$name', ({ open }) => {
	let store: Store;
	beforeAll(async () => {
		store = await Store.open(await open(), SECRET);
	});
	afterAll(async () => store?.close());
	beforeEach(async () => {
		await store.sql.query(`TRUNCATE seal_keys, pending, actions, outbox, rate_hits, letter_prints, letter_bands`);
	});

	async function pendingLetter(req: ReturnType<typeof request>, now: number) {
		const print = printOf(req, decision, ORIGIN);
		const result = await store.createPending(req, confirmation, { now, print });
		if (result.kind !== 'created') throw new Error(`expected created, got ${result.kind}`);
		return { ...result, print };
	}
	const similarTo = (req: ReturnType<typeof request>, now: number) =>
		nearestPrint(store.sql, printOf(req, decision, ORIGIN), store.emailHash(req.email), now - TOKEN_TTL_MS);

	it('stores the print with its letter, never the text, and finds it for another writer', async () => {
		const { actionId, print } = await pendingLetter(request(1), T0);
		const [row] = await store.sql.query(`SELECT * FROM letter_prints`);
		expect(row).toMatchObject({ action_id: actionId, constituency_code: seat.code, scheme: PRINT_SCHEME });
		expect(Buffer.from(row!.signature as Uint8Array)).toEqual(Buffer.from(print.signature));
		expect(Object.keys(row!).sort()).toEqual(['action_id', 'constituency_code', 'created_at', 'scheme', 'signature']);
		// Its band keys, through which similar prints are found.
		expect(await store.sql.query(`SELECT key FROM letter_bands WHERE action_id = $1`, [actionId])).toHaveLength(32);

		// The panel hands over the letter it generated; the API's is composed (and its shingles kept): the same print.
		const req = request(2, 'Please act.');
		const supporter = { name: req.name, address: req.address, postcode: req.postcode };
		const generated = draftFor({ seat, alliances: decision.alliances, supporter, story: '', origin: ORIGIN }).body;
		expect(printOf(req, decision, ORIGIN, generated)).toEqual(printOf(req, decision, ORIGIN));
		expect(printOf(req, decision, ORIGIN)).toEqual(printOf(req, decision, ORIGIN));

		expect(await similarTo(request(2), T0 + 1)).toBe(1); // untouched, like the first
		expect(await similarTo(request(1), T0 + 1)).toBe(0); // the same writer: the duplicate rule's business
		const own =
			'My sister waited seven weeks for her first treatment and the waiting was the hardest part for all of us.';
		expect(await similarTo(request(2, own), T0 + 1)).toBeLessThan(SIMILAR_AT);
	});

	it('keeps comparing once the letter is queued, but not with a link that expired', async () => {
		const { token } = await pendingLetter(request(1), T0);
		expect(await similarTo(request(2), T0 + TOKEN_TTL_MS + 1)).toBe(0);
		const queued = await store.consume(
			token,
			(p) => ({
				mail: { ...confirmation({ token, deletionToken: '', expiresAt: 0 }), subject: p.subject, text: p.body }
			}),
			T0 + 5
		);
		expect(queued.kind).toBe('queued');
		expect(await similarTo(request(2), T0 + TOKEN_TTL_MS + 1)).toBe(1);
	});

	it('deletes the print with the deletion link, with a failed letter, and after 12 months', async () => {
		const first = await pendingLetter(request(1), T0);
		expect(await store.deleteByLink(first.deletionToken, T0 + 1)).toBe(true);
		expect(await store.sql.query(`SELECT 1 FROM letter_prints`)).toHaveLength(0);
		expect(await store.sql.query(`SELECT 1 FROM letter_bands`)).toHaveLength(0);

		const second = await pendingLetter(request(3), T0);
		const refused = await store.consume(second.token, () => ({ error: 'no address' }), T0 + 1);
		expect(refused.kind).toBe('refused');
		expect(await store.sql.query(`SELECT 1 FROM letter_prints`)).toHaveLength(0);
		expect(await store.sql.query(`SELECT 1 FROM letter_bands`)).toHaveLength(0);

		await pendingLetter(request(4), T0);
		await store.purgeOldActions(T0 + RETENTION_MS);
		expect(await store.sql.query(`SELECT 1 FROM letter_prints`)).toHaveLength(1);
		expect(await store.sql.query(`SELECT 1 FROM letter_bands`)).toHaveLength(32);
		await store.purgeOldActions(T0 + RETENTION_MS + 1);
		expect(await store.sql.query(`SELECT 1 FROM letter_prints`)).toHaveLength(0);
		expect(await store.sql.query(`SELECT 1 FROM letter_bands`)).toHaveLength(0);
	});
});
