import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export async function sha256File(file: string): Promise<string> {
	return sha256(await readFile(file));
}

export function sha256(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}
