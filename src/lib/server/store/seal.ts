/**
 * Personal data at rest: each pending letter (and each queued email) is sealed with AES-256-GCM under its own random
 * key, kept in its own small table. Deleting the key (on use, expiry or a deletion request) leaves only ciphertext in
 * the big tables and their WAL, which nothing can read again; the key table is small enough to rewrite (scrub).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Sealed {
	key: Buffer;
	box: Buffer;
}

/** JSON sealed under a fresh key: box = 12-byte IV, 16-byte tag, ciphertext. */
export function seal(value: unknown): Sealed {
	const key = randomBytes(32);
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const text = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return { key, box: Buffer.concat([iv, cipher.getAuthTag(), text]) };
}

export function unseal<T>(box: Buffer, key: Buffer): T {
	const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
	decipher.setAuthTag(box.subarray(12, 28));
	return JSON.parse(Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]).toString('utf8')) as T;
}
