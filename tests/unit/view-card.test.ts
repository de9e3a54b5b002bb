/** Preview cards of shared views (src/lib/server/view-card.ts), on the committed exports. */
import { describe, expect, it } from 'vitest';
import { cardHref, cardView, viewCardPng, viewCardSvg } from '../../src/lib/server/view-card';

const view = (q: string) => cardView(new URLSearchParams(q));
/** The card's words as read, lines joined (the SVG wraps them into tspans). */
const words = (svg: string) => svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a shared view’s card', () => {
	it('shows an area’s figure for the view’s own measure and period', () => {
		// NHS England CWT, September 2025, commissioner basis: Kent and Medway 62.0% against England's 68.0% on 62 days.
		const svg = words(viewCardSvg(view('i=cwt62_breast&a=E56000011')));
		expect(svg).toContain('62.0% against 68.0% in England');
		expect(svg).toContain('Treated within 62 days of referral: breast cancer, September 2025');
		expect(svg).toContain('similar to England');
		expect(svg).toContain('Period September 2025');
	});

	it('shows England and the whole map when no area is chosen', () => {
		// August 2025: England 69.4%; 3 alliances better, 16 similar, 1 worse.
		const raw = viewCardSvg(view('i=cwt62_breast&p=2025-08'));
		const svg = words(raw);
		expect(svg).toContain('England 69.4%. Of 20 alliances');
		expect(svg).toContain('3 better, 16 similar, 1 worse than England');
		expect((raw.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(20);
	});

	it('is cached by its parameters, equal views sharing one card', () => {
		const a = view('i=cwt62_breast&a=E56000011&c=emails');
		const b = view('a=E56000011&i=cwt62_breast');
		expect(cardHref(a)).toBe(cardHref(b));
		const first = viewCardPng(a);
		const second = viewCardPng(b);
		expect(first.cached).toBe(false);
		expect(second.cached).toBe(true);
		expect(second.png).toBe(first.png);
		expect(Buffer.from(first.png.subarray(1, 4)).toString()).toBe('PNG');
	});
});
