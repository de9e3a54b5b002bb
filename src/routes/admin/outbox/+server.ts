/**
 * POST /admin/outbox  { command: 'list', status? } | { command: 'retry', id }: the outbox command (`npm run outbox`)
 * run by the server itself, for when the embedded store is held by it. Off (404) unless ADMIN_TOKEN is set; then a
 * Bearer token, from this machine only by default (src/lib/server/admin.ts). POST only: other methods get 405.
 * 200 { counts, entries } or { retried }; 400 a malformed command; 401/403/404 refused; 503 store down.
 */
import type { RequestHandler } from './$types';
import { actionsStore, kickOutbox, type OutboxStatus } from '$lib/server/actions';
import { adminAnswer, adminCommand } from '$lib/server/admin-request';

const STATUSES: OutboxStatus[] = ['queued', 'sent', 'dead'];

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const body = await adminCommand(request, getClientAddress());
	if (!body.ok) return body.response;
	const { command, status, id } = body.value;
	const listing = command === 'list' && (status === undefined || STATUSES.includes(status as OutboxStatus));
	const retrying = command === 'retry' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
	if (!listing && !retrying)
		return adminAnswer(
			{
				message:
					'Send { "command": "list", "status"?: "queued" | "sent" | "dead" } or { "command": "retry", "id": "<outbox id>" }.'
			},
			400
		);
	try {
		const store = await actionsStore();
		if (listing)
			return adminAnswer({
				counts: await store.outbox.counts(),
				entries: await store.outbox.list(status as OutboxStatus | undefined, 200)
			});
		const retried = await store.outbox.retry(id as string);
		if (retried) kickOutbox();
		return adminAnswer({ retried });
	} catch (error) {
		console.error('POST /admin/outbox:', error);
		return adminAnswer({ message: 'The action store is not available.' }, 503);
	}
};
