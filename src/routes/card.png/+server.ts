/**
 * The preview card of a shared view: /card.png?i=...&b=...&p=...&a=... (the home page's parameters; an area page
 * opened on one measure uses a=<its code>). Made on the server on first request and cached by its parameters
 * (src/lib/server/view-card.ts). Unknown values fall back to the defaults, as on the home page.
 */
import type { RequestHandler } from './$types';
import { viewCardPng, cardView } from '$lib/server/view-card';

export const GET: RequestHandler = ({ url }) => {
	const { png, cached } = viewCardPng(cardView(url.searchParams));
	return new Response(png, {
		headers: {
			'content-type': 'image/png',
			'cache-control': 'public, max-age=86400',
			// Whether this card came from the cache: the bench reports cold and cached render times.
			'x-card-cache': cached ? 'hit' : 'miss'
		}
	});
};
