/** The "Embed this" code and the height messages (src/lib/embed). */
import { describe, expect, it } from 'vitest';
import { embedCode, embedUrl, type EmbedTarget } from '../../src/lib/embed/code';
import { HOST_SCRIPT, isSizeMessage, sizeMessage } from '../../src/lib/embed/protocol';
import manifest from '../../static/data/manifest.json';

const target: EmbedTarget = {
	origin: 'https://example.org',
	path: '/embed/map',
	query: 'i=cwt62_breast&a=E56000011&release=20200101T000000Z-00000000',
	releaseId: manifest.release.id,
	title: 'Treated within 62 days of referral: breast cancer, September 2025, by Cancer Alliance',
	height: 760
};

describe('embed code', () => {
	it('points at the latest data, or pins the release the page was made from', () => {
		expect(embedUrl(target, 'latest')).toBe('https://example.org/embed/map?i=cwt62_breast&a=E56000011');
		expect(embedUrl(target, 'release')).toBe(
			`https://example.org/embed/map?i=cwt62_breast&a=E56000011&release=${manifest.release.id}`
		);
		expect(embedUrl({ ...target, query: '' }, 'latest')).toBe('https://example.org/embed/map');
	});

	it('is an iframe with a title and the host script, its attributes escaped', () => {
		const code = embedCode({ ...target, title: 'A "quoted" <title> & more' }, 'release');
		expect(code).toMatch(
			/^<iframe src="https:\/\/example\.org\/embed\/map\?i=cwt62_breast&amp;a=E56000011&amp;release=/
		);
		expect(code).toContain('title="A &quot;quoted&quot; &lt;title&gt; &amp; more"');
		expect(code).toContain('height="760"');
		expect(code.endsWith(HOST_SCRIPT)).toBe(true);
	});
});

describe('height messages', () => {
	it('are whole pixels, and only well-formed ones are taken', () => {
		const m = sizeMessage(812.2, 'https://example.org/embed/map');
		expect(m).toEqual({ type: 'bcpl-embed-size', height: 813, url: 'https://example.org/embed/map' });
		expect(isSizeMessage(m)).toBe(true);
		expect(isSizeMessage({ type: 'bcpl-embed-size', height: -1 })).toBe(false);
		expect(isSizeMessage({ type: 'other', height: 300 })).toBe(false);
		expect(isSizeMessage(null)).toBe(false);
		expect(isSizeMessage('bcpl-embed-size')).toBe(false);
	});

	it('size only the frame that sent them, capped (the host script run on a page with two frames)', () => {
		const frames = [
			{ contentWindow: {}, style: { height: '' } },
			{ contentWindow: {}, style: { height: '' } }
		];
		const listeners: ((e: { data: unknown; source: unknown }) => void)[] = [];
		const script = HOST_SCRIPT.replace(/^<script>|<\/script>$/g, '');
		new Function('addEventListener', 'document', script)(
			(_: string, f: (e: { data: unknown; source: unknown }) => void) => listeners.push(f),
			{ getElementsByTagName: () => frames }
		);
		listeners[0]!({ data: sizeMessage(640, 'x'), source: frames[1]!.contentWindow });
		listeners[0]!({ data: { type: 'other', height: 10 }, source: frames[0]!.contentWindow });
		expect(frames.map((f) => f.style.height)).toEqual(['', '640px']);
		listeners[0]!({ data: sizeMessage(99999, 'x'), source: frames[0]!.contentWindow });
		expect(frames[0]!.style.height).toBe('5000px');
	});
});
