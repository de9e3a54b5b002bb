/**
 * POST /admin/replies  { command: 'list', status? } | { command: 'approve' | 'reject', id }: the moderation of reply
 * excerpts (`npm run replies`) run by the server itself, for when the embedded store is held by it. The same guard as
 * /admin/outbox (ADMIN_TOKEN, this machine only by default, POST only).
 * 200 { excerpts } or { decided }; 400 a malformed command; 401/403/404 refused; 503 store down.
 */
import type { RequestHandler } from './$types';
import { actionsStore } from '$lib/server/actions';
import { adminAnswer, adminCommand } from '$lib/server/admin-request';
import type { ExcerptStatus } from '$lib/server/store/followups';

const STATUSES: ExcerptStatus[] = ['pending', 'approved', 'rejected'];

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const body = await adminCommand(request, getClientAddress());
	if (!body.ok) return body.response;
	const { command, status, id } = body.value;
	const listing = command === 'list' && (status === undefined || STATUSES.includes(status as ExcerptStatus));
	const deciding =
		(command === 'approve' || command === 'reject') && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id);
	if (!listing && !deciding)
		return adminAnswer(
			{
				message:
					'Send { "command": "list", "status"?: "pending" | "approved" | "rejected" } or { "command": "approve" | "reject", "id": "<excerpt id>" }.'
			},
			400
		);
	try {
		const store = await actionsStore();
		if (listing) return adminAnswer({ excerpts: await store.followUps.excerpts(status as ExcerptStatus, 500) });
		const decided = await store.followUps.decide(
			id as string,
			command === 'approve' ? 'approved' : 'rejected',
			Date.now()
		);
		return adminAnswer({ decided });
	} catch (error) {
		console.error('POST /admin/replies:', error);
		return adminAnswer({ message: 'The action store is not available.' }, 503);
	}
};
