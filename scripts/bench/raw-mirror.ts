/**
 * A copy of the raw folder for a test or the bench: every file a symlink to the real one, except the files the test replaces
 * (written as real files) or removes. Bad or changed inputs are made this way, never by editing the raw folder.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RAW = path.resolve(process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw'));

export function mirrorRaw(
	root: string,
	replace: Record<string, Uint8Array | string> = {},
	remove: readonly string[] = []
): string {
	const walk = (rel: string) => {
		for (const entry of readdirSync(path.join(RAW, rel), { withFileTypes: true })) {
			const child = path.join(rel, entry.name);
			if (entry.isDirectory()) {
				mkdirSync(path.join(root, child), { recursive: true });
				walk(child);
			} else if (!(child in replace) && !remove.includes(child)) {
				symlinkSync(path.join(RAW, child), path.join(root, child));
			}
		}
	};
	mkdirSync(root, { recursive: true });
	walk('');
	for (const [rel, data] of Object.entries(replace)) writeFileSync(path.join(root, rel), data);
	return root;
}
