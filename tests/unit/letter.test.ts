/**
 * The letter to an MP, composed from the committed exports (static/data): real alliances' latest figures (built as
 * the area page builds them), real MPs from mps.csv and a real suppressed figure from observations.csv.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toneOf, Z95, type IndicatorFact } from '../../src/lib/wording/figures';
import type { Area, Basis, Indicator } from '../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import { figureAt, type Figure, type Series } from '../../src/lib/data/series';
import { LIMITS, type MpRecord } from '../../src/lib/mp/contract';
import {
	composeLetter,
	figureSentence,
	mailtoHref,
	MAX_FIGURES,
	STORY_MAX,
	storyPrompts,
	type LetterInput
} from '../../src/lib/mp/letter';

const DATA = fileURLToPath(new URL('../../static/data/', import.meta.url));

function csv(name: string): Record<string, string>[] {
	return Papa.parse<Record<string, string>>(readFileSync(`${DATA}csv/${name}`, 'utf8').trim(), { header: true }).data;
}
const nullable = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const numeric = (v: string | undefined) => (nullable(v) === null ? null : Number(v));

const indicators: Indicator[] = csv('indicators.csv').map((r) => ({
	id: r.id!,
	name: r.name!,
	description: r.description!,
	unit: r.unit as Indicator['unit'],
	polarity: r.polarity as Indicator['polarity'],
	standard: numeric(r.standard),
	achievable: numeric(r.achievable),
	source: r.source!,
	publisher: r.publisher!,
	licence: r.licence!,
	url: r.url!
}));
const areas: Area[] = csv('areas.csv').map((r) => ({
	code: r.code!,
	name: r.name!,
	type: r.type as Area['type'],
	parent_code: nullable(r.parent_code),
	variant: nullable(r.variant) as Area['variant']
}));
const areaName = (code: string) => areas.find((a) => a.code === code)!.name;

function series(id: string, basis: Basis): Series | null {
	try {
		return JSON.parse(readFileSync(`${DATA}series/${id}.${basis}.json`, 'utf8')) as Series;
	} catch {
		return null;
	}
}

/** The alliance's latest figure per indicator, on the basis the area page uses (where patients live, if published). */
function allianceFacts(code: string): IndicatorFact[] {
	const out: IndicatorFact[] = [];
	for (const indicator of indicators) {
		for (const basis of ['commissioner', 'registry', 'provider'] as const) {
			const s = series(indicator.id, basis);
			if (!s || !s.cells.some((row) => row.slice(1).some((c) => c !== null))) continue;
			const last = s.periods.length - 1;
			out.push({
				indicator,
				basis,
				period_label: s.periods[last]!.label,
				area: figureAt(s, last, code),
				england: figureAt(s, last, ENGLAND_CODE)
			});
			break;
		}
	}
	return out;
}
const alliance = (code: string) => ({ code, name: areaName(code), facts: allianceFacts(code) });

const mpRows = csv('mps.csv');
function mpFor(constituencyCode: string): MpRecord {
	const r = mpRows.find((m) => m.constituency_code === constituencyCode)!;
	return {
		name: r.name!,
		party: r.party!,
		email: nullable(r.email),
		memberId: Number(r.member_id),
		profileUrl: r.profile_url!
	};
}

const KENT = 'E56000011';
const NORTHERN = 'E56000029';
const ROCHESTER = 'E14001447'; // Rochester and Strood: wholly in Kent and Medway
const FARNHAM = 'E14001234'; // Farnham and Bordon: Surrey and Sussex (65%) and Wessex (35%)

const supporter = { name: 'Sam Taylor', address: '14 Castle View', postcode: 'ME1 1AA' };
const input = (over: Partial<LetterInput> = {}): LetterInput => ({
	mp: mpFor(ROCHESTER),
	constituencyName: areaName(ROCHESTER),
	alliances: [alliance(KENT)],
	supporter,
	story: 'My sister waited seven weeks for her first treatment.',
	...over
});
const bullets = (body: string) => body.split('\n').filter((l) => l.startsWith('- In '));

/** England's distance from the area's value in standard errors: the narrative's measure of "how much worse". */
function strength(f: IndicatorFact): number {
	const a = f.area!;
	return Math.abs(a.value! - f.england!.value!) / ((a.upper95! - a.lower95!) / (2 * Z95));
}

