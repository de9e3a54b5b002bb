/**
 * The one postcode index, built from the real raw files (ETL_INPUT_DIR, default ../shared/data/raw): all 120 Code-Point
 * Open files, mySociety's 2024 range table, 12v's ward table, the PCON24 names, the geography (Sub-ICB -> alliance
 * mapping with the 2024 changes, the LSOA11 lookup, constituency -> alliance shares) and the April 2023 Sub-ICB
 * boundaries. Every Code-Point postcode is walked through the one reader (src/lib/postcode/lookup.ts), the home box's
 * outcome and the API's answer, and checked against what the builder decided and against area_lookups.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreas, type GeographyResult } from '../../scripts/etl/derive/geography/areas';
import { readBoundaries, readGeographyInputs } from '../../scripts/etl/geography-inputs';
import { GEO_FILE_NAMES } from '../../scripts/etl/derive/geography/alliances';
import { parseCodePointUnits, unitPlaces, type CodePointSectorUnits } from '../../scripts/etl/sources/codepoint';
import { decodeMySocietyRanges, type MySocietyRanges } from '../../scripts/etl/sources/mysociety-ranges';
import { readWardMapping, seatCodesByName } from '../../scripts/etl/sources/ward-constituencies';
import {
	buildPostcodeIndexFiles,
	POSTCODE_INDEX_FILES,
	singleAllianceSeats,
	type PostcodeIndexFiles
} from '../../scripts/etl/derive/postcode-index';
import { lookupPostcode, type ShardLoader } from '../../src/lib/postcode/lookup';
import { POSTCODE_INDEX_DIR, type IndexValue, type PostcodeIndexShard } from '../../src/lib/postcode/index-format';
import { postcodeOutcome } from '../../src/lib/postcode/outcome';
import { answerPostcode } from '../../src/lib/server/postcode-index';
import type { PostcodeAnswer } from '../../src/lib/mp/contract';

const RAW = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const CODEPO = 'postcodes/codepo/csv';
const text = (rel: string) => readFileSync(path.join(RAW, rel), 'utf8');

let sectors: CodePointSectorUnits[];
let geo: GeographyResult;
let built: PostcodeIndexFiles;
let ranges: MySocietyRanges;
let load: ShardLoader;
const decided = new Map<string, IndexValue>();

/** A loader over the built files, parsing each on first use (as the server does). */
function loaderOf(files: Record<string, string>): ShardLoader {
	const cache = new Map<string, PostcodeIndexShard | null>();
	return async (area) => {
		if (!cache.has(area)) {
			const content = files[`${POSTCODE_INDEX_DIR}/${area}.json`];
			cache.set(area, content ? (JSON.parse(content) as PostcodeIndexShard) : null);
		}
		return cache.get(area)!;
	};
}

beforeAll(async () => {
	const files = readdirSync(path.join(RAW, CODEPO))
		.filter((f) => f.endsWith('.csv'))
		.sort();
	expect(files).toHaveLength(120);
	sectors = files.flatMap(
		(f) => parseCodePointUnits(`${CODEPO}/${f}`, new Uint8Array(readFileSync(path.join(RAW, CODEPO, f)))).rows
	);
	geo = buildAreas(await readGeographyInputs(RAW));
	built = buildPostcodeIndexFiles({
		sectors,
		wardMapping: text(POSTCODE_INDEX_FILES.wardMapping),
		pconNames: JSON.parse(text(POSTCODE_INDEX_FILES.pconNames)),
		ranges: JSON.parse(text(POSTCODE_INDEX_FILES.ranges)),
		rangeSeats: JSON.parse(text(POSTCODE_INDEX_FILES.rangeSeats)),
		entries: geo.mapping.entries,
		districtParts: geo.districtParts,
		lookups: geo.lookups,
		subIcbs: (await readBoundaries(RAW)).subIcb as FeatureCollection,
		subIcbFile: GEO_FILE_NAMES.subIcbBoundaries,
		onUnit: (postcode, value) => decided.set(postcode, value)
	});
	ranges = decodeMySocietyRanges(
		JSON.parse(text(POSTCODE_INDEX_FILES.ranges)),
		JSON.parse(text(POSTCODE_INDEX_FILES.rangeSeats))
	);
	load = loaderOf(built.files);
	const { rule, ...alliances } = built.stats.alliances;
	console.log('postcode index:', JSON.stringify({ ...built.stats, alliances, rule: undefined }));
	console.log('alliance rule:', JSON.stringify(rule));
}, 120_000);

