/** A release is whole when every file its datapackage.json lists has the bytes and SHA-256 listed there. */
import { readFile, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { DataPackage } from '../../../src/lib/data/package';
import { sha256 } from '../hash';

/** Null when the release at `dir` is whole; otherwise what is wrong with it. */
export async function releaseProblem(dir: string): Promise<string | null> {
	let pkg: DataPackage;
	try {
		pkg = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
	} catch {
		return 'datapackage.json is missing or unreadable';
	}
	for (const entry of pkg.release?.integrity ?? []) {
		let data: Buffer;
		try {
			data = await readFile(path.join(dir, entry.path));
		} catch {
			return `${entry.path} is missing`;
		}
		if (data.length !== entry.bytes || sha256(data) !== entry.sha256)
			return `${entry.path} differs from datapackage.json`;
	}
	for (const link of pkg.release?.shared ?? []) {
		try {
			const files = await readdir(await realpath(path.join(dir, link.path)));
			if (files.length !== link.files) return `${link.path} has ${files.length} files, not ${link.files}`;
		} catch {
			return `${link.path} is missing`;
		}
	}
	return null;
}
