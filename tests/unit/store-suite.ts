/**
 * What every store test suite shares: the two back ends (PGlite in a temporary folder, and a real PostgreSQL server
 * the suite starts itself through scripts/store/postgres.ts), the email-hash secret, a start time, and the smallest
 * confirmation email and letter the store needs (it only seals and queues them).
 */
import { afterAll, beforeAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConfirmationLinks, LetterFor, PendingRequest } from '../../src/lib/server/actions';
import { openPglite } from '../../src/lib/server/store/pglite';
import { openPostgres } from '../../src/lib/server/store/postgres';
import type { Sql } from '../../src/lib/server/store/sql';
import { startPostgres, type TestPostgres } from '../../scripts/store/postgres';

export const SECRET = 'a test secret that is only for this suite, 32+ chars';
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface Backend {
	name: string;
	/** Opens this back end (`name`: the embedded store's folder within the suite's; PostgreSQL has one database). */
	open: (name?: string) => Promise<Sql>;
}

/**
 * Starts PostgreSQL and makes a temporary folder before the file's tests, and removes both after: call once, at the
 * top of a test file. `folder(name)` is a path in the temporary folder.
 */
export function storeSuite(prefix: string): { backends: Backend[]; folder: (name: string) => string } {
	let dir = '';
	let postgres: TestPostgres | undefined;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), prefix));
		postgres = await startPostgres();
	});
	afterAll(async () => {
		await postgres?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});
	const folder = (name: string) => path.join(dir, name);
	return {
		folder,
		backends: [
			{ name: 'embedded (PGlite)', open: (name = 'suite') => openPglite(folder(name)) },
			{ name: 'PostgreSQL', open: async () => openPostgres(await postgres!.database()) }
		]
	};
}

/** The confirmation email, as small as the store needs. */
export const confirmation = (links: ConfirmationLinks) => ({
	from: { name: 'Campaign', address: 'campaign@example.org' },
	to: { name: 'Jane Example', address: 'jane.example@example.org' },
	subject: 'Confirm',
	text: `Confirm: /confirm/${links.token}\nDelete: /privacy/delete/${links.deletionToken}`
});

/** The letter to the MP, as small as the store needs: the supporter's subject and text. */
export const letter: LetterFor = (payload) => ({
	mail: {
		from: { name: `${payload.name} via Campaign`, address: 'campaign@example.org' },
		to: { name: 'Alex Baker', address: 'mp@example.org' },
		subject: payload.subject,
		text: payload.body
	}
});

/** A supporter's validated request for a real seat (Aldershot, in Surrey and Sussex); no consent unless overridden. */
export const pendingRequest = (overrides: Partial<PendingRequest> = {}): PendingRequest => ({
	postcode: 'GU11 1PW',
	constituencyCode: 'E14001063',
	allianceCodes: ['E56000012'],
	name: 'Jane Example',
	email: 'jane.example@example.org',
	address: '1 Example Road, Aldershot',
	subject: 'Breast cancer care in Surrey and Sussex',
	body: 'Dear Alex Baker,\n\nPlease write to the Cancer Alliance.',
	consent: false,
	...overrides
});
