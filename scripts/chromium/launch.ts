/**
 * Debian's Chromium driven by playwright-core, as every bench section and end-to-end test drives it: the one
 * chromiumPath() finds, with no background traffic (sync, updates, first-run pages) to skew timings or tests.
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './find';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}
