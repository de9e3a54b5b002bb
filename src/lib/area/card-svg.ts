/**
 * The Open Graph preview card of an area page (1200 x 630): the alliance's shape on the left in the accent colour,
 * its neighbours and a small England locator for context; on the right the area's name, one headline figure and a
 * short detail line; a footer with source, period and licence. Pure: path strings in, SVG text out (the endpoint
 * `area/[code]/card.png` projects the shapes and renders the PNG).
 */
import { OGL_V3 } from '../data/attribution';
import type { Comparison } from '../data/contract';
import { ENGLAND_CODE } from '../data/contract';
import { figureAt, type Series } from '../data/series';
import { SVG_FONT_FAMILY, escapeXml, textLines, wrapText } from '../download/svg';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Where the area's shape goes: project it to fit width x height (its path starts at 0,0), the card moves it here. */
export const CARD_SHAPE_BOX = { x: 40, y: 48, width: 400, height: 456 } as const;
/** The England locator, drawn over the bottom-left corner of the map panel. */
export const CARD_LOCATOR_BOX = { x: 24, y: 404, width: 84, height: 104 } as const;

const ACCENT = '#6b2c91';
const TEXT = '#0b0c0c';
const MUTED = '#505a5f';
const BORDER = '#b1b4b6';
const SOFT = '#f3f2f1';
const PANEL_WIDTH = 480;
const FOOTER_TOP = 552;

export interface CardInput {
	areaName: string;
	/** SVG path data of the area, fitted to CARD_SHAPE_BOX's width and height. */
	shapePath: string;
	/** E.g. "83.4% told within 28 days, against 84.8% in England". */
	headline: string;
	/** E.g. "Urgent referrals for suspected breast cancer, September 2025: worse than England". */
	detail: string;
	/** E.g. "September 2025". */
	period: string;
	/** E.g. "NHS England, Cancer Waiting Times". */
	source: string;
	/** Neighbouring areas in the same projection as shapePath (drawn grey, clipped to the map panel). */
	contextPath?: string;
	/** England and the area projected into CARD_LOCATOR_BOX's width and height; `dot` marks a small area. */
	locator?: { england: string; area: string; dot?: [number, number] | null };
	/** A whole map instead of one shape (a shared home view's card): paths in a width x height box, each its own fill. */
	map?: { shapes: { d: string; fill: string }[]; width: number; height: number };
}

/** "Source: … · Period … · Open Government Licence v3.0" */
export function cardFooter(source: string, period: string): string {
	return `Source: ${source} · Period ${period} · ${OGL_V3}`;
}

interface Block {
	lines: string[];
	size: number;
	lead: number;
	gapBefore: number;
	attrs: Record<string, string | number>;
}

/** Lays out the right-hand text column, shrinking all sizes together until it fits above the footer. */
function textColumn(input: CardInput, x: number, top: number, bottom: number, width: number): string {
	for (const scale of [1, 0.92, 0.84, 0.76, 0.68, 0.6]) {
		const block = (
			text: string,
			size: number,
			leadRatio: number,
			gap: number,
			attrs: Block['attrs'],
			charWidth = 0.6
		): Block => {
			const s = Math.round(size * scale);
			return {
				lines: wrapText(text, width, s, charWidth),
				size: s,
				lead: Math.round(s * leadRatio),
				gapBefore: Math.round(gap * scale),
				attrs: { ...attrs, 'font-size': s }
			};
		};
		const blocks: Block[] = [
			block('Breast cancer care where you live', 24, 1.25, 0, { fill: ACCENT, 'font-weight': 700 }, 0.62),
			block(input.areaName, 58, 1.12, 30, { fill: TEXT, 'font-weight': 700 }, 0.64),
			block(input.headline, 38, 1.22, 34, { fill: TEXT, 'font-weight': 700 }, 0.62),
			block(input.detail, 27, 1.3, 22, { fill: MUTED })
		].filter((b) => b.lines.length > 0);
		let y = top;
		const parts: string[] = [];
		for (const b of blocks) {
			y += b.gapBefore + b.size;
			parts.push(textLines(b.lines, x, y, b.lead, b.attrs));
			y += (b.lines.length - 1) * b.lead + Math.round(b.size * 0.25);
		}
		if (y <= bottom || scale === 0.6) return parts.join('\n');
	}
	return '';
}

