import type { PageLoad } from './$types';
import type { MapGeometry } from '$lib/map/geometry';

// The map's paths (about 21 KB) arrive with the server-rendered page; after that the browser keeps them, and fetches
// the other set of alliances' paths (prerendered JSON) only if the supporter switches to it.
const cache = new Map<string, MapGeometry>();

export const load: PageLoad = async ({ data, fetch }) => {
	const variant = data.state.variant;
	if (data.geometry) cache.set(variant, data.geometry);
	let geometry = cache.get(variant);
	if (!geometry) {
		geometry = (await (await fetch(`/map-geometry/${variant}.json`)).json()) as MapGeometry;
		cache.set(variant, geometry);
	}
	return { ...data, geometry };
};
