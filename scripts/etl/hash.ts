import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';

export async function sha256File(file: string): Promise<string> {
	return sha256(await readFile(file));
}

export function sha256(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

type StatCache = Record<string, { size: number; mtimeMs: number; sha256: string }>;

/**
 * Content hashes of many files, reusing a remembered hash when a file's size and modification time are unchanged
 * (as git's index does), so a no-op rebuild does not re-read 200 MB of inputs.
 */
export async function hashFiles(files: string[], cacheFile: string): Promise<string[]> {
	let cache: StatCache = {};
	try {
		cache = JSON.parse(await readFile(cacheFile, 'utf8')) as StatCache;
	} catch {
		// first run, or the cache was removed: hash everything
	}
	const next: StatCache = {};
	const hashes = await Promise.all(
		files.map(async (file) => {
			const { size, mtimeMs } = await stat(file);
			const known = cache[file];
			const hash = known && known.size === size && known.mtimeMs === mtimeMs ? known.sha256 : await sha256File(file);
			next[file] = { size, mtimeMs, sha256: hash };
			return hash;
		})
	);
	await writeFile(cacheFile, JSON.stringify(next));
	return hashes;
}
