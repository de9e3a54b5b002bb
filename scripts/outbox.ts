/**
 * The operator's view of the outbox: `npm run outbox -- list [queued|sent|dead]` and `npm run outbox -- retry ID`
 * (queues a dead email again; its content is kept 7 days after it died). Reads DATABASE_URL, else ACTIONS_DIR (default
 * data/actions), as the server does. The embedded store is one process's: while a server holds it, the command asks
 * that server instead (POST /admin/outbox with ADMIN_TOKEN, at ADMIN_URL or http://127.0.0.1:$PORT), or says how to.
 */
import { randomBytes } from 'node:crypto';
import { LockHeld } from '../src/lib/server/lock-file';
import { openStore } from '../src/lib/server/store/open';
import type { OutboxEntry, OutboxStatus } from '../src/lib/server/store/types';

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

/** The running server's endpoint (src/routes/admin/outbox/+server.ts). */
function throughServer(base: string, token: string): Outbox {
	const post = async (body: Record<string, unknown>) => {
		let response: Response;
		try {
			response = await fetch(new URL('/admin/outbox', base), {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		} catch (error) {
			throw new Error(`could not reach the server at ${base} (set ADMIN_URL to its address): ${String(error)}`, {
				cause: error
			});
		}
		const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
		if (response.status === 404)
			throw new Error(
				`the server at ${base} has no admin endpoint: start it with the same ADMIN_TOKEN as this command`
			);
		if (!response.ok) throw new Error(`the server at ${base} answered ${response.status}: ${String(answer.message)}`);
		return answer;
	};
	return {
		list: async (status) => (await post({ command: 'list', status })) as unknown as Listing,
		retry: async (id) => (await post({ command: 'retry', id })).retried === true
	};
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

const dir = process.env.ACTIONS_DIR?.trim() || 'data/actions';
try {
	const store = await openStore({
		databaseUrl: process.env.DATABASE_URL?.trim() || null,
		dir,
		secret: randomBytes(32).toString('base64url') // the CLI hashes no address
	});
	try {
		process.exitCode = await run({
			list: async (status) => ({ counts: await store.outbox.counts(), entries: await store.outbox.list(status, 200) }),
			retry: (id) => store.outbox.retry(id)
		});
	} finally {
		await store.close();
	}
} catch (error) {
	if (!(error instanceof LockHeld)) throw error;
	const token = process.env.ADMIN_TOKEN?.trim();
	const base = process.env.ADMIN_URL?.trim() || `http://127.0.0.1:${process.env.PORT?.trim() || '3000'}`;
	if (!token) {
		console.error(
			`The embedded store at ${dir} is held by a running server (pid ${error.holder}), and only one process can open it.\n` +
				`Either stop that server and run this again, or start the server with ADMIN_TOKEN set (32+ random characters,\n` +
				`e.g. \`openssl rand -base64 48\`) and run this with the same ADMIN_TOKEN (and ADMIN_URL=http://127.0.0.1:<port>\n` +
				`if it does not listen on ${base}): the command then asks the server.`
		);
		process.exit(1);
	}
	console.error(`(the embedded store is held by the server, pid ${error.holder}: asking it at ${base})`);
	try {
		process.exitCode = await run(throughServer(base, token));
	} catch (failure) {
		console.error(`npm run outbox: ${failure instanceof Error ? failure.message : String(failure)}`);
		process.exit(1);
	}
}
