/**
 * Cancer Alliance boundaries as TopoJSON from the April 2023 sub-ICB boundaries (ONS BSC) and the sub-ICB -> alliance
 * mapping: sub-ICBs merged by shared arcs (topojson-client mergeArcs), Swindon cut out of 92G along its LAD boundary
 * (split.ts), then arcs simplified (topojson-simplify, Visvalingam, borders stay shared) and quantized. Not the
 * official ONS CAL boundary product: it reproduces CAL24 membership at sub-ICB / LAD level.
 */
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { filter, presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Topology } from 'topojson-specification';
import type { AllianceVariant } from '../../../../src/lib/data/contract';
import { EtlError } from '../../errors';
import { alliancesOf, fileName, type GeoFileNames, type SubIcbAllianceMapping } from './alliances';
import {
	applyInsertions,
	pointInRing,
	signedArea,
	splitByRegion,
	SplitError,
	type Pos,
	type Ring,
	type SplitResult
} from './split';

export interface AllianceProperties {
	code: string;
	name: string;
}
export type AllianceTopology = Topology<{ alliances: GeometryCollection<AllianceProperties> }>;

export interface AllianceTopologyOptions {
	/** Fraction of (non-junction) vertices kept by simplification; default 0.25 (about 45 KB for England). */
	retain?: number;
	/** TopoJSON quantization (grid positions per axis); default 1e5. */
	quantization?: number;
	/** Minimum vertices kept per ring (so small islands such as the Isles of Scilly keep their shape); default 5. */
	minRingVertices?: number;
	files?: GeoFileNames;
}

type PolygonCoords = Ring[];

interface GeoFeature {
	properties: Record<string, unknown>;
	polygons: PolygonCoords[];
	index: number;
}

function readFeatures(file: string, json: unknown, codeProp: string): GeoFeature[] {
	const fc = json as { type?: unknown; features?: unknown };
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new EtlError({ file }, 'is not a GeoJSON FeatureCollection');
	}
	return fc.features.map((f: unknown, index: number) => {
		const feat = f as { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } };
		const loc = { file, row: index + 1, column: codeProp };
		const props = feat.properties ?? {};
		if (typeof props[codeProp] !== 'string')
			throw new EtlError(loc, `feature ${index + 1} has no ${codeProp} property`);
		const g = feat.geometry;
		let polygons: PolygonCoords[];
		if (g?.type === 'Polygon') polygons = [g.coordinates as PolygonCoords];
		else if (g?.type === 'MultiPolygon') polygons = g.coordinates as PolygonCoords[];
		else
			throw new EtlError(
				loc,
				`feature ${index + 1} (${String(props[codeProp])}) has geometry ${g?.type ?? 'none'}, expected Polygon or MultiPolygon`
			);
		return { properties: props, polygons, index };
	});
}

/** Split a sub-ICB's polygons by a LAD: the part holding the cut is split, other parts go wholly to one side. */
function splitFeature(
	polygons: PolygonCoords[],
	ladRing: Ring,
	what: string,
	loc: { file: string; row: number; column: string }
) {
	let best = -1;
	let bestCount = 0;
	polygons.forEach((p, i) => {
		const c = ladRing.filter((pt) => pointInRing(pt, p[0]!)).length;
		if (c > bestCount) {
			best = i;
			bestCount = c;
		}
	});
	if (best < 0) throw new EtlError(loc, `${what}: the LAD does not overlap the sub-ICB`);
	const target = polygons[best]!;
	if (target.length > 1)
		throw new EtlError(loc, `${what}: the sub-ICB polygon has holes; splitting such a polygon is not supported`);
	let split: SplitResult;
	try {
		split = splitByRegion(target[0]!, ladRing);
	} catch (e) {
		if (e instanceof SplitError) throw new EtlError(loc, `${what}: ${e.message}`);
		throw e;
	}
	const inside: PolygonCoords[] = [[split.inside]];
	const outside: PolygonCoords[] = split.outside.map((r) => [r]);
	polygons.forEach((p, i) => {
		if (i === best) return;
		// Another island of the sub-ICB: it goes with the LAD if its first vertex is inside the LAD.
		(pointInRing(p[0]![0]!, ladRing) ? inside : outside).push(p);
	});
	return { inside, outside, insertions: split.insertions };
}

/**
 * Alliance polygons for one variant as TopoJSON: object `alliances`, one MultiPolygon per alliance with properties
 * {code, name}; exterior rings clockwise (d3-geo / mapshaper convention). Every sub-ICB in the boundaries must be in the
 * mapping and vice versa.
 */