describe('composeLetter on real figures', () => {
	it('writes to the MP by name, as a constituent with address and postcode, and signs with the supporter’s name', () => {
		const { subject, body } = composeLetter(input());
		expect(mpFor(ROCHESTER).name).toBe('Lauren Edwards');
		expect(body.startsWith('Dear Lauren Edwards,\n\n')).toBe(true);
		expect(body).toContain('one of your constituents in Rochester and Strood, living at 14 Castle View, ME1 1AA.');
		expect(body).toMatch(/Yours sincerely,\n\nSam Taylor$/);
		expect(subject).toBe(
			'Please write to Kent and Medway Cancer Alliance about breast cancer care in Rochester and Strood'
		);
		expect(body).toContain('Please write to Kent and Medway Cancer Alliance and ask what it is doing to:');
		expect(body).toContain('share the reply with me');
		// No HTML: plain text only.
		expect(body).not.toMatch(/<[a-z/]/i);
	});

	it('carries every ask of the campaign, in its own words', () => {
		const { body } = composeLetter(input());
		expect(body).toMatch(/compare its results with other areas/);
		expect(body).toMatch(/Cancer Outcomes and Services Dataset \(COSD\).*hold to account/);
		expect(body).toMatch(/plan the staff it needs at every stage/);
		expect(body).toMatch(/medicines.*fertility.*reconstruction without a time limit.*psychological support/);
		expect(body).toMatch(/secondary breast cancer/);
		expect(body).toMatch(/screening, prevention and awareness work around the people who actually live here/);
	});

	it('says "significantly worse" only where England lies outside the 95% interval, and never of a similar figure', () => {
		const facts = allianceFacts(KENT);
		const tones = new Map(facts.map((f) => [f.indicator.id, toneOf(f)]));
		// Kent and Medway, September 2025 / 2022: three worse, two better, two similar.
		expect([...tones.values()].filter((t) => t === 'worse')).toHaveLength(3);
		expect(tones.get('fds_breast_symptomatic')).toBe('similar');
		for (const f of facts) {
			const s = figureSentence('Kent and Medway', f);
			const tone = toneOf(f);
			expect(s.includes('significantly worse'), `${f.indicator.id}: ${s}`).toBe(tone === 'worse');
			expect(s.includes('significantly better'), `${f.indicator.id}: ${s}`).toBe(tone === 'better');
			if (tone === 'worse') {
				// England's value outside the area's interval: the condition for the word.
				const a = f.area!;
				const e = f.england!.value!;
				expect(e < a.lower95! || e > a.upper95!).toBe(true);
			}
			if (tone === 'similar') {
				expect(s).toContain('similar to England');
				expect(s).not.toMatch(/worse/i);
			}
		}
		// 83.7% against England's 84.3%, interval 79.4% to 87.3%: similar, with period, England and the source.
		const similar = figureSentence(
			'Kent and Medway',
			facts.find((f) => f.indicator.id === 'fds_breast_symptomatic')!
		);
		expect(similar).toContain('In September 2025, 83.7% of people living in Kent and Medway');
		expect(similar).toContain('against 84.3% for England');
		expect(similar).toContain('(Source: Cancer Waiting Times, NHS England.)');
		// A letter made only of similar figures never calls anything worse.
		const onlySimilar = composeLetter(
			input({
				alliances: [{ code: KENT, name: 'Kent and Medway', facts: facts.filter((f) => toneOf(f) === 'similar') }]
			})
		);
		expect(onlySimilar.body).not.toMatch(/worse/i);
		expect(onlySimilar.body).toContain('similar to England');
	});

	it('quotes the real figures worst first, each with value, England, period and source, at most four', () => {
		const { body } = composeLetter(input());
		const lines = bullets(body);
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.length).toBeLessThanOrEqual(MAX_FIGURES);
		// The three significantly worse figures, largest gap (in standard errors) first, then one better.
		const facts = allianceFacts(KENT);
		const worse = facts.filter((f) => toneOf(f) === 'worse').sort((a, b) => strength(b) - strength(a));
		expect(worse.map((f) => f.indicator.id)).toEqual([
			'stage_completeness_breast',
			'stage12_breast',
			'fds_breast_suspected'
		]);
		expect(lines[0]).toBe(`- ${figureSentence('Kent and Medway', worse[0]!)}`);
		expect(lines[1]).toBe(`- ${figureSentence('Kent and Medway', worse[1]!)}`);
		expect(lines[2]).toBe(`- ${figureSentence('Kent and Medway', worse[2]!)}`);
		expect(lines.slice(0, 3).every((l) => l.includes('significantly worse than England'))).toBe(true);
		expect(lines[3]).toContain('significantly better than England');
		// Real published values: 77.3% of 2022 cancers staged (England 80.5%), NDRS; 82.2% told within 28 days (84.8%).
		expect(lines[0]).toContain(
			'In 2022, 77.3% of breast cancers diagnosed in people living in Kent and Medway had their stage recorded, against 80.5% for England.'
		);
		expect(lines[0]).toContain(
			'(Source: NDRS Cancer Data Hub: cancer stage at diagnosis, National Disease Registration Service, NHS England.)'
		);
		expect(lines[2]).toContain(
			'In September 2025, 82.2% of people living in Kent and Medway who were urgently referred with suspected breast cancer'
		);
		expect(lines[2]).toContain('against 84.8% for England');
		expect(body).toContain(
			'Kent and Medway is significantly worse than England on 3 of the 8 measures and significantly better on 3.'
		);
	});

	it('says honestly where the area does better, and asks the MP to help keep it that way', () => {
		const { body } = composeLetter(input());
		// 98.3% of treatments within 31 days against England's 91.8%.
		expect(body).toContain(
			'98.3% of breast cancer treatments for people living in Kent and Medway started within 31 days'
		);
		expect(body).toContain(
			'Where Kent and Medway does better than England, I would like you to help keep it that way.'
		);
		// An area shown only where it does better or similar: no complaint, no "worse", and the same request.
		const facts = allianceFacts(KENT).filter((f) => toneOf(f) === 'better' || toneOf(f) === 'similar');
		const good = composeLetter(input({ alliances: [{ code: KENT, name: 'Kent and Medway', facts }] })).body;
		expect(good).toContain(
			'Kent and Medway is significantly better than England on 3 of the 5 measures, and significantly worse on none.'
		);
		expect(good.replace('significantly worse on none', '')).not.toMatch(/worse/i);
		expect(good).toContain(
			'I am glad that Kent and Medway does better than England on some measures, and I would like you to help keep it that way.'
		);
		expect(bullets(good).filter((l) => l.includes('significantly better than England'))).toHaveLength(3);
	});

	it("quotes breast screening coverage where it is a weak point, as an estimate, with the programme's two thresholds", () => {
		// North East London: 2023/24 coverage estimated at 61.6% against England's 70.3%, below both thresholds.
		const nel = alliance('E56000028');
		const screening = nel.facts.find((f) => f.indicator.id === 'screening_breast_coverage')!;
		expect(toneOf(screening)).toBe('worse');
		const lines = bullets(composeLetter(input({ alliances: [nel] })).body);
		const line = lines.find((l) => l.includes('screened for breast cancer'))!;
		expect(line).toBe(`- ${figureSentence('North East London', screening)}`);
		expect(line).toContain(
			'In 2023/24, an estimated 61.6% of women aged 53 to 70 registered with GP practices in North East London had been screened for breast cancer in the previous three years, against 70.3% for England.'
		);
		expect(line).toContain('That is significantly worse than England.');
		expect(line).toContain(
			"It falls short of the programme's acceptable level of at least 70% (its achievable level is 80%)."
		);
		expect(line).toContain('(Source: Fingertips indicator 94063, Office for Health Improvement and Disparities.)');
		// Where it is better than England (Kent and Medway, 71.6%), it is never called worse, and the achievable level is named.
		const kent = allianceFacts(KENT).find((f) => f.indicator.id === 'screening_breast_coverage')!;
		expect(figureSentence('Kent and Medway', kent)).toContain(
			"It reaches the programme's acceptable level of 70% but not its achievable level of 80%."
		);
		expect(figureSentence('Kent and Medway', kent)).not.toMatch(/worse/);
	});

	it('names both alliances of a constituency that straddles two, with a few figures for each', () => {
		const mp = mpFor(FARNHAM);
		const { subject, body } = composeLetter(
			input({ mp, constituencyName: areaName(FARNHAM), alliances: [alliance('E56000012'), alliance('E56000016')] })
		);
		expect(subject).toBe(
			'Please write to Surrey and Sussex Cancer Alliance and Wessex Cancer Alliance about breast cancer care in Farnham and Bordon'
		);
		expect(body.startsWith(`Dear ${mp.name},`)).toBe(true);
		expect(body).toContain('covered by two Cancer Alliances');
		expect(body).toContain(
			'Please write to both Surrey and Sussex Cancer Alliance and Wessex Cancer Alliance and ask what each is doing to:'
		);
		expect(body).toMatch(/^Surrey and Sussex is /m);
		expect(body).toMatch(/^Wessex is /m);
		const lines = bullets(body);
		expect(lines.length).toBeLessThanOrEqual(MAX_FIGURES);
		expect(lines.filter((l) => l.includes('living in Surrey and Sussex')).length).toBeGreaterThanOrEqual(1);
		expect(lines.filter((l) => l.includes('living in Wessex')).length).toBeGreaterThanOrEqual(1);
		expect(body).toContain('share their replies with me');
	});

	it('says plainly when a figure is not published or is withheld, and never invents one', () => {
		// East of England - North (the 21-alliance view) has no stage figures for 2022: NDRS publishes the merged alliance.
		const north = alliance('E56000022');
		const missing = north.facts.filter((f) => toneOf(f) === 'missing').map((f) => f.indicator.id);
		expect(missing).toEqual(['stage12_breast', 'stage_completeness_breast']);
		const { body } = composeLetter(input({ alliances: [north] }));
		expect(body).toContain(
			'No figure is published for East of England - North on breast cancers diagnosed at an early stage (2022) or breast cancers with their stage recorded (2022).'
		);
		expect(bullets(body).some((l) => /stage/.test(l))).toBe(false);
		// A real withheld figure: NHS Shropshire, Telford and Wrekin ICB, urgent breast symptoms seen within 14 days, August 2024.
		const row = csv('observations.csv').find(
			(r) =>
				r.indicator_id === 'breast_symptomatic_14d' &&
				r.area_code === 'E54000011' &&
				r.basis === 'commissioner' &&
				r.period_start === '2024-08-01'
		)!;
		expect(row.suppressed).toBe('true');
		const s = series('breast_symptomatic_14d', 'commissioner')!;
		const p = s.periods.findIndex((x) => x.start === '2024-08-01');
		const withheld: Figure = {
			value: null,
			lower95: null,
			upper95: null,
			numerator: null,
			denominator: null,
			comparison: 'not compared',
			suppressed: true,
			release: 'final'
		};
		const fact: IndicatorFact = {
			indicator: indicators.find((i) => i.id === 'breast_symptomatic_14d')!,
			basis: 'commissioner',
			period_label: s.periods[p]!.label,
			area: withheld,
			england: figureAt(s, p, ENGLAND_CODE)
		};
		const shropshire = composeLetter(
			input({ alliances: [{ code: 'E54000011', name: 'Shropshire, Telford and Wrekin', facts: [fact] }] })
		).body;
		expect(shropshire).toContain('is withheld because the numbers are small enough to risk identifying patients');
		expect(shropshire).toContain('(August 2024)');
		expect(bullets(shropshire)).toHaveLength(0);
		// No figure at all (they could not be loaded): the alliance is named, no numbers appear.
		const none = composeLetter(input({ alliances: [{ code: NORTHERN, name: 'Northern', facts: [] }] })).body;
		expect(none).toContain('Northern Cancer Alliance');
		expect(none).not.toMatch(/\d+\.\d%/);
	});

	it('writes to "Member of Parliament" when the MP is not known, and keeps the story verbatim (trimmed)', () => {
		const story = '  My mum was diagnosed in 2021.\r\n\r\n\r\n\r\nShe waited 9 weeks & it felt like forever?   \n';
		const { body } = composeLetter(input({ mp: null, story }));
		expect(body.startsWith('Dear Member of Parliament,')).toBe(true);
		expect(body).toContain(
			'Why this matters to me:\n\nMy mum was diagnosed in 2021.\n\nShe waited 9 weeks & it felt like forever?\n\n'
		);
		expect(body).toMatch(/Yours faithfully,\n\nSam Taylor$/);
		// No story: no empty heading.
		expect(composeLetter(input({ story: '   ' })).body).not.toContain('Why this matters to me');
	});

	it('keeps within the length limits whatever the supporter types', () => {
		const long = 'I want care here to be as good as anywhere. '.repeat(200);
		const { subject, body } = composeLetter(
			input({
				story: long,
				supporter: { name: 'A'.repeat(300), address: 'B '.repeat(300), postcode: 'ME1 1AA' },
				alliances: [alliance('E56000012'), alliance('E56000016')],
				constituencyName: 'Mid Dorset and North Poole and Also A Very Long Imaginary Place Name For Testing Purposes'
			})
		);
		expect(body.length).toBeLessThanOrEqual(LIMITS.body);
		expect(subject.length).toBeLessThanOrEqual(LIMITS.subject);
		expect(body).toContain(`Why this matters to me:\n\n${long.slice(0, 200)}`);
		// The story is capped at STORY_MAX characters (an ellipsis marks the cut).
		const story = body.split('Why this matters to me:\n\n')[1]!.split('\n\nThank you')[0]!;
		expect(story.length).toBeLessThanOrEqual(STORY_MAX);
		expect(story.endsWith('…')).toBe(true);
		// Names and addresses stay on one line and within their limits.
		expect(body).toMatch(new RegExp(`\\n\\nA{${LIMITS.name - 1}}…$`));
	});
});

