/**
 * Alliance shapes -> SVG paths, computed once per variant on the server: the page carries the paths, not the
 * boundaries, so the browser needs neither d3-geo nor topojson-client to draw or redraw the map. Paths are in whole
 * viewBox units (src/lib/map/compact-path.ts): a unit is at most one CSS pixel on a phone (the map is 420 units wide)
 * and 1.4 px at the widest the map is drawn (36rem).
 * A transverse Mercator centred on Great Britain (like the national grid) keeps England's shape; London's four
 * alliances get their own inset, because on the national map they are a few pixels wide.
 */
import { geoPath, geoTransverseMercator, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { compactPath } from './compact-path';

export const MAP_WIDTH = 420;
export const MAP_HEIGHT = 500;
export const INSET_WIDTH = 150;
export const INSET_HEIGHT = 120;
export const LONDON_CODES = ['E56000010', 'E56000021', 'E56000027', 'E56000028'] as const;

export interface AreaShape {
	code: string;
	name: string;
	d: string;
	/** Where to anchor a label or tooltip, in map coordinates. */
	centroid: [number, number];
}

export interface MapGeometry {
	shapes: AreaShape[];
	london: AreaShape[];
	/** The inset's frame on the main map (the area it magnifies). */
	londonFrame: { x: number; y: number; width: number; height: number };
}

type AllianceProps = { code: string; name: string };

function shapesOf(
	features: Feature<Geometry, AllianceProps>[],
	fitTo: GeoPermissibleObjects,
	width: number,
	height: number
) {
	const projection = geoTransverseMercator()
		.rotate([2, 0])
		.fitExtent(
			[
				[4, 4],
				[width - 4, height - 4]
			],
			fitTo
		);
	const path = geoPath(projection);
	return {
		projection,
		shapes: features.map((f) => ({
			code: f.properties.code,
			name: f.properties.name,
			d: compactPath(path(f) ?? ''),
			centroid: path.centroid(f).map(Math.round) as [number, number]
		}))
	};
}

const cache = new Map<unknown, MapGeometry>();

export function mapGeometry(topology: unknown): MapGeometry {
	const cached = cache.get(topology);
	if (cached) return cached;
	const topo = topology as Topology<{ alliances: GeometryCollection<AllianceProps> }>;
	const collection = feature(topo, topo.objects.alliances) as FeatureCollection<Geometry, AllianceProps>;
	const main = shapesOf(collection.features, collection, MAP_WIDTH, MAP_HEIGHT);
	const londonFeatures = collection.features.filter((f) =>
		(LONDON_CODES as readonly string[]).includes(f.properties.code)
	);
	const londonCollection: FeatureCollection<Geometry, AllianceProps> = {
		type: 'FeatureCollection',
		features: londonFeatures
	};
	const inset = shapesOf(londonFeatures, londonCollection, INSET_WIDTH, INSET_HEIGHT);
	const [[x0, y0], [x1, y1]] = geoPath(main.projection).bounds(londonCollection);
	const geometry: MapGeometry = {
		shapes: main.shapes,
		london: inset.shapes,
		londonFrame: {
			x: Math.round(x0 - 2),
			y: Math.round(y0 - 2),
			width: Math.round(x1 - x0 + 4),
			height: Math.round(y1 - y0 + 4)
		}
	};
	cache.set(topology, geometry);
	return geometry;
}
