/**
 * A chart drawn on the page as a standalone SVG document for download. Page styles live in CSS classes, which a file
 * on its own would lose, so the computed presentation styles are copied onto each element first. Browser only.
 */
import { svgWithProvenance, type SvgProvenance } from './svg';

const PROPERTIES = [
	'fill',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'opacity',
	'font-size',
	'font-weight',
	'text-anchor'
] as const;

/** The chart's markup with computed styles inlined, sized to its viewBox. */
export function inlineChartMarkup(svg: SVGSVGElement): { markup: string; width: number; height: number } {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const source = [svg, ...svg.querySelectorAll('*')];
	const target = [clone, ...clone.querySelectorAll('*')];
	source.forEach((el, i) => {
		const style = getComputedStyle(el);
		const out = target[i] as Element;
		for (const p of PROPERTIES) {
			const v = style.getPropertyValue(p);
			if (v && v !== 'none' && !(p === 'opacity' && v === '1')) out.setAttribute(p, v);
			else if (v === 'none' && (p === 'fill' || p === 'stroke')) out.setAttribute(p, 'none');
		}
		out.removeAttribute('class');
		out.removeAttribute('style');
	});
	// Hit areas are for pointers only.
	clone.querySelectorAll('[fill="rgba(0, 0, 0, 0)"]').forEach((el) => el.remove());
	const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 640 400').split(/\s+/).map(Number) as [
		number,
		number,
		number,
		number
	];
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(width));
	clone.setAttribute('height', String(height));
	clone.removeAttribute('role');
	clone.removeAttribute('aria-label');
	return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

/** A downloadable SVG document of the chart with its title, source, period and licence. */
export function chartSvgForDownload(
	svg: SVGSVGElement,
	title: string,
	provenance: SvgProvenance
): { svg: string; width: number; height: number } {
	const chart = inlineChartMarkup(svg);
	const doc = svgWithProvenance(chart.markup, provenance, { width: chart.width, height: chart.height, title });
	const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(doc);
	return { svg: doc, width: match ? Number(match[1]) : chart.width, height: match ? Number(match[2]) : chart.height };
}
