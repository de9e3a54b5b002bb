/**
 * Older releases kept for pinned embeds (issue 16). An embed made with "this release" names its release id
 * (`/embed/map?release=<id>`); the app reads that release's small files from releases/<id>/
 * (src/lib/server/releases.ts). So that such an embed keeps working after the next monthly update, tidying keeps the
 * last KEPT_RELEASES published releases before the current one, with only those files (about 0.5 MB each instead of
 * 9 MB): a year of monthly updates.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const KEPT_RELEASES = 12;

/** What an embed reads from a release: summary, manifest, boundaries, series. Everything else is trimmed. */
export const PINNED_FILES = new Set([
	'summary.json',
	'manifest.json',
	'alliances-20.topo.json',
	'alliances-21.topo.json',
	'series'
]);

/** `<built time>-<8 hex>` (layout.ts releaseId): a release folder's name. */
const RELEASE_NAME = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

/**
 * The older releases to keep: published before the current one (ids sort by build time; a folder newer than the
 * current one is a killed run's, never served), the newest `keep` of them.
 */
export function keptReleases(names: readonly string[], currentId: string | null, keep = KEPT_RELEASES): string[] {
	if (!currentId) return [];
	return names
		.filter((n) => RELEASE_NAME.test(n) && n < currentId)
		.sort()
		.reverse()
		.slice(0, keep);
}

/** The paths inside a kept release that an embed does not read (to remove). */
export async function trimToPinned(dir: string): Promise<string[]> {
	const entries = await readdir(dir).catch(() => [] as string[]);
	return entries.filter((name) => !PINNED_FILES.has(name)).map((name) => path.join(dir, name));
}
