/** A hash of the ETL's own code: a rebuild is needed when the code changes, even if the inputs did not. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './hash';

const CODE_DIRS = [
	'scripts/etl',
	'src/lib/data',
	'src/lib/formats',
	'src/lib/stats',
	'src/lib/mp',
	'src/lib/postcode',
	'src/lib/screening'
];

export async function codeHash(root: string): Promise<string> {
	const parts: string[] = [];
	for (const dir of CODE_DIRS) {
		const entries = await readdir(path.join(root, dir), { recursive: true });
		for (const rel of entries.filter((e) => /\.(ts|mjs)$/.test(e) && !e.endsWith('.test.ts')).sort()) {
			parts.push(`${dir}/${rel}:${sha256(await readFile(path.join(root, dir, rel)))}`);
		}
	}
	return sha256(parts.join('\n'));
}
