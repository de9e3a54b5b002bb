/**
 * The area preview card: escaped text, the provenance footer, and the headline figure taken from the real
 * Faster Diagnosis series (commissioner basis) in static/data.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, cardFooter, cardSvg, fdsCardFigure } from '../../src/lib/area/card-svg';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import type { Series } from '../../src/lib/data/series';

const dataDir = new URL('../../static/data/', import.meta.url);
const fds = JSON.parse(
	readFileSync(new URL('series/fds_breast_suspected.commissioner.json', dataDir), 'utf8')
) as Series;
const areaNames = new Map(
	Papa.parse<Record<string, string>>(readFileSync(new URL('csv/areas.csv', dataDir), 'utf8').trim(), {
		header: true
	}).data.map((a) => [a.code!, a.name!])
);
const source = 'NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics';
const shapePath = 'M10,10L390,10L390,440L10,440Z';

const base = {
	shapePath,
	headline: '',
	detail: '',
	period: fds.periods.at(-1)!.label,
	source
};

describe('cardSvg', () => {
	it('is a 1200 x 630 SVG document with the shape in the accent colour', () => {
		const svg = cardSvg({ ...base, areaName: areaNames.get('E56000011')!, headline: 'x', detail: 'y' });
		expect(svg).toContain(`<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}"`);
		expect(CARD_WIDTH).toBe(1200);
		expect(CARD_HEIGHT).toBe(630);
		expect(svg).toContain(`<path d="${shapePath}" fill="#6b2c91"`);
		expect(svg).toContain('>Kent and Medway</tspan>');
	});

	it('escapes the area name and every other text', () => {
		// A real NHS trust name with apostrophes and commas.
		const areaName = areaNames.get('RCX')!;
		expect(areaName).toBe("The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust");
		const svg = cardSvg({ ...base, areaName, headline: 'Figures <by commissioner> & "provider"', detail: 'd' });
		expect(svg).toContain('King&apos;s Lynn');
		expect(svg).not.toContain("King's");
		expect(svg).toContain('&lt;by commissioner&gt; &amp; &quot;provider&quot;');
		expect(svg).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
		// No raw '<' or '>' in text between tags.
		for (const m of svg.matchAll(/>([^<]*)</g)) expect(m[1]).not.toMatch(/[<>]/);
	});

	it('carries the provenance footer: source, period and licence', () => {
		const svg = cardSvg({ ...base, areaName: areaNames.get('E56000033')! });
		expect(cardFooter(source, 'September 2025')).toBe(
			'Source: NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics · Period September 2025 · Open Government Licence v3.0'
		);
		const text = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(' ');
		expect(text).toContain('Source: NHS England, Cancer Waiting Times (CWT-CRS), monthly official statistics · Period');
		expect(text).toContain('September 2025 · Open Government Licence v3.0');
		expect(text).toContain('Somerset, Wiltshire, Avon and');
	});

	it('draws context and the locator only when given', () => {
		const plain = cardSvg({ ...base, areaName: 'Peninsula' });
		expect(plain).not.toContain('#e4e2e0');
		const full = cardSvg({
			...base,
			areaName: 'Peninsula',
			contextPath: 'M0,0L5,5Z',
			locator: { england: 'M0,0L80,0L80,100Z', area: 'M1,1L2,2Z', dot: [40, 50] }
		});
		expect(full).toContain('<path d="M0,0L5,5Z" fill="#e4e2e0"');
		expect(full).toContain('<circle cx="40" cy="50" r="6"');
	});
});

describe('fdsCardFigure', () => {
	const last = fds.periods.length - 1;

	it('gives the latest commissioner figure with England for the same period', () => {
		const code = 'E56000033';
		const cell = fds.cells[last]![fds.areas.indexOf(code)]!;
		const england = fds.cells[last]![fds.areas.indexOf(ENGLAND_CODE)]!;
		const figure = fdsCardFigure(fds, code)!;
		expect(figure.period).toBe('September 2025');
		expect(figure.headline).toBe(
			`${cell[0]!.toFixed(1)}% told within 28 days, against ${england[0]!.toFixed(1)}% in England`
		);
		expect(figure.headline).toBe('77.9% told within 28 days, against 84.8% in England');
		expect(figure.detail).toBe(
			'Urgent referrals for suspected breast cancer, September 2025, where patients live: worse than England'
		);
	});

	it('skips a suppressed or missing latest figure and uses the period before', () => {
		const code = 'E56000011';
		const copy: Series = { ...fds, cells: fds.cells.map((row) => row.map((c) => (c ? ([...c] as typeof c) : null))) };
		copy.cells[last]![copy.areas.indexOf(code)]![6] = 1;
		const prev = fds.cells[last - 1]![fds.areas.indexOf(code)]!;
		const figure = fdsCardFigure(copy, code)!;
		expect(figure.period).toBe(fds.periods[last - 1]!.label);
		expect(figure.headline.startsWith(`${prev[0]!.toFixed(1)}% told within 28 days`)).toBe(true);
		expect(fdsCardFigure(fds, 'E99999999')).toBeNull();
	});
});
