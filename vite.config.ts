import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { arrowTablesPlugin } from './scripts/arrow/plugin.js';

export default defineConfig({
	plugins: [sveltekit(), arrowTablesPlugin()],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts', 'scripts/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 300_000
	}
});
