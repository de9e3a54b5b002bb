// Over 300 lines: the index, its reader and its answer are one idea, tested on one small real index.
/**
 * The postcode index on a small scale, and its one reader's edge cases: a few real Code-Point rows (whole lines from
 * the raw files), the real mySociety range table, 12v ward table, PCON24 names, geography and Sub-ICB boundaries.
 * Then the reader (src/lib/postcode/lookup.ts), the home box's outcome, the API's answer and its notes, the encoding,
 * and the messages for bad input (tiny inputs written here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { EtlError } from '../../scripts/etl/errors';
import { buildAreas, type GeographyResult } from '../../scripts/etl/derive/geography/areas';
import { readBoundaries, readGeographyInputs } from '../../scripts/etl/geography-inputs';
import { GEO_FILE_NAMES } from '../../scripts/etl/derive/geography/alliances';
import {
	parseCodePointUnits,
	unitPlaces,
	unitPoints,
	type CodePointSectorUnits
} from '../../scripts/etl/sources/codepoint';
import { decodeMySocietyRanges } from '../../scripts/etl/sources/mysociety-ranges';
import { readWardMapping, seatCodesByName } from '../../scripts/etl/sources/ward-constituencies';
import { createPointLocator } from '../../scripts/etl/derive/point-locator';
import {
	buildPostcodeIndexFiles,
	POSTCODE_INDEX_FILES,
	type PostcodeIndexFiles
} from '../../scripts/etl/derive/postcode-index';
import {
	encodePresence,
	encodeRuns,
	presenceRank,
	UNIT_LETTERS,
	UNIT_SLOTS,
	unitSlot,
	valueAt,
	type PostcodeIndexShard
} from '../../src/lib/postcode/index-format';
import { lookupPostcode, type ShardLoader } from '../../src/lib/postcode/lookup';
import { postcodeOutcome } from '../../src/lib/postcode/outcome';
import { composePostcodeAnswer, letterAlliances, type AnswerContext } from '../../src/lib/mp/postcode-answer';
import type { MpRecord } from '../../src/lib/mp/contract';

const RAW = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const raw = (rel: string) => readFileSync(path.join(RAW, rel), 'utf8');
const codepo = (area: string) => raw(`postcodes/codepo/csv/${area}.csv`);
const exportsCsv = (name: string) =>
	Papa.parse<Record<string, string>>(readFileSync(path.resolve('static/data/csv', name), 'utf8').trim(), {
		header: true
	}).data;

/** Real lines of a Code-Point file: those starting with one of the postcode prefixes, or in one of the wards. */
function lines(area: string, keep: { prefixes?: string[]; wards?: string[] }): string {
	return codepo(area)
		.split('\n')
		.filter(
			(l) =>
				l &&
				((keep.prefixes ?? []).some((p) => l.startsWith(`"${p}`)) ||
					(keep.wards ?? []).some((w) => l.endsWith(`"${w}"`)))
		)
		.join('\n');
}

const HART_WARD = 'E05009360'; // Hart (split between two alliances' Sub-ICBs): decided by its ward
const PICKS: [string, { prefixes?: string[]; wards?: string[] }][] = [
	['sw', { prefixes: ['SW1A 2'] }], // Cities of London and Westminster, West London; the seat reaches North East London
	['l', { prefixes: ['L31 5JR'] }], // a split ward: mySociety's seat is not the ward's largest
	['pr', { prefixes: ['PR7 1DP'] }], // Chorley: the Speaker's seat
	['so', { prefixes: ['SO43 7BB'] }], // New Forest East: no published email
	['eh', { prefixes: ['EH1 1YZ'] }],
	['cf', { prefixes: ['CF10 3NQ'] }],
	['tr', { prefixes: ['TR21 0HE'] }],
	['bd', { prefixes: ['BD98 1GA'] }], // positional quality 90: no point, no ward, no district
	['b', { prefixes: ['B42 9LG'] }], // positional quality 60: a point but no ward or district
	['co', { prefixes: ['CO15 1QX'] }], // not in mySociety's table: its ward's seat
	['sn', { prefixes: ['SN1 1AE'] }], // Swindon: Thames Valley since 2024
	['br', { prefixes: ['BR3 3BX'] }],
	['nr', { prefixes: ['NR1 1AA'] }], // East of England - North in the 21-alliance view
	['gu', { wards: [HART_WARD] }],
	['rg', { wards: [HART_WARD] }]
];

