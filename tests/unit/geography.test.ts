/** Geography parsers and geometry on small inputs written here: error paths and rules. */
import { describe, expect, it } from 'vitest';
import { EtlError } from '../../scripts/etl/errors';
import {
	buildSubIcbAllianceMapping,
	cal24ForAlliance,
	collapseVariants,
	readableName,
	readMps,
	readOdsTrusts,
	type SubIcbAllianceMapping,
	type SubIcbMappingInputs
} from '../../scripts/etl/derive/geography/areas';
import { readCsv } from '../../scripts/etl/sources/geo-csv';
import { signedArea, splitByRegion, type Ring } from '../../scripts/etl/derive/geography/split';
import { buildAllianceTopology } from '../../scripts/etl/derive/geography/topology';
import { majorityOf } from '../../scripts/etl/derive/geography/roll-up';
import type { AreaLookup } from '../../src/lib/data/contract';

const NCPES_FILE = 'metrics/lookups/Sub-ICB-to-Alliance-mapping-2022_v1.4.csv';

function catchEtl(fn: () => unknown): EtlError {
	try {
		fn();
	} catch (e) {
		if (e instanceof EtlError) return e;
		throw e;
	}
	throw new Error('expected an EtlError');
}

const CAL24 = {
	E56000031: 'East Midlands',
	E56000025: 'South Yorkshire and Bassetlaw',
	E56000035: 'East of England',
	E56000034: 'Thames Valley',
	E56000033: 'Somerset, Wiltshire, Avon and Gloucestershire',
	E56000026: 'Humber and North Yorkshire'
};

/** A tiny but complete set of mapping inputs: five sub-ICBs covering every 2024 change and both East of England parts. */
function smallInputs(): SubIcbMappingInputs {
	const subs = [
		[
			'E38000008',
			'02Q',
			'NHS Nottingham and Nottinghamshire ICB - 02Q',
			'E54000060',
			'QT1',
			'NHS Nottingham and Nottinghamshire Integrated Care Board',
			'E56000024',
			'East Midlands Cancer Alliance'
		],
		[
			'E38000261',
			'15M',
			'NHS Derby and Derbyshire ICB - 15M',
			'E54000058',
			'QJ2',
			'NHS Derby and Derbyshire Integrated Care Board',
			'E56000024',
			'East Midlands Cancer Alliance'
		],
		[
			'E38000231',
			'92G',
			'NHS BSW ICB - 92G',
			'E54000040',
			'QOX',
			'NHS BSW Integrated Care Board',
			'E56000015',
			'Somerset, Wiltshire, Avon and Gloucestershire Cancer Alliance'
		],
		[
			'E38000136',
			'10Q',
			'NHS BOB ICB - 10Q',
			'E54000044',
			'QU9',
			'NHS BOB Integrated Care Board',
			'E56000013',
			'Thames Valley Cancer Alliance'
		],
		[
			'E38000241',
			'42D',
			'NHS Humber and North Yorkshire ICB - 42D',
			'E54000051',
			'QOQ',
			'NHS Humber and North Yorkshire Integrated Care Board',
			'E56000026',
			'Humber and North Yorkshire Cancer Alliance'
		],
		[
			'E38000006',
			'02P',
			'NHS South Yorkshire ICB - 02P',
			'E54000061',
			'QF7',
			'NHS South Yorkshire Integrated Care Board',
			'E56000025',
			'South Yorkshire Cancer Alliance'
		],
		[
			'E38000086',
			'06L',
			'NHS Suffolk ICB - 06L',
			'E54000023',
			'QJG',
			'NHS Suffolk Integrated Care Board',
			'E56000022',
			'East of England - North Cancer Alliance'
		],
		[
			'E38000007',
			'99E',
			'NHS Essex ICB - 99E',
			'E54000026',
			'QH8',
			'NHS Essex Integrated Care Board',
			'E56000023',
			'East of England - South Cancer Alliance'
		]
	];
	const q = (s: string) => (s.includes(',') ? `"${s}"` : s);
	const ncpes =
		[
			'\uFEFFSub-ICB E Code,SICBL22CDH,SICBL22NM,ICB E code,ICB Code,ICB,Cancer Alliance Code,Cancer Alliance',
			...subs.map((r) => r.map(q).join(','))
		].join('\r\n') + '\r\n';
	const ons = [
		'SICBL22CD,SICBL22CDH,SICBL22NM,ICB22CD,ICB22CDH,ICB22NM,NHSER22CD,NHSER22CDH,NHSER22NM,ObjectId',
		...subs.map((r, i) =>
			[r[0], r[1], r[2], r[3], r[4], r[5], 'E40000011', 'Y60', 'Midlands', String(i + 1)].map((x) => q(x!)).join(',')
		)
	].join('\n');
	return {
		ncpesMapping: ncpes,
		sicbl22Lookup: ons,
		cal24Names: CAL24,
		icb23Names: Object.fromEntries(subs.map((r) => [r[3], r[5]])),
		sicblNames: {
			SICBL23CD: { ccg19cdh: 'SICBL23CDH', name: 'SICBL23NM' },
			...Object.fromEntries(subs.map((r) => [r[0], { ccg19cdh: r[1], name: r[2] }]))
		}
	};
}

