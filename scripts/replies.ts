/**
 * The operator's moderation of reply excerpts (the key sentences of MPs' replies that supporters paste on the answer
 * page): `npm run replies -- list [pending|approved|rejected]`, `npm run replies -- approve ID`, `reject ID`. Nothing
 * is published until approved. Reads DATABASE_URL, else ACTIONS_DIR (default data/actions), as the server does. The
 * embedded store is one process's: stop the server first, or use PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../src/lib/server/store/open';
import type { ExcerptStatus } from '../src/lib/server/store/followups';

const [command, argument] = process.argv.slice(2);
const usage = 'usage: npm run replies -- list [pending|approved|rejected] | approve ID | reject ID';
const statuses: ExcerptStatus[] = ['pending', 'approved', 'rejected'];
const when = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const valid =
	(command === 'list' && (argument === undefined || statuses.includes(argument as ExcerptStatus))) ||
	((command === 'approve' || command === 'reject') && !!argument);
if (!valid) {
	console.error(usage);
	process.exit(2);
}

const store = await openStore({
	databaseUrl: process.env.DATABASE_URL?.trim() || null,
	dir: process.env.ACTIONS_DIR?.trim() || 'data/actions',
	secret: randomBytes(32).toString('base64url') // the CLI hashes no address
});
try {
	if (command === 'list') {
		const list = await store.followUps.excerpts(argument as ExcerptStatus | undefined, 500);
		console.log(`${list.length} excerpt${list.length === 1 ? '' : 's'}${argument ? ` ${argument}` : ''}`);
		for (const e of list)
			// One line each; the text's own line breaks shown as ⏎ so a pasted reply cannot fake another entry.
			console.log(
				[e.id, e.status, e.constituencyCode, when(e.createdAt), e.text.replace(/\s*\n\s*/g, ' ⏎ ')].join('\t')
			);
	} else {
		const ok = await store.followUps.decide(argument!, command === 'approve' ? 'approved' : 'rejected', Date.now());
		console.log(ok ? `${argument} ${command === 'approve' ? 'approved' : 'rejected'}` : `no excerpt ${argument}`);
		process.exitCode = ok ? 0 : 1;
	}
} finally {
	await store.close();
}
