/**
 * The postcode -> constituency / Cancer Alliance index on a tiny scale: a few real Code-Point rows (whole lines from
 * the raw files), the 12v rows of their wards, the real PCON24 names and mySociety range table, and the committed
 * alliance map (static/data/alliances-20.topo.json). Then the lookup, the API's answer and its notes, the encoding,
 * and the messages for bad input (tiny inputs written here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import Papa from 'papaparse';
import { feature } from 'topojson-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { EtlError } from '../../scripts/etl/errors';
import {
	parseCodePointUnits,
	unitPoints,
	unitWards,
	type CodePointSectorUnits
} from '../../scripts/etl/sources/codepoint-units';
import {
	buildPostcodeIndexFiles,
	decodeMySocietyRanges,
	POSTCODE_INDEX_FILES,
	readWardMapping,
	seatCodesByName,
	type PostcodeIndexFiles
} from '../../scripts/etl/derive/postcode-index';
import {
	composePostcodeAnswer,
	encodePresence,
	encodeRuns,
	lookupPostcode,
	presenceRank,
	UNIT_LETTERS,
	UNIT_SLOTS,
	unitSlot,
	valueAt,
	type AnswerContext,
	type PostcodeIndexShard,
	type ShardLoader
} from '../../src/lib/mp/postcode-index';
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

const PICKS: [string, { prefixes?: string[]; wards?: string[] }][] = [
	['sw', { prefixes: ['SW1A 2'] }], // St James's ward: Cities of London and Westminster
	['l', { wards: ['E05000946'] }], // Molyneux ward: Liverpool Walton 150 / Sefton Central 149 postcodes
	['pr', { prefixes: ['PR7 1DP'] }], // Chorley: the Speaker's seat
	['bl', { prefixes: ['BL4 0AA'] }], // Bolton South and Walkden: no published email
	['eh', { prefixes: ['EH1 1YZ'] }],
	['cf', { prefixes: ['CF10 3NQ'] }],
	['tr', { prefixes: ['TR21 0HE'] }],
	['bd', { prefixes: ['BD98 1GA'] }], // positional quality 90: no point, no ward
	['b', { prefixes: ['B42 9LG'] }] // positional quality 60: a point, no ward
];

let sectors: CodePointSectorUnits[];
let built: PostcodeIndexFiles;
let load: ShardLoader;
let ctx: AnswerContext;

beforeAll(() => {
	sectors = PICKS.flatMap(([area, keep]) => parseCodePointUnits(`${area}.csv`, lines(area, keep)).rows);
	const wards = new Set(sectors.flatMap((s) => s.wards));
	const mapping = raw(POSTCODE_INDEX_FILES.wardMapping)
		.split(/\r?\n/)
		.filter((l, i) => i === 0 || wards.has(l.split(',')[0]!))
		.join('\r\n');
	const topo = JSON.parse(readFileSync(path.resolve('static/data/alliances-20.topo.json'), 'utf8'));
	const alliances = feature(topo, topo.objects.alliances) as unknown as FeatureCollection;
	built = buildPostcodeIndexFiles({
		sectors,
		wardMapping: mapping,
		pconNames: JSON.parse(raw(POSTCODE_INDEX_FILES.pconNames)),
		ranges: JSON.parse(raw(POSTCODE_INDEX_FILES.ranges)),
		rangeSeats: JSON.parse(raw(POSTCODE_INDEX_FILES.rangeSeats)),
		alliances
	});
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
	ctx = {
		constituencyName: (code) => (areas.get(code)?.type === 'constituency' ? areas.get(code)!.name : undefined),
		allianceName: (code) => (areas.get(code)?.type === 'alliance' ? areas.get(code)!.name : undefined),
		mp: (code) => mps.get(code) ?? null,
		constituencyAlliances: (code) =>
			exportsCsv('area_lookups.csv')
				.filter((l) => l.relation === 'constituency_in_alliance' && l.child_code === code && l.variant !== '21')
				.map((l) => ({ code: l.parent_code!, share: Number(l.share) }))
				.sort((a, b) => b.share - a.share),
		mpsAsOf: exportsCsv('mps.csv')[0]!.as_of!
	};
});

describe('Code-Point units parser', () => {
	it('keeps every unit of a sector, its ward and its point', () => {
		const s = sectors.find((x) => x.sector === 'SW1A 2')!;
		expect(s.units.length / 2).toBe(75);
		expect(s.units.slice(0, 2)).toBe('AA');
		expect(s.wards).toEqual(['E05013806']);
		expect(s.ward).toBe('');
		// "SW1A 2AA",10,530047,179951 in sw.csv
		const line = codepo('sw')
			.split('\n')
			.find((l) => l.startsWith('"SW1A 2AA"'))!;
		const [, , e, n] = line.split(',');
		expect(unitPoints(s)[0]).toEqual([Number(e), Number(n)]);
		expect(unitWards(s).every((w) => w === 'E05013806')).toBe(true);
	});

	it('keeps units without coordinates or ward', () => {
		const s = sectors.find((x) => x.sector === 'BD98 1')!;
		expect(s.unlocated).toEqual([0]);
		expect(s.e).toEqual([]);
		expect(unitPoints(s)).toEqual([null]);
		expect(s.wards).toEqual(['']);
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

describe('ward mapping and mySociety ranges', () => {
	const names = () => seatCodesByName(JSON.parse(raw(POSTCODE_INDEX_FILES.pconNames)));
	const HEADER =
		'wardId,ward,constituency1,#postcodes1,constituency2,#postcodes2,constituency3,#postcodes3,constituency4,#postcodes4';

	it('reads a split ward as candidates with shares, and "Ynys Mon" as Ynys Môn', () => {
		const wards = readWardMapping(raw(POSTCODE_INDEX_FILES.wardMapping), POSTCODE_INDEX_FILES.wardMapping, names());
		// Molyneux: Liverpool Walton 150, Sefton Central 149 postcodes.
		expect(wards.get('E05000946')).toEqual({
			seats: 2,
			candidates: [
				['E14001339', 0.5],
				['E14001463', 0.5]
			],
			key: 'E14001339:0.5,E14001463:0.5'
		});
		expect(wards.get('E05013806')!.candidates).toEqual([['E14001172', 1]]);
		const ynys = [...wards.values()].find((w) => w.candidates[0]![0] === 'W07000112');
		expect(ynys).toBeDefined();
		// City Centre, Edinburgh: four seats, 533 / 478 / 146 / 80 postcodes.
		expect(wards.get('S13002929')!.candidates.map(([, s]) => s)).toEqual([0.43, 0.39, 0.12, 0.06]);
	});

	it('drops seats under 2% of a ward but keeps the largest', () => {
		// Bingley (E05001342): Shipley 606 postcodes, Keighley and Ilkley 1.
		const wards = readWardMapping(raw(POSTCODE_INDEX_FILES.wardMapping), POSTCODE_INDEX_FILES.wardMapping, names());
		expect(wards.get('E05001342')).toEqual({ seats: 2, candidates: [['E14001472', 1]], key: 'E14001472:1' });
	});

	it('names the row and column of an unknown seat or a bad count', () => {
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

	it("decodes mySociety's range table", () => {
		const r = decodeMySocietyRanges(
			JSON.parse(raw(POSTCODE_INDEX_FILES.ranges)),
			JSON.parse(raw(POSTCODE_INDEX_FILES.rangeSeats))
		);
		expect(r.keys.length).toBe(54076);
		expect(r.seatOf('SW1A2AA')).toBe('E14001172');
		expect(r.seatOf('TR210HE')).toBe('E14001511');
		expect(r.seatOf('BT11AA')).toBeNull();
		expect(r.seatOf('B11AA')).toBeNull(); // before the first range (B1 1AY): shorter postcodes are smaller base-36 numbers
		expect(() => decodeMySocietyRanges({ postcode_keys: [1, 2], value_key: [1] }, {}, 'r.json')).toThrowError(
			/r\.json, column "value_values"|r\.json: postcode_keys has 2/
		);
		expect(() => decodeMySocietyRanges({ postcode_keys: 'x' }, {}, 'r.json')).toThrowError(
			/r\.json, column "postcode_keys": expected a list of whole numbers/
		);
	});
});

describe('lookupPostcode on the tiny index', () => {
	it('answers a single-seat postcode in any case and spacing', async () => {
		for (const typed of ['SW1A 2AA', 'sw1a2aa', ' Sw1A   2aA ']) {
			expect(await lookupPostcode(typed, load)).toEqual({
				status: 'ok',
				postcode: 'SW1A 2AA',
				country: 'England',
				constituencies: [{ code: 'E14001172', share: 1 }],
				alliance: 'E56000021' // West London
			});
		}
	});

	it('gives the candidates of a split ward, with the seat mySociety places each postcode in among them', async () => {
		const ranges = decodeMySocietyRanges(
			JSON.parse(raw(POSTCODE_INDEX_FILES.ranges)),
			JSON.parse(raw(POSTCODE_INDEX_FILES.rangeSeats))
		);
		const molyneux = sectors.flatMap((s) =>
			unitWards(s)
				.map((w, i) => (w === 'E05000946' ? `${s.sector}${s.units.slice(2 * i, 2 * i + 2)}` : null))
				.filter((p): p is string => p !== null)
		);
		expect(molyneux.length).toBeGreaterThan(100);
		for (const pc of molyneux) {
			const r = await lookupPostcode(pc, load);
			if (r.status !== 'ok') throw new Error(`${pc}: ${r.status}`);
			expect(r.constituencies.map((c) => c.code)).toEqual(['E14001339', 'E14001463']);
			expect(r.constituencies.map((c) => c.code)).toContain(ranges.seatOf(pc.replace(' ', '')));
			expect(r.alliance).toBe('E56000005'); // Cheshire and Merseyside
		}
	});

	it('uses mySociety for a postcode with a point but no ward, and answers "exists, seat unknown" for one with neither', async () => {
		const b = await lookupPostcode('B42 9LG', load);
		expect(b).toMatchObject({ status: 'ok', country: 'England', constituencies: [{ share: null }] });
		const bd = await lookupPostcode('BD98 1GA', load);
		expect(bd).toEqual({ status: 'ok', postcode: 'BD98 1GA', country: 'England', constituencies: [], alliance: null });
	});

	it('gives Scottish and Welsh postcodes their country and seats, and no alliance', async () => {
		expect(await lookupPostcode('CF10 3NQ', load)).toMatchObject({
			status: 'ok',
			country: 'Wales',
			constituencies: [{ code: 'W07000091', share: 1 }],
			alliance: null
		});
		const eh = await lookupPostcode('EH1 1YZ', load);
		expect(eh).toMatchObject({ status: 'ok', country: 'Scotland', alliance: null });
	});

	it('says not found for a unit, a sector or an area not in the index', async () => {
		for (const pc of ['SW1A 2ZZ', 'SW1A 9AA', 'ZE1 0AA']) {
			const r = await lookupPostcode(pc, load);
			expect(r.status).toBe('not_found');
			if (r.status === 'not_found') expect(r.message).toMatch(/^We couldn't find .+\. Please check it\./);
		}
	});

	it('explains Northern Ireland, the Crown Dependencies and invalid input', async () => {
		expect(await lookupPostcode('bt1 1aa', load)).toMatchObject({ status: 'northern_ireland', postcode: 'BT1 1AA' });
		expect(await lookupPostcode('GY1 1AA', load)).toMatchObject({
			status: 'not_found',
			message: expect.stringMatching(/Guernsey/)
		});
		expect(await lookupPostcode('', load)).toEqual({
			status: 'invalid',
			message: 'Enter a full postcode, like SW1A 2AA'
		});
		expect(await lookupPostcode('SW1A', load)).toEqual({
			status: 'invalid',
			message: 'Enter your full postcode, including the last three characters'
		});
		expect(await lookupPostcode('hello', load)).toMatchObject({
			status: 'invalid',
			message: expect.stringMatching(/"hello" is not a UK postcode/)
		});
		expect(await lookupPostcode('SW1A 2AC', load)).toMatchObject({
			status: 'invalid',
			message: expect.stringMatching(/never C, I, K, M, O or V/)
		});
	});
});

describe('composePostcodeAnswer', () => {
	const answer = async (pc: string, c: AnswerContext = ctx) => composePostcodeAnswer(await lookupPostcode(pc, load), c);

	it('answers the contract for an English postcode', async () => {
		const a = await answer('sw1a 2aa');
		expect(a.status).toBe(200);
		if (a.status !== 200) return;
		expect(a.body).toMatchObject({
			postcode: 'SW1A 2AA',
			country: 'England',
			constituencies: [
				{
					code: 'E14001172',
					name: 'Cities of London and Westminster',
					share: 1,
					mp: { party: expect.any(String), email: expect.stringMatching(/@parliament\.uk$/) }
				}
			],
			alliances: [
				{ code: 'E56000021', name: 'West London' },
				{ code: 'E56000028', name: 'North East London' }
			],
			notes: [expect.stringMatching(/also covers part of North East London/)],
			mpsAsOf: ctx.mpsAsOf
		});
	});

	it('says plainly when the MP is the Speaker, has no published email, or the seat is vacant', async () => {
		const chorley = await answer('PR7 1DP');
		expect(chorley.status === 200 && chorley.body.notes.join(' ')).toMatch(
			/is the Speaker of the House of Commons.*does not take up campaigns in the usual way.*https:\/\/members\.parliament\.uk\/member\/467\/contact/
		);
		const bolton = await answer('BL4 0AA');
		expect(bolton.status === 200 && bolton.body.constituencies[0]!.mp!.email).toBeNull();
		expect(bolton.status === 200 && bolton.body.notes.join(' ')).toMatch(
			/Parliament does not publish an email address for .+, the MP for Bolton South and Walkden.*https:\/\/members\.parliament\.uk\/member\/\d+\/contact/
		);
		const vacant = await answer('SW1A 2AA', { ...ctx, mp: () => null });
		expect(vacant.status === 200 && vacant.body.constituencies[0]!.mp).toBeNull();
		expect(vacant.status === 200 && vacant.body.notes.join(' ')).toMatch(
			/Cities of London and Westminster has no MP at the moment: the seat is vacant/
		);
	});

	it('lists the candidates of an uncertain seat with their shares', async () => {
		const pc = sectors.find((s) => s.wards.includes('E05000946'))!;
		const i = unitWards(pc).indexOf('E05000946');
		const a = await answer(`${pc.sector}${pc.units.slice(2 * i, 2 * i + 2)}`);
		expect(a.status).toBe(200);
		if (a.status !== 200) return;
		expect(a.body.constituencies.map((c) => c.name).sort()).toEqual(['Liverpool Walton', 'Sefton Central']);
		expect(a.body.notes[0]).toMatch(
			/^We can't be sure which constituency .+ is in: its ward is split between Liverpool Walton \(50% of the ward's postcodes\) and Sefton Central \(50% of the ward's postcodes\)\. Choose yours/
		);
	});

	it('explains devolved health services outside England', async () => {
		const w = await answer('CF10 3NQ');
		expect(w.status === 200 && w.body).toMatchObject({
			country: 'Wales',
			alliances: [],
			constituencies: [{ name: 'Cardiff South and Penarth', mp: { name: expect.any(String) } }]
		});
		expect(w.status === 200 && w.body.notes.join(' ')).toMatch(
			/NHS Wales .*NHS England's Cancer Alliances do not cover it/
		);
		const ni = await answer('BT1 1AA');
		expect(ni).toMatchObject({ status: 200, body: { country: 'Northern Ireland', constituencies: [], alliances: [] } });
		expect(ni.status === 200 && ni.body.notes.join(' ')).toMatch(
			/Code-Point Open covers Great Britain only.*members\.parliament\.uk.*Health and Social Care Northern Ireland/
		);
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
	});

	it('says when a postcode has no location for its Cancer Alliance', async () => {
		const a = await answer('BD98 1GA');
		expect(a.status === 200 && a.body).toMatchObject({ constituencies: [], alliances: [] });
		expect(a.status === 200 && a.body.notes.join(' ')).toMatch(
			/can't tell its constituency.*can't tell which Cancer Alliance covers it/
		);
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
			['B', 'BD', 'BL', 'CF', 'EH', 'L', 'PR', 'SW', 'TR'].map((a) => `postcode-index/${a}.json`)
		);
		expect(built.stats.postcodes).toBe(sectors.reduce((n, s) => n + s.units.length / 2, 0));
		expect(built.stats.seats.unknown).toBe(1);
		expect(built.stats.seats.fromMySociety).toBe(1);
	});
});

describe('a constituency that reaches into a second alliance', () => {
	it("names both alliances, the postcode's own first, with a note (Cities of London and Westminster: 6% in North East London)", () => {
		const answer = composePostcodeAnswer(
			{
				status: 'ok',
				postcode: 'SW1A 2AA',
				country: 'England',
				constituencies: [{ code: 'E14001172', share: 1 }],
				alliance: 'E56000021'
			},
			ctx
		);
		expect(answer.status).toBe(200);
		if (answer.status !== 200) return;
		expect(answer.body.alliances.map((a) => a.code)).toEqual(['E56000021', 'E56000028']);
		expect(answer.body.notes.join(' ')).toMatch(
			/also covers part of North East London Cancer Alliance \(about 6% of its residents\)/
		);
	});
});