let sectors: CodePointSectorUnits[];
let geo: GeographyResult;
let subIcbs: FeatureCollection;
let built: PostcodeIndexFiles;
let load: ShardLoader;
let ctx: AnswerContext;

function build(extra: Partial<Parameters<typeof buildPostcodeIndexFiles>[0]> = {}): PostcodeIndexFiles {
	return buildPostcodeIndexFiles({
		sectors,
		wardMapping: raw(POSTCODE_INDEX_FILES.wardMapping),
		pconNames: JSON.parse(raw(POSTCODE_INDEX_FILES.pconNames)),
		ranges: JSON.parse(raw(POSTCODE_INDEX_FILES.ranges)),
		rangeSeats: JSON.parse(raw(POSTCODE_INDEX_FILES.rangeSeats)),
		entries: geo.mapping.entries,
		districtParts: geo.districtParts,
		lookups: geo.lookups,
		subIcbs,
		subIcbFile: GEO_FILE_NAMES.subIcbBoundaries,
		...extra
	});
}

beforeAll(async () => {
	sectors = PICKS.flatMap(([area, keep]) => parseCodePointUnits(`${area}.csv`, lines(area, keep)).rows);
	geo = buildAreas(await readGeographyInputs(RAW));
	subIcbs = (await readBoundaries(RAW)).subIcb as FeatureCollection;
	built = build();
	load = async (area) => {
		const content = built.files[`postcode-index/${area}.json`];
		return content ? (JSON.parse(content) as PostcodeIndexShard) : null;
	};
	const mps = new Map<string, MpRecord>(
		exportsCsv('mps.csv').map((m) => [
			m.constituency_code!,
			{
				name: m.name!,
				party: m.party!,
				email: m.email || null,
				memberId: Number(m.member_id),
				profileUrl: m.profile_url!
			}
		])
	);
	const areas = new Map(exportsCsv('areas.csv').map((a) => [a.code!, a]));
	const lookups = exportsCsv('area_lookups.csv');
	ctx = {
		constituencyName: (code) => (areas.get(code)?.type === 'constituency' ? areas.get(code)!.name : undefined),
		allianceName: (code) => (areas.get(code)?.type === 'alliance' ? areas.get(code)!.name : undefined),
		mp: (code) => mps.get(code) ?? null,
		constituencyAlliances: (code) =>
			lookups
				.filter((l) => l.relation === 'constituency_in_alliance' && l.child_code === code && l.variant !== '21')
				.map((l) => ({ code: l.parent_code!, share: Number(l.share) })),
		mpsAsOf: exportsCsv('mps.csv')[0]!.as_of!
	};
}, 60_000);

