/**
 * Postcode sector -> Cancer Alliance index for the home page's postcode search, from OS Code-Point Open sample points
 * (sources/codepoint.ts) and the alliance polygons (sources/geo-topology.ts, best unsimplified: `retain: 1`).
 *
 * Method, per English sector:
 * 1. Its sample points (up to 40 English postcodes, spread over the sector) are converted from OSGB36 / EPSG:27700 to
 *    WGS84 lon/lat with proj4 (7-parameter Helmert datum shift: a few metres).
 * 2. Each point is placed by point-in-polygon against the alliance polygons of each variant. For speed the test is a
 *    planar even-odd ray cast over an index of polygon edges in 0.005° latitude bands (only the edges in the point's
 *    band are tried), not d3-geo's spherical geoContains: with edges of a few hundred metres the two agree except
 *    within centimetres of an edge, and even-odd does not depend on ring winding. The golden test checks agreement
 *    with geoContains on a sample.
 * 3. A point outside every polygon (the coast and estuaries, where the 200 m generalised boundaries cut corners)
 *    takes the alliance whose polygon EDGE is nearest (distance in metres on a local equirectangular plane). The
 *    number of such points and the largest distance are in `stats`.
 * 4. Share of alliance a = (sector's English postcodes / all its postcodes) × (English sample points in a / English
 *    sample points). Shares are sorted largest first, rounded to 2 dp; those below 0.05 are dropped, but the largest
 *    is always kept. Shares are not renormalised after dropping.
 * Welsh and Scottish sectors store their country only. A sector with postcodes in two countries (34 on the English
 * border) stores the country of most postcodes, each country's share, and the English part's alliance shares when
 * that part is at least 5% of the sector. English sectors without any located postcode (PO boxes, business-only
 * sectors such as "N1P 3") store the country only: the lookup explains it cannot place them.
 */
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { ALLIANCE_VARIANTS, type AllianceVariant } from '../../../src/lib/data/contract';
import type {
	AllianceShareTuple,
	CountryLetter,
	PostcodeSectorEntry,
	PostcodeShard
} from '../../../src/lib/postcode/lookup';
import type { SectorPoints } from '../sources/codepoint';

export const OSGB36_PROJ4 =
	'+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

/** Shares below this are dropped (the largest is always kept). */
export const MIN_SHARE = 0.05;
const BAND_DEGREES = 0.005;
const METRES_PER_DEGREE = 111_320;

export type AllianceGeoJson = Record<AllianceVariant, FeatureCollection>;

export interface PostcodeIndexStats {
	sectors: number;
	sectorsByCountry: Record<CountryLetter, number>;
	/** Sectors with postcodes in two countries. */
	crossBorderSectors: string[];
	/** English-majority sectors with no located postcode (no alliance stored). */
	unlocatedEnglishSectors: string[];
	postcodes: number;
	/** English sample points placed (per variant, the same points). */
	samplePoints: number;
	/** Per variant: points outside every polygon, placed by the nearest polygon edge. */
	outsidePoints: Record<AllianceVariant, number>;
	/** Per variant: the largest and the median distance (m) of those points from the polygon they were given. */
	outsideMaxMetres: Record<AllianceVariant, number>;
	outsideMedianMetres: Record<AllianceVariant, number>;
	/** Per variant: points inside more than one polygon (overlaps; the first alliance in code order was taken). */
	overlapPoints: Record<AllianceVariant, number>;
	/** Per variant: English sectors with more than one alliance stored. */
	splitSectors: Record<AllianceVariant, number>;
	shards: number;
	timingsMs: { project: number; index: number; place: number; total: number };
	/** The rule, in words, for provenance. */
	rule: string;
}

export interface PostcodeIndex {
	shards: Record<string, PostcodeShard>;
	stats: PostcodeIndexStats;
}

