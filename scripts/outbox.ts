/**
 * The operator's view of the outbox: `npm run outbox -- list [queued|sent|dead]` and `npm run outbox -- retry ID`
 * (queues a dead email again; its content is kept 7 days after it died). Reads DATABASE_URL, else ACTIONS_DIR (default
 * data/actions), as the server does. The embedded store is one process's: stop the server first, or use PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../src/lib/server/store/open';
import type { OutboxStatus } from '../src/lib/server/store/types';

const [command, argument] = process.argv.slice(2);
const usage = 'usage: npm run outbox -- list [queued|sent|dead] | retry ID';
const statuses: OutboxStatus[] = ['queued', 'sent', 'dead'];
const when = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

if (command !== 'list' && command !== 'retry') {
	console.error(usage);
	process.exit(2);
}
if (command === 'list' && argument !== undefined && !statuses.includes(argument as OutboxStatus)) {
	console.error(usage);
	process.exit(2);
}
if (command === 'retry' && !argument) {
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
		const counts = await store.outbox.counts();
		console.log(`queued ${counts.queued}, sent ${counts.sent}, dead ${counts.dead}`);
		for (const e of await store.outbox.list(argument as OutboxStatus | undefined, 200))
			console.log(
				[e.id, e.status, e.kind, `attempts ${e.attempts}`, `queued ${when(e.createdAt)}`, e.lastError ?? ''].join('\t')
			);
	} else {
		const ok = await store.outbox.retry(argument!);
		console.log(
			ok
				? `${argument} queued again`
				: `${argument} is not a dead email with its content (see: npm run outbox -- list dead)`
		);
		process.exitCode = ok ? 0 : 1;
	}
} finally {
	await store.close();
}
