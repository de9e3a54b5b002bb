/**
 * The operator's view of the outbox: `npm run outbox -- list [queued|sent|dead]` and `npm run outbox -- retry ID`
 * (queues a dead email again; its content is kept 7 days after it died). Reads DATABASE_URL, else ACTIONS_DIR (default
 * data/actions), as the server does; while a server holds the embedded store, asks it (./admin/store-or-server.ts).
 */
import type { OutboxEntry, OutboxStatus } from '../src/lib/server/store/types';
import { runOnStoreOrServer } from './admin/store-or-server';

const [command, argument] = process.argv.slice(2);
const usage = 'usage: npm run outbox -- list [queued|sent|dead] | retry ID';
const statuses: OutboxStatus[] = ['queued', 'sent', 'dead'];
const when = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

if (
	(command !== 'list' && command !== 'retry') ||
	(command === 'list' && argument !== undefined && !statuses.includes(argument as OutboxStatus)) ||
	(command === 'retry' && !argument)
) {
	console.error(usage);
	process.exit(2);
}

type Listing = { counts: Record<OutboxStatus, number>; entries: OutboxEntry[] };
/** What both ways of running the command answer. */
interface Outbox {
	list(status?: OutboxStatus): Promise<Listing>;
	retry(id: string): Promise<boolean>;
}

async function run(outbox: Outbox): Promise<number> {
	if (command === 'list') {
		const { counts, entries } = await outbox.list(argument as OutboxStatus | undefined);
		console.log(`queued ${counts.queued}, sent ${counts.sent}, dead ${counts.dead}`);
		for (const e of entries)
			console.log(
				[e.id, e.status, e.kind, `attempts ${e.attempts}`, `queued ${when(e.createdAt)}`, e.lastError ?? ''].join('\t')
			);
		return 0;
	}
	const ok = await outbox.retry(argument!);
	console.log(
		ok
			? `${argument} queued again`
			: `${argument} is not a dead email with its content (see: npm run outbox -- list dead)`
	);
	return ok ? 0 : 1;
}

await runOnStoreOrServer(
	'outbox',
	(store) =>
		run({
			list: async (status) => ({ counts: await store.outbox.counts(), entries: await store.outbox.list(status, 200) }),
			retry: (id) => store.outbox.retry(id)
		}),
	(call) =>
		run({
			list: async (status) => (await call({ command: 'list', status })) as unknown as Listing,
			retry: async (id) => (await call({ command: 'retry', id })).retried === true
		})
);