async function answer(postcode: string): Promise<PostcodeAnswer> {
	const r = await answerPostcode(postcode, load);
	if (r.status !== 200) throw new Error(`${postcode}: ${r.status} ${r.body.error}`);
	return r.body;
}

/** The postcode's own alliance (20- and 21-alliance views) as the home box and the API give it. */
async function allianceOf(postcode: string): Promise<{ a20: string | null; a21: string | null; api: string[] }> {
	const o20 = await postcodeOutcome(postcode, load, '20');
	const o21 = await postcodeOutcome(postcode, load, '21');
	return {
		a20: o20.kind === 'go' ? o20.code : null,
		a21: o21.kind === 'go' ? o21.code : null,
		api: (await answer(postcode)).alliances.map((a) => a.code)
	};
}

describe('the postcode index from the real files', () => {
	it('holds every Code-Point postcode in 120 files, about 1 MB', () => {
		expect(built.stats.postcodes).toBe(1_734_274);
		expect(built.stats.byCountry).toEqual({ E: 1_481_850, S: 160_374, W: 92_050 });
		expect(built.stats.files).toBe(120);
		const bytes = Object.values(built.files).reduce((n, c) => n + Buffer.byteLength(c), 0);
		expect(bytes).toBe(built.stats.bytes);
		console.log(
			`postcode index size: ${bytes} bytes in ${built.stats.files} files; largest ${JSON.stringify(built.stats.largestFile)}`
		);
		expect(bytes).toBeLessThan(1_200_000);
	});

	it('takes every seat mySociety gives; only CO15 1QX and PO33 2HF fall back to their ward; 866 have none', () => {
		expect(built.stats.seats).toEqual({
			point: 1_733_406,
			ward: 2,
			wardPostcodes: ['CO15 1QX', 'PO33 2HF'],
			none: 866,
			wardsNotInMapping: []
		});
	});

	it('gives L31 5JR, SE7 7BT, BL3 6AR and SW12 8JH the seat of their own point, once, where their ward is split', async () => {
		const wards = readWardMapping(
			text(POSTCODE_INDEX_FILES.wardMapping),
			POSTCODE_INDEX_FILES.wardMapping,
			seatCodesByName(JSON.parse(text(POSTCODE_INDEX_FILES.pconNames)))
		);
		const places = new Map(
			sectors.flatMap((s) => unitPlaces(s).map((p, i) => [`${s.sector}${s.units.slice(2 * i, 2 * i + 2)}`, p] as const))
		);
		for (const pc of ['L31 5JR', 'SE7 7BT', 'BL3 6AR', 'SW12 8JH']) {
			const seat = ranges.seatOf(pc.replace(' ', ''));
			expect(seat, pc).toMatch(/^E14/);
			// Their ward spans two or more seats, and its largest is not this postcode's.
			const candidates = wards.get(places.get(pc)!.ward)!.candidates;
			expect(candidates.length, pc).toBeGreaterThan(1);
			expect(candidates[0]![0], pc).not.toBe(seat);
			const a = await answer(pc);
			expect(a.seat).toBe('point');
			expect(a.constituencies.map((c) => [c.code, c.share])).toEqual([[seat, null]]);
			expect(new Set(a.notes).size).toBe(a.notes.length);
		}
	});

	it('tells BR3 3BX, KT4 7EW and BA8 0SB the alliance of their district, not West London', async () => {
		expect(await allianceOf('BR3 3BX')).toEqual({ a20: 'E56000010', a21: 'E56000010', api: ['E56000010'] }); // South East London
		expect(await allianceOf('KT4 7EW')).toEqual({ a20: 'E56000012', a21: 'E56000012', api: ['E56000012'] }); // Surrey and Sussex
		expect(await allianceOf('BA8 0SB')).toEqual({ a20: 'E56000016', a21: 'E56000016', api: ['E56000016'] }); // Wessex (Dorset)
	});

	it('keeps the 2024 changes: Swindon, Glossop, Bassetlaw and Oundle', async () => {
		const ta = (a: string) => ({ a20: a, a21: a, api: [a] });
		expect(await allianceOf('SN1 1AE')).toEqual(ta('E56000034')); // Swindon: Thames Valley
		expect(await allianceOf('SN10 1AB')).toEqual(ta('E56000033')); // Devizes, Wiltshire: still SWAG
		expect(await allianceOf('SK13 8AA')).toEqual(ta('E56000031')); // Glossop: East Midlands
		expect(await allianceOf('SK14 1AA')).toEqual(ta('E56000032')); // Hyde, Tameside: Greater Manchester
		expect(await allianceOf('S80 2AD')).toEqual(ta('E56000025')); // Worksop, Bassetlaw: South Yorkshire and Bassetlaw
		expect(await allianceOf('DN22 6AA')).toEqual(ta('E56000025')); // Retford, Bassetlaw
		expect(await allianceOf('PE8 4AA')).toEqual(ta('E56000031')); // Oundle: East Midlands, not East of England
		expect(await allianceOf('HG1 1AA')).toEqual(ta('E56000026')); // Harrogate: Humber and North Yorkshire
	});

	it('splits East of England into North and South in the 21-alliance view', async () => {
		expect(await allianceOf('NR1 1AA')).toEqual({ a20: 'E56000035', a21: 'E56000022', api: ['E56000035'] });
		expect(await allianceOf('CM1 1AE')).toEqual({ a20: 'E56000035', a21: 'E56000023', api: ['E56000035'] });
	});

	it('agrees with area_lookups for every postcode whose seat lies in one alliance, but one', () => {
		const { compared, agree, disagreements } = built.stats.agreement;
		console.log(`alliance vs area_lookups: ${agree}/${compared}; ${disagreements.join('; ')}`);
		expect(compared).toBeGreaterThan(1_400_000);
		// RG45 6AD: Code-Point puts it in Wokingham (Thames Valley); mySociety's point is just over the line in
		// Bracknell (Surrey and Sussex).
		expect(disagreements).toEqual(['RG45 6AD: E56000034 by district, but its seat E14001117 is wholly in E56000012']);
	});

	it('places every English postcode with a ward, district or single-alliance seat', () => {
		const { by, rule } = built.stats.alliances;
		expect(by.district + by.ward + by.seat + by.none).toBe(1_481_850);
		expect(rule.tiedWards).toEqual([]);
		// Left without an alliance: only the 836 English postcodes with no location, ward or district (positional
		// quality 90). The 50 with a location but no ward or district lie in single-alliance seats.
		expect(by.none).toBe(836);
		expect(by.seat).toBe(50);
		expect(rule.districtsByWard.sort()).toEqual(
			['E06000060', 'E06000063', 'E06000064', 'E06000065', 'E06000066', 'E07000089', 'E07000099', 'E07000180'].sort()
		);
	});

	it('walks every Code-Point postcode through the one reader: the lookup, the home box and the API give what the builder decided', async () => {
		const seats = singleAllianceSeats(geo.lookups);
		let n = 0;
		for (const s of sectors) {
			for (let i = 0; i < s.units.length; i += 2) {
				const pc = `${s.sector}${s.units.slice(i, i + 2)}`;
				const [country, seat, candidates, a20, a21] = decided.get(pc)!;
				const r = await lookupPostcode(pc, load);
				if (
					r.status !== 'ok' ||
					r.country[0] !== country ||
					r.seat[0] !== seat ||
					r.alliance !== a20 ||
					r.alliance21 !== a21 ||
					JSON.stringify(r.constituencies.map((c) => [c.code, c.share])) !== JSON.stringify(candidates)
				)
					throw new Error(`${pc}: reader ${JSON.stringify(r)}, builder ${JSON.stringify(decided.get(pc))}`);
				const box = await postcodeOutcome(pc, load);
				if ((box.kind === 'go' ? box.code : null) !== (country === 'E' ? a20 : null))
					throw new Error(`${pc}: home box ${JSON.stringify(box)}, builder ${a20}`);
				const api = await answerPostcode(pc, load);
				if (api.status !== 200) throw new Error(`${pc}: API ${api.status}`);
				const own = api.body.alliances.map((a) => a.code);
				if (own.length !== (a20 ? 1 : 0) || (a20 && own[0] !== a20))
					throw new Error(`${pc}: API alliances ${own.join(',')}, builder ${a20}`);
				if (new Set(api.body.notes).size !== api.body.notes.length) throw new Error(`${pc}: a note twice`);
				const single = seat === 'p' ? seats.get(candidates[0]![0])?.[0] : undefined;
				if (single && a20 !== single && pc !== 'RG45 6AD')
					throw new Error(`${pc}: alliance ${a20}, but its seat lies wholly in ${single}`);
				n++;
			}
		}
		expect(n).toBe(1_734_274);
	}, 600_000);

	it('the committed index (static/data/postcode-index) is what the raw files build', () => {
		const dir = path.resolve('static/data', POSTCODE_INDEX_DIR);
		const committed = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort();
		expect(committed.map((f) => `${POSTCODE_INDEX_DIR}/${f}`)).toEqual(Object.keys(built.files).sort());
		for (const f of committed)
			expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(built.files[`${POSTCODE_INDEX_DIR}/${f}`]);
	});
});
