/**
 * Postcode entry, lookup and the Code-Point parser. Lookups use shards built here from real Code-Point Open area
 * files (ETL_INPUT_DIR, default ../shared/data/raw) and the collector's derived alliance polygons; parser error paths
 * use tiny inputs written here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { EtlError } from '../../scripts/etl/errors';
import {
	CODEPOINT_SOURCE,
	parseCodePoint,
	SAMPLES_PER_SECTOR,
	type SectorPoints
} from '../../scripts/etl/sources/codepoint';
import { buildPostcodeIndex, shareList, type PostcodeIndex } from '../../scripts/etl/derive/postcode-sectors';
import { normalisePostcode, shardName, shardUrl } from '../../src/lib/postcode/postcode';
import { lookupAlliances, type PostcodeShard } from '../../src/lib/postcode/lookup';

const RAW = process.env.ETL_INPUT_DIR ?? path.resolve(process.cwd(), '../shared/data/raw');
const codepo = (area: string) => readFileSync(path.join(RAW, 'postcodes/codepo/csv', `${area}.csv`));
const geojson = (rel: string) => JSON.parse(readFileSync(path.join(RAW, rel), 'utf8')) as FeatureCollection;

function catchEtl(fn: () => unknown): EtlError {
	try {
		fn();
	} catch (e) {
		if (e instanceof EtlError) return e;
		throw e;
	}
	throw new Error('expected an EtlError');
}

// Real rows (postcodes/codepo/csv/tr.csv, lines 1-2) for the error paths.
const TR1 = '"TR1 1AA",10,182961,43918,"E92000001","E19000002","E18000010","","E06000052","E05013354"';
const TR2 = '"TR1 1AB",10,183713,45956,"E92000001","E19000002","E18000010","","E06000052","E05013356"';

describe('normalisePostcode', () => {
	it('accepts any case and spacing', () => {
		for (const input of ['SW1A 2AA', 'sw1a2aa', '  Sw1a   2aA ', 'S W 1 A 2 A A', 'sw1a\t2aa']) {
			expect(normalisePostcode(input)).toEqual({
				ok: true,
				postcode: 'SW1A 2AA',
				outward: 'SW1A',
				sector: 'SW1A 2',
				area: 'SW'
			});
		}
		expect(normalisePostcode('tr210ab')).toEqual({
			ok: true,
			postcode: 'TR21 0AB',
			outward: 'TR21',
			sector: 'TR21 0',
			area: 'TR'
		});
		expect(normalisePostcode('e16an')).toMatchObject({ ok: true, postcode: 'E1 6AN', sector: 'E1 6', area: 'E' });
	});

	it('asks for a postcode when the box is empty', () => {
		for (const input of ['', '   '])
			expect(normalisePostcode(input)).toEqual({ ok: false, message: 'Enter a full postcode, like SW1A 2AA' });
	});

	it('asks for the rest of the postcode when only the first half is given', () => {
		for (const input of ['SW1A', 'sw1a', 'E1', 'SW1A 2', 'TR21 0A']) {
			expect(normalisePostcode(input)).toEqual({
				ok: false,
				message: 'Enter your full postcode, including the last three characters'
			});
		}
	});

	it('says plainly when the text is not a postcode, suggesting a fix where one is obvious', () => {
		expect(normalisePostcode('XYZ')).toEqual({
			ok: false,
			message: '"XYZ" is not a UK postcode. Check it and try again, like SW1A 2AA.'
		});
		expect(normalisePostcode('SWIA 2AA')).toEqual({
			ok: false,
			message: '"SWIA 2AA" is not a UK postcode. Did you mean SW1A 2AA?'
		});
		const long = normalisePostcode('this is not a postcode at all');
		expect(long.ok).toBe(false);
		if (!long.ok) expect(long.message).toContain('…" is not a UK postcode');
	});

	it('names shards by postcode area', () => {
		expect(shardName('sw')).toBe('SW');
		expect(shardName('E')).toBe('E');
		expect(shardUrl('tr')).toBe('/data/postcodes/TR.json');
		expect(() => shardName('S1')).toThrow(/not a postcode area/);
	});
});

describe('parseCodePoint', () => {
	it('groups a real area file by sector, counting unlocated rows and sampling located ones', () => {
		const r = parseCodePoint('tr.csv', codepo('tr'));
		expect(r.rowsRead).toBe(12391);
		expect(r.rowsRejected).toBe(0);
		expect(r.rows.length).toBe(67);
		const total = r.rows.reduce((s, x) => s + x.postcodes, 0);
		expect(total).toBe(12391);
		for (const s of r.rows) {
			expect(s.area).toBe('TR');
			expect(s.country).toBe('E');
			const e = s.countries.E!;
			expect(e.points.length / 2).toBe(Math.min(SAMPLES_PER_SECTOR, e.located));
		}
		const tr1 = r.rows.find((s) => s.sector === 'TR1 1')!;
		expect(tr1.countries.E!.located).toBeGreaterThan(0);
		expect(CODEPOINT_SOURCE.publisher).toBe('Ordnance Survey');
		expect(CODEPOINT_SOURCE.downloadUrl).toBe('https://www.ordnancesurvey.co.uk/products/code-point-open');
	});

	it('gives the same result for text and bytes, and for CRLF line endings', () => {
		const bytes = codepo('tr');
		const text = bytes.toString('utf8');
		const a = parseCodePoint('tr.csv', new Uint8Array(bytes));
		expect(parseCodePoint('tr.csv', text).rows).toEqual(a.rows);
		expect(parseCodePoint('tr.csv', text.replace(/\n/g, '\r\n')).rows).toEqual(a.rows);
	});

	it('counts positional-quality-90 rows without sampling them', () => {
		const lines = readFileSync(path.join(RAW, 'postcodes/codepo/csv/n.csv'), 'utf8')
			.split('\n')
			.filter((l) => l.startsWith('"N1P 3'));
		expect(lines.length).toBeGreaterThan(0);
		const r = parseCodePoint('n.csv', lines.join('\n') + '\n');
		expect(r.rows).toHaveLength(1);
		expect(r.rows[0]).toMatchObject({
			sector: 'N1P 3',
			country: 'E',
			postcodes: lines.length,
			unlocated: lines.length
		});
		expect(r.rows[0]!.countries.E!.points).toEqual([]);
		expect(r.notes.join(' ')).toContain('no coordinates');
	});

	it('takes at most 40 points per sector, spread across it', () => {
		const lines = readFileSync(path.join(RAW, 'postcodes/codepo/csv/tr.csv'), 'utf8')
			.split('\n')
			.filter((l) => l.startsWith('"TR1 1'));
		expect(lines.length).toBeGreaterThan(SAMPLES_PER_SECTOR);
		const r = parseCodePoint('tr.csv', lines.join('\n'));
		const pts = r.rows[0]!.countries.E!.points;
		expect(pts.length).toBe(2 * SAMPLES_PER_SECTOR);
		const first = Math.floor((0.5 * lines.length) / SAMPLES_PER_SECTOR);
		const cells = lines[first]!.split(',');
		expect([pts[0], pts[1]]).toEqual([Number(cells[2]), Number(cells[3])]);
	});

	it('names file, row and column for text in Eastings', () => {
		const e = catchEtl(() => parseCodePoint('tr.csv', `${TR1}\n${TR2.replace('183713', 'n/a')}\n`));
		expect(e.location).toEqual({ file: 'tr.csv', row: 2, column: 'Eastings' });
		expect(e.message).toContain('expected a whole number, found the text "n/a"');
	});

	it('names file, row and column for a row with too few values (a truncated file)', () => {
		const e = catchEtl(() => parseCodePoint('tr.csv', `${TR1}\n"TR1 1AB",10,1837`));
		expect(e.location).toEqual({ file: 'tr.csv', row: 2, column: 'Northings' });
		expect(e.message).toContain('row has 3 values but the header has 10');
	});

	it('reports a file cut inside a quoted value', () => {
		const e = catchEtl(() => parseCodePoint('tr.csv', `${TR1}\n${TR2.slice(0, 40)}`));
		expect(e.location.file).toBe('tr.csv');
		expect(e.message).toMatch(/truncated/);
	});

	it('names the row with too many values', () => {
		const e = catchEtl(() => parseCodePoint('tr.csv', `${TR1},"extra"\n`));
		expect(e.location).toEqual({ file: 'tr.csv', row: 1 });
		expect(e.message).toContain('row has 11 values but the header has 10');
	});

	it('rejects unknown country codes, bad postcodes, out-of-grid coordinates and empty files', () => {
		expect(catchEtl(() => parseCodePoint('tr.csv', TR1.replace('E92000001', 'N92000002'))).location).toEqual({
			file: 'tr.csv',
			row: 1,
			column: 'Country_code'
		});
		expect(catchEtl(() => parseCodePoint('tr.csv', TR1.replace('TR1 1AA', 'TR1'))).location).toEqual({
			file: 'tr.csv',
			row: 1,
			column: 'Postcode'
		});
		expect(catchEtl(() => parseCodePoint('tr.csv', TR1.replace('43918', '9999999'))).location).toEqual({
			file: 'tr.csv',
			row: 1,
			column: 'Northings'
		});
		expect(catchEtl(() => parseCodePoint('tr.csv', `${TR1}\n\n${TR2}\n`)).location).toEqual({ file: 'tr.csv', row: 2 });
		expect(catchEtl(() => parseCodePoint('tr.csv', '')).location).toEqual({ file: 'tr.csv', row: 1 });
	});
});

describe('shareList', () => {
	it('sorts, rounds to 2 dp and drops shares under 0.05 but keeps the largest', () => {
		expect(
			shareList([
				['E56000031', 0.123],
				['E56000025', 0.857],
				['E56000030', 0.02]
			])
		).toEqual([
			['E56000025', 0.86],
			['E56000031', 0.12]
		]);
		expect(
			shareList([
				['E56000031', 0.03],
				['E56000025', 0.04]
			])
		).toEqual([['E56000025', 0.04]]);
	});
});

describe('lookupAlliances with shards built from real Code-Point rows', () => {
	let index: PostcodeIndex;
	const fetched: string[] = [];
	const fetchShard = async (area: string): Promise<PostcodeShard | null> => {
		fetched.push(area);
		return index.shards[area] ?? null;
	};

	beforeAll(() => {
		const sectors: SectorPoints[] = [];
		for (const area of ['tr', 'eh', 'cf', 'n']) sectors.push(...parseCodePoint(`${area}.csv`, codepo(area)).rows);
		// The SY13 3 rows only: a sector on the English-Welsh border.
		const sy = readFileSync(path.join(RAW, 'postcodes/codepo/csv/sy.csv'), 'utf8')
			.split('\n')
			.filter((l) => l.startsWith('"SY13 3'));
		sectors.push(...parseCodePoint('sy.csv', sy.join('\n')).rows);
		index = buildPostcodeIndex(sectors, {
			'20': geojson('derived/cancer_alliances_2024_20.geojson'),
			'21': geojson('derived/cancer_alliances_21_eoe_split.geojson')
		});
	});

	it('places Cornwall and the Isles of Scilly in Peninsula', async () => {
		for (const pc of ['TR1 1AA', 'tr210ab']) {
			const r = await lookupAlliances(pc, fetchShard);
			expect(r).toMatchObject({
				ok: true,
				country: 'England',
				alliances: [{ code: 'E56000014', share: 1 }],
				alliances21: [{ code: 'E56000014', share: 1 }],
				otherCountries: []
			});
		}
		expect(Object.keys(index.shards.TR!.sectors)).toHaveLength(67);
	});

	it('gives Scotland and Wales their country and no alliance', async () => {
		expect(await lookupAlliances('EH1 1AD', fetchShard)).toEqual({
			ok: true,
			postcode: 'EH1 1AD',
			sector: 'EH1 1',
			country: 'Scotland',
			alliances: [],
			alliances21: [],
			otherCountries: []
		});
		expect(await lookupAlliances('cf10 1aa', fetchShard)).toMatchObject({ ok: true, country: 'Wales', alliances: [] });
	});

	it('explains a sector on the English-Welsh border', async () => {
		const r = await lookupAlliances('SY13 3AA', fetchShard);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.country).toBe('Wales'); // most of SY13 3's postcodes are Welsh
		expect(r.otherCountries).toHaveLength(1);
		expect(r.otherCountries[0]!.country).toBe('England');
		expect(r.alliances.length).toBeGreaterThan(0);
		expect(r.alliances[0]!.share).toBeLessThan(0.5);
	});

	it('does not fetch anything for Northern Ireland and says why', async () => {
		const before = fetched.length;
		const r = await lookupAlliances('BT1 1AA', fetchShard);
		expect(r).toMatchObject({ ok: false, reason: 'northern_ireland' });
		if (!r.ok) expect(r.message).toMatch(/Northern Ireland.*Cancer Alliances cover England only.*Code-Point Open/);
		expect(fetched.length).toBe(before);
	});

	it('passes on invalid input messages', async () => {
		expect(await lookupAlliances('SW1A', fetchShard)).toEqual({
			ok: false,
			reason: 'invalid',
			message: 'Enter your full postcode, including the last three characters'
		});
		expect(await lookupAlliances('', fetchShard)).toMatchObject({ ok: false, reason: 'invalid' });
	});

	it('says when a postcode is not found, or has no location', async () => {
		// TR1 5 is not a sector in the TR file (error path), and an area with no shard.
		const missing = await lookupAlliances('TR1 5AA', fetchShard);
		expect(missing).toMatchObject({ ok: false, reason: 'not_found' });
		if (!missing.ok) expect(missing.message).toContain("We couldn't find TR1 5AA");
		expect(await lookupAlliances('ZE1 0AA', async () => null)).toMatchObject({ ok: false, reason: 'not_found' });
		// N1P 3 is a real sector whose postcodes all lack coordinates (positional quality 90).
		const po = await lookupAlliances('N1P 3AA', fetchShard);
		expect(po).toMatchObject({ ok: false, reason: 'not_found' });
		if (!po.ok) expect(po.message).toContain('no map location');
		expect(index.stats.unlocatedEnglishSectors).toContain('N1P 3');
	});
});

describe('buildPostcodeIndex inputs', () => {
	it('rejects boundaries without alliance codes', () => {
		const bad = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }]
		} as FeatureCollection;
		expect(() => buildPostcodeIndex([], { '20': bad, '21': bad })).toThrow(/feature 1 has no "code" property/);
	});
});
