import type { LayoutServerLoad } from './$types';
import { manifest } from '$lib/server/data';

/** Every page's footer says how recent each source's figures are, from the release's manifest. */
export const load: LayoutServerLoad = () => ({
	dataAsOf: manifest.data_as_of.map((d) => ({
		source: d.source,
		latest: d.latest,
		release: d.release,
		provisional: d.provisional.length
	})),
	releaseId: manifest.release.id
});