describe('Code-Point parser', () => {
	it('keeps every unit of a sector, its district, ward and point', () => {
		const s = sectors.find((x) => x.sector === 'SW1A 2')!;
		expect(s.units.length / 2).toBe(75);
		expect(s.units.slice(0, 2)).toBe('AA');
		expect(s.place).toBe('');
		expect(unitPlaces(s).every((p) => p.district === 'E09000033' && p.ward === 'E05013806')).toBe(true);
		// "SW1A 2AA",10,530047,179951 in sw.csv
		expect(unitPoints(s)[0]).toEqual([530047, 179951]);
	});

	it('keeps units without coordinates, ward or district', () => {
		const s = sectors.find((x) => x.sector === 'BD98 1')!;
		expect(s.unlocated).toEqual([0]);
		expect(unitPoints(s)).toEqual([null]);
		expect(unitPlaces(s)).toEqual([{ district: '', ward: '' }]);
	});

	const GOOD = '"SW1A 2AA",10,530047,179951,"E92000001","E19000003","E18000007","","E09000033","E05013806"';
	const cases: [string, string, RegExp][] = [
		[
			'a bad easting',
			GOOD.replace('530047', '53x047'),
			/x\.csv, row 2, column "Eastings": expected a whole number, found the text "53x047"/
		],
		[
			'a missing column',
			GOOD.replace(/,"E05013806"$/, ''),
			/x\.csv, row 2, column "Admin_ward_code": row has 9 values/
		],
		[
			'an unknown country',
			GOOD.replace('E92000001', 'N92000002'),
			/x\.csv, row 2, column "Country_code": expected E92000001/
		],
		[
			'a bad district code',
			GOOD.replace('E09000033', 'E10000033'),
			/x\.csv, row 2, column "Admin_district_code": expected a local authority district code/
		],
		[
			'a bad ward code',
			GOOD.replace('E05013806', 'X05013806'),
			/x\.csv, row 2, column "Admin_ward_code": expected a ward code/
		],
		[
			'a unit letter Royal Mail never uses',
			GOOD.replace('2AA', '2AC'),
			/x\.csv, row 2, column "Postcode": .*C, I, K, M, O or V/
		],
		['a postcode listed twice', GOOD, /x\.csv, row 2, column "Postcode": SW1A 2AA is listed twice \(also on row 1\)/],
		[
			'not a postcode',
			GOOD.replace('SW1A 2AA', 'HELLO'),
			/x\.csv, row 2, column "Postcode": "HELLO" is not a postcode unit/
		]
	];
	for (const [what, bad, message] of cases) {
		it(`names the file, row and column of ${what}`, () => {
			expect(() => parseCodePointUnits('x.csv', `${GOOD}\n${bad}\n`)).toThrowError(message);
			expect(() => parseCodePointUnits('x.csv', `${GOOD}\n${bad}\n`)).toThrowError(EtlError);
		});
	}
	it('refuses an empty file', () => {
		expect(() => parseCodePointUnits('x.csv', '')).toThrowError(/x\.csv, row 1: the file is empty/);
	});
});

describe('the lookup inputs', () => {
	const names = () => seatCodesByName(JSON.parse(raw(POSTCODE_INDEX_FILES.pconNames)));
	const HEADER =
		'wardId,ward,constituency1,#postcodes1,constituency2,#postcodes2,constituency3,#postcodes3,constituency4,#postcodes4';

	it('reads 12v\'s split wards as candidates with shares, small ones dropped, and "Ynys Mon" as Ynys Môn', () => {
		const wards = readWardMapping(raw(POSTCODE_INDEX_FILES.wardMapping), POSTCODE_INDEX_FILES.wardMapping, names());
		// Molyneux: Liverpool Walton 150, Sefton Central 149 postcodes.
		expect(wards.get('E05000946')!.candidates).toEqual([
			['E14001339', 0.5],
			['E14001463', 0.5]
		]);
		// Bingley: Shipley 606 postcodes, Keighley and Ilkley 1 (under 2%, dropped).
		expect(wards.get('E05001342')).toEqual({ seats: 2, candidates: [['E14001472', 1]], key: 'E14001472:1' });
		expect([...wards.values()].some((w) => w.candidates[0]![0] === 'W07000112')).toBe(true);
	});

	it("names the row and column of an unknown seat or a bad count in 12v's table", () => {
		expect(() => readWardMapping(`${HEADER}\r\nE05000001,Test,Atlantis,10,,,,,,\r\n`, 'w.csv', names())).toThrowError(
			/w\.csv, row 2, column "constituency1": "Atlantis" is not a 2024 constituency name/
		);
		expect(() => readWardMapping(`${HEADER}\r\nE05000001,Test,Aldershot,ten,,,,,,\r\n`, 'w.csv', names())).toThrowError(
			/w\.csv, row 2, column "#postcodes1": expected a whole number of postcodes, found "ten"/
		);
		expect(() => readWardMapping(`wardId,ward\r\n`, 'w.csv', names())).toThrowError(
			/w\.csv, row 1: expected the header/
		);
	});

	it("decodes mySociety's range table, and names the file and column of a broken one", () => {
		const r = decodeMySocietyRanges(
			JSON.parse(raw(POSTCODE_INDEX_FILES.ranges)),
			JSON.parse(raw(POSTCODE_INDEX_FILES.rangeSeats))
		);
		expect(r.keys.length).toBe(54076);
		expect(r.seatOf('SW1A2AA')).toBe('E14001172');
		expect(r.seatOf('TR210HE')).toBe('E14001511');
		expect(r.seatOf('CO151QX')).toBeNull();
		expect(r.seatOf('BT11AA')).toBeNull();
		expect(() => decodeMySocietyRanges({ postcode_keys: 'x' }, {}, 'r.json')).toThrowError(
			/r\.json, column "postcode_keys": expected a list of whole numbers/
		);
	});

	it('names the file, feature and property of a Sub-ICB boundary it cannot use', () => {
		const bad = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }]
		} as FeatureCollection;
		expect(() => createPointLocator(bad, 'SICBL23CD', 'b.geojson')).toThrowError(
			/b\.geojson, row 1, column "SICBL23CD": feature 1 has no SICBL23CD/
		);
		expect(() => build({ subIcbs: bad, subIcbFile: 'b.geojson' })).toThrowError(EtlError);
	});
});

