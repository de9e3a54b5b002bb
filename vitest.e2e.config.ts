import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app served by Node, driven in Debian's Chromium. Run after `npm run build`.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.test.ts'],
		globalSetup: ['tests/e2e/server.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		fileParallelism: false
	}
});