describe('sub-ICB -> alliance mapping', () => {
	it('applies the NCPES -> CAL24 rule and the 2024 changes', () => {
		const m = buildSubIcbAllianceMapping(smallInputs());
		const byId = new Map(m.entries.map((e) => [e.id, e.alliance]));
		expect(byId.get('02Q')).toEqual({ '20': 'E56000025', '21': 'E56000025' }); // Bassetlaw corrected
		expect(byId.get('15M')).toEqual({ '20': 'E56000031', '21': 'E56000031' }); // by name: East Midlands recoded
		expect(byId.get('92G-Swindon')).toEqual({ '20': 'E56000034', '21': 'E56000034' });
		expect(byId.get('92G-rest')).toEqual({ '20': 'E56000033', '21': 'E56000033' });
		expect(byId.get('02P')).toEqual({ '20': 'E56000025', '21': 'E56000025' }); // same code, NCPES short name
		expect(byId.get('06L')).toEqual({ '20': 'E56000035', '21': 'E56000022' });
		expect(byId.get('99E')).toEqual({ '20': 'E56000035', '21': 'E56000023' });
		expect(m.alliances.filter((a) => a.variant === '21').map((a) => a.code)).toEqual(['E56000022', 'E56000023']);
	});

	it('names file, row 1 and the column when the mapping CSV lacks a column', () => {
		const inputs = smallInputs();
		inputs.ncpesMapping = inputs.ncpesMapping.replace(',Cancer Alliance Code,', ',Alliance Code,');
		const e = catchEtl(() => buildSubIcbAllianceMapping(inputs));
		expect(e.location).toEqual({ file: NCPES_FILE, row: 1, column: 'Cancer Alliance Code' });
		expect(e.message).toContain(NCPES_FILE);
		expect(e.message).toContain('row 1');
		expect(e.message).toContain('column "Cancer Alliance Code"');
	});

	it('names the row and column of a blank or malformed cell', () => {
		const inputs = smallInputs();
		inputs.ncpesMapping = inputs.ncpesMapping.replace('E56000026,Humber', ',Humber');
		expect(catchEtl(() => buildSubIcbAllianceMapping(inputs)).location).toEqual({
			file: NCPES_FILE,
			row: 6,
			column: 'Cancer Alliance Code'
		});
		const bad = smallInputs();
		bad.ncpesMapping = bad.ncpesMapping.replace('E38000007,99E', 'X38000007,99E');
		expect(catchEtl(() => buildSubIcbAllianceMapping(bad)).location).toEqual({
			file: NCPES_FILE,
			row: 9,
			column: 'Sub-ICB E Code'
		});
	});

	it('refuses an unexpected value where the 2024 change table expects NCPES to be wrong', () => {
		const inputs = smallInputs();
		inputs.ncpesMapping = inputs.ncpesMapping.replace(
			'02Q,NHS Nottingham and Nottinghamshire ICB - 02Q,E54000060,QT1,NHS Nottingham and Nottinghamshire Integrated Care Board,E56000024,East Midlands',
			'02Q,NHS Nottingham and Nottinghamshire ICB - 02Q,E54000060,QT1,NHS Nottingham and Nottinghamshire Integrated Care Board,E56000026,Humber and North Yorkshire'
		);
		const e = catchEtl(() => buildSubIcbAllianceMapping(inputs));
		expect(e.location).toMatchObject({ file: NCPES_FILE, row: 2 });
		expect(e.problem).toMatch(/Bassetlaw/);
	});

	it('recodes ICBs and sub-ICBs to their April 2023 codes', () => {
		const inputs = smallInputs();
		const icb = inputs.icb23Names as Record<string, string>;
		icb.E54000099 = icb.E54000060!;
		delete icb.E54000060;
		const m = buildSubIcbAllianceMapping(inputs);
		expect(m.icbs.find((i) => i.ods === 'QT1')).toMatchObject({ code: 'E54000099', code_2022: 'E54000060' });
		expect(m.notes.some((n) => n.includes('recoded E54000099'))).toBe(true);
	});
});

