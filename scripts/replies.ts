/**
 * The operator's moderation of reply excerpts (the key sentences of MPs' replies that supporters paste on the answer
 * page): `npm run replies -- list [pending|approved|rejected]`, `npm run replies -- approve ID`, `reject ID`. Nothing
 * is published until approved. Reads DATABASE_URL, else ACTIONS_DIR (default data/actions), as the server does; while
 * a server holds the embedded store, asks it (./admin/store-or-server.ts).
 */
import type { Excerpt, ExcerptStatus } from '../src/lib/server/store/followups';
import { runOnStoreOrServer } from './admin/store-or-server';

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

/** What both ways of running the command answer. */
interface Moderation {
	list(status?: ExcerptStatus): Promise<Excerpt[]>;
	decide(id: string, status: 'approved' | 'rejected'): Promise<boolean>;
}

async function run(moderation: Moderation): Promise<number> {
	if (command === 'list') {
		const list = await moderation.list(argument as ExcerptStatus | undefined);
		console.log(`${list.length} excerpt${list.length === 1 ? '' : 's'}${argument ? ` ${argument}` : ''}`);
		for (const e of list)
			// One line each; the text's own line breaks shown as ⏎ so a pasted reply cannot fake another entry.
			console.log(
				[e.id, e.status, e.constituencyCode, when(e.createdAt), e.text.replace(/\s*\n\s*/g, ' ⏎ ')].join('\t')
			);
		return 0;
	}
	const ok = await moderation.decide(argument!, command === 'approve' ? 'approved' : 'rejected');
	console.log(ok ? `${argument} ${command === 'approve' ? 'approved' : 'rejected'}` : `no excerpt ${argument}`);
	return ok ? 0 : 1;
}

await runOnStoreOrServer(
	'replies',
	(store) =>
		run({
			list: (status) => store.followUps.excerpts(status, 500),
			decide: (id, status) => store.followUps.decide(id, status, Date.now())
		}),
	(call) =>
		run({
			list: async (status) => (await call({ command: 'list', status })).excerpts as Excerpt[],
			decide: async (id, status) =>
				(await call({ command: status === 'approved' ? 'approve' : 'reject', id })).decided === true
		})
);
