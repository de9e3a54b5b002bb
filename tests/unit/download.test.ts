/**
 * Download helpers: CSV with provenance on every row (RFC 4180 quoting), safe file names, and standalone SVG with a
 * title and a provenance footer (XML-escaped, well-formed). Inputs are real names, sources and figures from static/data.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { NDRS_ATTRIBUTION, OGL_ATTRIBUTION, OGL_V3 } from '../../src/lib/data/attribution';
import type { Indicator } from '../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import type { Series } from '../../src/lib/data/series';
import { downloadName, toCsvWithProvenance } from '../../src/lib/download/csv';
import { escapeXml, svgWithProvenance, wrapText } from '../../src/lib/download/svg';

const dataDir = new URL('../../static/data/', import.meta.url);
const readJson = <T>(file: string) => JSON.parse(readFileSync(new URL(file, dataDir), 'utf8')) as T;
const indicators = Papa.parse<Record<string, string>>(
	readFileSync(new URL('csv/indicators.csv', dataDir), 'utf8').trim(),
	{
		header: true
	}
).data as unknown as Indicator[];
const areaNames = new Map(
	Papa.parse<Record<string, string>>(readFileSync(new URL('csv/areas.csv', dataDir), 'utf8').trim(), {
		header: true
	}).data.map((a) => [a.code!, a.name!])
);
const manifest = readJson<{ files: { file: string; description: string }[] }>('manifest.json');
const fds = readJson<Series>('series/fds_breast_suspected.commissioner.json');
const cwt62 = readJson<Series>('series/cwt62_breast.provider.json');

const indicator = (id: string) => indicators.find((i) => i.id === id)!;
const source = (i: Indicator) => `${i.publisher}, ${i.source}`;
const last = fds.periods.length - 1;

/** The latest commissioner-basis FDS rows for England and every alliance: name, numerator, denominator, value. */
function fdsRows(): (string | number | null)[][] {
	return fds.areas.map((code, i) => {
		const cell = fds.cells[last]![i]!;
		return [code, code === ENGLAND_CODE ? 'England' : areaNames.get(code)!, cell[3], cell[4], cell[0]];
	});
}

/**
 * A small well-formedness check (Node has no DOMParser): tags nest and close, attribute values are quoted, and
 * text and attribute values contain no raw '<' and no '&' that does not start an entity.
 */
function assertWellFormedXml(xml: string): void {
	const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
	const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>|<!--[\s\S]*?-->/g;
	const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
	const stack: string[] = [];
	let at = 0;
	let roots = 0;
	for (const m of body.matchAll(token)) {
		const text = body.slice(at, m.index);
		expect(text, `text before ${m[0].slice(0, 40)}`).not.toMatch(/[<>]/);
		expect(text).not.toMatch(entity);
		at = m.index + m[0].length;
		if (m[0].startsWith('<!--')) continue;
		const [, close, name, attrs, selfClose] = m;
		for (const a of (attrs ?? '').matchAll(/"([^"]*)"/g)) {
			expect(a[1]).not.toMatch(/</);
			expect(a[1]).not.toMatch(entity);
		}
		if (close) expect(stack.pop()).toBe(name);
		else if (!selfClose) {
			if (stack.length === 0) roots++;
			stack.push(name!);
		} else if (stack.length === 0) roots++;
	}
	expect(body.slice(at).trim()).toBe('');
	expect(stack).toEqual([]);
	expect(roots).toBe(1);
}

/** Text content of every <tspan> (unescaped), in order. */
function tspans(svg: string): string[] {
	return [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) =>
		m[1]!
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&apos;/g, "'")
			.replace(/&amp;/g, '&')
	);
}