describe('the majority rule (roll-up.ts)', () => {
	const even = (a: { alliance: string }, b: { alliance: string }) => new Error(`even: ${a.alliance} ${b.alliance}`);
	it('takes the part with the most residents, whatever the order', () => {
		const parts = [
			{ alliance: 'A', residents: 10 },
			{ alliance: 'B', residents: 30 },
			{ alliance: 'C', residents: 20 }
		];
		expect(majorityOf(parts, (p) => p.residents, even)?.alliance).toBe('B');
		expect(majorityOf([...parts].reverse(), (p) => p.residents, even)?.alliance).toBe('B');
		expect(majorityOf([] as typeof parts, (p) => p.residents, even)).toBeNull();
	});

	it('refuses an even split of the largest parts, but not of smaller ones', () => {
		const tied = [
			{ alliance: 'A', residents: 30 },
			{ alliance: 'B', residents: 30 }
		];
		expect(() => majorityOf(tied, (p) => p.residents, even)).toThrow('even: A B');
		const smallTie = [...tied.map((p) => ({ ...p, residents: 5 })), { alliance: 'C', residents: 9 }];
		expect(majorityOf(smallTie, (p) => p.residents, even)?.alliance).toBe('C');
	});
});

describe('cal24ForAlliance', () => {
	const cal = new Map(Object.entries({ ...CAL24, E56000021: 'West London' }));
	const loc = { file: 'f.csv', row: 2, column: 'Cancer Alliance Code' };
	it('keeps unchanged codes, finds recoded alliances by name, splits East of England by variant', () => {
		expect(cal24ForAlliance('E56000026', 'Humber and North Yorkshire Cancer Alliance', cal, loc)).toEqual({
			'20': 'E56000026',
			'21': 'E56000026'
		});
		expect(cal24ForAlliance('E56000013', 'Thames Valley Cancer Alliance', cal, loc)).toEqual({
			'20': 'E56000034',
			'21': 'E56000034'
		});
		expect(cal24ForAlliance('E56000021', 'North West and South West London', cal, loc)).toEqual({
			'20': 'E56000021',
			'21': 'E56000021'
		});
		expect(cal24ForAlliance('E56000022', 'East of England - North Cancer Alliance', cal, loc)).toEqual({
			'20': 'E56000035',
			'21': 'E56000022'
		});
	});
	it('refuses a code whose name disagrees, and a name that matches nothing', () => {
		expect(catchEtl(() => cal24ForAlliance('E56000026', 'Thames Valley', cal, loc)).location).toEqual(loc);
		expect(catchEtl(() => cal24ForAlliance('E56000099', 'Atlantis Cancer Alliance', cal, loc)).problem).toMatch(
			/matches 0 CAL24/
		);
	});
});

