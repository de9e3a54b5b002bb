/**
 * Which polygon holds a point: the Sub-ICB of a postcode's Code-Point location, for the postcode index's ward rule
 * (derive/postcode-alliance.ts). Points are converted from OSGB36 / EPSG:27700 to WGS84 lon/lat with proj4
 * (7-parameter Helmert datum shift: a few metres).
 *
 * The test is a planar even-odd ray cast over an index of polygon edges in 0.005° latitude bands (only the edges in
 * the point's band are tried), not d3-geo's spherical geoContains: with edges of a few hundred metres the two agree
 * except within centimetres of an edge, and even-odd does not depend on ring winding. A point outside every polygon
 * (the coast and estuaries, where 200 m generalised boundaries cut corners) takes the polygon whose EDGE is nearest
 * (distance in metres on a local equirectangular plane).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { EtlError } from '../errors';

export const OSGB36_PROJ4 =
	'+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const BAND_DEGREES = 0.005;
const METRES_PER_DEGREE = 111_320;

export type PointLocator = (lon: number, lat: number) => { code: string; inside: boolean; metres: number };

/**
 * The code (feature property `codeProperty`) of the polygon containing (lon, lat), or if none, of the polygon with
 * the nearest edge (`inside: false`, `metres` from it). Throws EtlError naming `file`, the feature (as its row) and
 * `codeProperty` for boundaries it cannot use.
 */
export function createPointLocator(fc: FeatureCollection, codeProperty: string, file: string): PointLocator {
	const idx = buildEdgeIndex(fc, codeProperty, file);
	const parity = new Uint8Array(idx.codes.length);
	return (lon, lat) => {
		const hit = containing(idx, lon, lat, parity);
		if (hit.first >= 0) return { code: idx.codes[hit.first]!, inside: true, metres: 0 };
		const near = nearestEdge(idx, lon, lat);
		return { code: idx.codes[near.polygon]!, inside: false, metres: near.metres };
	};
}

interface EdgeIndex {
	codes: string[];
	minLat: number;
	bands: number;
	/** CSR: edges of band b are bandEdges[bandStart[b] .. bandStart[b + 1]). */
	bandStart: Int32Array;
	bandEdges: Int32Array;
	/** Per edge: x1, y1, x2, y2 (lon, lat). */
	xy: Float64Array;
	/** Per edge: the index (in `codes`) of its polygon. */
	owner: Int32Array;
}

function buildEdgeIndex(fc: FeatureCollection, codeProperty: string, file: string): EdgeIndex {
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new EtlError({ file }, 'is not a GeoJSON FeatureCollection');
	}
	const seen = new Set<string>();
	const features = [...fc.features].map((f: Feature<Geometry | null>, i) => {
		const at = { file, row: i + 1, column: codeProperty };
		const code = (f.properties as Record<string, unknown> | null)?.[codeProperty];
		if (typeof code !== 'string') throw new EtlError(at, `feature ${i + 1} has no ${codeProperty}`);
		if (seen.has(code)) throw new EtlError(at, `${code} appears twice`);
		seen.add(code);
		const g = f.geometry;
		const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : null;
		if (!polys) throw new EtlError(at, `${code} has geometry ${g?.type ?? 'none'}, expected Polygon or MultiPolygon`);
		return { code, polys };
	});
	features.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	const codes = features.map((f) => f.code);

	const xs: number[] = [];
	const owner: number[] = [];
	let minLat = Infinity;
	let maxLat = -Infinity;
	features.forEach((f, a) => {
		for (const poly of f.polys) {
			for (const ring of poly) {
				for (let i = 0; i + 1 < ring.length; i++) {
					const p = ring[i]!;
					const q = ring[i + 1]!;
					const x1 = p[0]!;
					const y1 = p[1]!;
					const x2 = q[0]!;
					const y2 = q[1]!;
					if (x1 === x2 && y1 === y2) continue;
					xs.push(x1, y1, x2, y2);
					owner.push(a);
					minLat = Math.min(minLat, y1, y2);
					maxLat = Math.max(maxLat, y1, y2);
				}
			}
		}
	});
	const edges = owner.length;
	if (edges === 0) throw new EtlError({ file }, 'has no polygon edges');
	const bands = Math.max(1, Math.ceil((maxLat - minLat) / BAND_DEGREES) + 1);
	const bandOf = (lat: number) => Math.min(bands - 1, Math.max(0, Math.floor((lat - minLat) / BAND_DEGREES)));
	const counts = new Int32Array(bands + 1);
	for (let e = 0; e < edges; e++) {
		const lo = bandOf(Math.min(xs[4 * e + 1]!, xs[4 * e + 3]!));
		const hi = bandOf(Math.max(xs[4 * e + 1]!, xs[4 * e + 3]!));
		for (let b = lo; b <= hi; b++) counts[b + 1]!++;
	}
	for (let b = 0; b < bands; b++) counts[b + 1]! += counts[b]!;
	const bandStart = counts;
	const fill = bandStart.slice(0, bands);
	const bandEdges = new Int32Array(bandStart[bands]!);
	for (let e = 0; e < edges; e++) {
		const lo = bandOf(Math.min(xs[4 * e + 1]!, xs[4 * e + 3]!));
		const hi = bandOf(Math.max(xs[4 * e + 1]!, xs[4 * e + 3]!));
		for (let b = lo; b <= hi; b++) bandEdges[fill[b]!++] = e;
	}
	return { codes, minLat, bands, bandStart, bandEdges, xy: Float64Array.from(xs), owner: Int32Array.from(owner) };
}

