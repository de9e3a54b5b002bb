/**
 * The Open Graph preview image of an alliance's page: /area/<code>/card.png, 1200 x 630 PNG. Prerendered for every
 * alliance (both geography variants), so the server never renders one at request time. A shared view of another
 * measure has its own card (/card.png?a=<code>&i=..., src/lib/server/view-card.ts).
 */
import { error } from '@sveltejs/kit';
import { cardSvg, fdsCardFigure } from '$lib/area/card-svg';
import { cardPng, cardShapes } from '$lib/server/card-render';
import { areaByCode, areas, indicatorById, series, topologies } from '$lib/server/data';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => areas.filter((a) => a.type === 'alliance').map((a) => ({ code: a.code }));

export const GET: RequestHandler = ({ params }) => {
	const area = areaByCode.get(params.code);
	if (!area || area.type !== 'alliance') error(404, 'No Cancer Alliance has this code.');
	const geometry = cardShapes(topologies[area.variant ?? '20'], area.code);
	if (!geometry) error(404, 'No boundary is available for this Cancer Alliance.');

	const indicator = indicatorById.get('fds_breast_suspected');
	const fds = series('fds_breast_suspected', 'commissioner');
	const figure = fds ? fdsCardFigure(fds, area.code) : null;
	const source = indicator ? `${indicator.publisher}, ${indicator.source}` : 'NHS England, Cancer Waiting Times';
	const svg = cardSvg({
		areaName: area.name,
		...geometry,
		headline: figure?.headline ?? 'How breast cancer diagnosis and treatment compare with England',
		detail: figure?.detail ?? 'No recent Faster Diagnosis figure is published for this area.',
		period: figure?.period ?? fds?.periods.at(-1)?.label ?? 'latest available',
		source
	});
	return new Response(cardPng(svg), {
		headers: {
			'content-type': 'image/png',
			'cache-control': 'public, max-age=3600'
		}
	});
};
