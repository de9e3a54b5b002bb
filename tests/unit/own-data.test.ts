/**
 * "Your own data": the browser's streaming reader (src/lib/own-data) applies exactly the ETL's rules (the shared
 * validators in src/lib/formats) and says where a file is wrong. Error paths use tiny inputs written here; the happy
 * paths re-lay real published figures (NDRS staging completeness from static/data, Fingertips 94063 practice values
 * from the raw folder) into the two layouts and check the figures come back unchanged.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/lib/formats/errors';
import { MAX_FILE_BYTES, MAX_ROWS, parseOwnFile, type ParseOwnFileOptions } from '../../src/lib/own-data/parse-file';
import { describeOwnData, toOwnObservations, type OwnObservation } from '../../src/lib/own-data/observations';
import {
	OWN_OBSERVATIONS_SELECT_SQL,
	OWN_OBSERVATIONS_TABLE,
	ownObservationsFromResult,
	ownObservationsTable
} from '../../src/lib/own-data/table';
import { parseCosd } from '../../scripts/etl/sources/cosd';
import { parseFingertips } from '../../scripts/etl/sources/fingertips';

const COSD_HEADER = 'area_code,period,item,records,records_complete';
const lines = (...l: string[]) => l.join('\n') + '\n';
const blob = (text: string | Uint8Array<ArrayBuffer>) => new Blob([text]);

async function inputError(promise: Promise<unknown>): Promise<InputError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('expected an InputError, but the file was accepted');
}

/** The same text through the ETL's whole-file parser: its error, or its rows. */
function etl(parse: typeof parseCosd | typeof parseFingertips, file: string, text: string) {
	try {
		return { rows: parse(file, text).rows as unknown[] };
	} catch (error) {
		return { error: error as InputError };
	}
}

/** Slice sizes that cut lines, quoted values and CRLF pairs at every kind of place, plus the default. */
const CHUNKS = [1, 2, 3, 5, 7, 11, 64, undefined];

/** Location always; the message too, except where the browser must first work out the layout (a bad header). */
async function sameAsEtl(
	text: string,
	parse: typeof parseCosd | typeof parseFingertips = parseCosd,
	sameMessage = true
) {
	const expected = etl(parse, 'f.csv', text);
	for (const chunkBytes of CHUNKS) {
		const options: ParseOwnFileOptions = { name: 'f.csv', chunkBytes };
		if (expected.error) {
			const e = await inputError(parseOwnFile(blob(text), options));
			expect(e.location, `chunk ${chunkBytes}`).toEqual(expected.error.location);
			if (sameMessage) expect(e.message, `chunk ${chunkBytes}`).toBe(expected.error.message);
		} else {
			const parsed = await parseOwnFile(blob(text), options);
			expect(parsed.rows, `chunk ${chunkBytes}`).toEqual(expected.rows);
		}
	}
}

