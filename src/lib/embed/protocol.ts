/**
 * How an embed tells the page around it how tall it is, so the host can size the <iframe> and no scroll bar shows.
 * Our own small protocol rather than @iframe-resizer/child (GPL-3.0 since version 5, and 10 KB of script for what
 * is one message): after every change of size the embed posts
 *
 *   { type: 'bcpl-embed-size', height: <CSS pixels, whole>, url: <the embed's own address> }
 *
 * to its parent window (SIZE_SCRIPT, in the embed's one script file, /embed/embed.js), and the host's snippet (HOST_SCRIPT, given with every "Embed this" code) sets the height of
 * the <iframe> whose window sent it. A height is not a secret, so the message goes to any parent ('*'). Pure and
 * browser-safe.
 */
export const SIZE_MESSAGE = 'bcpl-embed-size';

export interface SizeMessage {
	type: typeof SIZE_MESSAGE;
	height: number;
	url: string;
}

export function sizeMessage(height: number, url: string): SizeMessage {
	return { type: SIZE_MESSAGE, height: Math.ceil(height), url };
}

export function isSizeMessage(data: unknown): data is SizeMessage {
	const d = data as Partial<SizeMessage> | null;
	return (
		typeof d === 'object' &&
		d !== null &&
		d.type === SIZE_MESSAGE &&
		typeof d.height === 'number' &&
		Number.isFinite(d.height) &&
		d.height > 0
	);
}

/**
 * The host page's half, as one line of plain script (no library): any number of our embeds on a page, each sized by
 * the messages from its own window. The height is capped, so a broken embed cannot take over the host page.
 */
export const HOST_SCRIPT =
	`<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="${SIZE_MESSAGE}"||!(d.height>0))return;` +
	`var f=document.getElementsByTagName("iframe");for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source)` +
	`f[i].style.height=Math.min(d.height,5000)+"px"});</script>`;

/**
 * The embed's half, as plain script (embeds ship no JavaScript bundle: they stay under 60 KB before the map shows).
 * It posts the height on load and after every change of size, only when framed.
 */
export const SIZE_SCRIPT =
	`(function(){if(window.parent===window)return;var last=0;function send(){` +
	`var h=Math.ceil(document.documentElement.getBoundingClientRect().height);if(h===last)return;last=h;` +
	`window.parent.postMessage({type:"${SIZE_MESSAGE}",height:h,url:location.href},"*")}` +
	`if(window.ResizeObserver)new ResizeObserver(send).observe(document.documentElement);` +
	`addEventListener("load",send);send()})();`;

/**
 * A click on an area of an embedded map opens the same view with that area chosen, or unchosen if it was (the table
 * of links below the map does the same by keyboard).
 */
export const MAP_CLICK_SCRIPT =
	`document.addEventListener("click",function(e){var p=e.target.closest&&e.target.closest("path[data-code]");` +
	`if(!p)return;var u=new URL(location.href);if(u.searchParams.get("a")===p.getAttribute("data-code"))` +
	`u.searchParams.delete("a");else u.searchParams.set("a",p.getAttribute("data-code"));location.assign(u.href)});`;

/**
 * The embeds' one script file (/embed/embed.js): a file rather than inline, so the pages' Content-Security-Policy
 * (script-src 'self' and SvelteKit's own nonce or hash) allows it without an exception.
 */
export const EMBED_SCRIPT = `${SIZE_SCRIPT}\n${MAP_CLICK_SCRIPT}\n`;
