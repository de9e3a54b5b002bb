/**
 * The map's paths for one set of alliances (20 or 21), made at build time: the home page fetches the other set from
 * here when a supporter switches to it, so the browser never needs the boundaries or d3-geo.
 */
import { error, json } from '@sveltejs/kit';
import type { EntryGenerator, RequestHandler } from './$types';
import { topologies } from '$lib/server/data';
import { mapGeometry } from '$lib/map/geometry';

export const prerender = true;
export const entries: EntryGenerator = () => Object.keys(topologies).map((variant) => ({ variant }));

export const GET: RequestHandler = ({ params }) => {
	const topology = topologies[params.variant as keyof typeof topologies];
	if (!topology) error(404, `No map for "${params.variant}": the variants are ${Object.keys(topologies).join(', ')}.`);
	return json(mapGeometry(topology));
};
