/**
 * GET /healthz: whether this server can serve sends. 200 when the store answers (and, in SMTP mode, the relay
 * greets); 503 otherwise, with which part is down. The outbox's counts say whether mail is waiting or dead.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actionsStore } from '$lib/server/actions';
import { smtpConfigured } from '$lib/server/env';
import { relayReachable } from '$lib/server/mail';

export const GET: RequestHandler = async () => {
	const smtp = smtpConfigured();
	const [store, relay] = await Promise.all([
		actionsStore()
			.then(async (s) => ({ ok: true, backend: s.sql.label.split(' ')[0], outbox: await s.outbox.counts() }))
			.catch(() => ({ ok: false })),
		smtp ? relayReachable() : Promise.resolve(null)
	]);
	const ok = store.ok && relay !== false;
	return json(
		{ ok, store, mail: smtp ? { mode: 'smtp', relay: relay ? 'reachable' : 'unreachable' } : { mode: 'mailto' } },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
