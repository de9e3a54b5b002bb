/**
 * Where Debian's Chromium is, for the end-to-end tests and the bench: CHROMIUM_PATH if set, then /usr/bin/chromium,
 * then `chromium` on the PATH. Null when there is none.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function executable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
	if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
	if (executable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
	for (const dir of (env.PATH ?? '').split(path.delimiter)) {
		if (dir && executable(path.join(dir, 'chromium'))) return path.join(dir, 'chromium');
	}
	return null;
}

/** The Chromium to launch: found, or a clear error naming what to install. */
export function chromiumPath(): string {
	const found = findChromium();
	if (!found) throw new Error(MISSING_CHROMIUM);
	return found;
}

export const MISSING_CHROMIUM =
	"The end-to-end tests and the bench need Chromium: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.";