describe('toCsvWithProvenance', () => {
	const fdsIndicator = indicator('fds_breast_suspected');
	const provenance = { source: source(fdsIndicator), period: fds.periods[last]!.label, licence: fdsIndicator.licence };
	const columns = ['area_code', 'area_name', 'numerator', 'denominator', 'value'];

	it('ends every row, header included, with source, period and licence', () => {
		const csv = toCsvWithProvenance(columns, fdsRows(), provenance);
		const parsed = Papa.parse<string[]>(csv.trim()).data;
		expect(parsed[0]).toEqual([...columns, 'source', 'period', 'licence']);
		expect(parsed).toHaveLength(fds.areas.length + 1);
		for (const row of parsed.slice(1)) {
			expect(row).toHaveLength(columns.length + 3);
			expect(row.slice(-3)).toEqual([
				'NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics',
				'September 2025',
				'Open Government Licence v3.0'
			]);
		}
	});

	it('writes the figures exactly, and quotes fields with commas (RFC 4180, CRLF)', () => {
		const csv = toCsvWithProvenance(columns, fdsRows(), provenance);
		// England's row as published in the series file: 42,867 of 50,542 told within 28 days.
		expect(csv).toContain('\r\nE92000001,England,42867,50542,84.8146,');
		// The source has commas, so it is quoted; so is the alliance whose name has commas.
		expect(csv).toContain(
			',"NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics",September 2025,Open Government Licence v3.0'
		);
		expect(csv).toContain('E56000033,"Somerset, Wiltshire, Avon and Gloucestershire",1972,2531,77.9139,');
		expect(csv.split('\r\n')[0]).toBe('area_code,area_name,numerator,denominator,value,source,period,licence');
		expect(csv.split('\r\n').every((line) => !line.includes('\n'))).toBe(true); // CRLF only
	});

	it('keeps half counts (shared 62-day pathways) and writes null as an empty field', () => {
		const p = cwt62.periods.findIndex((x) => x.label === 'April 2023');
		const i = cwt62.areas.indexOf('E56000010');
		const cell = cwt62.cells[p]![i]!;
		expect(cell[3]).toBe(34.5);
		const csv = toCsvWithProvenance(
			['area_code', 'numerator', 'denominator', 'value', 'note'],
			[['E56000010', cell[3], cell[4], cell[0], null]],
			{ source: source(indicator('cwt62_breast')), period: 'April 2023', licence: OGL_V3 }
		);
		expect(csv.split('\r\n')[1]).toMatch(/^E56000010,34\.5,65\.5,52\.6718,,"NHS England, /);
	});

	it('doubles quotes and keeps line breaks inside quoted fields, and round-trips', () => {
		const topo = manifest.files[0]!;
		expect(topo.description).toContain('"alliances"');
		const rows = [
			[topo.file, topo.description],
			['attribution', `${OGL_ATTRIBUTION}\n${NDRS_ATTRIBUTION}`],
			[indicator('fds_breast_symptomatic').id, indicator('fds_breast_symptomatic').name]
		];
		const csv = toCsvWithProvenance(['file', 'description'], rows, {
			source: 'ONS Open Geography Portal',
			period: 'April 2024',
			licence: OGL_V3
		});
		expect(csv).toContain('TopoJSON object ""alliances"" with properties');
		expect(csv).toContain(`"${OGL_ATTRIBUTION}\n${NDRS_ATTRIBUTION}"`);
		expect(csv).toContain(',"Told within 28 days: breast symptoms, cancer not suspected",');
		const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
		expect(parsed.slice(1).map((r) => r.slice(0, 2))).toEqual(rows);
		for (const r of parsed.slice(1)) expect(r.slice(2)).toEqual(['ONS Open Geography Portal', 'April 2024', OGL_V3]);
	});

	it('adds one attribution column on every row when attribution texts are given', () => {
		const csv = toCsvWithProvenance(columns, fdsRows().slice(0, 3), {
			...provenance,
			attribution: [OGL_ATTRIBUTION, NDRS_ATTRIBUTION]
		});
		const parsed = Papa.parse<string[]>(csv.trim()).data;
		expect(parsed[0]!.slice(-4)).toEqual(['source', 'period', 'licence', 'attribution']);
		for (const row of parsed.slice(1)) expect(row.at(-1)).toBe(`${OGL_ATTRIBUTION} ${NDRS_ATTRIBUTION}`);
	});

	it('defuses text that a spreadsheet would run as a formula, but never alters numbers', () => {
		const csv = toCsvWithProvenance(['a', 'b'], [['=HYPERLINK("http://example.invalid")', -1.5]], provenance);
		expect(csv.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/example\.invalid""\)",-1\.5,/);
	});

	it('refuses rows of the wrong length and columns that clash with provenance', () => {
		expect(() => toCsvWithProvenance(columns, [['E92000001']], provenance)).toThrow(/row 1 has 1 values for 5 columns/);
		expect(() => toCsvWithProvenance(['source'], [['x']], provenance)).toThrow(/reserved/);
	});
});

describe('downloadName', () => {
	it('joins parts into a safe file name', () => {
		expect(downloadName(['fds_breast_suspected', 'commissioner', '2025-09'])).toBe(
			'fds_breast_suspected-commissioner-2025-09.csv'
		);
		expect(downloadName([areaNames.get('E56000033')!, 'cwt62_breast'], 'svg')).toBe(
			'somerset-wiltshire-avon-and-gloucestershire-cwt62_breast.svg'
		);
		expect(downloadName([areaNames.get('RCX')!, '', '  '], 'png')).toBe(
			'the-queen-elizabeth-hospital-king-s-lynn-nhs-foundation-trust.png'
		);
		expect(downloadName(['../../etc/passwd'])).toBe('etc-passwd.csv');
		expect(downloadName(['Crème brûlée & co'])).toBe('creme-brulee-co.csv');
		expect(downloadName([])).toBe('download.csv');
		expect(downloadName(['x'.repeat(300)]).length).toBeLessThanOrEqual(124);
	});
});

describe('svgWithProvenance', () => {
	const ind = indicator('fds_breast_suspected');
	const provenance = {
		source: source(ind),
		period: fds.periods[last]!.label,
		licence: ind.licence,
		attribution: [OGL_ATTRIBUTION]
	};
	const englandValue = fds.cells[last]![0]![0]!;
	const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60" class="chart"><rect x="0" y="10" width="${englandValue * 3}" height="20" fill="#6b2c91"/><text x="4" y="50">England ${englandValue.toFixed(1)}%</text></svg>`;

	it('escapes <, &, quotes in the title and stays well-formed', () => {
		const title = `${ind.name} <by commissioner> & "England" 'September'`;
		const svg = svgWithProvenance(chart, provenance, { width: 640, height: 60, title });
		assertWellFormedXml(svg);
		expect(svg).toContain(
			`<title>Told within 28 days: suspected breast cancer &lt;by commissioner&gt; &amp; &quot;England&quot; &apos;September&apos;</title>`
		);
		expect(tspans(svg).join(' ')).toContain(title);
		expect(svg).not.toContain('<by commissioner>');
	});

	it('is a standalone document: xmlns, size, white background, title on top, provenance footer', () => {
		const svg = svgWithProvenance(chart, provenance, { width: 640, height: 60, title: ind.name });
		expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
			true
		);
		expect(svg).toMatch(/<rect x="0" y="0" width="640" height="\d+" fill="#ffffff"\/>/);
		const lines = tspans(svg);
		expect(lines[0]).toBe('Told within 28 days: suspected breast cancer');
		expect(lines).toContain('Source: NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics');
		expect(lines).toContain('Period: September 2025 · Licence: Open Government Licence v3.0');
		expect(lines.join(' ')).toContain(OGL_ATTRIBUTION);
		// The footer comes after the chart, the title before it.
		const chartAt = svg.indexOf('class="chart"');
		expect(svg.indexOf('>Told within 28 days')).toBeLessThan(chartAt);
		expect(svg.lastIndexOf('>Source: NHS England')).toBeGreaterThan(chartAt);
	});

	it('places the chart under the title, keeping its attributes and giving it a viewBox', () => {
		const svg = svgWithProvenance(chart, provenance, { width: 640, height: 60, title: ind.name });
		const inner = /<svg x="0" y="(\d+(?:\.\d+)?)" width="640" height="60"([^>]*)>/.exec(svg);
		expect(inner).not.toBeNull();
		expect(Number(inner![1])).toBeGreaterThan(20);
		expect(inner![2]).toContain('viewBox="0 0 300 60"');
		expect(inner![2]).toContain('class="chart"');
		expect(inner![2]).not.toMatch(/ width=| height=/);
		expect(svg).toContain(`England ${englandValue.toFixed(1)}%`);
	});

	it('wraps fragments, strips a declaration, and turns &nbsp; into a character reference', () => {
		const fragment = svgWithProvenance('<g><text>84.8%&nbsp;England</text></g>', provenance, {
			width: 400,
			height: 100,
			title: ind.name
		});
		assertWellFormedXml(fragment);
		expect(fragment).toMatch(/<svg x="0" y="\d+" width="400" height="100" viewBox="0 0 400 100" overflow="hidden"><g>/);
		expect(fragment).toContain('84.8%&#160;England');
		const declared = svgWithProvenance(`<?xml version="1.0"?>\n${chart}`, provenance, {
			width: 640,
			height: 60,
			title: ind.name
		});
		assertWellFormedXml(declared);
		expect(declared.match(/<\?xml/g)).toHaveLength(1);
	});

	it('wraps long titles and footers to the width', () => {
		const title = `${indicator('cwt62_breast').name}, ${areaNames.get('E56000033')}, ${cwt62.periods.at(-1)!.label}`;
		const svg = svgWithProvenance(chart, provenance, { width: 320, height: 60, title });
		assertWellFormedXml(svg);
		const lines = tspans(svg);
		expect(lines.slice(0, 4).join(' ')).toContain('Treated within 62 days of referral: breast cancer, Somerset,');
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(Math.floor(288 / (12 * 0.6)));
	});
});

describe('escapeXml and wrapText', () => {
	it('escapes the five special characters and drops characters XML cannot carry', () => {
		expect(escapeXml(`<a href="x">Guy's & St Thomas'</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;Guy&apos;s &amp; St Thomas&apos;&lt;/a&gt;'
		);
		expect(escapeXml('a\u0000b\u0008c\tn\n')).toBe('abc\tn\n');
		expect(escapeXml('\uD83D\uDE00 \uD800')).toBe('\uD83D\uDE00 ');
	});

	it('keeps a lone dash with the word before it', () => {
		const name = areaNames.get('E56000022')!;
		expect(name).toBe('East of England - North');
		for (const width of [400, 500, 622, 700]) {
			const lines = wrapText(name, width, 58, 0.64);
			expect(lines.join(' ')).toBe(name);
			for (const line of lines) expect(line).not.toMatch(/^-/);
		}
		expect(wrapText(name, 680, 58, 0.64)).toEqual(['East of England -', 'North']);
	});
});