export const PLACEMENT_RULE =
	"postcode sector -> Cancer Alliance: up to 40 Code-Point Open postcode points per sector (spread evenly), converted OSGB36 -> WGS84 (proj4), point-in-polygon against the alliance polygons (unsimplified dissolve of the ONS Sub-ICB April 2023 BSC boundaries); points outside every polygon (coast, 200 m generalisation) take the alliance with the nearest polygon edge; share = fraction of the sector's postcodes, rounded to 2 dp, shares under 0.05 dropped (largest kept)";

/** Build the per-area shards. Pure: no I/O. Throws if the alliance GeoJSON is malformed. */
export function buildPostcodeIndex(sectors: SectorPoints[], alliancesGeoJson: AllianceGeoJson): PostcodeIndex {
	const t0 = performance.now();
	const indexes = {} as Record<AllianceVariant, EdgeIndex>;
	for (const v of ALLIANCE_VARIANTS) indexes[v] = buildEdgeIndex(alliancesGeoJson[v], v);
	const tIndex = performance.now() - t0;

	// 1. Project every English sample point once (Float64Array of lon, lat).
	let t = performance.now();
	const toWgs84 = proj4(OSGB36_PROJ4, 'WGS84');
	const english = sectors.filter((s) => (s.countries.E?.points.length ?? 0) > 0);
	let total = 0;
	for (const s of english) total += s.countries.E!.points.length / 2;
	const lonlat = new Float64Array(total * 2);
	let k = 0;
	for (const s of english) {
		const pts = s.countries.E!.points;
		for (let i = 0; i < pts.length; i += 2) {
			const [lon, lat] = toWgs84.forward([pts[i]!, pts[i + 1]!]) as [number, number];
			lonlat[k++] = lon;
			lonlat[k++] = lat;
		}
	}
	const tProject = performance.now() - t;

	// 2. Place every point, per variant.
	t = performance.now();
	const placed = {} as Record<AllianceVariant, Int32Array>;
	const outsideDistances = {} as Record<AllianceVariant, number[]>;
	const overlaps = {} as Record<AllianceVariant, number>;
	for (const v of ALLIANCE_VARIANTS) {
		const idx = indexes[v];
		const out = new Int32Array(total);
		const dists: number[] = [];
		let overlap = 0;
		const parity = new Uint8Array(idx.codes.length);
		for (let p = 0; p < total; p++) {
			const lon = lonlat[2 * p]!;
			const lat = lonlat[2 * p + 1]!;
			const inside = containing(idx, lon, lat, parity);
			if (inside.count > 1) overlap++;
			if (inside.first >= 0) out[p] = inside.first;
			else {
				const near = nearestEdge(idx, lon, lat);
				out[p] = near.alliance;
				dists.push(near.metres);
			}
		}
		placed[v] = out;
		outsideDistances[v] = dists;
		overlaps[v] = overlap;
	}
	const tPlace = performance.now() - t;

	// 3. Sector entries, grouped into shards by postcode area.
	const shards: Record<string, PostcodeShard> = {};
	const sorted = [...sectors].sort((a, b) =>
		a.area === b.area ? compareSectors(a.sector, b.sector) : a.area < b.area ? -1 : 1
	);
	const byCountry: Record<CountryLetter, number> = { E: 0, S: 0, W: 0 };
	const crossBorder: string[] = [];
	const unlocated: string[] = [];
	const splitSectors: Record<AllianceVariant, number> = { '20': 0, '21': 0 };
	const offsets = new Map<SectorPoints, number>();
	k = 0;
	for (const s of english) {
		offsets.set(s, k);
		k += s.countries.E!.points.length / 2;
	}
	let postcodes = 0;
	const seen = new Set<string>();
	for (const s of sorted) {
		if (seen.has(s.sector))
			throw new Error(
				`postcode sector ${s.sector} appears in more than one Code-Point row group (are two files for the same area given?)`
			);
		seen.add(s.sector);
		postcodes += s.postcodes;
		byCountry[s.country]++;
		const entry: PostcodeSectorEntry = { country: s.country };
		const letters = (Object.keys(s.countries) as CountryLetter[]).filter((c) => (s.countries[c]?.postcodes ?? 0) > 0);
		if (letters.length > 1) {
			crossBorder.push(s.sector);
			entry.countries = {};
			for (const c of letters) entry.countries[c] = round2(s.countries[c]!.postcodes / s.postcodes);
		}
		const e = s.countries.E;
		const start = offsets.get(s);
		if (e && start !== undefined) {
			const englishShare = e.postcodes / s.postcodes;
			if (s.country === 'E' || englishShare >= MIN_SHARE) {
				const n = e.points.length / 2;
				const alliances = {} as Record<AllianceVariant, AllianceShareTuple[]>;
				for (const v of ALLIANCE_VARIANTS) {
					const counts = new Map<number, number>();
					for (let i = 0; i < n; i++) {
						const a = placed[v][start + i]!;
						counts.set(a, (counts.get(a) ?? 0) + 1);
					}
					const codes = indexes[v].codes;
					alliances[v] = shareList([...counts].map(([a, c]) => [codes[a]!, (englishShare * c) / n]));
					if (alliances[v].length > 1) splitSectors[v]++;
				}
				entry.alliances = alliances;
			}
		} else if (s.country === 'E') unlocated.push(s.sector);
		(shards[s.area] ??= { sectors: {} }).sectors[s.sector] = entry;
	}

	const stat = (f: (v: AllianceVariant) => number) => ({ '20': f('20'), '21': f('21') });
	return {
		shards,
		stats: {
			sectors: sorted.length,
			sectorsByCountry: byCountry,
			crossBorderSectors: crossBorder,
			unlocatedEnglishSectors: unlocated,
			postcodes,
			samplePoints: total,
			outsidePoints: stat((v) => outsideDistances[v].length),
			outsideMaxMetres: stat((v) => Math.round(Math.max(0, ...outsideDistances[v]))),
			outsideMedianMetres: stat((v) => Math.round(median(outsideDistances[v]))),
			overlapPoints: stat((v) => overlaps[v]),
			splitSectors,
			shards: Object.keys(shards).length,
			timingsMs: {
				project: Math.round(tProject),
				index: Math.round(tIndex),
				place: Math.round(tPlace),
				total: Math.round(performance.now() - t0)
			},
			rule: PLACEMENT_RULE
		}
	};
}

