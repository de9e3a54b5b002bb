/**
 * The postcode -> constituency / Cancer Alliance index built from the real raw files (ETL_INPUT_DIR, default
 * ../shared/data/raw): all 120 Code-Point Open files, 12v's ward -> constituency table, the PCON24 names, mySociety's
 * 2024 range table (the cross-check) and the unsimplified alliance polygons. Answers go through the server's own
 * composer (src/lib/server/postcode-index.ts, with the committed MP list and areas).
 *
 * Expected answers: SW1A 2AA (10 Downing Street) is in Cities of London and Westminster and the West London alliance;
 * TR21 0HE (St Mary's, Isles of Scilly) is in St Ives and the Peninsula alliance; EH1 1YZ and CF10 3NQ are in Scotland
 * and Wales. Timings are printed, never asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreas } from '../../scripts/etl/sources/geography';
import { exactAllianceGeoJson, readBoundaries, readGeographyInputs } from '../../scripts/etl/geography-inputs';
import {
	parseCodePointUnits,
	sectorPointsFromUnits,
	type CodePointSectorUnits
} from '../../scripts/etl/sources/codepoint-units';
import { parseCodePoint } from '../../scripts/etl/sources/codepoint';
import {
	buildPostcodeIndexFiles,
	decodeMySocietyRanges,
	POSTCODE_INDEX_DIR,
	POSTCODE_INDEX_FILES,
	type MySocietyRanges,
	type PostcodeIndexFiles
} from '../../scripts/etl/derive/postcode-index';
import { lookupPostcode, type PostcodeIndexShard, type ShardLoader } from '../../src/lib/mp/postcode-index';
import { answerPostcode, loadPostcodeIndexShard } from '../../src/lib/server/postcode-index';
import type { PostcodeAnswer } from '../../src/lib/mp/contract';

const RAW = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const CODEPO = 'postcodes/codepo/csv';
const text = (rel: string) => readFileSync(path.join(RAW, rel), 'utf8');

let sectors: CodePointSectorUnits[];
let built: PostcodeIndexFiles;
let ranges: MySocietyRanges;
let load: ShardLoader;
const timings: Record<string, number> = {};

/** A loader over the built files, parsing each shard on first use (as the server does). */
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
	let t = performance.now();
	const files = readdirSync(path.join(RAW, CODEPO))
		.filter((f) => f.endsWith('.csv'))
		.sort();
	expect(files).toHaveLength(120);
	sectors = [];
	for (const f of files)
		sectors.push(
			...parseCodePointUnits(`${CODEPO}/${f}`, new Uint8Array(readFileSync(path.join(RAW, CODEPO, f)))).rows
		);
	timings.parse120Files = performance.now() - t;

	t = performance.now();
	const geo = buildAreas(await readGeographyInputs(RAW));
	const alliances: FeatureCollection = exactAllianceGeoJson(await readBoundaries(RAW), geo.mapping, '20');
	timings.alliancePolygons = performance.now() - t;

	t = performance.now();
	built = buildPostcodeIndexFiles({
		sectors,
		wardMapping: text(POSTCODE_INDEX_FILES.wardMapping),
		pconNames: JSON.parse(text(POSTCODE_INDEX_FILES.pconNames)),
		ranges: JSON.parse(text(POSTCODE_INDEX_FILES.ranges)),
		rangeSeats: JSON.parse(text(POSTCODE_INDEX_FILES.rangeSeats)),
		alliances
	});
	timings.buildIndex = performance.now() - t;
	ranges = decodeMySocietyRanges(
		JSON.parse(text(POSTCODE_INDEX_FILES.ranges)),
		JSON.parse(text(POSTCODE_INDEX_FILES.rangeSeats))
	);
	load = loaderOf(built.files);
	console.log(
		'postcode index timings (ms):',
		Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))
	);
	console.log('postcode index stats:', JSON.stringify({ ...built.stats, agreement: undefined, rule: undefined }));
});

async function answer(postcode: string): Promise<PostcodeAnswer> {
	const r = await answerPostcode(postcode, load);
	if (r.status !== 200) throw new Error(`${postcode}: ${r.status} ${r.body.error}`);
	return r.body;
}

/** Whether a postcode is a row of the raw Code-Point file of its area. */
function inCodePoint(postcode: string): boolean {
	const area = /^[A-Z]+/.exec(postcode)![0].toLowerCase();
	return text(`${CODEPO}/${area}.csv`).includes(`"${postcode}",`);
}

