/**
 * Large folders that change rarely (the postcode indexes, 2.4 MB in 240 files) are not copied into every release:
 * each is written once to releases/shared/<folder>-<key>, where the key is a hash of everything it is built from,
 * and each release links to it (`postcode-index -> ../shared/postcode-index-<key>`). A rebuild that changes no
 * postcode input writes nothing here; git stores each version once.
 */
import { mkdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SHARED_DIR = 'shared';

async function exists(p: string): Promise<boolean> {
	try {
		await stat(p);
		return true;
	} catch {
		return false;
	}
}

/**
 * Put `files` (path relative to the release -> content) into the staged release: files inside a top-level folder go
 * to the shared store and the folder becomes a link; top-level files are written into the release itself.
 */
export async function stageShared(
	releasesDir: string,
	staging: string,
	files: Record<string, string>,
	key: string
): Promise<string[]> {
	const folders = new Map<string, [string, string][]>();
	for (const [rel, content] of Object.entries(files)) {
		const [top, ...rest] = rel.split('/');
		if (rest.length === 0) {
			await writeFile(path.join(staging, rel), content);
			continue;
		}
		const list = folders.get(top!) ?? [];
		list.push([rest.join('/'), content]);
		folders.set(top!, list);
	}
	const linked: string[] = [];
	for (const [folder, entries] of folders) {
		const name = `${folder}-${key.slice(0, 16)}`;
		const target = path.join(releasesDir, SHARED_DIR, name);
		if (!(await exists(target))) {
			// Written beside the store and renamed in whole, so a shared folder is complete or absent.
			const tmp = path.join(releasesDir, `.shared-${process.pid}-${folder}`);
			await rm(tmp, { recursive: true, force: true });
			for (const [rel, content] of entries) {
				await mkdir(path.dirname(path.join(tmp, rel)), { recursive: true });
				await writeFile(path.join(tmp, rel), content);
			}
			await mkdir(path.dirname(target), { recursive: true });
			await rename(tmp, target);
		}
		await symlink(path.posix.join('..', SHARED_DIR, name), path.join(staging, folder));
		linked.push(folder);
	}
	return linked;
}