describe('CSV reading', () => {
	it('strips a BOM, reports ragged rows with their row number', () => {
		const t = readCsv('x.csv', '\uFEFFa,b\n1,2\n\n3,4\n', { a: 'A', b: 'b' });
		expect(t.records.map((r) => [r.row, r.values.a])).toEqual([
			[2, '1'],
			[4, '3']
		]);
		expect(catchEtl(() => readCsv('x.csv', 'a,b\n1,2\n3\n', { a: 'a' })).location).toEqual({ file: 'x.csv', row: 3 });
	});
});

describe('trusts', () => {
	it('writes ODS upper-case names readably', () => {
		expect(readableName("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST")).toBe("Guy's and St Thomas' NHS Foundation Trust");
		expect(readableName('THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST')).toBe(
			'The Newcastle upon Tyne Hospitals NHS Foundation Trust'
		);
		expect(readableName('ISLE OF WIGHT NHS TRUST')).toBe('Isle of Wight NHS Trust');
		expect(readableName('HCRG CARE LTD')).toBe('HCRG Care Ltd');
		expect(readableName('Already Mixed Case')).toBe('Already Mixed Case');
	});
	it('refuses a trust whose ICB is unknown (unless Welsh)', () => {
		const csv =
			'"Organisation Code","Name","National Grouping","Higher Level Health Geography","Postcode","Open Date","Close Date"\n"R0A","A TRUST","Y62","QZZ","M1 1AA","20170401",""\n';
		const e = catchEtl(() => readOdsTrusts(csv, new Map()));
		expect(e.location).toEqual({
			file: 'metrics/lookups/ods_etr_nhs_trusts.csv',
			row: 2,
			column: 'Higher Level Health Geography'
		});
		const welsh = csv.replace('"Y62","QZZ"', '"W00","Q99"');
		expect(readOdsTrusts(welsh, new Map()).trusts[0]).toMatchObject({
			code: 'R0A',
			icb_code: null,
			open_date: '2017-04-01',
			close_date: null
		});
	});
});

describe('MPs', () => {
	it('keeps published emails only: blanks and placeholders become null', () => {
		const pcons = [
			{ code: 'E14000001', name: 'A', country: 'E' as const },
			{ code: 'E14000002', name: 'B', country: 'E' as const },
			{ code: 'N05000001', name: 'C', country: 'N' as const }
		];
		const csv =
			'pcon_code,member_id,display_as,party_text,member_email\nE14000001,1,Ann,Lab,ann.mp@parliament.uk\nE14000002,2,Bob,Con,No email found\nN05000001,3,Cat,SF,\n';
		const r = readMps(csv, null, pcons, '2026-06-27');
		expect(r.mps.map((m) => m.email)).toEqual(['ann.mp@parliament.uk', null, null]);
		expect(r.mps[1]).toMatchObject({
			member_id: 2,
			profile_url: 'https://members.parliament.uk/member/2/contact',
			as_of: '2026-06-27'
		});
		expect(catchEtl(() => readMps(csv.replace('N05000001,3', 'N05000009,3'), null, pcons)).location).toMatchObject({
			row: 4,
			column: 'pcon_code'
		});
	});
});

describe('collapseVariants', () => {
	it('merges identical rows into variant null and keeps the rest per variant', () => {
		const row = (parent: string, v: '20' | '21'): AreaLookup => ({
			child_code: 'X',
			parent_code: parent,
			relation: 'r',
			variant: v,
			share: 1,
			source: 's',
			note: null
		});
		expect(
			collapseVariants([row('A', '20'), row('B', '20')], [row('A', '21'), row('C', '21')]).map((r) => [
				r.parent_code,
				r.variant
			])
		).toEqual([
			['A', null],
			['B', '20'],
			['C', '21']
		]);
	});
});