/** Even-odd ray cast (towards +lon) over the edges of the point's band: the first containing polygon and how many contain it. */
function containing(idx: EdgeIndex, lon: number, lat: number, parity: Uint8Array): { first: number; count: number } {
	const b = Math.floor((lat - idx.minLat) / BAND_DEGREES);
	if (b < 0 || b >= idx.bands) return { first: -1, count: 0 };
	parity.fill(0);
	const { xy, owner, bandEdges } = idx;
	for (let i = idx.bandStart[b]!, end = idx.bandStart[b + 1]!; i < end; i++) {
		const e = bandEdges[i]!;
		const y1 = xy[4 * e + 1]!;
		const y2 = xy[4 * e + 3]!;
		if (y1 > lat === y2 > lat) continue;
		const x1 = xy[4 * e]!;
		const x2 = xy[4 * e + 2]!;
		if (lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) parity[owner[e]!]! ^= 1;
	}
	let first = -1;
	let count = 0;
	for (let a = 0; a < parity.length; a++) {
		if (parity[a]) {
			if (first < 0) first = a;
			count++;
		}
	}
	return { first, count };
}

/** The polygon with the nearest edge, searching bands outwards from the point's until no nearer edge can exist. */
function nearestEdge(idx: EdgeIndex, lon: number, lat: number): { polygon: number; metres: number } {
	const kx = Math.cos((lat * Math.PI) / 180);
	const b0 = Math.floor((lat - idx.minLat) / BAND_DEGREES);
	let best = Infinity; // squared distance in degrees of latitude
	let bestPolygon = -1;
	const { xy, owner, bandEdges, bandStart } = idx;
	const visit = (b: number) => {
		for (let i = bandStart[b]!, end = bandStart[b + 1]!; i < end; i++) {
			const e = bandEdges[i]!;
			const d = segmentDistance2(
				(xy[4 * e]! - lon) * kx,
				xy[4 * e + 1]! - lat,
				(xy[4 * e + 2]! - lon) * kx,
				xy[4 * e + 3]! - lat
			);
			if (d < best) {
				best = d;
				bestPolygon = owner[e]!;
			}
		}
	};
	for (let r = 0; ; r++) {
		// Edges only in bands r or more away are at least (r - 1) bands away in latitude.
		const bound = Math.max(0, r - 1) * BAND_DEGREES;
		if (bestPolygon >= 0 && bound * bound > best) break;
		const lo = b0 - r;
		const hi = b0 + r;
		if (lo < 0 && hi >= idx.bands) break; // every band has been visited
		if (lo >= 0 && lo < idx.bands) visit(lo);
		if (r > 0 && hi >= 0 && hi < idx.bands) visit(hi);
	}
	return { polygon: bestPolygon, metres: Math.sqrt(best) * METRES_PER_DEGREE };
}

/** Squared distance from the origin to the segment (ax, ay)-(bx, by). */
function segmentDistance2(ax: number, ay: number, bx: number, by: number): number {
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
	if (t < 0) t = 0;
	else if (t > 1) t = 1;
	const x = ax + t * dx;
	const y = ay + t * dy;
	return x * x + y * y;
}
