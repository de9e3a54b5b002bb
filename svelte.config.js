import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Brotli/gzip of the DuckDB-WASM files costs minutes per build; serve uncompressed and let a proxy compress.
		adapter: adapter({ precompress: false })
	}
};

export default config;
