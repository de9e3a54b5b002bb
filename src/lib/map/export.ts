/** The map as a standalone SVG for download: the shapes as drawn, a legend in words, then source, period and licence. */
import { svgWithProvenance, escapeXml, type SvgProvenance } from '../download/svg';
import { MAP_HEIGHT, MAP_WIDTH } from './geometry';

export interface LegendItem {
	fill: string;
	label: string;
}

const ROW = 22;

export function mapSvgForDownload(
	mapSvg: SVGSVGElement,
	legend: LegendItem[],
	title: string,
	provenance: SvgProvenance
): { svg: string; width: number; height: number } {
	const inner = mapSvg.innerHTML;
	const legendTop = MAP_HEIGHT + 8;
	const legendMarkup = legend
		.map(
			(item, i) =>
				`<rect x="8" y="${legendTop + i * ROW}" width="16" height="16" fill="${item.fill}" stroke="#3b3b3b"/>` +
				`<text x="32" y="${legendTop + i * ROW + 13}" font-size="13" fill="#0b0c0c">${escapeXml(item.label)}</text>`
		)
		.join('');
	const height = legendTop + legend.length * ROW + 4;
	const markup = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${height}" width="${MAP_WIDTH}" height="${height}">${inner}${legendMarkup}</svg>`;
	const svg = svgWithProvenance(markup, provenance, { width: MAP_WIDTH, height, title });
	const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
	return { svg, width: match ? Number(match[1]) : MAP_WIDTH, height: match ? Number(match[2]) : height };
}
