/**
 * Builds that never pull the floor from under a running server. Each `vite build` writes a new folder
 * `builds/<id>/`, then `build` (a symlink) is switched to it in one rename, so `node build` starts the new one while a
 * server already running keeps its own folder (Node resolved the link when it started) and every asset its pages
 * ask for. Old folders are pruned, but never one a live server uses: each server notes its process id in
 * `builds/<id>/.servers/` (scripts/serve/serve-guard.ts). Plain JavaScript: svelte.config.js loads it without a
 * compiler.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** Where each build's server notes its process id while it runs. */
export const SERVERS_DIR = '.servers';
/** Builds kept besides those in use: the current one and the one before (for a quick switch back). */
export const KEEP = 2;

/**
 * A new folder name that sorts by time: 2026-12-06T19-55-01-123Z-4242.
 * @param {Date} [now]
 * @param {number} [pid]
 */
export function newBuildId(now = new Date(), pid = process.pid) {
	return `${now.toISOString().replace(/[:.]/g, '-')}-${pid}`;
}

/**
 * Whether process `pid` is alive (EPERM: alive, but another user's).
 * @param {number} pid
 */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * The process ids of the live servers running from `folder`.
 * @param {string} folder
 * @returns {number[]}
 */
export function liveServers(folder) {
	const dir = path.join(folder, SERVERS_DIR);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.map(Number)
		.filter((pid) => Number.isInteger(pid) && pid > 0 && alive(pid));
}

/**
 * Points `link` (e.g. "build") at `target` (e.g. "builds/<id>") in one step: a new symlink renamed over the old
 * one, so there is no moment without a `build`. A `link` that is still a real folder (from before builds/) is moved
 * into builds/ first, once.
 * @param {string} link
 * @param {string} target
 */
export function switchTo(link, target) {
	const linkPath = path.resolve(link);
	const targetPath = path.resolve(target);
	const existing = lstatSync(linkPath, { throwIfNoEntry: false });
	if (existing?.isDirectory()) {
		renameSync(linkPath, path.join(path.dirname(targetPath), `${newBuildId()}-legacy`));
	}
	const temporary = `${linkPath}.next-${process.pid}`;
	rmSync(temporary, { force: true });
	symlinkSync(path.relative(path.dirname(linkPath), targetPath), temporary, 'dir');
	renameSync(temporary, linkPath);
}

/**
 * Deletes the folders in `root` (e.g. "builds") beyond the newest `keep`, except `current` and any a live server
 * uses. Returns the names deleted.
 * @param {string} root
 * @param {string} current
 * @param {number} [keep]
 * @returns {string[]}
 */
export function prune(root, current, keep = KEEP) {
	if (!existsSync(root)) return [];
	const names = readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name)
		.sort()
		.reverse();
	/** @type {string[]} */
	const removed = [];
	for (const name of names.slice(keep)) {
		const folder = path.join(root, name);
		if (path.resolve(folder) === path.resolve(current) || liveServers(folder).length > 0) continue;
		rmSync(folder, { recursive: true, force: true });
		removed.push(name);
	}
	return removed;
}

/**
 * Makes `dir` exist (the builds root).
 * @param {string} dir
 */
export function ensureDir(dir) {
	mkdirSync(dir, { recursive: true });
}
