import type { PageLoad } from './$types';

// The boundaries travel as TopoJSON (18 KB gzipped) and are drawn on both sides. During server rendering SvelteKit
// reads the file from static/ and inlines the response in the page, so the browser does not fetch it again.
export const load: PageLoad = async ({ data, fetch }) => {
	const response = await fetch(`/data/alliances-${data.state.variant}.topo.json`);
	const topology: unknown = await response.json();
	return { ...data, topology };
};