export function buildAllianceTopology(
	subIcbGeoJson: unknown,
	ladGeoJson: unknown,
	mapping: SubIcbAllianceMapping,
	variant: AllianceVariant,
	options: AllianceTopologyOptions = {}
): AllianceTopology {
	const retain = options.retain ?? 0.25;
	const quantization = options.quantization ?? 1e5;
	const minRing = options.minRingVertices ?? 5;
	const subFile = fileName(options.files, 'subIcbBoundaries');
	const ladFile = fileName(options.files, 'ladBoundaries');

	const subs = readFeatures(subFile, subIcbGeoJson, 'SICBL23CD');
	const entriesBySub = new Map<string, SubIcbAllianceMapping['entries']>();
	for (const e of mapping.entries) entriesBySub.set(e.sub_icb_code, [...(entriesBySub.get(e.sub_icb_code) ?? []), e]);
	const seen = new Set<string>();
	for (const f of subs) {
		const code = f.properties.SICBL23CD as string;
		if (!entriesBySub.has(code)) {
			const name = typeof f.properties.SICBL23NM === 'string' ? ` "${f.properties.SICBL23NM}"` : '';
			throw new EtlError(
				{ file: subFile, row: f.index + 1, column: 'SICBL23CD' },
				`feature ${f.index + 1}: sub-ICB ${code}${name} is in the boundaries but not in the sub-ICB -> alliance mapping`
			);
		}
		if (seen.has(code))
			throw new EtlError({ file: subFile, row: f.index + 1, column: 'SICBL23CD' }, `sub-ICB ${code} appears twice`);
		seen.add(code);
	}
	const missing = [...entriesBySub.keys()].filter((c) => !seen.has(c));
	if (missing.length)
		throw new EtlError(
			{ file: subFile, column: 'SICBL23CD' },
			`sub-ICBs in the mapping have no boundary: ${missing.join(', ')}`
		);

	// Split sub-ICBs with a partial part (Swindon out of 92G).
	let lads: GeoFeature[] | null = null;
	const pieces: { alliance: string; polygons: PolygonCoords[] }[] = [];
	const insertions: SplitResult['insertions'] = [];
	const whole: { alliance: string; polygons: PolygonCoords[] }[] = [];
	for (const f of subs) {
		const code = f.properties.SICBL23CD as string;
		const entries = entriesBySub.get(code)!;
		const inside = entries.find((e) => e.part.kind === 'inside_lad');
		if (!inside) {
			if (entries.length !== 1 || entries[0]!.part.kind !== 'whole')
				throw new EtlError(
					{ file: subFile, row: f.index + 1, column: 'SICBL23CD' },
					`sub-ICB ${code}: inconsistent parts in the mapping`
				);
			whole.push({ alliance: entries[0]!.alliance[variant], polygons: f.polygons });
			continue;
		}
		const rest = entries.find((e) => e.part.kind === 'outside_lad');
		if (inside.part.kind !== 'inside_lad' || !rest)
			throw new EtlError(
				{ file: subFile, row: f.index + 1, column: 'SICBL23CD' },
				`sub-ICB ${code}: a split needs an inside and an outside part`
			);
		lads ??= readFeatures(ladFile, ladGeoJson, 'LAD24CD');
		const ladCode = inside.part.lad_code;
		const lad = lads.find((l) => l.properties.LAD24CD === ladCode);
		if (!lad)
			throw new EtlError(
				{ file: ladFile, column: 'LAD24CD' },
				`LAD ${ladCode} (${inside.part.lad_name}) is not in the LAD boundaries`
			);
		if (lad.polygons.length !== 1 || lad.polygons[0]!.length !== 1) {
			throw new EtlError(
				{ file: ladFile, row: lad.index + 1, column: 'LAD24CD' },
				`LAD ${ladCode} is not a single polygon without holes; splitting by it is not supported`
			);
		}
		const s = splitFeature(
			f.polygons,
			lad.polygons[0]![0]!,
			`splitting sub-ICB ${code} by LAD ${ladCode} (${inside.part.lad_name})`,
			{ file: ladFile, row: lad.index + 1, column: 'LAD24CD' }
		);
		pieces.push({ alliance: inside.alliance[variant], polygons: s.inside });
		pieces.push({ alliance: rest.alliance[variant], polygons: s.outside });
		insertions.push(...s.insertions);
	}
	// The cut ends are new vertices on the split outline: add them to every ring with that segment, so edges stay shared.
	const parts = [...whole, ...pieces].map((w) => ({
		alliance: w.alliance,
		polygons: w.polygons.map((p) => p.map((r) => applyInsertions(r, insertions)))
	}));

	// Topology of all parts (exact coordinates, so shared edges become shared arcs), then merge per alliance.
	const fc = {
		type: 'FeatureCollection' as const,
		features: parts.map((p) => ({
			type: 'Feature' as const,
			properties: { alliance: p.alliance },
			geometry: { type: 'MultiPolygon' as const, coordinates: p.polygons }
		}))
	};
	const topo = topology({ parts: fc });
	const partsObject = topo.objects.parts as GeometryCollection<{ alliance: string }>;
	const geometries: TopoMultiPolygon<AllianceProperties>[] = [];
	for (const a of alliancesOf(mapping, variant)) {
		const mine = partsObject.geometries.filter(
			(g) => (g.properties as { alliance?: string } | undefined)?.alliance === a.code
		);
		if (mine.length === 0)
			throw new EtlError(
				{ file: subFile },
				`alliance ${a.code} ${a.name} has no sub-ICB boundary in variant ${variant}`
			);
		const merged = mergeArcs(topo, mine as never);
		geometries.push({
			type: 'MultiPolygon',
			arcs: merged.arcs as number[][][],
			properties: { code: a.code, name: a.name }
		});
	}
	const mergedTopo = filter(
		{
			type: 'Topology',
			arcs: topo.arcs,
			objects: { alliances: { type: 'GeometryCollection', geometries } }
		} as AllianceTopology,
		() => true
	) as AllianceTopology; // filter with a pass-all test only prunes the arcs no longer used (inner borders)

	// Simplify: Visvalingam weights on locally scaled lon/lat; arcs are shared, so borders stay shared.
	const kx = Math.cos((52.5 * Math.PI) / 180);
	const pre = presimplify(
		mergedTopo,
		(t) => Math.abs((t[0][0] - t[2][0]) * kx * (t[1][1] - t[0][1]) - (t[0][0] - t[1][0]) * kx * (t[2][1] - t[0][1])) / 2
	);
	const minWeight = quantile(pre, retain);
	keepShapes(pre, minWeight, minRing);
	const simplified = simplify(pre, minWeight);
	const out = quantize(simplified, quantization) as AllianceTopology;
	checkTopology(out, variant, subFile);
	return out;
}

