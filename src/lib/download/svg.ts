/**
 * Standalone SVG downloads: a chart's or map's markup wrapped into a document that carries its own title, a white
 * background and a footer with source, period and licence, so the file still says where it came from when it is
 * shared on its own. Browser-safe and pure (string in, string out).
 */

export interface SvgProvenance {
	source: string;
	period: string;
	licence: string;
	/** Attribution statements the licence asks for (OGL, NDRS ...): printed under the footer line. */
	attribution?: string[];
}

export interface SvgOptions {
	/** Width and height of the chart itself, in px; the document adds a title band above and a footer below. */
	width: number;
	height: number;
	title: string;
}

/** The font stack for text in generated SVG: the app's system stack, then fonts found on Linux servers. */
export const SVG_FONT_FAMILY =
	"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

// Characters XML 1.0 forbids even when escaped: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- these control characters are what the pattern removes
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// Surrogate pairs are kept; a lone surrogate is dropped (no lookbehind: older Safari lacks it).
const SURROGATES = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g;

/** Escapes text for XML text nodes and attribute values (& < > " '), dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
	return text
		.replace(XML_INVALID, '')
		.replace(SURROGATES, (_, pair: string | undefined) => pair ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/**
 * Greedy word wrap for SVG text, which has no wrapping of its own. Widths are estimated from an average glyph width
 * (`charWidth` em; 0.6 suits DejaVu Sans and Arial with some room); a word longer than a line is split.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, charWidth = 0.6): string[] {
	const maxChars = Math.max(1, Math.floor(maxWidth / (fontSize * charWidth)));
	const lines: string[] = [];
	let line = '';
	// A lone dash stays at the end of the line before it ("East of England -" / "North"), never starts a line.
	const words: string[] = [];
	for (const w of text.trim().split(/\s+/)) {
		if (w === '') continue;
		const prev = words[words.length - 1];
		if (/^[-–—]$/.test(w) && prev !== undefined && prev.length + 2 <= maxChars)
			words[words.length - 1] = `${prev} ${w}`;
		else words.push(w);
	}
	for (let word of words) {
		while (word.length > maxChars) {
			if (line) {
				lines.push(line);
				line = '';
			}
			lines.push(word.slice(0, maxChars));
			word = word.slice(maxChars);
		}
		if (!line) line = word;
		else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** `<text>` with one `<tspan>` per line. */
export function textLines(
	lines: string[],
	x: number,
	y: number,
	lineHeight: number,
	attrs: Record<string, string | number>
): string {
	const a = Object.entries(attrs)
		.map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
		.join('');
	const spans = lines
		.map((l, i) => `<tspan x="${round(x)}" y="${round(y + i * lineHeight)}">${escapeXml(l)}</tspan>`)
		.join('');
	return `<text${a}>${spans}</text>`;
}

// Attributes of a start tag, allowing '>' inside quoted values.
const ROOT_SVG = /^<svg\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/i;
const ATTR = /([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

function attributes(source: string): [string, string | null][] {
	const out: [string, string | null][] = [];
	for (const m of source.matchAll(ATTR)) {
		const raw = m[2];
		out.push([m[1]!, raw === undefined ? null : raw.replace(/^["']|["']$/g, '')]);
	}
	return out;
}

/**
 * Places the chart's markup at (0, top), sized width x height. A root `<svg>` keeps its viewBox and other attributes
 * (a viewBox is added from numeric width/height if it had none); a fragment (`<g>`, paths ...) is wrapped in one.
 */
function placeChart(markup: string, top: number, width: number, height: number): string {
	let body = markup
		.trim()
		.replace(/^<\?xml[^>]*\?>\s*/i, '')
		.replace(/^<!DOCTYPE[^>[]*(\[[^\]]*\])?\s*>\s*/i, '')
		.replace(/&nbsp;/g, '&#160;');
	const place = `x="0" y="${round(top)}" width="${round(width)}" height="${round(height)}"`;
	const root = ROOT_SVG.exec(body);
	if (!root) {
		return `<svg ${place} viewBox="0 0 ${round(width)} ${round(height)}" overflow="hidden">${body}</svg>`;
	}
	const attrs = attributes(root[1] ?? '');
	const get = (name: string) => attrs.find(([k]) => k === name)?.[1] ?? null;
	const kept = attrs.filter(([k]) => !['x', 'y', 'width', 'height'].includes(k));
	if (get('viewBox') === null) {
		const w = Number.parseFloat(get('width') ?? '');
		const h = Number.parseFloat(get('height') ?? '');
		const plain = (v: string | null) => v !== null && /^\s*[\d.]+(px)?\s*$/.test(v);
		if (plain(get('width')) && plain(get('height')) && w > 0 && h > 0) kept.push(['viewBox', `0 0 ${w} ${h}`]);
	}
	const attrText = kept.map(([k, v]) => (v === null ? '' : ` ${k}="${v.replace(/"/g, '&quot;')}"`)).join('');
	body = body.slice(root[0].length);
	const selfClosing = root[2] === '/';
	return `<svg ${place}${attrText}>${selfClosing ? '</svg>' : ''}${body}`;
}

/**
 * A standalone SVG document: white background, the title on top, the chart, and a footer with source, period and
 * licence (plus attribution lines when given). Its width is `options.width`; its height is the chart's height plus
 * the title band and the footer. All text is XML-escaped.
 */
export function svgWithProvenance(svgMarkup: string, provenance: SvgProvenance, options: SvgOptions): string {
	const { width, height } = options;
	const margin = 16;
	const inner = Math.max(40, width - 2 * margin);

	const titleSize = 20;
	const titleLead = 26;
	const titleLines = wrapText(options.title, inner, titleSize, 0.62);
	const titleTop = margin + titleSize;
	const chartTop = margin + titleLines.length * titleLead + 8;

	const footSize = 12;
	const footLead = 16;
	const footLines = [
		...wrapText(`Source: ${provenance.source}`, inner, footSize),
		...wrapText(`Period: ${provenance.period} · Licence: ${provenance.licence}`, inner, footSize),
		...(provenance.attribution ?? []).flatMap((a) => wrapText(a, inner, footSize))
	];
	const footTop = chartTop + height + 12;
	const total = footTop + footLines.length * footLead + margin;
	const desc = `Source: ${provenance.source}. Period: ${provenance.period}. Licence: ${provenance.licence}.`;

	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${round(width)}" height="${round(total)}" viewBox="0 0 ${round(width)} ${round(total)}" role="img" font-family="${escapeXml(SVG_FONT_FAMILY)}">`,
		`<title>${escapeXml(options.title)}</title>`,
		`<desc>${escapeXml(desc)}</desc>`,
		`<rect x="0" y="0" width="${round(width)}" height="${round(total)}" fill="#ffffff"/>`,
		textLines(titleLines, margin, titleTop, titleLead, { 'font-size': titleSize, 'font-weight': 700, fill: '#0b0c0c' }),
		placeChart(svgMarkup, chartTop, width, height),
		`<line x1="${margin}" x2="${round(width - margin)}" y1="${round(footTop - 6)}" y2="${round(footTop - 6)}" stroke="#b1b4b6" stroke-width="1"/>`,
		textLines(footLines, margin, footTop + footSize, footLead, { 'font-size': footSize, fill: '#505a5f' }),
		'</svg>',
		''
	].join('\n');
}
