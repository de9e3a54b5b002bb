/**
 * POST /admin/outbox  { command: 'list', status? } | { command: 'retry', id }: the outbox command (`npm run outbox`)
 * run by the server itself, for when the embedded store is held by it. Off (404) unless ADMIN_TOKEN is set; then a
 * Bearer token, from this machine only by default (src/lib/server/admin.ts). POST only: other methods get 405.
 * 200 { counts, entries } or { retried, message }; 400 a malformed command; 401/403/404 refused; 503 store down.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actionsStore, kickOutbox, type OutboxStatus } from '$lib/server/actions';
import { adminCheck } from '$lib/server/admin';
import { adminSettings } from '$lib/server/env';
import { readJson } from '$lib/server/rate-limit';

const NO_STORE = { 'cache-control': 'no-store' };
const STATUSES: OutboxStatus[] = ['queued', 'sent', 'dead'];
const answer = (body: Record<string, unknown>, status = 200) => json(body, { status, headers: NO_STORE });

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const allowed = adminCheck(request.headers.get('authorization'), getClientAddress(), adminSettings());
	if (!allowed.ok) return answer({ message: allowed.message }, allowed.status);
	const body = await readJson(request, 1024, (message) => ({ message }));
	if (!body.ok) return body.response;
	const { command, status, id } = (body.value ?? {}) as { command?: unknown; status?: unknown; id?: unknown };
	const listing = command === 'list' && (status === undefined || STATUSES.includes(status as OutboxStatus));
	const retrying = command === 'retry' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
	if (!listing && !retrying)
		return answer(
			{
				message:
					'Send { "command": "list", "status"?: "queued" | "sent" | "dead" } or { "command": "retry", "id": "<outbox id>" }.'
			},
			400
		);
	try {
		const store = await actionsStore();
		if (listing)
			return answer({
				counts: await store.outbox.counts(),
				entries: await store.outbox.list(status as OutboxStatus | undefined, 200)
			});
		const retried = await store.outbox.retry(id as string);
		if (retried) kickOutbox();
		return answer({ retried });
	} catch (error) {
		console.error('POST /admin/outbox:', error);
		return answer({ message: 'The action store is not available.' }, 503);
	}
};
