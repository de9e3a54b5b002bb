/**
 * adapter-node, writing each build to a new folder and switching `build` to it in one step (scripts/serve/builds.js),
 * with the handler `node build` mounts behind the guard (scripts/serve/serve-guard.ts: security headers on static files and prerendered
 * pages, 404 for a file gone from disk). `node build`, `npm start` and adapter-node's own options and environment
 * variables work as before.
 */
import nodeAdapter from '@sveltejs/adapter-node';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build as bundle } from 'rolldown';
import { ensureDir, newBuildId, prune, switchTo } from './builds.js';

const GUARD = path.join(path.dirname(new URL(import.meta.url).pathname), 'serve-guard.ts');

/** The one line of adapter-node's index.js (5.5.7) that mounts its handler; the guard goes around it. */
const MOUNT = '.use(handler);';

/**
 * Bundles the guard into the build and puts it around adapter-node's handler in index.js (what `node build` runs).
 * Fails the build if adapter-node's index.js no longer has the line, rather than ship a server without the guard.
 * @param {string} folder
 */
async function guardHandler(folder) {
	await bundle({
		input: GUARD,
		platform: 'node',
		logLevel: 'warn',
		output: { file: path.join(folder, 'serve-guard.js'), format: 'esm' }
	});
	const index = path.join(folder, 'index.js');
	const source = readFileSync(index, 'utf8');
	if (source.split(MOUNT).length !== 2) {
		throw new Error(`scripts/serve/adapter.js: ${index} does not mount its handler with "${MOUNT}" exactly once`);
	}
	writeFileSync(
		index,
		// On the first line, so index.js.map still lines up.
		"import { guarded as __guarded } from './serve-guard.js'; " +
			"import { fileURLToPath as __fileURLToPath } from 'node:url'; " +
			source.replace(MOUNT, ".use(__guarded(handler, __fileURLToPath(new URL('.', import.meta.url))));")
	);
}

/**
 * @param {import('@sveltejs/adapter-node').AdapterOptions} [options] adapter-node's; `out` names the link (default
 *   "build"), and the folders go beside it in "builds"
 * @returns {import('@sveltejs/kit').Adapter}
 */
export default function adapter(options = {}) {
	const { out = 'build', ...rest } = options;
	const root = path.join(path.dirname(out), 'builds');
	return {
		name: 'adapter-node (a new folder per build)',
		async adapt(builder) {
			ensureDir(root);
			const folder = path.join(root, newBuildId());
			await nodeAdapter({ ...rest, out: folder }).adapt(builder);
			await guardHandler(folder);
			switchTo(out, folder);
			builder.log.minor(`${out} -> ${folder}`);
			const removed = prune(root, folder);
			if (removed.length) builder.log.minor(`Removed old builds no server uses: ${removed.join(', ')}`);
		},
		supports: nodeAdapter(rest).supports
	};
}
