import adapter from './scripts/serve/adapter.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { gzipOnly } from './scripts/precompress/gzip.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// adapter-node, each build in a new folder that `build` is switched to (a rebuild never breaks a running server);
		// static files served gzipped (sirv picks x.gz): gzip only, since brotli of DuckDB-WASM's engine took minutes.
		adapter: gzipOnly(adapter({ precompress: true })),
		// Prerendered pages carry absolute links (Open Graph images): set ORIGIN to the public address when building.
		prerender: { origin: process.env.ORIGIN ?? 'http://localhost:3000' },
		// Cross-site posts are refused by src/hooks.server.ts instead (see there why).
		csrf: { trustedOrigins: ['*'] },
		// The Content-Security-Policy of every page (the frame rule is added per route by src/lib/server/security-headers.ts).
		// 'auto' allows SvelteKit's inline hydration script by a nonce on rendered pages and by a hash in a <meta> tag on
		// prerendered ones, so no script runs inline without being named. Styles stay 'unsafe-inline': the map, charts
		// and Svelte set style attributes, and a style cannot run code. 'wasm-unsafe-eval' lets /explore compile
		// DuckDB-WASM (its worker is a same-origin file); images may be data:/blob: (PNG export draws the SVG from one).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// Page CSS is small (under 16 KB a page): inline it so no stylesheet request blocks the first paint.
		inlineStyleThreshold: 16384
	}
};

export default config;
