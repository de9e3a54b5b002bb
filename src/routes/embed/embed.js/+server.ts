/** The embeds' one script file: the height message and map clicks (src/lib/embed/protocol.ts). Static, so prerendered. */
import { EMBED_SCRIPT } from '$lib/embed/protocol';
import type { RequestHandler } from './$types';

export const prerender = true;

export const GET: RequestHandler = () =>
	new Response(EMBED_SCRIPT, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
