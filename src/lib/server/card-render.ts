/**
 * What every preview card shares on the server: an alliance's shape, its neighbours and the England locator,
 * projected for the card (src/lib/area/card-svg.ts lays them out), and the SVG -> PNG step. Used by the prerendered
 * area cards (/area/<code>/card.png) and the shared-view cards (/card.png, issue 16).
 */
import { Resvg } from '@resvg/resvg-js';
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { CARD_LOCATOR_BOX, CARD_SHAPE_BOX, CARD_WIDTH } from '../area/card-svg';

type AllianceFeature = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

/** The alliance's shape, its neighbours in view and the England locator; null when the boundaries lack the code. */
export function cardShapes(topologyJson: unknown, code: string) {
	const topology = topologyJson as Topology<{ alliances: GeometryCollection<{ code: string; name: string }> }>;
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

/** The card's SVG as a 1200-pixel-wide PNG, with the system's fonts (DejaVu Sans by default). */
export function cardPng(svg: string): Uint8Array<ArrayBuffer> {
	const png = new Resvg(svg, {
		fitTo: { mode: 'width', value: CARD_WIDTH },
		font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
		background: '#ffffff'
	})
		.render()
		.asPng();
	return new Uint8Array(png);
}
