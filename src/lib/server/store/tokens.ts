/** The store's link tokens: unguessable, and kept only as hashes (a stolen database holds no working link). */
import { createHash, randomBytes } from 'node:crypto';

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The shape of a token: anything else is unknown without asking the database. */
export function isTokenShaped(token: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(token);
}
