import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { gzipOnly } from './scripts/precompress/gzip.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files served gzipped (sirv picks x.gz): gzip only, since brotli of DuckDB-WASM's engine took minutes.
		adapter: gzipOnly(adapter({ precompress: true })),
		// Prerendered pages carry absolute links (Open Graph images): set ORIGIN to the public address when building.
		prerender: { origin: process.env.ORIGIN ?? 'http://localhost:3000' },
		// Cross-site posts are refused by src/hooks.server.ts instead (see there why).
		csrf: { trustedOrigins: ['*'] },
		// Page CSS is small (under 16 KB a page): inline it so no stylesheet request blocks the first paint.
		inlineStyleThreshold: 16384
	}
};

export default config;