/** Make sure every ring keeps at least `minVertices` distinct vertices (the highest-weighted ones). */
function keepShapes(t: Topology, minWeight: number, minVertices: number) {
	const arcs = t.arcs as unknown as [number, number, number][][];
	const geoms = (t.objects.alliances as GeometryCollection).geometries as TopoMultiPolygon[];
	for (const g of geoms) {
		for (const polygon of g.arcs) {
			for (const ring of polygon) {
				const pts: [number, number, number][] = [];
				for (const ai of ring) {
					const arc = arcs[ai < 0 ? ~ai : ai]!;
					pts.push(...arc.slice(0, -1)); // the last point of an arc is the first of the next
				}
				const kept = pts.filter((p) => p[2] >= minWeight).length;
				if (kept >= minVertices) continue;
				const candidates = pts.filter((p) => p[2] < minWeight).sort((a, b) => b[2] - a[2]);
				for (const p of candidates.slice(0, minVertices - kept)) p[2] = Infinity;
			}
		}
	}
}

function checkTopology(t: AllianceTopology, variant: AllianceVariant, file: string) {
	for (const g of t.objects.alliances.geometries) {
		const f = feature(t, g) as { geometry: unknown };
		const geom = f.geometry as { type: string; coordinates: Pos[][][] } | null;
		const polys =
			geom?.type === 'MultiPolygon'
				? geom.coordinates
				: geom?.type === 'Polygon'
					? [geom.coordinates as unknown as Pos[][]]
					: [];
		const area = polys.reduce((s, p) => s + Math.abs(signedArea(p[0]!)), 0);
		if (!(area > 0))
			throw new EtlError(
				{ file },
				`variant ${variant}: alliance ${allianceProperties(g).code} has an empty geometry after simplification`
			);
	}
}

/** The {code, name} of an alliance geometry. */
export function allianceProperties(g: { properties?: unknown }): AllianceProperties {
	return g.properties as AllianceProperties;
}
