/** An area page shared on one measure gets that measure's card (share-view.js, used by server.js). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedAreaView, withViewCard } from '../../share-view.js';

describe('an area page shared on one measure', () => {
	it('is recognised only for a GET of an alliance page with a well-formed measure', () => {
		expect(sharedAreaView('GET', '/area/E56000011?i=cwt62_breast')).toEqual({
			code: 'E56000011',
			measure: 'cwt62_breast'
		});
		expect(sharedAreaView('GET', '/area/E56000011')).toBeNull();
		expect(sharedAreaView('POST', '/area/E56000011?i=cwt62_breast')).toBeNull();
		expect(sharedAreaView('GET', '/area/E56000011/card.png?i=cwt62_breast')).toBeNull();
		expect(sharedAreaView('GET', '/area/E56000011?i=%22%3E%3Cscript%3E')).toBeNull();
		expect(sharedAreaView('GET', '/?i=cwt62_breast')).toBeNull();
	});

	it('points og:image and twitter:image at the view’s card and changes nothing else', () => {
		const html =
			'<meta property="og:image" content="http://localhost:3000/area/E56000011/card.png" />' +
			'<meta name="twitter:image" content="http://localhost:3000/area/E56000011/card.png" /><p>/area/E56000011</p>';
		expect(withViewCard(html, { code: 'E56000011', measure: 'cwt62_breast' })).toBe(
			'<meta property="og:image" content="http://localhost:3000/card.png?a=E56000011&amp;i=cwt62_breast" />' +
				'<meta name="twitter:image" content="http://localhost:3000/card.png?a=E56000011&amp;i=cwt62_breast" /><p>/area/E56000011</p>'
		);
	});

	it('finds the card addresses in the area page as the app renders it', () => {
		const page = readFileSync(new URL('../../src/routes/area/[code]/+page.svelte', import.meta.url), 'utf8');
		// The page writes its card as `${origin}/area/${code}/card.png` into og:image and twitter:image.
		expect(page).toContain('/area/${area.code}/card.png');
		expect(page).toMatch(/property="og:image" content=\{card\}/);
		expect(page).toMatch(/name="twitter:image" content=\{card\}/);
	});
});
