/**
 * Derivations that change rarely (geography, the postcode index) kept on disk by a key made of their inputs' hashes
 * and the ETL's code, like the parse cache: a run after a new monthly file reuses them and saves most of its time.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../hash';

export type StageCache = <T>(name: string, key: string, compute: () => Promise<T> | T) => Promise<T>;

/** `key` parts are joined and hashed; `compute` runs only when no result is stored under that hash. */
export function stageCache(cacheDir: string): StageCache {
	return async (name, key, compute) => {
		const file = path.join(cacheDir, `stage-${name}-${sha256(key).slice(0, 24)}.json`);
		try {
			return JSON.parse(await readFile(file, 'utf8'));
		} catch {
			// not built yet for these inputs
		}
		const value = await compute();
		await mkdir(cacheDir, { recursive: true });
		await writeFile(`${file}.tmp-${process.pid}`, JSON.stringify(value));
		await rename(`${file}.tmp-${process.pid}`, file);
		return value;
	};
}

/** A cache that stores nothing (tests of the derivations themselves). */
export const noStageCache: StageCache = async (_name, _key, compute) => compute();
