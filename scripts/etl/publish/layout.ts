/**
 * Where releases live. Every run builds a new, complete release folder outside `static/`, and publishing switches a
 * pointer to it:
 *
 *   releases/<id>/            one complete release (csv/, series/, summary.json, manifest.json, datapackage.json ...)
 *   releases/shared/<name>-<key>/   large files that change rarely (the postcode indexes), written once per content
 *                                   and linked from each release that uses them
 *   releases/current -> <id>  the pointer, replaced in one rename, last
 *   static/data -> ../releases/current   what the app and `vite build` read (a fixed link; never rewritten)
 *
 * A rename is atomic on one file system, so a reader always sees either the previous release or the new one, whole.
 */
import { readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Layout {
	releasesDir: string;
	/** releasesDir/current: the pointer. */
	current: string;
	/** What the app reads (static/data): a link to `current`. */
	outDir: string;
}

export function layoutOf(config: { releasesDir: string; outDir: string }): Layout {
	return { releasesDir: config.releasesDir, current: path.join(config.releasesDir, 'current'), outDir: config.outDir };
}

/** `<built time>-<first 8 characters of the build stamp>`, e.g. 20260701T120000Z-1a2b3c4d: sorts by age. */
export function releaseId(stamp: string, now = new Date()): string {
	return `${now
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z')}-${stamp.slice(0, 8)}`;
}

/** The folder the pointer names, or null when there is none yet (or it names nothing). */
export async function currentReleaseDir(layout: Layout): Promise<string | null> {
	try {
		const dir = await realpath(layout.current);
		return (await stat(dir)).isDirectory() ? dir : null;
	} catch {
		return null;
	}
}

/** The release id the pointer names. */
export async function currentReleaseId(layout: Layout): Promise<string | null> {
	try {
		return path.basename(await readlink(layout.current));
	} catch {
		return null;
	}
}
