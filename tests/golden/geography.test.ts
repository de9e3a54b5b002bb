/**
 * Geography against the real published files (ETL_INPUT_DIR, default ../shared/data/raw). Cross-checks that are not
 * part of the ETL live here: the collector's derived sub-ICB mapping, the ONS CAL21 lookup, the Glossop geometry.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGLAND_CODE, type AllianceVariant } from '../../src/lib/data/contract';
import {
	buildAreas,
	cal24ForAlliance,
	createGeographyIndex,
	readLsoaLookup,
	straddlingTrustPostcodeAreas,
	trustAlliance,
	type GeographyInputs,
	type GeographyResult
} from '../../scripts/etl/derive/geography/areas';
import { readCodeNames } from '../../scripts/etl/sources/geo-csv';
import { readGeographyInputs } from '../../scripts/etl/geography-inputs';
import {
	allianceProperties,
	buildAllianceTopology,
	type AllianceTopology
} from '../../scripts/etl/derive/geography/topology';
import { rollUp } from '../../scripts/etl/derive/geography/roll-up';
import { pointInRing, signedArea, splitByRegion, type Pos, type Ring } from '../../scripts/etl/derive/geography/split';

const RAW = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const text = (rel: string) => readFileSync(path.join(RAW, rel), 'utf8');
const json = (rel: string) => JSON.parse(text(rel)) as unknown;
const csv = (rel: string) =>
	Papa.parse<Record<string, string>>(text(rel).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

const VARIANTS: AllianceVariant[] = ['20', '21'];
const BSW = 'E54000040';
const NOTTS = 'E54000060';

let inputs: GeographyInputs;
let plain: GeographyResult; // without Code-Point postcodes
let geo: GeographyResult; // with them
let subIcbGeo: { features: { properties: Record<string, string>; geometry: { type: string; coordinates: unknown } }[] };
let ladGeo: unknown;
const topo: Partial<Record<AllianceVariant, AllianceTopology>> = {};
const timings: Record<string, number> = {};

beforeAll(async () => {
	let t = performance.now();
	inputs = { ...(await readGeographyInputs(RAW)), codepo: undefined };
	timings.read = performance.now() - t;
	t = performance.now();
	plain = buildAreas(inputs);
	timings.buildAreas = performance.now() - t;
	const areas = straddlingTrustPostcodeAreas(plain);
	geo = buildAreas({ ...inputs, codepo: areas.map((a) => text(`postcodes/codepo/csv/${a.toLowerCase()}.csv`)) });
	subIcbGeo = json('boundaries/NHS_SubICB_April_2023_EN_BSC.geojson') as typeof subIcbGeo;
	ladGeo = json('boundaries/Local_Authority_Districts_May_2024_Boundaries_UK_BSC.geojson');
	for (const v of VARIANTS) {
		t = performance.now();
		topo[v] = buildAllianceTopology(subIcbGeo, ladGeo, geo.mapping, v);
		timings[`topology${v}`] = performance.now() - t;
	}
	console.log(
		'geography timings (ms):',
		Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))
	);
});

const areasOf = (type: string) => geo.areas.filter((a) => a.type === type);
const lookupsOf = (relation: string, v: AllianceVariant) =>
	geo.lookups.filter((l) => l.relation === relation && (l.variant === null || l.variant === v));

describe('alliances, ICBs, sub-ICBs', () => {
	it('has 20 alliances in the 20-variant and 21 in the 21-variant, with the right codes', () => {
		const alliances = areasOf('alliance');
		const of = (v: AllianceVariant) =>
			alliances.filter((a) => a.variant === null || a.variant === v).map((a) => a.code);
		expect(of('20')).toHaveLength(20);
		expect(of('21')).toHaveLength(21);
		expect(of('20')).toContain('E56000035');
		expect(of('21')).not.toContain('E56000035');
		expect(of('21')).toEqual(expect.arrayContaining(['E56000022', 'E56000023']));
		const cal24 = Object.keys(json('cancer-alliances/cal24_names_codes_apr2024.json') as object).sort();
		expect(of('20').sort()).toEqual(cal24);
		expect(alliances.find((a) => a.code === 'E56000035')!.variant).toBe('20');
		expect(alliances.find((a) => a.code === 'E56000022')).toMatchObject({
			name: 'East of England - North',
			variant: '21'
		});
		expect(alliances.find((a) => a.code === 'E56000023')).toMatchObject({
			name: 'East of England - South',
			variant: '21'
		});
		expect(alliances.find((a) => a.code === 'E56000021')!.name).toBe('West London');
		expect(alliances.find((a) => a.code === 'E56000026')!.name).toBe('Humber and North Yorkshire');
		expect(alliances.every((a) => a.parent_code === 'E92000001')).toBe(true);
		expect(areasOf('england')).toEqual([
			{ code: 'E92000001', name: 'England', type: 'england', parent_code: null, variant: null }
		]);
	});

	it('has 42 ICBs (2023 codes) and 106 sub-ICBs matching the 2023 boundaries', () => {
		expect(areasOf('icb')).toHaveLength(42);
		const subs = areasOf('sub_icb');
		expect(subs).toHaveLength(106);
		const boundaryCodes = subIcbGeo.features.map((f) => f.properties.SICBL23CD).sort();
		expect(subs.map((s) => s.code).sort()).toEqual(boundaryCodes);
		const icbCodes = new Set(areasOf('icb').map((i) => i.code));
		expect(subs.every((s) => icbCodes.has(s.parent_code!))).toBe(true);
		expect(icbCodes.has('E54000063') && icbCodes.has('E54000064')).toBe(true); // Surrey Heartlands, Sussex recoded 2023
		expect(geo.mapping.icbs.find((i) => i.ods === 'QOX')!.code).toBe(BSW);
	});

	it('maps every sub-ICB in both variants, agreeing with derived/sicbl23_to_cancer_alliance.csv', () => {
		const derived = csv('derived/sicbl23_to_cancer_alliance.csv');
		expect(derived).toHaveLength(107);
		expect(geo.mapping.entries).toHaveLength(107);
		for (const d of derived) {
			const id = d.ODS === '92G' ? '92G-rest' : d.ODS!;
			const e = geo.mapping.entries.find((x) => x.id === id);
			expect(e, `entry for ${d.ODS}`).toBeDefined();
			expect(e!.sub_icb_code).toBe(d.SICBL23CD);
			expect([d.ODS, e!.alliance['20']]).toEqual([d.ODS, d.CAL24CD]);
			expect([d.ODS, e!.alliance['21']]).toEqual([d.ODS, d.CAL21STYLE_CD]);
		}
		for (const v of VARIANTS) {
			const covered = new Set(lookupsOf('sub_icb_in_alliance', v).map((l) => l.child_code));
			expect(covered.size).toBe(106);
		}
	});

	it('agrees with the ONS CAL21 lookup for every whole sub-ICB (21-variant), apart from the 2024 changes', () => {
		const lsoas = readLsoaLookup(inputs.lsoaLookup);
		const cal24 = readCodeNames('cal24', inputs.cal24Names);
		const onsBySub = new Map<string, Set<string>>();
		for (const l of lsoas) {
			const c = cal24ForAlliance(l.cal21Code, l.cal21Name, cal24, { file: 'ons' })['21'];
			onsBySub.set(l.ccgOds, (onsBySub.get(l.ccgOds) ?? new Set()).add(c));
		}
		for (const e of geo.mapping.entries) {
			if (e.part.kind === 'inside_lad') continue; // Swindon: the 2024 change
			expect([e.sub_icb_ods, [...onsBySub.get(e.sub_icb_ods)!]]).toEqual([e.sub_icb_ods, [e.alliance['21']]]);
		}
	});

	it('applies the 2024 changes: Bassetlaw, Swindon, Glossop, Harrogate', () => {
		const bassetlaw = geo.mapping.entries.find((e) => e.sub_icb_ods === '02Q')!;
		expect(bassetlaw.alliance).toEqual({ '20': 'E56000025', '21': 'E56000025' });
		const swindon = geo.mapping.entries.find((e) => e.id === '92G-Swindon')!;
		expect(swindon.alliance).toEqual({ '20': 'E56000034', '21': 'E56000034' });
		expect(swindon.part).toEqual({ kind: 'inside_lad', lad_code: 'E06000030', lad_name: 'Swindon' });
		expect(geo.mapping.entries.find((e) => e.id === '92G-rest')!.alliance['20']).toBe('E56000033');
		expect(geo.mapping.entries.find((e) => e.sub_icb_ods === '42D')!.alliance['20']).toBe('E56000026');
		// Glossop town centre lies inside sub-ICB 15M (Derby and Derbyshire, East Midlands) in the 2023 boundaries.
		const glossop: Pos = [-1.949, 53.443];
		const containing = subIcbGeo.features.filter((f) =>
			polygonsOf(f.geometry).some((p) => pointInRing(glossop, p[0]!))
		);
		expect(containing.map((f) => f.properties.SICBL23NM)).toEqual(['NHS Derby and Derbyshire ICB - 15M']);
		expect(geo.mapping.entries.find((e) => e.sub_icb_ods === '15M')!.alliance['20']).toBe('E56000031');
		// 92G's lookup rows: two partial rows with population shares.
		const rows = lookupsOf('sub_icb_in_alliance', '20').filter((l) => l.child_code === 'E38000231');
		expect(rows.map((r) => r.parent_code).sort()).toEqual(['E56000033', 'E56000034']);
		expect(rows.reduce((s, r) => s + r.share!, 0)).toBeCloseTo(1, 3);
		expect(rows.find((r) => r.parent_code === 'E56000034')!.share).toBeGreaterThan(0.2);
	});

	it('puts each ICB in its majority alliance and lists every alliance it touches', () => {
		const parent = (code: string) => geo.areas.find((a) => a.code === code)!.parent_code;
		expect(parent(NOTTS)).toBe('E56000031');
		expect(parent(BSW)).toBe('E56000033');
		for (const v of VARIANTS) {
			expect(geo.icbAlliance[v][NOTTS]).toBe('E56000031');
			expect(geo.icbAlliance[v][BSW]).toBe('E56000033');
			const touches = lookupsOf('icb_touches_alliance', v);
			expect(
				touches
					.filter((l) => l.child_code === NOTTS)
					.map((l) => l.parent_code)
					.sort()
			).toEqual(['E56000025', 'E56000031']);
			expect(
				touches
					.filter((l) => l.child_code === BSW)
					.map((l) => l.parent_code)
					.sort()
			).toEqual(['E56000033', 'E56000034']);
			const straddling = new Set(touches.filter((l) => l.share! < 1).map((l) => l.child_code));
			expect([...straddling].sort()).toEqual([BSW, NOTTS].sort());
			expect(new Set(touches.map((l) => l.child_code)).size).toBe(42);
		}
		const index = createGeographyIndex(geo);
		expect(index.icbByOds.get('QOX')).toBe(BSW);
		expect(index.icbAlliance(NOTTS, '20')).toBe('E56000031');
		expect(index.alliances('21')).toHaveLength(21);
	});

	it('rolls each organisation up one way: itself, a Sub-ICB to its ICB, its majority alliance per variant, England', () => {
		const index = createGeographyIndex(geo);
		const england = { code: ENGLAND_CODE, type: 'england' };
		// 92G (E38000231) is split: Swindon's residents in Thames Valley, most in Somerset, Wiltshire, Avon and Glos.
		expect(rollUp(index, 'sub_icb', 'E38000231')).toEqual([
			{ code: 'E38000231', type: 'sub_icb' },
			{ code: BSW, type: 'icb' },
			{ code: 'E56000033', type: 'alliance' },
			england
		]);
		expect(rollUp(index, 'icb', NOTTS)).toEqual([
			{ code: NOTTS, type: 'icb' },
			{ code: 'E56000031', type: 'alliance' },
			england
		]);
		// East of England's ICBs count in the merged alliance (20) and in North or South (21), each once.
		const eastIcbs = geo.areas.filter((a) => a.type === 'icb' && index.icbAlliance(a.code, '20') === 'E56000035');
		expect(eastIcbs.length).toBeGreaterThan(0);
		for (const icb of eastIcbs) {
			const alliances = rollUp(index, 'icb', icb.code).filter((t) => t.type === 'alliance');
			expect(alliances.map((t) => t.code).sort(), icb.code).toEqual(
				['E56000035', index.icbAlliance(icb.code, '21')!].sort()
			);
			expect(['E56000022', 'E56000023']).toContain(index.icbAlliance(icb.code, '21'));
		}
		// A trust counts where its HQ is: Great Western Hospitals (RN3, Swindon) in Thames Valley, not its ICB's majority.
		expect(rollUp(index, 'trust', 'RN3').filter((t) => t.type === 'alliance')).toEqual([
			{ code: 'E56000034', type: 'alliance' }
		]);
	});
});

describe('trusts', () => {
	it('maps every English ODS trust to an alliance of the variant via ODS', () => {
		const trusts = geo.trusts;
		expect(trusts).toHaveLength(218);
		const index = createGeographyIndex(geo);
		for (const v of VARIANTS) {
			const codes = new Set(index.alliances(v));
			for (const t of trusts) {
				const r = index.trustAlliance(t.code, v);
				if (t.icb_code === null) {
					expect(r, t.code).toBeNull(); // Welsh trusts
					continue;
				}
				expect(r?.via, t.code).toBe('ods');
				expect(codes.has(r!.alliance), `${t.code} ${r?.alliance}`).toBe(true);
			}
		}
		expect(
			trusts
				.filter((t) => t.icb_code === null)
				.map((t) => t.code)
				.sort()
		).toEqual(['RQF', 'RT4', 'RYT']);
		expect(geo.areas.find((a) => a.code === 'R0A')).toMatchObject({
			name: 'Manchester University NHS Foundation Trust',
			type: 'trust',
			parent_code: 'E54000057'
		});
		expect(geo.areas.find((a) => a.code === 'RJ1')!.name).toBe("Guy's and St Thomas' NHS Foundation Trust");
	});

	it('places a trust in a straddling ICB by its HQ where Code-Point postcodes are given', () => {
		expect(trustAlliance(geo, 'RN3', '20')).toMatchObject({ alliance: 'E56000034', via: 'ods' }); // Great Western Hospitals, Swindon
		expect(trustAlliance(plain, 'RN3', '20')).toMatchObject({ alliance: 'E56000033', via: 'ods', icb_straddles: true }); // majority rule
		expect(trustAlliance(geo, 'RX1', '20')!.alliance).toBe('E56000031');
		expect(trustAlliance(geo, 'RP5', '20')!.alliance).toBe('E56000025'); // Doncaster and Bassetlaw: HQ in South Yorkshire ICB
	});

	it('flags RAND hand-mapped providers as third-party, and "multiple" as no alliance', () => {
		const hand = geo.lookups.filter((l) => l.relation === 'trust_in_alliance' && l.source.includes('RAND'));
		expect(hand.length).toBeGreaterThan(0);
		for (const l of hand) expect(l.note).toBe('third-party hand mapping (RAND), not official');
		expect(trustAlliance(geo, 'NQ7', '20')).toMatchObject({ alliance: 'E56000011', via: 'hand_mapping' });
		expect(trustAlliance(geo, 'S3H9L', '20')!.alliance).toBe('E56000035');
		expect(trustAlliance(geo, 'S3H9L', '21')!.alliance).toBe('E56000022');
		expect(trustAlliance(geo, 'NTP', '20')).toBeNull(); // RAND: multiple
		expect(geo.handMapped.find((p) => p.code === 'NTP')!.alliance).toBeNull();
		expect(hand.some((l) => l.child_code === 'NTP')).toBe(false);
		// ODS wins over RAND for trusts ODS lists (RAND put the Birmingham orthopaedic hospital in North Central London).
		expect(trustAlliance(geo, 'RRJ', '20')).toMatchObject({ alliance: 'E56000007', via: 'ods' });
		expect(geo.areas.find((a) => a.code === 'AQK')).toMatchObject({ type: 'trust', parent_code: null });
	});
});

describe('constituencies and MPs', () => {
	it('has 650 constituencies, the 543 English ones with a best-fit alliance', () => {
		const pcons = areasOf('constituency');
		expect(pcons).toHaveLength(650);
		const english = pcons.filter((p) => p.code.startsWith('E14'));
		expect(english).toHaveLength(543);
		const alliances20 = new Set(
			areasOf('alliance')
				.filter((a) => a.variant !== '21')
				.map((a) => a.code)
		);
		expect(english.every((p) => alliances20.has(p.parent_code!))).toBe(true);
		expect(pcons.filter((p) => !p.code.startsWith('E14')).every((p) => p.parent_code === null)).toBe(true);
		const byName = (n: string) => pcons.find((p) => p.name === n)!;
		expect(byName('Swindon North').parent_code).toBe('E56000034');
		expect(byName('Bassetlaw').parent_code).toBe('E56000025');
		expect(byName('Harrogate and Knaresborough').parent_code).toBe('E56000026');
	});

	it('gives constituency -> alliance shares summing to 1 in both variants, with the Oundle caveat noted', () => {
		for (const v of VARIANTS) {
			const rows = lookupsOf('constituency_in_alliance', v);
			const sums = new Map<string, number>();
			for (const r of rows) sums.set(r.child_code, (sums.get(r.child_code) ?? 0) + r.share!);
			expect(sums.size).toBe(543);
			for (const [, s] of sums) expect(s).toBeCloseTo(1, 3);
			const corby = areasOf('constituency').find((p) => p.name === 'Corby and East Northamptonshire')!;
			const corbyRows = rows.filter((r) => r.child_code === corby.code);
			expect(corbyRows.length).toBe(2);
			for (const r of corbyRows) expect(r.note).toMatch(/Oundle/);
		}
		expect(lookupsOf('constituency_in_alliance', '21').some((r) => r.parent_code === 'E56000022')).toBe(true);
		expect(lookupsOf('constituency_in_alliance', '21').some((r) => r.parent_code === 'E56000035')).toBe(false);
	});

	it('gives each English constituency its residents by Sub-ICB, agreeing with the alliance shares', () => {
		const rows = lookupsOf('constituency_in_sub_icb', '20');
		const sums = new Map<string, number>();
		for (const r of rows) sums.set(r.child_code, (sums.get(r.child_code) ?? 0) + r.share!);
		expect(sums.size).toBe(543);
		for (const [, s] of sums) expect(s).toBeCloseTo(1, 3);
		const code = (n: string) => areasOf('constituency').find((p) => p.name === n)!.code;
		const sub = (ods: string) => geo.mapping.subIcbs.find((s) => s.ods === ods)!.code;
		const of = (n: string) =>
			Object.fromEntries(rows.filter((r) => r.child_code === code(n)).map((r) => [r.parent_code, r.share]));
		// Swindon's seats lie wholly in BSW's Sub-ICB (92G), Bassetlaw in its own (02Q); Newark reaches into 02Q, and its
		// share there is the alliance file's share in South Yorkshire and Bassetlaw (12.88%).
		expect(of('Swindon South')).toEqual({ [sub('92G')]: 1 });
		expect(of('Swindon North')).toEqual({ [sub('92G')]: 1 });
		expect(of('Bassetlaw')).toEqual({ [sub('02Q')]: 1 });
		expect(of('Newark')[sub('02Q')]).toBe(0.1288);
		const newarkSyb = lookupsOf('constituency_in_alliance', '20').find(
			(r) => r.child_code === code('Newark') && r.parent_code === 'E56000025'
		)!;
		expect(newarkSyb.share).toBe(0.1288);
		// Wherever no split Sub-ICB and no 2024 move is involved, the shares by Sub-ICB add up to the alliance shares.
		const allianceOf = new Map(
			lookupsOf('sub_icb_in_alliance', '20')
				.filter((l) => l.share === 1)
				.map((l) => [l.child_code, l.parent_code])
		);
		const byAlliance = new Map<string, number>();
		const skip = new Set<string>([code('Corby and East Northamptonshire'), code('High Peak')]);
		for (const r of rows) {
			const a = allianceOf.get(r.parent_code);
			if (!a) skip.add(r.child_code);
			else byAlliance.set(`${r.child_code} ${a}`, (byAlliance.get(`${r.child_code} ${a}`) ?? 0) + r.share!);
		}
		let compared = 0;
		for (const l of lookupsOf('constituency_in_alliance', '20')) {
			if (skip.has(l.child_code)) continue;
			expect(byAlliance.get(`${l.child_code} ${l.parent_code}`) ?? 0, `${l.child_code} ${l.parent_code}`).toBeCloseTo(
				l.share!,
				2
			);
			compared++;
		}
		expect(compared).toBeGreaterThan(540);
	});

	it('has 650 MPs: 646 with a published email and 4 null', () => {
		expect(geo.mps).toHaveLength(650);
		expect(geo.mps.filter((m) => m.email !== null)).toHaveLength(646);
		const names = new Map(areasOf('constituency').map((p) => [p.code, p.name]));
		expect(
			geo.mps
				.filter((m) => m.email === null)
				.map((m) => names.get(m.constituency_code))
				.sort()
		).toEqual(['Bolton South and Walkden', 'New Forest East', 'Preston', 'West Tyrone'].sort());
		const mp = geo.mps.find((m) => m.constituency_code === 'E14001063')!;
		expect(mp).toEqual({
			constituency_code: 'E14001063',
			name: 'Alex Baker',
			party: 'Labour',
			email: 'alex.baker.mp@parliament.uk',
			member_id: 5173,
			profile_url: 'https://members.parliament.uk/member/5173/contact',
			as_of: '2026-06-27'
		});
	});
});

describe('alliance boundaries (TopoJSON)', () => {
	it('has one feature per alliance with code and name, under 60 KB', () => {
		for (const v of VARIANTS) {
			const t = topo[v]!;
			const geoms = t.objects.alliances.geometries;
			expect(geoms).toHaveLength(v === '20' ? 20 : 21);
			const expected = areasOf('alliance').filter((a) => a.variant === null || a.variant === v);
			expect(geoms.map((g) => allianceProperties(g).code).sort()).toEqual(expected.map((a) => a.code).sort());
			for (const g of geoms)
				expect(allianceProperties(g).name).toBe(expected.find((a) => a.code === allianceProperties(g).code)!.name);
			const size = JSON.stringify(t).length;
			console.log(`alliances topology, variant ${v}: ${(size / 1024).toFixed(1)} KB, ${t.arcs.length} arcs`);
			expect(size).toBeLessThan(60 * 1024);
		}
	});

	it('keeps London, the Isles of Scilly and the Swindon split; exterior rings wind clockwise', () => {
		for (const v of VARIANTS) {
			const t = topo[v]!;
			const polys = (code: string) => {
				const g = t.objects.alliances.geometries.find((x) => allianceProperties(x).code === code)!;
				return polygonsOf((feature(t, g) as unknown as { geometry: never }).geometry);
			};
			for (const london of ['E56000010', 'E56000021', 'E56000027', 'E56000028']) {
				const p = polys(london);
				expect(p.length, london).toBeGreaterThan(0);
				expect(
					p.reduce((s, x) => s + Math.abs(signedArea(x[0]!)), 0),
					london
				).toBeGreaterThan(0.01);
			}
			const scilly = polys('E56000014').filter((p) => p[0]!.every(([x, y]) => x < -6.1 && y < 50.05));
			expect(scilly.length).toBeGreaterThan(0);
			expect(scilly.every((p) => Math.abs(signedArea(p[0]!)) > 0)).toBe(true);
			const swindonTown: Pos = [-1.78, 51.56];
			expect(polys('E56000034').some((p) => inPolygon(swindonTown, p))).toBe(true);
			expect(polys('E56000033').some((p) => inPolygon(swindonTown, p))).toBe(false);
			const bath: Pos = [-2.36, 51.38];
			expect(polys('E56000033').some((p) => inPolygon(bath, p))).toBe(true);
			for (const g of t.objects.alliances.geometries) {
				for (const p of polygonsOf((feature(t, g) as unknown as { geometry: never }).geometry))
					expect(signedArea(p[0]!)).toBeLessThan(0);
			}
		}
	});

	it('cuts 92G into a Swindon part close to the Swindon LAD and a rest, with no area lost', () => {
		const g92 = subIcbGeo.features.find((f) => f.properties.SICBL23CD === 'E38000231')!;
		const lad = (ladGeo as typeof subIcbGeo).features.find((f) => f.properties.LAD24CD === 'E06000030')!;
		const target = polygonsOf(g92.geometry)[0]![0]!;
		const region = polygonsOf(lad.geometry)[0]![0]!;
		const s = splitByRegion(target, region);
		const a = (r: Ring) => Math.abs(signedArea(r));
		expect(a(s.inside) + s.outside.reduce((x, r) => x + a(r), 0)).toBeCloseTo(a(target), 10);
		expect(Math.abs(a(s.inside) / a(region) - 1)).toBeLessThan(0.05);
		expect(s.cuts).toHaveLength(2); // the Wiltshire border, and the border with the Vale of White Horse strip in 92G
	});
});

function polygonsOf(geometry: { type: string; coordinates: unknown } | null): Ring[][] {
	if (!geometry) return [];
	if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
	if (geometry.type === 'MultiPolygon') return geometry.coordinates as Ring[][];
	return [];
}

function inPolygon(p: Pos, polygon: Ring[]): boolean {
	return pointInRing(p, polygon[0]!) && !polygon.slice(1).some((h) => pointInRing(p, h));
}
