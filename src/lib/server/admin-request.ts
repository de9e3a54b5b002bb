/**
 * The opening of every operator endpoint (src/routes/admin/): the ADMIN_TOKEN check (./admin.ts), then a small JSON
 * body; and how they answer (JSON, never cached).
 */
import { json } from '@sveltejs/kit';
import { adminCheck } from './admin';
import { adminSettings } from './env';
import { readJson } from './rate-limit';

export const adminAnswer = (body: Record<string, unknown>, status = 200) =>
	json(body, { status, headers: { 'cache-control': 'no-store' } });

/** The command a caller may give, or the refusal to send back. */
export async function adminCommand(
	request: Request,
	address: string
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; response: Response }> {
	const allowed = adminCheck(request.headers.get('authorization'), address, adminSettings());
	if (!allowed.ok) return { ok: false, response: adminAnswer({ message: allowed.message }, allowed.status) };
	const body = await readJson(request, 1024, (message) => ({ message }));
	if (!body.ok) return body;
	const value = body.value;
	return { ok: true, value: value && typeof value === 'object' ? (value as Record<string, unknown>) : {} };
}