describe('splitting a polygon by a region inside it', () => {
	// Target: 0..10 x 0..10 (clockwise). Region: the west part x < 4, its outer edges slightly off the target's (as two
	// separately generalised files would be).
	const target: Ring = [
		[0, 0],
		[0, 10],
		[10, 10],
		[10, 0],
		[0, 0]
	];
	const region: Ring = [
		[-0.001, 0.002],
		[0.001, 5],
		[-0.002, 10.001],
		[4, 9.999],
		[4.2, 5],
		[4, 0.001],
		[-0.001, 0.002]
	];
	it('cuts along the inner boundary only and keeps the target outline', () => {
		const s = splitByRegion(target, region, 1);
		const a = (r: Ring) => Math.abs(signedArea(r));
		expect(a(s.inside) + a(s.outside[0]!)).toBeCloseTo(100, 9);
		expect(a(s.inside)).toBeGreaterThan(40);
		expect(a(s.inside)).toBeLessThan(42);
		expect(signedArea(s.inside)).toBeLessThan(0); // clockwise
		expect(s.cuts).toHaveLength(1);
		expect(s.insertions).toHaveLength(2);
	});
	it('fails clearly when the region lies wholly inside (a hole)', () => {
		expect(() =>
			splitByRegion(
				target,
				[
					[3, 3],
					[3, 6],
					[6, 6],
					[6, 3],
					[3, 3]
				],
				1
			)
		).toThrow(/hole/);
	});
});

describe('alliance topology', () => {
	const square = (x: number, y: number): Ring => [
		[x, y],
		[x, y + 1],
		[x + 1, y + 1],
		[x + 1, y],
		[x, y]
	];
	const fc = (codes: string[]) => ({
		type: 'FeatureCollection',
		features: codes.map((code, i) => ({
			type: 'Feature',
			properties: { SICBL23CD: code, SICBL23NM: `Sub ${code}` },
			geometry: { type: 'Polygon', coordinates: [square(i, 52)] }
		}))
	});
	const mapping: SubIcbAllianceMapping = {
		alliances: [
			{ code: 'E56000001', name: 'One', variant: null },
			{ code: 'E56000002', name: 'Two', variant: null }
		],
		icbs: [],
		subIcbs: [],
		entries: [
			{
				id: 'A',
				sub_icb_code: 'E38000001',
				sub_icb_ods: 'A',
				part: { kind: 'whole' },
				alliance: { '20': 'E56000001', '21': 'E56000001' },
				basis: 't'
			},
			{
				id: 'B',
				sub_icb_code: 'E38000002',
				sub_icb_ods: 'B',
				part: { kind: 'whole' },
				alliance: { '20': 'E56000001', '21': 'E56000001' },
				basis: 't'
			},
			{
				id: 'C',
				sub_icb_code: 'E38000003',
				sub_icb_ods: 'C',
				part: { kind: 'whole' },
				alliance: { '20': 'E56000002', '21': 'E56000002' },
				basis: 't'
			}
		],
		notes: []
	};
	it('merges sub-ICBs into one feature per alliance', () => {
		const t = buildAllianceTopology(fc(['E38000001', 'E38000002', 'E38000003']), null, mapping, '20');
		expect(t.objects.alliances.geometries.map((g) => g.properties)).toEqual([
			{ code: 'E56000001', name: 'One' },
			{ code: 'E56000002', name: 'Two' }
		]);
		const merged = t.objects.alliances.geometries[0]!;
		expect(merged.type === 'MultiPolygon' && merged.arcs.length).toBe(1); // A and B dissolved into one polygon
	});
	it('names a sub-ICB that is in the boundaries but not in the mapping', () => {
		const e = catchEtl(() =>
			buildAllianceTopology(fc(['E38000001', 'E38000002', 'E38000003', 'E38000999']), null, mapping, '20')
		);
		expect(e.location).toEqual({
			file: 'boundaries/NHS_SubICB_April_2023_EN_BSC.geojson',
			row: 4,
			column: 'SICBL23CD'
		});
		expect(e.problem).toContain('E38000999');
		expect(e.problem).toContain('Sub E38000999');
	});
	it('names sub-ICBs in the mapping that have no boundary', () => {
		const e = catchEtl(() => buildAllianceTopology(fc(['E38000001', 'E38000002']), null, mapping, '20'));
		expect(e.problem).toContain('E38000003');
	});
});
