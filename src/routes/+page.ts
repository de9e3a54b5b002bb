import type { PageLoad } from './$types';

// Boundaries (TopoJSON, 18 KB gzipped) arrive with the server-rendered page; after that the browser keeps them, and
// fetches the other variant's file from static/data only if the supporter switches to it.
const cache = new Map<string, unknown>();

export const load: PageLoad = async ({ data, fetch }) => {
	const variant = data.state.variant;
	if (data.topology) cache.set(variant, data.topology);
	let topology = cache.get(variant);
	if (!topology) {
		topology = await (await fetch(`/data/alliances-${variant}.topo.json`)).json();
		cache.set(variant, topology);
	}
	return { ...data, topology };
};