/**
 * The placement rule for single points, for checks and tools: the alliance containing (lon, lat), or if none, the
 * alliance with the nearest polygon edge (`inside: false`, `metres` from it). The index build does the same in bulk.
 */
export function createAllianceLocator(
	fc: FeatureCollection,
	variant: AllianceVariant = '20'
): (lon: number, lat: number) => { code: string; inside: boolean; metres: number } {
	const idx = buildEdgeIndex(fc, variant);
	const parity = new Uint8Array(idx.codes.length);
	return (lon, lat) => {
		const hit = containing(idx, lon, lat, parity);
		if (hit.first >= 0) return { code: idx.codes[hit.first]!, inside: true, metres: 0 };
		const near = nearestEdge(idx, lon, lat);
		return { code: idx.codes[near.alliance]!, inside: false, metres: near.metres };
	};
}

/** Sorted largest first (then by code), rounded to 2 dp, below MIN_SHARE dropped but the largest kept. */
export function shareList(raw: [string, number][]): AllianceShareTuple[] {
	const sorted = [...raw].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return sorted.filter((x, i) => i === 0 || x[1] >= MIN_SHARE).map(([code, share]) => [code, round2(share)]);
}

function round2(x: number): number {
	return Math.round(x * 100) / 100;
}

function median(xs: number[]): number {
	if (xs.length === 0) return 0;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** "SW1A 2" before "SW10 1": by the district's letters, its number, its trailing letter, then the sector digit. */
function compareSectors(a: string, b: string): number {
	const key = (s: string) => {
		const m = /^([A-Z]+)(\d+)([A-Z]?) (\d)$/.exec(s);
		return m ? [m[1]!, Number(m[2]), m[3]!, Number(m[4])] : [s, 0, '', 0];
	};
	const ka = key(a);
	const kb = key(b);
	for (let i = 0; i < 4; i++) {
		if (ka[i]! < kb[i]!) return -1;
		if (ka[i]! > kb[i]!) return 1;
	}
	return 0;
}

// ---- Edge index -------------------------------------------------------------------------------------------------

interface EdgeIndex {
	codes: string[];
	minLat: number;
	bands: number;
	/** CSR: edges of band b are bandEdges[bandStart[b] .. bandStart[b + 1]). */
	bandStart: Int32Array;
	bandEdges: Int32Array;
	/** Per edge: x1, y1, x2, y2 (lon, lat). */
	xy: Float64Array;
	alliance: Int32Array;
}

function buildEdgeIndex(fc: FeatureCollection, variant: AllianceVariant): EdgeIndex {
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new Error(`alliance boundaries (variant ${variant}) are not a GeoJSON FeatureCollection`);
	}
	const features = [...fc.features].map((f: Feature<Geometry | null>, i) => {
		const code = (f.properties as { code?: unknown } | null)?.code;
		if (typeof code !== 'string')
			throw new Error(`alliance boundaries (variant ${variant}): feature ${i + 1} has no "code" property`);
		const g = f.geometry;
		const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : null;
		if (!polys)
			throw new Error(
				`alliance boundaries (variant ${variant}): ${code} has geometry ${g?.type ?? 'none'}, expected Polygon or MultiPolygon`
			);
		return { code, polys };
	});
	features.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	const codes = features.map((f) => f.code);
	if (new Set(codes).size !== codes.length)
		throw new Error(`alliance boundaries (variant ${variant}): an alliance code appears twice`);

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
	if (edges === 0) throw new Error(`alliance boundaries (variant ${variant}) have no edges`);
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
	return { codes, minLat, bands, bandStart, bandEdges, xy: Float64Array.from(xs), alliance: Int32Array.from(owner) };
}