describe('storyPrompts', () => {
	it('offers three or four questions to start the supporter’s own words', () => {
		expect(storyPrompts.length).toBeGreaterThanOrEqual(3);
		expect(storyPrompts.length).toBeLessThanOrEqual(4);
		for (const p of storyPrompts) expect(p).toMatch(/\?$/);
	});
});

describe('mailtoHref (RFC 6068)', () => {
	it('percent-encodes spaces, line breaks (as CRLF), & and ? so the mail client gets the text exactly', () => {
		const subject = 'Care & waiting times: why?';
		const body = 'Dear MP,\n\nIs 62 days too long? Yes & no.\nThanks = 100% #1';
		const href = mailtoHref('lauren.edwards.mp@parliament.uk', subject, body);
		expect(href.startsWith('mailto:lauren.edwards.mp@parliament.uk?subject=')).toBe(true);
		expect(href).toContain('subject=Care%20%26%20waiting%20times%3A%20why%3F');
		expect(href).toContain(
			'&body=Dear%20MP%2C%0D%0A%0D%0AIs%2062%20days%20too%20long%3F%20Yes%20%26%20no.%0D%0AThanks%20%3D%20100%25%20%231'
		);
		expect(href).not.toMatch(/[ \n\r+]/);
		// Exactly two header fields: no stray & or ? from the text.
		const query = href.slice(href.indexOf('?') + 1);
		expect(query.split('&')).toHaveLength(2);
		expect(href.split('?')).toHaveLength(2);
		const params = Object.fromEntries(
			query.split('&').map((kv) => kv.split('=').map(decodeURIComponent) as [string, string])
		);
		expect(params.subject).toBe(subject);
		expect(params.body).toBe(body.replace(/\n/g, '\r\n'));
	});

	it('leaves the address empty when there is none, and round-trips a whole letter', () => {
		expect(mailtoHref(null, 'Hello', 'Body')).toBe('mailto:?subject=Hello&body=Body');
		expect(mailtoHref('', 'Hello', 'Body')).toBe('mailto:?subject=Hello&body=Body');
		const { subject, body } = composeLetter(input());
		const href = mailtoHref(mpFor(ROCHESTER).email, subject, body);
		const url = new URL(href);
		expect(url.protocol).toBe('mailto:');
		expect(url.pathname).toBe('lauren.edwards.mp@parliament.uk');
		expect(url.searchParams.get('subject')).toBe(subject);
		expect(url.searchParams.get('body')).toBe(body.replace(/\n/g, '\r\n'));
	});
});
