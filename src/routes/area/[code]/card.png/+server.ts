/**
 * The Open Graph preview image of an alliance's page: /area/<code>/card.png, 1200 x 630 PNG. Prerendered for every
 * alliance (both geography variants), so the server never renders one at request time.
 */
import { error } from '@sveltejs/kit';
import { Resvg } from '@resvg/resvg-js';
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { CARD_LOCATOR_BOX, CARD_SHAPE_BOX, CARD_WIDTH, cardSvg, fdsCardFigure } from '$lib/area/card-svg';
import { areaByCode, areas, indicatorById, series, topologies } from '$lib/server/data';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => areas.filter((a) => a.type === 'alliance').map((a) => ({ code: a.code }));

type AllianceFeature = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

function shapes(code: string, variant: '20' | '21') {
	const topology = topologies[variant] as unknown as Topology<{
		alliances: GeometryCollection<{ code: string; name: string }>;
	}>;
	const object = topology.objects.alliances;
	const all = feature(topology, object).features as AllianceFeature[];
	const target = all.find((f) => f.properties.code === code);
	if (!target) return null;

	const box = CARD_SHAPE_BOX;
	const projection = geoMercator().fitSize([box.width, box.height], target);
	const path = geoPath(projection).digits(1);
	const shapePath = path(target) ?? '';
	// Neighbours in view (the panel reaches beyond the shape box on every side).
	const inView = (f: AllianceFeature) => {
		const [[x0, y0], [x1, y1]] = path.bounds(f);
		return x1 >= -box.x - 40 && x0 <= box.width + 80 && y1 >= -box.y - 40 && y0 <= box.height + 100;
	};
	const contextPath = all
		.filter((f) => f !== target && inView(f))
		.map((f) => path(f) ?? '')
		.join('');

	const loc = CARD_LOCATOR_BOX;
	const england: GeoPermissibleObjects = merge(topology, object.geometries as never);
	const locProjection = geoMercator().fitSize([loc.width, loc.height], england);
	const locPath = geoPath(locProjection).digits(1);
	const [[ax0, ay0], [ax1, ay1]] = locPath.bounds(target);
	const small = ax1 - ax0 < 8 && ay1 - ay0 < 8;
	const dot: [number, number] | null = small
		? [Math.round((ax0 + ax1) * 5) / 10, Math.round((ay0 + ay1) * 5) / 10]
		: null;
	return { shapePath, contextPath, locator: { england: locPath(england) ?? '', area: locPath(target) ?? '', dot } };
}

export const GET: RequestHandler = ({ params }) => {
	const area = areaByCode.get(params.code);
	if (!area || area.type !== 'alliance') error(404, 'No Cancer Alliance has this code.');
	const geometry = shapes(area.code, area.variant ?? '20');
	if (!geometry) error(404, 'No boundary is available for this Cancer Alliance.');

	const indicator = indicatorById.get('fds_breast_suspected');
	const fds = series('fds_breast_suspected', 'commissioner');
	const figure = fds ? fdsCardFigure(fds, area.code) : null;
	const source = indicator ? `${indicator.publisher}, ${indicator.source}` : 'NHS England, Cancer Waiting Times';
	const svg = cardSvg({
		areaName: area.name,
		...geometry,
		headline: figure?.headline ?? 'How breast cancer diagnosis and treatment compare with England',
		detail: figure?.detail ?? 'No recent Faster Diagnosis figure is published for this area.',
		period: figure?.period ?? fds?.periods.at(-1)?.label ?? 'latest available',
		source
	});
	const png = new Resvg(svg, {
		fitTo: { mode: 'width', value: CARD_WIDTH },
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
		background: '#ffffff'
	})
		.render()
		.asPng();
	return new Response(new Uint8Array(png), {
		headers: {
			'content-type': 'image/png',
			'cache-control': 'public, max-age=3600'
		}
	});
};