/** Even-odd ray cast (towards +lon) over the edges of the point's band: the first containing alliance and how many contain it. */
function containing(idx: EdgeIndex, lon: number, lat: number, parity: Uint8Array): { first: number; count: number } {
	const b = Math.floor((lat - idx.minLat) / BAND_DEGREES);
	if (b < 0 || b >= idx.bands) return { first: -1, count: 0 };
	parity.fill(0);
	const { xy, alliance, bandEdges } = idx;
	for (let i = idx.bandStart[b]!, end = idx.bandStart[b + 1]!; i < end; i++) {
		const e = bandEdges[i]!;
		const y1 = xy[4 * e + 1]!;
		const y2 = xy[4 * e + 3]!;
		if (y1 > lat === y2 > lat) continue;
		const x1 = xy[4 * e]!;
		const x2 = xy[4 * e + 2]!;
		if (lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) parity[alliance[e]!]! ^= 1;
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

/** The alliance with the nearest polygon edge, searching bands outwards from the point's until no nearer edge can exist. */
function nearestEdge(idx: EdgeIndex, lon: number, lat: number): { alliance: number; metres: number } {
	const kx = Math.cos((lat * Math.PI) / 180);
	const b0 = Math.floor((lat - idx.minLat) / BAND_DEGREES);
	let best = Infinity; // squared distance in degrees of latitude
	let bestAlliance = -1;
	const { xy, alliance, bandEdges, bandStart } = idx;
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
				bestAlliance = alliance[e]!;
			}
		}
	};
	for (let r = 0; ; r++) {
		// Edges only in bands r or more away are at least (r - 1) bands away in latitude.
		const bound = Math.max(0, r - 1) * BAND_DEGREES;
		if (bestAlliance >= 0 && bound * bound > best) break;
		const lo = b0 - r;
		const hi = b0 + r;
		if (lo < 0 && hi >= idx.bands) break; // every band has been visited
		if (lo >= 0 && lo < idx.bands) visit(lo);
		if (r > 0 && hi >= 0 && hi < idx.bands) visit(hi);
	}
	return { alliance: bestAlliance, metres: Math.sqrt(best) * METRES_PER_DEGREE };
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