describe('parseOwnFile: the same rules and messages as the ETL, however the file is sliced', () => {
	const cases: [string, string][] = [
		['a good file', lines(COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,3,3', '', 'RX1,2023,stage,0,0')],
		[
			'CRLF line ends and a BOM',
			'\uFEFF' + [COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,3,3'].join('\r\n') + '\r\n'
		],
		[
			'CRLF and every value quoted (as Excel may write it)',
			[
				'"area_code","period","item","records","records_complete"',
				'"AB1","2024-01","stage","2","1"',
				'"AB1","2024-02","stage","3","3"'
			].join('\r\n') + '\r\n'
		],
		[
			'columns in another order, quoted numbers',
			lines('records_complete,records,item,period,area_code', '"1,000","1,200",stage,2024,AB1')
		],
		['text in a number column', lines(COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,ten,1')],
		['complete above records', lines(COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,5,6')],
		['a duplicate', lines(COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,2,1', 'AB1,2024-01,stage,4,4')],
		['a bad period', lines(COSD_HEADER, 'AB1,2024-13,stage,2,1')],
		[
			'a short row (truncated)',
			'area_code,period,item,records,records_complete\nAB1,2024-01,stage,2,1\nAB1,2024-02,sta'
		],
		['a row with a comma too many', lines(COSD_HEADER, 'AB1,2024-01,stage,2,1,9')],
		['a file cut inside a quoted value', lines(COSD_HEADER, 'AB1,2024-01,stage,2,1') + 'AB1,2024-02,"sta']
	];
	for (const [name, text] of cases) it(name, () => sameAsEtl(text));
	it('a missing column (same place; the message lists both layouts)', () =>
		sameAsEtl(lines('area_code,period,item,records', 'AB1,2024,stage,1'), parseCosd, false));

	it('a Fingertips file with a quoted value spanning lines and a character cut by the slice boundary', async () => {
		const header =
			'Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note';
		const text = lines(
			header,
			'1,"Name with a line\nbreak – and accents é",A1,Área,GPs,Female,All ages,2023/24,50,,,,,"note, quoted"',
			'1,x,A2,b,GPs,Female,All ages,2022,,,,,,'
		);
		await sameAsEtl(text, parseFingertips);
		const parsed = await parseOwnFile(blob(text), { chunkBytes: 1 });
		expect(parsed.layout).toBe('fingertips');
		expect(parsed.rows[0]).toMatchObject({
			indicator_name: 'Name with a line\nbreak – and accents é',
			area_name: 'Área',
			value_note: 'note, quoted'
		});
		expect(parsed.lines).toEqual([2, 3]);
	});
});

describe('parseOwnFile: messages an analyst can act on', () => {
	it('names file, row and column of a bad number', async () => {
		const e = await inputError(
			parseOwnFile(new File([lines(COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,2,one')], 'my extract.csv'))
		);
		expect(e.location).toEqual({ file: 'my extract.csv', row: 3, column: 'records_complete' });
		expect(e.message).toBe('my extract.csv, row 3, column "records_complete": expected a number, found the text "one"');
	});

	it('lists the expected headers when the header fits neither layout', async () => {
		const e = await inputError(
			parseOwnFile(blob(lines('code,year,item,n,complete', 'AB1,2024,stage,1,1')), { name: 'x.csv' })
		);
		expect(e.location).toMatchObject({ file: 'x.csv', row: 1 });
		expect(e.problem).toContain('matches neither layout');
		for (const h of ['area_code', 'records_complete', 'Indicator ID', 'Lower CI 95.0 limit', 'Denominator'])
			expect(e.problem).toContain(`"${h}"`);
	});

	it('says which columns the closer layout lacks', async () => {
		const e = await inputError(
			parseOwnFile(blob(lines('area_code,period,item,records', 'AB1,2024,stage,1')), { name: 'x.csv' })
		);
		expect(e.location.column).toBe('records_complete');
		expect(e.problem).toContain('Closest is the COSD-style completeness layout, which also needs "records_complete"');
	});

	it('names both rows of a duplicate', async () => {
		const e = await inputError(
			parseOwnFile(
				blob(lines(COSD_HEADER, 'AB1,2024-01,stage,2,1', 'AB1,2024-02,stage,2,1', 'AB1,2024-01,stage,4,4')),
				{ name: 'd.csv' }
			)
		);
		expect(e.location).toEqual({ file: 'd.csv', row: 4, column: 'item' });
		expect(e.problem).toContain('first at row 2');
	});

	it('refuses complete records above records', async () => {
		const e = await inputError(parseOwnFile(blob(lines(COSD_HEADER, 'AB1,2024,stage,5,6')), { name: 'c.csv' }));
		expect(e.location).toEqual({ file: 'c.csv', row: 2, column: 'records_complete' });
		expect(e.problem).toBe('6 complete records is more than the 5 records');
	});

	it('refuses a file over the size limit before reading a byte', async () => {
		expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
		const huge = {
			size: MAX_FILE_BYTES + 1,
			name: 'huge.csv',
			slice: () => {
				throw new Error('read');
			}
		} as unknown as Blob;
		const e = await inputError(parseOwnFile(huge));
		expect(e.location).toEqual({ file: 'huge.csv' });
		expect(e.problem).toMatch(/^is 20 MB; this page reads files up to 20 MB/);
	});

	it('stops past the row limit, naming the first row over it', async () => {
		expect(MAX_ROWS).toBe(100_000);
		const text = lines(
			COSD_HEADER,
			'AB1,2024-01,s,1,1',
			'',
			'AB1,2024-02,s,1,1',
			'AB1,2024-03,s,1,1',
			'AB1,2024-04,s,1,1'
		);
		const e = await inputError(parseOwnFile(blob(text), { name: 'r.csv', maxRows: 3 }));
		expect(e.location).toEqual({ file: 'r.csv', row: 6 });
		expect(e.problem).toContain('more than 3 data rows');
		expect((await parseOwnFile(blob(text), { maxRows: 4 })).rows).toHaveLength(4);
	});

	it('refuses text that is not UTF-8, and empty files', async () => {
		const latin1 = new Uint8Array([
			...new TextEncoder().encode(`${COSD_HEADER}\nAB1,2024,`),
			0xe9,
			...new TextEncoder().encode(',1,1\n')
		]);
		const e = await inputError(parseOwnFile(blob(latin1), { name: 'l.csv' }));
		expect(e.problem).toContain('is not UTF-8');
		expect((await inputError(parseOwnFile(blob(''), { name: 'e.csv' }))).message).toBe('e.csv: file is empty');
		expect((await inputError(parseOwnFile(blob('\n\n'), { name: 'e.csv' }))).location).toEqual({
			file: 'e.csv',
			row: 1
		});
	});

	it('reports progress and gives the event loop back between slices', async () => {
		const text = lines(COSD_HEADER, ...Array.from({ length: 200 }, (_, i) => `AB1,${2000 + i},stage,2,1`));
		const progress: number[] = [];
		let ticks = 0;
		const timer = setInterval(() => ticks++, 0);
		const parsed = await parseOwnFile(blob(text), { chunkBytes: 512, onprogress: (p) => progress.push(p.rowsRead) });
		clearInterval(timer);
		expect(parsed.rows).toHaveLength(200);
		expect(progress.length).toBeGreaterThan(5);
		expect(progress.at(-1)).toBe(200);
		expect([...progress].sort((a, b) => a - b)).toEqual(progress);
		expect(ticks).toBeGreaterThan(2);
	});

	it('stops when aborted', async () => {
		const controller = new AbortController();
		const text = lines(COSD_HEADER, ...Array.from({ length: 200 }, (_, i) => `AB1,${2000 + i},stage,2,1`));
		const run = parseOwnFile(blob(text), {
			chunkBytes: 256,
			signal: controller.signal,
			onprogress: () => controller.abort()
		});
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('sets Fingertips breakdown rows aside and counts them (test values, not statistics)', async () => {
		const header =
			'Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator';
		const text = lines(
			header,
			'1,x,A1,a,GPs,Female,All ages,,,2022,50,40,60,5,10',
			'1,x,A1,a,GPs,Female,All ages,Some type,Some category,2022,1,,,,'
		);
		const data = toOwnObservations(await parseOwnFile(blob(text)));
		expect(data.categoryRowsSetAside).toBe(1);
		expect(data.observations).toEqual([
			{
				indicator_id: 'fingertips_1',
				indicator_name: 'x',
				area_code: 'A1',
				area_name: 'a',
				period_start: '2022-01-01',
				period_end: '2022-12-31',
				numerator: 5,
				denominator: 10,
				value: 50,
				lower95: 40,
				upper95: 60,
				unit: '%'
			}
		]);
		expect(data.notes.join(' ')).toContain('1 breakdown rows');
	});

	it('refuses two Fingertips main rows for one area and period (e.g. two sexes)', async () => {
		const header =
			'Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator';
		const parsed = await parseOwnFile(
			blob(lines(header, '1,x,A1,a,GPs,Female,All ages,2022,1,,,,', '1,x,A1,a,GPs,Male,All ages,2022,2,,,,')),
			{ name: 'ft.csv' }
		);
		let error: unknown;
		try {
			toOwnObservations(parsed);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InputError);
		expect((error as InputError).location).toEqual({ file: 'ft.csv', row: 3, column: 'Area Code' });
		expect((error as InputError).problem).toContain('first at row 2');
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Real published figures, re-laid out
// ---------------------------------------------------------------------------------------------------------------

const csvRows = (file: string) =>
	Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

describe('a COSD-style file built from NDRS staging completeness per alliance', () => {
	const areas = new Map(csvRows('static/data/csv/areas.csv').map((a) => [a.code!, a]));
	const published = csvRows('static/data/csv/observations.csv').filter(
		(o) =>
			o.indicator_id === 'stage_completeness_breast' &&
			['alliance', 'england'].includes(areas.get(o.area_code!)?.type ?? '')
	);
	// NDRS publishes calendar years: period_start YYYY-01-01 is the COSD layout's "YYYY".
	const text = [
		COSD_HEADER,
		...published.map(
			(o) => `${o.area_code},${o.period_start!.slice(0, 4)},stage_at_diagnosis,${o.denominator},${o.numerator}`
		)
	].join('\r\n');

	it('has real rows to test with', () => {
		expect(published.length).toBeGreaterThanOrEqual(21 * 10);
		expect(new Set(published.map((o) => o.period_start)).size).toBe(10);
	});

	it('gives back the published values and 95% intervals, and loads as the own_observations table', async () => {
		const parsed = await parseOwnFile(new File([text], 'stage.csv'), { chunkBytes: 1000 });
		expect(parsed.layout).toBe('cosd');
		const data = toOwnObservations(parsed);
		expect(data.indicators).toHaveLength(1);
		expect(data.indicators[0]).toMatchObject({
			id: 'cosd_stage_at_diagnosis',
			unit: '%',
			licence: 'Open Government Licence v3.0'
		});
		expect(data.observations).toHaveLength(published.length);
		published.forEach((p, i) => {
			const o = data.observations[i]!;
			expect({ area: o.area_code, start: o.period_start, end: o.period_end }).toEqual({
				area: p.area_code,
				start: p.period_start,
				end: p.period_end
			});
			expect([round4(o.value), round4(o.lower95), round4(o.upper95)], `${p.area_code} ${p.period_start}`).toEqual([
				Number(p.value),
				Number(p.lower95),
				Number(p.upper95)
			]);
			expect([o.numerator, o.denominator]).toEqual([Number(p.numerator), Number(p.denominator)]);
		});
		expect(describeOwnData(data)).toMatchObject({
			indicators: 1,
			areas: new Set(published.map((p) => p.area_code)).size,
			periods: 10,
			firstPeriod: '2013-01-01',
			lastPeriod: '2022-01-01',
			periodRange: '2013 to 2022'
		});

		// The CSV and CREATE TABLE load into DuckDB (the node build of the engine the browser runs) unchanged.
		const { DuckDBInstance } = await import('@duckdb/node-api');
		const table = ownObservationsTable(data);
		const dir = mkdtempSync(path.join(tmpdir(), 'own-data-'));
		const file = path.join(dir, 'own.csv');
		writeFileSync(file, table.csv);
		const db = await (await DuckDBInstance.create(':memory:')).connect();
		await db.run(table.createSql);
		await db.run(
			`INSERT INTO ${table.table} SELECT * FROM read_csv('${file}', header = true, auto_detect = false, columns = ${columnsStruct(table.createSql)})`
		);
		const reader = await db.runAndReadAll(
			`SELECT count(*)::INTEGER AS n, count(area_name)::INTEGER AS named, max(value) AS max, min(period_start)::VARCHAR AS first FROM ${OWN_OBSERVATIONS_TABLE}`
		);
		const [row] = reader.getRowObjectsJS();
		expect(row).toEqual({
			n: published.length,
			named: 0,
			max: Math.max(...data.observations.map((o) => o.value!)),
			first: '2013-01-01'
		});
		// Read back as the compare page does: the same observations come out.
		const back = await db.runAndReadAll(OWN_OBSERVATIONS_SELECT_SQL);
		const readBack = ownObservationsFromResult({
			columns: back.columnNames().map((name) => ({ name })),
			rows: back.getRowsJS() as unknown[][]
		});
		const byKey = (o: OwnObservation) => `${o.area_code}|${o.period_start}`;
		expect([...readBack].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
			[...data.observations].sort((a, b) => byKey(a).localeCompare(byKey(b)))
		);
		db.closeSync();
	});
});

/** DuckDB's read_csv `columns` struct from the CREATE TABLE column list (name and type, constraints dropped). */
function columnsStruct(createSql: string): string {
	const cols = [...createSql.matchAll(/^\t(\w+) (VARCHAR|DATE|DOUBLE)/gm)].map((m) => `'${m[1]}': '${m[2]}'`);
	return `{${cols.join(', ')}}`;
}

describe('a Fingertips-layout file built from real practice values of indicator 94063', () => {
	// OHID Fingertips 94063, 2023/24, by GP practice, as compiled by the eFIT tool (see the raw folder's SOURCES.md, section 5).
	const dir = '../shared/data/raw/metrics/screening/gp_coverage_fingertips_via_efit';
	const source = csvRows(
		path.join(
			dir,
			readdirSync(dir)
				.filter((f) => f.endsWith('.csv'))
				.sort()[0]!
		)
	);
	const column = 'Breast screening coverage: aged 53 to 70 years old';
	const practices = source.filter((r) => r[column] !== '');
	const header = [
		'Indicator ID',
		'Indicator Name',
		'Area Code',
		'Area Name',
		'Area Type',
		'Sex',
		'Age',
		'Category Type',
		'Category',
		'Time period',
		'Value',
		'Lower CI 95.0 limit',
		'Upper CI 95.0 limit',
		'Count',
		'Denominator'
	];
	const text = Papa.unparse({
		fields: header,
		data: practices.map((r) => [
			'94063',
			column,
			r['GP code'],
			r['GP name'],
			'GPs',
			'Female',
			'53-70 yrs',
			'',
			'',
			'2023/24',
			r[column],
			'',
			'',
			'',
			''
		])
	});

	it('keeps the published values, one per practice, with no numerators invented', async () => {
		expect(practices.length).toBeGreaterThan(100);
		const parsed = await parseOwnFile(new File([text], 'ft-94063.csv'));
		expect(parsed.layout).toBe('fingertips');
		const data = toOwnObservations(parsed);
		expect(data.indicators[0]).toMatchObject({ id: 'fingertips_94063', name: column, unit: 'value' });
		expect(data.observations.map((o) => [o.area_code, o.area_name, o.value])).toEqual(
			practices.map((r) => [r['GP code'], r['GP name'], Number(r[column])])
		);
		expect(
			data.observations.every(
				(o) =>
					o.numerator === null && o.lower95 === null && o.period_start === '2023-04-01' && o.period_end === '2024-03-31'
			)
		).toBe(true);
		// The ETL reads the same text to the same rows.
		expect(parseFingertips('ft-94063.csv', text).rows).toEqual(parsed.rows);
	});
});
