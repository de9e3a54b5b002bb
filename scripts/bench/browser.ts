/** The Chromium every bench section drives: the one the e2e tests find, with no background traffic to skew timings. */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../chromium/find';

export function launchBenchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run'
		]
	});
}