describe('the reader', () => {
	it('answers a postcode in any case and spacing, with the seat of its own point', async () => {
		for (const typed of ['SW1A 2AA', 'sw1a2aa', ' Sw1A   2aA ']) {
			expect(await lookupPostcode(typed, load)).toEqual({
				status: 'ok',
				postcode: 'SW1A 2AA',
				country: 'England',
				seat: 'point',
				constituencies: [{ code: 'E14001172', share: null }],
				alliance: 'E56000021', // West London
				alliance21: 'E56000021'
			});
		}
	});

	it("gives a split ward's postcode one seat, mySociety's", async () => {
		expect(await lookupPostcode('L31 5JR', load)).toMatchObject({
			seat: 'point',
			constituencies: [{ code: 'E14001463', share: null }] // Sefton Central
		});
	});

	it("says the seat is uncertain for a postcode mySociety does not cover, with its ward's candidates", async () => {
		expect(await lookupPostcode('CO15 1QX', load)).toEqual({
			status: 'ok',
			postcode: 'CO15 1QX',
			country: 'England',
			seat: 'ward',
			constituencies: [{ code: 'E14001174', share: 1 }], // St James ward lies wholly in Clacton
			alliance: 'E56000035', // East of England (in the 21-alliance view, North)
			alliance21: 'E56000022'
		});
	});

	it('places a postcode with a point but no ward or district by its single-alliance seat, and one with neither nowhere', async () => {
		expect(await lookupPostcode('B42 9LG', load)).toMatchObject({
			status: 'ok',
			seat: 'point',
			alliance: 'E56000007', // West Midlands
			alliance21: 'E56000007'
		});
		expect(await lookupPostcode('BD98 1GA', load)).toEqual({
			status: 'ok',
			postcode: 'BD98 1GA',
			country: 'England',
			seat: 'none',
			constituencies: [],
			alliance: null,
			alliance21: null
		});
	});

	it('gives a ward in a district across two alliances its majority alliance, for every postcode in it', async () => {
		const hart = sectors.flatMap((s) =>
			unitPlaces(s)
				.map((p, i) => (p.ward === HART_WARD ? `${s.sector}${s.units.slice(2 * i, 2 * i + 2)}` : null))
				.filter((p): p is string => p !== null)
		);
		expect(hart.length).toBeGreaterThan(300);
		for (const pc of hart) expect(await lookupPostcode(pc, load)).toMatchObject({ alliance: 'E56000016' }); // Wessex
		expect(built.stats.alliances.rule.districtsByWard).toEqual(['E07000089']);
		expect(built.stats.alliances.by.ward).toBe(hart.length);
	});

	it('keeps the 2024 changes and the 21-alliance view', async () => {
		expect(await lookupPostcode('SN1 1AE', load)).toMatchObject({ alliance: 'E56000034', alliance21: 'E56000034' });
		expect(await lookupPostcode('NR1 1AA', load)).toMatchObject({ alliance: 'E56000035', alliance21: 'E56000022' });
		expect(await lookupPostcode('BR3 3BX', load)).toMatchObject({ alliance: 'E56000010' }); // South East London
	});

	it('gives Scottish and Welsh postcodes their country and seat, and no alliance', async () => {
		expect(await lookupPostcode('CF10 3NQ', load)).toMatchObject({
			status: 'ok',
			country: 'Wales',
			seat: 'point',
			constituencies: [{ code: 'W07000091', share: null }],
			alliance: null,
			alliance21: null
		});
		expect(await lookupPostcode('EH1 1YZ', load)).toMatchObject({ country: 'Scotland', seat: 'point', alliance: null });
	});

	it('says not found for a unit, a sector or an area not in the index', async () => {
		for (const pc of ['SW1A 2ZZ', 'SW1A 9AA', 'ZE1 0AA']) {
			const r = await lookupPostcode(pc, load);
			expect(r).toMatchObject({
				status: 'not_found',
				message: expect.stringMatching(/^We couldn't find .+\. Please check it\./)
			});
		}
	});

	it('explains Northern Ireland, the Crown Dependencies and invalid input', async () => {
		const none: ShardLoader = async () => {
			throw new Error('should not be loaded');
		};
		expect(await lookupPostcode('bt1 1aa', none)).toMatchObject({ status: 'northern_ireland', postcode: 'BT1 1AA' });
		for (const [pc, place] of [
			['GY1 1AA', 'Guernsey'],
			['je2 3ab', 'Jersey'],
			['IM1 1AA', 'the Isle of Man']
		])
			expect(await lookupPostcode(pc!, none)).toMatchObject({
				status: 'not_found',
				message: expect.stringContaining(`is in ${place}, which has its own government and health service`)
			});
		expect(await lookupPostcode('', none)).toEqual({
			status: 'invalid',
			message: 'Enter a full postcode, like SW1A 2AA'
		});
		expect(await lookupPostcode('SW1A', none)).toEqual({
			status: 'invalid',
			message: 'Enter your full postcode, including the last three characters'
		});
		expect(await lookupPostcode('hello', none)).toMatchObject({
			status: 'invalid',
			message: expect.stringMatching(/"hello" is not a UK postcode/)
		});
		expect(await lookupPostcode('SW1A 2AC', none)).toMatchObject({
			status: 'invalid',
			message: expect.stringMatching(/never C, I, K, M, O or V/)
		});
	});

	it('refuses an index file of another format', async () => {
		const old: ShardLoader = async () =>
			({ format: 'postcode-index/1', area: 'SW', values: [], sectors: {} }) as unknown as PostcodeIndexShard;
		await expect(lookupPostcode('SW1A 2AA', old)).rejects.toThrow(
			/expected format postcode-index\/2, found postcode-index\/1/
		);
	});
});

describe("the home page's box", () => {
	it("goes to the postcode's alliance in the view shown, or says why not", async () => {
		expect(await postcodeOutcome('sw1a 2aa', load)).toEqual({ kind: 'go', code: 'E56000021', postcode: 'SW1A 2AA' });
		expect(await postcodeOutcome('NR1 1AA', load, '21')).toEqual({
			kind: 'go',
			code: 'E56000022',
			postcode: 'NR1 1AA'
		});
		expect(await postcodeOutcome('EH1 1YZ', load)).toMatchObject({
			kind: 'message',
			message: expect.stringMatching(/is in Scotland\. Health services there are run by the Scottish Government/)
		});
		expect(await postcodeOutcome('BT1 1AA', load)).toMatchObject({
			kind: 'message',
			message: expect.stringMatching(/is in Northern Ireland/)
		});
		expect(await postcodeOutcome('BD98 1GA', load)).toMatchObject({
			kind: 'message',
			message: expect.stringMatching(/^We can't tell which Cancer Alliance covers BD98 1GA/)
		});
		expect(await postcodeOutcome('nonsense', load)).toMatchObject({ kind: 'message', postcode: null });
	});
});

describe('the answer (GET /api/postcode)', () => {
	const answer = async (pc: string, c: AnswerContext = ctx) => composePostcodeAnswer(await lookupPostcode(pc, load), c);
	const body = async (pc: string, c: AnswerContext = ctx) => {
		const r = await answer(pc, c);
		if (r.status !== 200) throw new Error(`${pc}: ${r.status}`);
		return r.body;
	};

	it("gives the postcode's one alliance, and every alliance its constituency reaches, with a note said once", async () => {
		const a = await body('sw1a 2aa');
		expect(a).toMatchObject({
			postcode: 'SW1A 2AA',
			country: 'England',
			seat: 'point',
			constituencies: [
				{
					code: 'E14001172',
					name: 'Cities of London and Westminster',
					share: null,
					mp: { email: expect.stringMatching(/@parliament\.uk$/) },
					alliances: [
						{ code: 'E56000021', name: 'West London', share: expect.any(Number) },
						{ code: 'E56000028', name: 'North East London', share: expect.any(Number) }
					]
				}
			],
			alliances: [{ code: 'E56000021', name: 'West London' }],
			mpsAsOf: ctx.mpsAsOf
		});
		expect(a.notes).toEqual([
			expect.stringMatching(
				/^Cities of London and Westminster also covers part of North East London Cancer Alliance \(about 6% of its residents\)/
			)
		]);
		expect(letterAlliances(a, 'E14001172').map((x) => x.code)).toEqual(['E56000021', 'E56000028']);
	});

	it('says plainly, once, when the MP is the Speaker, has no published email, or the seat is vacant', async () => {
		const chorley = await body('PR7 1DP');
		expect(chorley.notes).toEqual([expect.stringMatching(/is the Speaker of the House of Commons/)]);
		const forest = await body('SO43 7BB');
		expect(forest.constituencies[0]!.mp).toMatchObject({ name: 'Sir Julian Lewis', email: null });
		expect(forest.notes).toEqual([
			"Parliament does not publish an email address for Sir Julian Lewis, the MP for New Forest East, so we can't send your email to them. Contact them through their page on the Parliament website."
		]);
		const vacant = await body('SW1A 2AA', { ...ctx, mp: () => null });
		expect(vacant.notes.join(' ')).toMatch(
			/Cities of London and Westminster has no MP at the moment: the seat is vacant/
		);
		// No raw web address in a note: the MP's page is in mp.profileUrl.
		for (const a of [chorley, forest, vacant]) expect(a.notes.join(' ')).not.toMatch(/https?:/);
	});

	it("says when the seat comes from the ward, and lists a split ward's candidates with their shares", async () => {
		const clacton = await body('CO15 1QX');
		expect(clacton).toMatchObject({ seat: 'ward', constituencies: [{ name: 'Clacton', share: 1 }] });
		expect(clacton.notes[0]).toMatch(
			/^CO15 1QX is not in the postcode-to-constituency table we use \(mySociety's\).*lies wholly in Clacton.*not certain/
		);
		// Molyneux ward's real shares (12v), as a postcode mySociety did not cover would get them.
		const split = composePostcodeAnswer(
			{
				status: 'ok',
				postcode: 'L10 1NB',
				country: 'England',
				seat: 'ward',
				constituencies: [
					{ code: 'E14001339', share: 0.5 },
					{ code: 'E14001463', share: 0.5 }
				],
				alliance: 'E56000005',
				alliance21: 'E56000005'
			},
			ctx
		);
		expect(split.status === 200 && split.body.notes[0]).toMatch(
			/^We can't be sure which constituency L10 1NB is in: .*split between Liverpool Walton \(50% of the ward's postcodes\) and Sefton Central \(50% of the ward's postcodes\)\. Choose yours/
		);
	});

	it('explains devolved health services outside England, and Northern Ireland', async () => {
		const w = await body('CF10 3NQ');
		expect(w).toMatchObject({
			country: 'Wales',
			alliances: [],
			constituencies: [{ name: 'Cardiff South and Penarth', alliances: [] }]
		});
		expect(w.notes).toEqual([expect.stringMatching(/NHS Wales .*NHS England's Cancer Alliances do not cover it/)]);
		const ni = await body('BT1 1AA');
		expect(ni).toMatchObject({ country: 'Northern Ireland', seat: 'none', constituencies: [], alliances: [] });
		expect(ni.notes.join(' ')).toMatch(
			/Code-Point Open covers Great Britain only.*members\.parliament\.uk.*Health and Social Care Northern Ireland/
		);
	});

	it('says when a postcode has no seat and no alliance', async () => {
		const a = await body('BD98 1GA');
		expect(a).toMatchObject({ seat: 'none', constituencies: [], alliances: [] });
		expect(a.notes).toEqual([
			expect.stringMatching(/can't tell its constituency/),
			expect.stringMatching(/^We can't tell which Cancer Alliance covers BD98 1GA/)
		]);
	});

	it('gives 400 and 404 with a message a person understands', async () => {
		expect(await answer('12345')).toEqual({
			status: 400,
			body: { error: expect.stringMatching(/is not a UK postcode/) }
		});
		expect(await answer('SW1A 2ZZ')).toEqual({
			status: 404,
			body: { error: expect.stringMatching(/^We couldn't find SW1A 2ZZ/) }
		});
		expect(await answer('GY1 1AA')).toEqual({ status: 404, body: { error: expect.stringMatching(/Guernsey/) } });
	});
});

describe('index encoding', () => {
	it('maps unit letters to 400 slots', () => {
		expect(UNIT_SLOTS).toBe(400);
		expect(unitSlot('AA')).toBe(0);
		expect(unitSlot('ZZ')).toBe(399);
		expect(unitSlot('AC')).toBe(-1);
		expect(UNIT_LETTERS).not.toMatch(/[CIKMOV]/);
	});

	it('round-trips presence and runs for a real sector', () => {
		const s = sectors.find((x) => x.sector === 'SW1A 2')!;
		const slots = s.units.match(/../g)!.map(unitSlot);
		const p = encodePresence(slots);
		slots.forEach((slot, i) => expect(presenceRank(p, slot)).toBe(i));
		for (let slot = 0; slot < UNIT_SLOTS; slot++) if (!slots.includes(slot)) expect(presenceRank(p, slot)).toBe(-1);
		const values = slots.map((_, i) => (i < 10 ? 0 : i < 12 ? 3 : 1));
		const runs = encodeRuns(values);
		expect(runs).toBe('0*a,3*2,1');
		values.forEach((v, i) => expect(valueAt(runs, i)).toBe(v));
		expect(encodeRuns([5, 5, 5])).toBe('5');
	});

	it('writes one file per postcode area, with stats', () => {
		expect(Object.keys(built.files).sort()).toEqual(
			['B', 'BD', 'BR', 'CF', 'CO', 'EH', 'GU', 'L', 'NR', 'PR', 'RG', 'SN', 'SO', 'SW', 'TR'].map(
				(a) => `postcode-index/${a}.json`
			)
		);
		expect(built.stats.postcodes).toBe(sectors.reduce((n, s) => n + s.units.length / 2, 0));
		expect(built.stats.seats).toMatchObject({ ward: 1, wardPostcodes: ['CO15 1QX'], none: 1 });
		expect(built.stats.alliances.by).toMatchObject({ seat: 1, none: 1 });
	});
});
