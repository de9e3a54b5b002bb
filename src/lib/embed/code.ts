/**
 * The <iframe> code the "Embed this" box gives: the view's address under /embed/, either always the latest data or
 * pinned to the release it was made from (`release=<id>`), with a title for screen readers and the host script that
 * sizes it (protocol.ts). Pure, so the box and its tests build the same string.
 */
import { HOST_SCRIPT } from './protocol';

export type EmbedChoice = 'latest' | 'release';

export interface EmbedTarget {
	/** The site's address, e.g. https://example.org (no trailing slash). */
	origin: string;
	/** The embed's path, e.g. /embed/map or /embed/area/E56000011. */
	path: string;
	/** The view's own query (without `release`), e.g. i=cwt62_breast&a=E56000011; '' for the default view. */
	query: string;
	/** The release the page's figures come from. */
	releaseId: string;
	/** What the frame shows, for its title attribute. */
	title: string;
	/** A first height before the embed reports its own (CSS pixels). */
	height: number;
}

/** The embed's address for a choice: the latest data, or pinned to this release. */
export function embedUrl(target: EmbedTarget, choice: EmbedChoice): string {
	const params = new URLSearchParams(target.query);
	params.delete('release');
	if (choice === 'release') params.set('release', target.releaseId);
	const q = params.toString();
	return `${target.origin}${target.path}${q ? `?${q}` : ''}`;
}

const attr = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The code to paste into a web page. */
export function embedCode(target: EmbedTarget, choice: EmbedChoice): string {
	return (
		`<iframe src="${attr(embedUrl(target, choice))}" title="${attr(target.title)}" ` +
		`width="100%" height="${Math.round(target.height)}" style="border:0;max-width:100%" loading="lazy"></iframe>\n` +
		HOST_SCRIPT
	);
}
