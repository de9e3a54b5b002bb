/**
 * Run before any test (`npm test`): makes sure a Chromium is there for the end-to-end tests. Found (see find.ts):
 * nothing to do. Missing, as root with apt-get: installs Debian's package. Otherwise: one line saying what to install,
 * and exit code 1, before any test has run.
 */
import { execFileSync } from 'node:child_process';
import { findChromium, MISSING_CHROMIUM } from './find';

function canInstall(): boolean {
	if (process.getuid?.() !== 0 || process.env.CHROMIUM_PATH) return false;
	try {
		execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

let found = findChromium();
if (!found && canInstall()) {
	console.error(
		"Chromium is missing: installing Debian's package (apt-get install chromium) for the end-to-end tests."
	);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
	} catch {
		// Reported below as missing.
	}
	found = findChromium();
}
if (!found) {
	console.error(MISSING_CHROMIUM);
	process.exit(1);
}
