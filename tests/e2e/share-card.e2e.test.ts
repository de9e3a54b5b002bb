/** Preview cards of shared views (issue 16): a shared home view's og:image is its own measure's card. */
import { describe, expect, inject, it } from 'vitest';

const base = () => inject('baseUrl');

/** The og:image of a page, fetched from the test's server (adapter-node writes https:// without ORIGIN). */
async function ogImage(path: string): Promise<{ url: URL; png: Response }> {
	const html = await (await fetch(base() + path)).text();
	const content = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
	expect(content, `og:image on ${path}`).toBeTruthy();
	const url = new URL(content!);
	return { url, png: await fetch(base() + url.pathname + url.search) };
}

const size = async (png: Response) => {
	const bytes = new Uint8Array(await png.arrayBuffer());
	const view = new DataView(bytes.buffer);
	return {
		signature: String.fromCharCode(...bytes.subarray(1, 4)),
		width: view.getUint32(16),
		height: view.getUint32(20)
	};
};

describe('a shared home view', () => {
	it('has its own title and card: the measure, period and area it shows', async () => {
		const html = await (await fetch(base() + '/?i=cwt62_breast&p=2025-08&a=E56000011')).text();
		expect(html).toContain(
			'<meta property="og:title" content="Kent and Medway: Treated within 62 days of referral: breast cancer, August 2025, by Cancer Alliance"'
		);
		const shared = await ogImage('/?i=cwt62_breast&p=2025-08&a=E56000011');
		expect(Object.fromEntries(shared.url.searchParams)).toEqual({ i: 'cwt62_breast', p: '2025-08', a: 'E56000011' });
		expect(shared.png.headers.get('content-type')).toBe('image/png');
		await expect(size(shared.png)).resolves.toEqual({ signature: 'PNG', width: 1200, height: 630 });

		// The default view's card is another image; asking again for the same view is answered from the cache.
		const plain = await ogImage('/');
		expect(plain.url.search).toBe('');
		const again = await fetch(base() + shared.url.pathname + shared.url.search);
		expect(again.headers.get('x-card-cache')).toBe('hit');
		const [a, b] = [await again.arrayBuffer(), await plain.png.arrayBuffer()];
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
	});

	it('an area page shared on one measure has that measure’s card', async () => {
		const shared = await ogImage('/area/E56000011?i=cwt62_breast');
		expect(shared.url.pathname).toBe('/card.png');
		expect(Object.fromEntries(shared.url.searchParams)).toEqual({ a: 'E56000011', i: 'cwt62_breast' });
		await expect(size(shared.png)).resolves.toEqual({ signature: 'PNG', width: 1200, height: 630 });
		const plain = await ogImage('/area/E56000011');
		expect(plain.url.pathname).toBe('/area/E56000011/card.png');
		const page = await (await fetch(base() + '/area/E56000011?i=cwt62_breast')).text();
		expect(page).toContain('<h1>How Kent and Medway compares</h1>');
	});
});
