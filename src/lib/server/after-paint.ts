/**
 * JavaScript after the first paint (issue 17). The pages are complete as server-rendered HTML (the map is an SVG, the
 * postcode box a form), so the browser can paint them before any JavaScript: SvelteKit's `modulepreload` links go, and
 * its inline start-up script waits for the first contentful paint before importing the app, which then hydrates
 * the same DOM without re-drawing it. A supporter on a slow phone sees the map first and gets the controls a moment
 * later; without JavaScript nothing changes.
 *
 * This edits SvelteKit's own output, so it checks the two strings it relies on and leaves the page untouched (as
 * SvelteKit wrote it) if either is missing. Where a Content Security Policy lists the start-up script's hash, the
 * hash is replaced by the edited script's.
 */
import { createHash } from 'node:crypto';

const MODULEPRELOAD = /<link href="[^"]+" rel="modulepreload">\s*/g;
const BOOT_START = 'Promise.all([';
const BOOT_THEN = ']).then(([kit, app]) => {';
/**
 * Resolves once the browser reports the first contentful paint (its presentation time, when the map is on screen);
 * where paint timing is not supported, after the next frame; and at the latest after 3 s (a tab opened in the
 * background paints nothing until it is shown).
 */
const AFTER_PAINT = `new Promise((painted) => {
						try {
							new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint').length && painted())
								.observe({ type: 'paint', buffered: true });
						} catch {
							requestAnimationFrame(() => setTimeout(painted));
						}
						setTimeout(painted, 3000);
					})`;
const INLINE_SCRIPT = /<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The edited start-up script, or null where this is not SvelteKit's start-up script as expected. */
export function deferBootScript(script: string): string | null {
	const start = script.indexOf(BOOT_START);
	const then = script.indexOf(BOOT_THEN);
	if (start < 0 || then < start || !script.includes('kit.start(app')) return null;
	return (
		script.slice(0, start) +
		`${AFTER_PAINT}.then(() => ${BOOT_START}` +
		script.slice(start + BOOT_START.length, then) +
		`]))${BOOT_THEN.slice(2)}` +
		script.slice(then + BOOT_THEN.length)
	);
}

export interface Deferred {
	html: string;
	/** The start-up script's hash before and after, for a policy that lists it (null if the script was not changed). */
	hashes: { before: string; after: string } | null;
}

/** The page with JavaScript moved after the first paint; unchanged where SvelteKit's start-up script is not found. */
export function deferHydration(html: string): Deferred {
	let hashes: Deferred['hashes'] = null;
	const edited = html.replace(INLINE_SCRIPT, (whole, body: string) => {
		if (hashes) return whole;
		const deferred = deferBootScript(body);
		if (deferred === null) return whole;
		hashes = { before: sha256(body), after: sha256(deferred) };
		return whole.replace(body, () => deferred);
	});
	if (!hashes) return { html, hashes };
	const { before, after } = hashes as { before: string; after: string };
	return { html: edited.replace(MODULEPRELOAD, '').replaceAll(`'sha256-${before}'`, `'sha256-${after}'`), hashes };
}
