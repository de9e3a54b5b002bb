/**
 * Postcode sector -> Cancer Alliance index against the real files (ETL_INPUT_DIR, default ../shared/data/raw): all 120
 * Code-Point Open area files and the unsimplified alliance polygons (buildAllianceTopology with retain: 1).
 *
 * Expected answers are justified from the raw data: the 2024 boundary changes listed in raw/SOURCES.md (Swindon,
 * Bassetlaw, Glossop / High Peak, Harrogate), checked on the sectors whose postcodes Code-Point itself puts in that
 * local authority; London and Cambridge by the alliance of their constituencies (derived/pcon24_to_cancer_alliance_*);
 * and a cross-check against derived/postcode_sector_to_pcon24.csv.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { geoBounds, geoContains } from 'd3-geo';
import type { Feature, FeatureCollection } from 'geojson';
import Papa from 'papaparse';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AllianceVariant } from '../../src/lib/data/contract';
import { buildAreas } from '../../scripts/etl/sources/geography';
import { exactAllianceGeoJson, readBoundaries, readGeographyInputs } from '../../scripts/etl/geography-inputs';
import { parseCodePoint, type SectorPoints } from '../../scripts/etl/sources/codepoint';
import {
	buildPostcodeIndex,
	createAllianceLocator,
	OSGB36_PROJ4,
	type PostcodeIndex
} from '../../scripts/etl/derive/postcode-sectors';
import { lookupAlliances, type PostcodeSectorEntry } from '../../src/lib/postcode/lookup';

const RAW = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const text = (rel: string) => readFileSync(path.join(RAW, rel), 'utf8');
const csv = (rel: string) =>
	Papa.parse<Record<string, string>>(text(rel).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
const CODEPO = 'postcodes/codepo/csv';

const VARIANTS: AllianceVariant[] = ['20', '21'];
let alliances: Record<AllianceVariant, FeatureCollection>;
let sectors: SectorPoints[];
let index: PostcodeIndex;
const timings: Record<string, number> = {};

beforeAll(async () => {
	let t = performance.now();
	const geo = buildAreas(await readGeographyInputs(RAW));
	const boundaries = await readBoundaries(RAW);
	alliances = {
		'20': exactAllianceGeoJson(boundaries, geo.mapping, '20'),
		'21': exactAllianceGeoJson(boundaries, geo.mapping, '21')
	};
	timings.geography = performance.now() - t;

	t = performance.now();
	const files = readdirSync(path.join(RAW, CODEPO))
		.filter((f) => f.endsWith('.csv'))
		.sort();
	expect(files).toHaveLength(120);
	sectors = [];
	for (const f of files)
		sectors.push(...parseCodePoint(f, new Uint8Array(readFileSync(path.join(RAW, CODEPO, f)))).rows);
	timings.parseAll120 = performance.now() - t;

	t = performance.now();
	index = buildPostcodeIndex(sectors, alliances);
	timings.buildIndex = performance.now() - t;
	console.log(
		'postcode timings (ms):',
		Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))
	);
	console.log('postcode index stats:', JSON.stringify({ ...index.stats, rule: undefined }));
});

const entry = (sector: string): PostcodeSectorEntry => {
	const area = /^[A-Z]+/.exec(sector)![0];
	const e = index.shards[area]?.sectors[sector];
	if (!e) throw new Error(`sector ${sector} not in the index`);
	return e;
};
const top = (sector: string, v: AllianceVariant = '20') => entry(sector).alliances?.[v][0]?.[0];
const sectorsOfDistrict = (district: string) =>
	Object.keys(index.shards[/^[A-Z]+/.exec(district)![0]]?.sectors ?? {}).filter(
		(s) => s.split(' ')[0] === district && entry(s).alliances
	);

/** Sectors whose postcodes Code-Point puts (at least 95% of them) in the local authority `lad`, read from the raw rows. */
function sectorsInLad(areas: string[], lad: string): string[] {
	const counts = new Map<string, { inLad: number; all: number }>();
	for (const a of areas) {
		for (const line of text(`${CODEPO}/${a}.csv`).split('\n')) {
			if (!line) continue;
			const cells = line.split(',').map((c) => c.replace(/"/g, ''));
			const [pc, , , , country, , , , district] = cells;
			if (country !== 'E92000001' || !pc) continue;
			const sector = pc.slice(0, -2);
			const c = counts.get(sector) ?? { inLad: 0, all: 0 };
			c.all++;
			if (district === lad) c.inLad++;
			counts.set(sector, c);
		}
	}
	return [...counts].filter(([, c]) => c.inLad >= 0.95 * c.all).map(([s]) => s);
}

describe('postcode sector index (all of Great Britain)', () => {
	it('covers every Code-Point postcode and sector, with small shards', () => {
		expect(index.stats.postcodes).toBe(1_734_274);
		expect(index.stats.sectors).toBe(10_880);
		expect(index.stats.shards).toBe(120);
		expect(index.stats.overlapPoints).toEqual({ '20': 0, '21': 0 });
		let largest = { area: '', raw: 0, gzip: 0 };
		let total = 0;
		let totalGzip = 0;
		for (const [area, shard] of Object.entries(index.shards)) {
			const body = JSON.stringify(shard);
			const gz = gzipSync(body).length;
			total += body.length;
			totalGzip += gz;
			if (gz > largest.gzip) largest = { area, raw: body.length, gzip: gz };
		}
		console.log('postcode shards:', { largest, totalBytes: total, totalGzipBytes: totalGzip });
		expect(largest.gzip).toBeLessThan(30_000);
	});

	it('places outside-polygon points by the nearest edge, all within a few hundred metres', () => {
		for (const v of VARIANTS) {
			expect(index.stats.outsidePoints[v]).toBeLessThan(0.01 * index.stats.samplePoints);
			expect(index.stats.outsideMaxMetres[v]).toBeLessThan(2_000);
		}
	});

	it('builds the index fast', () => {
		// Target: a few seconds on 2 cores; the bound is loose for shared machines.
		expect(timings.buildIndex!).toBeLessThan(20_000);
	});

	it('follows the 2024 boundary changes (raw/SOURCES.md), on the sectors Code-Point puts in each local authority', () => {
		const cases: { what: string; areas: string[]; lad: string; alliance: string; atLeast: number }[] = [
			{ what: 'Swindon -> Thames Valley', areas: ['sn'], lad: 'E06000030', alliance: 'E56000034', atLeast: 15 },
			{
				what: 'Bassetlaw -> South Yorkshire and Bassetlaw',
				areas: ['s', 'dn', 'ng'],
				lad: 'E07000171',
				alliance: 'E56000025',
				atLeast: 10
			},
			{
				what: 'High Peak (Glossop) -> East Midlands',
				areas: ['sk'],
				lad: 'E07000037',
				alliance: 'E56000031',
				atLeast: 5
			},
			{ what: 'Isles of Scilly -> Peninsula', areas: ['tr'], lad: 'E06000053', alliance: 'E56000014', atLeast: 1 }
		];
		for (const c of cases) {
			const list = sectorsInLad(c.areas, c.lad);
			expect(list.length, c.what).toBeGreaterThanOrEqual(c.atLeast);
			const wrong = list.filter((s) => top(s) !== c.alliance);
			expect(wrong, c.what).toEqual([]);
		}
		for (const s of sectorsOfDistrict('SK13')) expect(top(s), `Glossop ${s}`).toBe('E56000031');
		for (const d of ['HG1', 'HG2', 'HG5']) {
			const list = sectorsOfDistrict(d);
			expect(list.length).toBeGreaterThan(0);
			for (const s of list) expect(top(s), `Harrogate ${s}`).toBe('E56000026');
		}
		expect(top('TR21 0')).toBe('E56000014');
	});

	it('places London, Cambridge and the East of England split', async () => {
		const shard = async (area: string) => index.shards[area] ?? null;
		// Real postcodes (Code-Point rows) and the alliance of their local authority's constituencies (derived/pcon24_to_cancer_alliance_*).
		const postcodes: [string, string, string][] = [
			['SW1A 2AA', 'E56000021', 'E56000021'], // Westminster: West London
			['E1 6AN', 'E56000028', 'E56000028'], // City of London: North East London
			['N1 1AA', 'E56000027', 'E56000027'], // Islington: North Central London
			['SE1 7PB', 'E56000010', 'E56000010'], // Lambeth: South East London
			['CB2 1TN', 'E56000035', 'E56000022'] // Cambridge: East of England (North in the 21-alliance set)
		];
		for (const [pc, a20, a21] of postcodes) {
			const r = await lookupAlliances(pc, shard);
			expect(r.ok, pc).toBe(true);
			if (!r.ok) continue;
			expect(r.country).toBe('England');
			expect(r.alliances[0]?.code, `${pc} (20)`).toBe(a20);
			expect(r.alliances21[0]?.code, `${pc} (21)`).toBe(a21);
		}
		expect(await lookupAlliances('SW1A 2AA', shard)).toMatchObject({ alliances: [{ code: 'E56000021', share: 1 }] });
		// Every sector Code-Point puts (95%+) in these local authorities.
		const cases: { lad: string; name: string; areas: string[]; a20: string; a21: string }[] = [
			{ lad: 'E09000033', name: 'Westminster', areas: ['sw', 'w', 'wc', 'nw'], a20: 'E56000021', a21: 'E56000021' },
			{ lad: 'E09000030', name: 'Tower Hamlets', areas: ['e'], a20: 'E56000028', a21: 'E56000028' },
			{ lad: 'E09000019', name: 'Islington', areas: ['n', 'ec'], a20: 'E56000027', a21: 'E56000027' },
			{ lad: 'E09000028', name: 'Southwark', areas: ['se'], a20: 'E56000010', a21: 'E56000010' },
			{ lad: 'E07000008', name: 'Cambridge', areas: ['cb'], a20: 'E56000035', a21: 'E56000022' },
			{ lad: 'E07000148', name: 'Norwich', areas: ['nr'], a20: 'E56000035', a21: 'E56000022' },
			{ lad: 'E07000243', name: 'Stevenage', areas: ['sg'], a20: 'E56000035', a21: 'E56000023' },
			{ lad: 'E07000070', name: 'Chelmsford', areas: ['cm'], a20: 'E56000035', a21: 'E56000023' }
		];
		for (const c of cases) {
			const list = sectorsInLad(c.areas, c.lad);
			expect(list.length, c.name).toBeGreaterThan(3);
			for (const s of list) {
				expect(top(s, '20'), `${c.name} ${s} (20)`).toBe(c.a20);
				expect(top(s, '21'), `${c.name} ${s} (21)`).toBe(c.a21);
			}
		}
	});

	it('gives Wales and Scotland their country only, apart from sectors across the border', () => {
		const crossBorder = new Set(index.stats.crossBorderSectors);
		for (const [area, country] of [
			['LL', 'W'],
			['CF', 'W'],
			['EH', 'S']
		] as const) {
			const list = Object.entries(index.shards[area]!.sectors);
			expect(list.length).toBeGreaterThan(50);
			for (const [s, e] of list) {
				expect(e.country, s).toBe(country);
				if (!crossBorder.has(s)) expect(e.alliances, s).toBeUndefined();
			}
		}
		expect(index.stats.crossBorderSectors).toHaveLength(34);
	});

	it('agrees with the best-fit alliance of the best-fit constituency (derived/) for at least 95% of English sectors', () => {
		for (const v of VARIANTS) {
			const pconFile =
				v === '20'
					? 'derived/pcon24_to_cancer_alliance_2024_20.csv'
					: 'derived/pcon24_to_cancer_alliance_21_eoe_split.csv';
			const pconAlliance = new Map(
				csv(pconFile)
					.filter((r) => r.best_fit === 'True')
					.map((r) => [r.PCON24CD!, r.CAL_CD!])
			);
			const sectorPcon = new Map(
				csv('derived/postcode_sector_to_pcon24.csv')
					.filter((r) => r.best_fit === 'True')
					.map((r) => [r.postcode_sector!, r.PCON24CD!])
			);
			let compared = 0;
			let agree = 0;
			let weighted = 0;
			let weightedAgree = 0;
			const disagreements: string[] = [];
			for (const s of sectors) {
				const e = entry(s.sector);
				if (s.country !== 'E' || !e.alliances) continue;
				const pcon = sectorPcon.get(s.sector);
				const expected = pcon ? pconAlliance.get(pcon) : undefined;
				if (!expected) continue;
				compared++;
				weighted += s.postcodes;
				if (e.alliances[v][0]![0] === expected) {
					agree++;
					weightedAgree += s.postcodes;
				} else disagreements.push(`${s.sector} ${JSON.stringify(e.alliances[v])} vs ${expected} via ${pcon}`);
			}
			console.log(
				`cross-check variant ${v}: ${agree} of ${compared} English sectors agree (${((100 * agree) / compared).toFixed(2)}%; by postcodes ${((100 * weightedAgree) / weighted).toFixed(2)}%). First disagreements: ${disagreements.slice(0, 12).join('; ')}`
			);
			expect(compared).toBeGreaterThan(9_000);
			expect(agree / compared).toBeGreaterThanOrEqual(0.95);
		}
	});

	it('places points as d3-geo geoContains does (bbox prefilter), away from the edges', () => {
		const toWgs84 = proj4(OSGB36_PROJ4, 'WGS84');
		for (const v of VARIANTS) {
			const locate = createAllianceLocator(alliances[v], v);
			const features = alliances[v].features.map((f: Feature) => ({
				f,
				code: (f.properties as { code: string }).code,
				bounds: geoBounds(f)
			}));
			let checked = 0;
			let d3Inside = 0;
			const mismatches: string[] = [];
			const english = sectors.filter((s) => s.countries.E && s.countries.E.points.length > 0);
			for (let i = 0; i < english.length; i += 5) {
				const s = english[i]!;
				const pts = s.countries.E!.points;
				const j = 2 * (i % (pts.length / 2));
				const [lon, lat] = toWgs84.forward([pts[j]!, pts[j + 1]!]) as [number, number];
				const hits = features
					.filter(({ bounds: [[w, so], [e, n]] }) => lon >= w && lon <= e && lat >= so && lat <= n)
					.filter(({ f }) => geoContains(f, [lon, lat]))
					.map((x) => x.code);
				const ours = locate(lon, lat);
				checked++;
				if (hits.length === 1) {
					d3Inside++;
					if (!ours.inside || ours.code !== hits[0])
						mismatches.push(`${s.sector}: d3 ${hits[0]}, ours ${ours.code} inside=${ours.inside}`);
				} else if (hits.length === 0 && ours.inside) mismatches.push(`${s.sector}: d3 none, ours ${ours.code}`);
			}
			console.log(
				`geoContains check variant ${v}: ${checked} points, ${d3Inside} inside one polygon by d3, ${mismatches.length} mismatches ${mismatches.slice(0, 5).join('; ')}`
			);
			expect(checked).toBeGreaterThan(300);
			expect(mismatches).toEqual([]);
		}
	});
});
