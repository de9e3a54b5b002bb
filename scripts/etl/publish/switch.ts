/**
 * Publishing a staged release, in an order that a `kill -9` at any point cannot spoil: the complete folder is
 * renamed in, then the pointer is replaced in one rename, then the database, then its stamp. Until the pointer moves,
 * the previous release is served; after, the new one, whole. Whatever is left over (a staging folder, an orphaned
 * release, a stale database stamp) is cleared by the next run (`tidyReleases` and the stamp check).
 */
import { lstat, mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { killPoint } from './kill-point';
import type { Layout } from './layout';
import { SHARED_DIR } from './shared';
import { keptReleases, trimToPinned } from './pinned';

/** Replace the link at `at` with one to `target`, made beside `scratchDir` first (never inside static/). */
async function replaceLink(at: string, target: string, scratchDir: string): Promise<void> {
	const tmp = path.join(scratchDir, `.link-${process.pid}`);
	await rm(tmp, { force: true });
	await symlink(target, tmp);
	await rename(tmp, at);
}

/** static/data must be a link to releases/current; a real folder there (the layout before releases) is moved out. */
export async function ensureOutLink(layout: Layout): Promise<void> {
	const target = path.relative(path.dirname(layout.outDir), layout.current);
	let stats;
	try {
		stats = await lstat(layout.outDir);
	} catch {
		await mkdir(path.dirname(layout.outDir), { recursive: true });
		await replaceLink(layout.outDir, target, layout.releasesDir);
		return;
	}
	if (stats.isSymbolicLink()) {
		if ((await readlink(layout.outDir)) !== target) await replaceLink(layout.outDir, target, layout.releasesDir);
		return;
	}
	// One-time move from the old layout: the old exports go to the releases folder, to be tidied away.
	await rename(layout.outDir, path.join(layout.releasesDir, `.legacy-${process.pid}`));
	await replaceLink(layout.outDir, target, layout.releasesDir);
}

export async function publishRelease(
	layout: Layout,
	staged: string,
	id: string,
	db: { staged: string; target: string; stamp: string }
): Promise<void> {
	killPoint('validated');
	await rename(staged, path.join(layout.releasesDir, id));
	killPoint('renamed');
	await replaceLink(layout.current, id, layout.releasesDir);
	await ensureOutLink(layout);
	killPoint('switched');
	await rename(db.staged, db.target);
	killPoint('database');
	await writeFile(`${db.target}.stamp.tmp-${process.pid}`, db.stamp);
	await rename(`${db.target}.stamp.tmp-${process.pid}`, `${db.target}.stamp`);
	await tidyReleases(layout, true);
}

/**
 * Remove everything in the releases folder that the current release does not use: releases a killed run renamed in
 * but never switched to, staging folders, shared folders no release links to, and older releases beyond the last
 * KEPT_RELEASES. Those last few older releases stay, trimmed to the small files an embed pinned to them reads
 * (pinned.ts), so an embed made with "this release" keeps working after the next monthly update (issue 16).
 */
export async function tidyReleases(layout: Layout, afterPublish = false): Promise<string[]> {
	let currentId: string | null = null;
	try {
		currentId = await readlink(layout.current);
	} catch {
		// no release yet: nothing is in use
	}
	const used = new Set<string>();
	if (currentId) {
		for (const entry of await readdir(path.join(layout.releasesDir, currentId), { withFileTypes: true }).catch(
			() => []
		)) {
			if (entry.isSymbolicLink())
				used.add(path.basename(await readlink(path.join(layout.releasesDir, currentId, entry.name))));
		}
	}
	const removed: string[] = [];
	const remove = async (p: string) => {
		await rm(p, { recursive: true, force: true });
		removed.push(p);
		if (afterPublish && removed.length === 1) killPoint('cleanup');
	};
	const names = await readdir(layout.releasesDir).catch(() => [] as string[]);
	const kept = new Set(keptReleases(names, currentId));
	for (const name of names) {
		if (name === 'current' || name === '.lock' || name === SHARED_DIR || name === currentId) continue;
		if (kept.has(name)) {
			for (const file of await trimToPinned(path.join(layout.releasesDir, name))) await remove(file);
			continue;
		}
		await remove(path.join(layout.releasesDir, name));
	}
	const shared = path.join(layout.releasesDir, SHARED_DIR);
	for (const name of await readdir(shared).catch(() => [] as string[])) {
		if (!used.has(name)) await remove(path.join(shared, name));
	}
	return removed;
}

/** Leftovers of the layout before releases, and of killed database swaps: `.data-staging-*`, `*.old-*`, `*.staging-*`. */
export async function removeLegacyLeftovers(outDir: string, dbPath: string): Promise<string[]> {
	const removed: string[] = [];
	const sweep = async (dir: string, match: (name: string) => boolean) => {
		for (const name of await readdir(dir).catch(() => [] as string[])) {
			if (!match(name)) continue;
			await rm(path.join(dir, name), { recursive: true, force: true });
			removed.push(path.join(dir, name));
		}
	};
	const out = path.basename(outDir);
	await sweep(path.dirname(outDir), (n) => n.startsWith(`.${out}-staging-`) || n.startsWith(`${out}.old-`));
	const db = path.basename(dbPath);
	await sweep(
		path.dirname(dbPath),
		(n) => n.startsWith(`${db}.staging-`) || n.startsWith(`${db}.old-`) || n.startsWith(`${db}.stamp.tmp-`)
	);
	return removed;
}