describe('postcode index from the real files', () => {
	it('holds every Code-Point postcode, in 120 files under 6 MB', () => {
		expect(built.stats.postcodes).toBe(1_734_274);
		expect(built.stats.byCountry).toEqual({ E: 1_481_850, S: 160_374, W: 92_050 });
		expect(built.stats.files).toBe(120);
		expect(built.stats.seats.wardsNotInMapping).toEqual([]);
		const bytes = Object.values(built.files).reduce((n, c) => n + Buffer.byteLength(c), 0);
		expect(bytes).toBe(built.stats.bytes);
		console.log(
			`postcode index size: ${(bytes / 1e6).toFixed(2)} MB in ${built.stats.files} files; largest ${built.stats.largestFile.path} ${(built.stats.largestFile.bytes / 1e3).toFixed(1)} KB`
		);
		expect(bytes).toBeLessThan(6_000_000);
	});

	it('SW1A 2AA -> Cities of London and Westminster, West London', async () => {
		const a = await answer('sw1a2aa');
		expect(a.postcode).toBe('SW1A 2AA');
		expect(a.country).toBe('England');
		expect(a.constituencies).toMatchObject([
			{ code: 'E14001172', name: 'Cities of London and Westminster', share: 1, mp: { name: expect.any(String) } }
		]);
		// The postcode is in West London; its constituency also reaches the City (North East London, 6% of residents).
		expect(a.alliances).toEqual([
			{ code: 'E56000021', name: 'West London' },
			{ code: 'E56000028', name: 'North East London' }
		]);
		expect(ranges.seatOf('SW1A2AA')).toBe('E14001172');
	});

	it('a postcode in a split ward gets its candidates, including the seat mySociety gives it', async () => {
		// L10 1NB is in Molyneux ward (E05000946): 150 postcodes in Liverpool Walton, 149 in Sefton Central.
		expect(inCodePoint('L10 1NB')).toBe(true);
		const a = await answer('L10 1NB');
		expect(a.constituencies.map((c) => [c.name, c.share])).toEqual([
			['Liverpool Walton', 0.5],
			['Sefton Central', 0.5]
		]);
		expect(a.constituencies.map((c) => c.code)).toContain(ranges.seatOf('L101NB'));
		expect(a.notes[0]).toMatch(/can't be sure which constituency L10 1NB is in/);
		expect(a.alliances).toEqual([{ code: 'E56000005', name: 'Cheshire and Merseyside' }]);
	});

	it('TR21 0HE (Isles of Scilly) -> St Ives, Peninsula', async () => {
		const a = await answer('TR21 0HE');
		expect(a.constituencies).toMatchObject([{ code: 'E14001511', name: 'St Ives', share: 1 }]);
		expect(a.alliances).toEqual([{ code: 'E56000014', name: 'Peninsula' }]);
	});

	it('EH1 1YZ (Scotland) and CF10 3NQ (Wales): country, MP, no alliances', async () => {
		const eh = await answer('EH1 1YZ');
		expect(eh.country).toBe('Scotland');
		expect(eh.alliances).toEqual([]);
		expect(eh.constituencies.length).toBeGreaterThan(0);
		for (const c of eh.constituencies) expect(c.mp?.name).toBeTruthy();
		expect(eh.constituencies.map((c) => c.code)).toContain(ranges.seatOf('EH11YZ'));
		expect(eh.notes.join(' ')).toMatch(/NHS Scotland .*Cancer Alliances do not cover it/);

		const cf = await answer('cf10 3nq');
		expect(cf).toMatchObject({
			country: 'Wales',
			alliances: [],
			constituencies: [
				{ code: 'W07000091', name: 'Cardiff South and Penarth', share: 1, mp: { name: expect.any(String) } }
			]
		});
		expect(cf.notes.join(' ')).toMatch(/NHS Wales .*Cancer Alliances do not cover it/);
	});

	it('well-formed postcodes absent from Code-Point -> 404', async () => {
		for (const pc of ['SW1A 9ZZ', 'SW1A 2ZZ']) {
			expect(inCodePoint(pc)).toBe(false);
			const r = await answerPostcode(pc, load);
			expect(r).toEqual({ status: 404, body: { error: expect.stringMatching(new RegExp(`^We couldn't find ${pc}`)) } });
		}
	});

	it('finds every Code-Point postcode, in its own country', async () => {
		let n = 0;
		for (const s of sectors) {
			for (let i = 0; i < s.units.length; i += 2) {
				const pc = `${s.sector}${s.units.slice(i, i + 2)}`;
				const r = await lookupPostcode(pc, load);
				const country = s.country.length === 1 ? s.country : s.country[i / 2];
				if (r.status !== 'ok' || r.country[0] !== country) throw new Error(`${pc}: ${JSON.stringify(r)}`);
				n++;
			}
		}
		expect(n).toBe(1_734_274);
	});

	it('agrees with mySociety for at least 99% of postcodes', () => {
		const a = built.stats.agreement;
		const pct = (x: { agree: number; compared: number }) =>
			`${x.agree}/${x.compared} = ${((100 * x.agree) / x.compared).toFixed(2)}%`;
		console.log(
			[
				`single-seat wards, same seat: ${pct(a.singleSeatWard)} (${a.singleSeatWard.disagreements.join('; ')})`,
				`split wards left with one seat (others < 2%), same seat: ${pct(a.splitOneCandidate)}`,
				`split wards, mySociety's seat among the candidates: ${pct(a.splitAmongCandidates)}; the largest candidate: ${pct(a.splitLargest)}`,
				`overall, mySociety's seat among the candidates: ${pct(a.overallAmongCandidates)}; first candidate: ${pct(a.overallFirst)}`,
				`England, among the candidates: ${pct(a.englandAmongCandidates)}; first candidate: ${pct(a.englandFirst)}`,
				`mySociety gives no seat: ${a.mySocietyNone}`
			].join('\n')
		);
		expect(a.singleSeatWard.disagreements).toEqual(['RG45 6AD: ward E05002380 -> E14001593, mySociety E14001117']);
		expect(a.splitAmongCandidates.rate).toBeGreaterThanOrEqual(0.999);
		expect(a.overallAmongCandidates.rate).toBeGreaterThanOrEqual(0.99);
		expect(a.englandFirst.rate).toBeGreaterThanOrEqual(0.99);
		expect(a.overallAmongCandidates.compared + built.stats.seats.fromMySociety + built.stats.seats.unknown).toBe(
			built.stats.postcodes - (a.mySocietyNone - built.stats.seats.unknown)
		);
	});

	it('places every located English postcode in an alliance', () => {
		const al = built.stats.alliances;
		expect(al.placed + al.unlocatedEnglish).toBe(1_481_850);
		expect(Object.keys(al.byAlliance)).toHaveLength(20);
		console.log(
			`alliances: ${al.placed} placed, ${al.outside} outside every polygon (nearest edge, at most ${al.outsideMaxMetres} m), ${al.unlocatedEnglish} English postcodes without a location`
		);
	});

	it('one parse feeds both indexes: sectorPointsFromUnits equals parseCodePoint, file by file', () => {
		const byArea = new Map<string, CodePointSectorUnits[]>();
		for (const s of sectors) byArea.set(s.area, [...(byArea.get(s.area) ?? []), s]);
		for (const f of readdirSync(path.join(RAW, CODEPO)).filter((x) => x.endsWith('.csv'))) {
			const expected = parseCodePoint(f, new Uint8Array(readFileSync(path.join(RAW, CODEPO, f)))).rows;
			const area = f.replace('.csv', '').toUpperCase();
			expect(byArea.get(area)!.map(sectorPointsFromUnits), f).toEqual(expected);
		}
	});

	it('the committed index (static/data/postcode-index) is what the raw files build', () => {
		const dir = path.resolve('static/data', POSTCODE_INDEX_DIR);
		const committed = readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort();
		expect(committed.map((f) => `${POSTCODE_INDEX_DIR}/${f}`)).toEqual(Object.keys(built.files).sort());
		for (const f of committed)
			expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(built.files[`${POSTCODE_INDEX_DIR}/${f}`]);
	});

	it('prints lookup latency over 10,000 real postcodes (cold and warm), through the server loader', async () => {
		const all: string[] = [];
		for (const s of sectors)
			for (let i = 0; i < s.units.length; i += 2) all.push(`${s.sector}${s.units.slice(i, i + 2)}`);
		const sample = samplePostcodes(all, 10_000);
		const time = async (fn: (pc: string) => Promise<unknown>) => {
			const ms: number[] = [];
			for (const pc of sample) {
				const t = performance.now();
				await fn(pc);
				ms.push(performance.now() - t);
			}
			return ms;
		};
		const fromBuild = loaderOf(built.files);
		const report = (label: string, ms: number[]) =>
			console.log(
				`${label}: p50 ${quantile(ms, 0.5).toFixed(3)} ms, p95 ${quantile(ms, 0.95).toFixed(3)} ms, max ${Math.max(...ms).toFixed(1)} ms`
			);
		report('lookup, built files, cold', await time((pc) => answerPostcode(pc, fromBuild)));
		report('lookup, built files, warm', await time((pc) => answerPostcode(pc, fromBuild)));
		report(
			'lookup, server loader (committed files), cold',
			await time((pc) => answerPostcode(pc, loadPostcodeIndexShard))
		);
		report(
			'lookup, server loader (committed files), warm',
			await time((pc) => answerPostcode(pc, loadPostcodeIndexShard))
		);
		console.log(
			`index build ${Math.round(timings.buildIndex!)} ms (+ parse of 120 files ${Math.round(timings.parse120Files!)} ms, alliance polygons ${Math.round(timings.alliancePolygons!)} ms)`
		);
	});
});

/** A fixed pseudo-random sample (mulberry32, seed 2024), so runs are comparable. */
function samplePostcodes(all: string[], n: number): string[] {
	let seed = 2024;
	const random = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return Array.from({ length: n }, () => all[Math.floor(random() * all.length)]!);
}

function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