/** A whole map scaled into the shape box, each area with its own fill and a dark outline (never colour alone: the text says what the colours count). */
function mapShapes(map: NonNullable<CardInput['map']>): string {
	const scale = Math.min(CARD_SHAPE_BOX.width / map.width, CARD_SHAPE_BOX.height / map.height);
	const paths = map.shapes.map(
		(s) =>
			`<path d="${escapeXml(s.d)}" fill="${escapeXml(s.fill)}" stroke="${TEXT}" stroke-width="${(0.8 / scale).toFixed(2)}" stroke-linejoin="round"/>`
	);
	return `<g transform="scale(${scale.toFixed(4)})">${paths.join('')}</g>`;
}

/** The card as a standalone SVG document (1200 x 630), all text XML-escaped. */
export function cardSvg(input: CardInput): string {
	const box = CARD_SHAPE_BOX;
	const loc = CARD_LOCATOR_BOX;
	const footerLines = wrapText(cardFooter(input.source, input.period), CARD_WIDTH - 80, 21, 0.56).slice(0, 2);
	const title = `${input.areaName}: ${input.headline}`;
	const locator = input.locator
		? [
				`<g transform="translate(${loc.x} ${loc.y})">`,
				`<rect x="-8" y="-8" width="${loc.width + 16}" height="${loc.height + 16}" rx="4" fill="#ffffff" stroke="${BORDER}" stroke-width="1"/>`,
				`<path d="${escapeXml(input.locator.england)}" fill="${SOFT}" stroke="${MUTED}" stroke-width="0.75" stroke-linejoin="round"/>`,
				`<path d="${escapeXml(input.locator.area)}" fill="${ACCENT}" stroke="${ACCENT}" stroke-width="0.5"/>`,
				input.locator.dot
					? `<circle cx="${input.locator.dot[0]}" cy="${input.locator.dot[1]}" r="6" fill="none" stroke="${ACCENT}" stroke-width="2"/>`
					: '',
				'</g>'
			].join('\n')
		: '';
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" role="img" font-family="${escapeXml(SVG_FONT_FAMILY)}">`,
		`<title>${escapeXml(title)}</title>`,
		'<defs><clipPath id="panel"><rect x="0" y="0" width="' +
			PANEL_WIDTH +
			'" height="' +
			FOOTER_TOP +
			'"/></clipPath></defs>',
		`<rect x="0" y="0" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#ffffff"/>`,
		`<rect x="0" y="0" width="${PANEL_WIDTH}" height="${FOOTER_TOP}" fill="${SOFT}"/>`,
		`<g clip-path="url(#panel)">`,
		`<g transform="translate(${box.x} ${box.y})">`,
		input.contextPath
			? `<path d="${escapeXml(input.contextPath)}" fill="#e4e2e0" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/>`
			: '',
		input.map
			? mapShapes(input.map)
			: `<path d="${escapeXml(input.shapePath)}" fill="${ACCENT}" stroke="${TEXT}" stroke-width="1.5" stroke-linejoin="round"/>`,
		'</g>',
		locator,
		'</g>',
		`<rect x="0" y="0" width="${CARD_WIDTH}" height="10" fill="${ACCENT}"/>`,
		textColumn(input, 530, 40, FOOTER_TOP - 24, CARD_WIDTH - 530 - 48),
		`<line x1="0" x2="${CARD_WIDTH}" y1="${FOOTER_TOP}" y2="${FOOTER_TOP}" stroke="${BORDER}" stroke-width="2"/>`,
		textLines(footerLines, 40, footerLines.length > 1 ? FOOTER_TOP + 32 : FOOTER_TOP + 46, 28, {
			'font-size': 21,
			fill: MUTED
		}),
		'</svg>',
		''
	].join('\n');
}

const COMPARISON_WORDS: Partial<Record<Comparison, string>> = {
	better: 'better than England',
	worse: 'worse than England',
	similar: 'similar to England',
	higher: 'higher than England',
	lower: 'lower than England'
};

export interface CardFigure {
	headline: string;
	detail: string;
	period: string;
}

/**
 * The card's figure from the Faster Diagnosis series (commissioner basis): the latest period with a figure for both
 * the area and England that is not suppressed. Null when there is none.
 */
export function fdsCardFigure(series: Series, areaCode: string): CardFigure | null {
	for (let i = series.periods.length - 1; i >= 0; i--) {
		const area = figureAt(series, i, areaCode);
		const england = figureAt(series, i, ENGLAND_CODE);
		if (!area || !england || area.suppressed || area.value === null || england.value === null) continue;
		const period = series.periods[i]!.label;
		const words = COMPARISON_WORDS[area.comparison];
		return {
			headline: `${area.value.toFixed(1)}% told within 28 days, against ${england.value.toFixed(1)}% in England`,
			detail: `Urgent referrals for suspected breast cancer, ${period}, where patients live${words ? `: ${words}` : ''}`,
			period
		};
	}
	return null;
}
