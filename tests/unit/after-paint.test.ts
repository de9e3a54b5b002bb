/** JavaScript after the first paint: the edit of SvelteKit's start-up script, and the pages it must leave alone. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deferBootScript, deferHydration } from '../../src/lib/server/after-paint';

// The shape of SvelteKit 2's start-up script (as in build/prerendered/*.html), with its data cut short.
const BOOT = `
	{
		__sveltekit_abc = { base: new URL(".", location).pathname.slice(0, -1) };
		const element = document.currentScript.parentElement;
		Promise.all([
			import("./_app/immutable/entry/start.X.js"),
			import("./_app/immutable/entry/app.Y.js")
		]).then(([kit, app]) => {
			kit.start(app, element, { node_ids: [0, 2], data: [], form: null, error: null });
		});
	}
`;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
const page = (boot: string, csp = '') =>
	`<html><head>${csp}<link href="./_app/immutable/entry/start.X.js" rel="modulepreload">\n` +
	`<link href="./_app/immutable/chunks/Z.js" rel="modulepreload"></head><body><div><svg></svg>` +
	`<script>${boot}</script></div></body></html>`;

describe('deferHydration', () => {
	it('starts the app only after the first paint, and drops the preloads', () => {
		const { html, hashes } = deferHydration(page(BOOT));
		expect(html).not.toContain('modulepreload');
		expect(html).toContain("getEntriesByName('first-contentful-paint')");
		// The imports now wait for the paint promise, and the rest of the script is untouched.
		expect(html.indexOf('first-contentful-paint')).toBeLessThan(
			html.indexOf('import("./_app/immutable/entry/start.X.js")')
		);
		expect(html).toContain('kit.start(app, element, { node_ids: [0, 2], data: [], form: null, error: null });');
		expect(hashes).not.toBeNull();
	});

	it('is still a script that parses', () => {
		const deferred = deferBootScript(BOOT)!;
		expect(() => new Function(deferred)).not.toThrow();
	});

	it('leaves a page alone when the start-up script is not the shape it knows', () => {
		const other = page('console.log("not SvelteKit");');
		expect(deferHydration(other)).toEqual({ html: other, hashes: null });
		expect(deferBootScript(BOOT.replace('kit.start(app', 'kit.begin(app'))).toBeNull();
	});

	it('swaps the script hash in a page policy for the edited script', () => {
		const csp = `<meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-${sha(BOOT)}'">`;
		const { html, hashes } = deferHydration(page(BOOT, csp));
		expect(hashes!.before).toBe(sha(BOOT));
		expect(html).not.toContain(sha(BOOT));
		expect(html).toContain(`'sha256-${sha(deferBootScript(BOOT)!)}'`);
	});
});
