/**
 * The letter to an MP, composed from the committed exports (static/data) as the server and the panel compose it: real
 * alliances' latest figures (built as the area page builds them, with whose residents each counts elsewhere from
 * area_lookups), real MPs from mps.csv, and a real withheld figure from observations.csv. Cases from issue 10: Kent and
 * Medway (Rochester and Strood), South Yorkshire and Bassetlaw with the Bassetlaw seat, Swindon South, and seats that
 * reach two alliances (Farnham and Bordon; East Wiltshire).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decimals, describeFact, figureClause, toneOf, type IndicatorFact } from '../../src/lib/wording/figures';
import type { Area, AreaLookup, Basis, Indicator } from '../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import { figureAt, type Figure, type Series } from '../../src/lib/data/series';
import { countedBy, createOutsideIndex } from '../../src/lib/data/counting';
import { WAITING_TIME_IDS } from '../../src/lib/data/indicators';
import { LIMITS, type MpRecord } from '../../src/lib/mp/contract';
import { addressAs, salutation } from '../../src/lib/mp/address';
import { chooseFigures, sourceLines } from '../../src/lib/mp/letter-figures';
import { standardShortfall } from '../../src/lib/wording/standard';
import {
	composeLetter,
	countWords,
	figureSentence,
	mailtoHref,
	MAX_FIGURES,
	STORY_MAX,
	storyPrompts,
	WORD_LIMIT,
	type LetterAlliance,
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
const areaByCode = new Map(areas.map((a) => [a.code, a]));
const areaName = (code: string) => areaByCode.get(code)!.name;
const lookups: AreaLookup[] = csv('area_lookups.csv').map((r) => ({
	child_code: r.child_code!,
	parent_code: r.parent_code!,
	relation: r.relation!,
	variant: nullable(r.variant) as AreaLookup['variant'],
	share: numeric(r.share),
	source: r.source!,
	note: nullable(r.note)
}));
const outsideOf = createOutsideIndex(lookups, areaByCode);

function series(id: string, basis: Basis): Series | null {
	try {
		return JSON.parse(readFileSync(`${DATA}series/${id}.${basis}.json`, 'utf8')) as Series;
	} catch {
		return null;
	}
}

/** The alliance's latest figure per indicator, on the basis the area page uses, with whose residents count elsewhere. */
function allianceFacts(code: string): IndicatorFact[] {
	const out: IndicatorFact[] = [];
	for (const indicator of indicators) {
		for (const basis of ['commissioner', 'registry', 'provider'] as const) {
			const s = series(indicator.id, basis);
			if (!s || !s.cells.some((row) => row.slice(1).some((c) => c !== null))) continue;
			const last = s.periods.length - 1;
			const unit = countedBy(indicator.id, basis);
			out.push({
				indicator,
				basis,
				period_label: s.periods[last]!.label,
				area: figureAt(s, last, code),
				england: figureAt(s, last, ENGLAND_CODE),
				outside: unit ? outsideOf(code, '20', unit) : []
			});
			break;
		}
	}
	return out;
}
const alliance = (code: string, share?: number): LetterAlliance => ({
	code,
	name: areaName(code),
	facts: allianceFacts(code),
	share
});

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

/** The alliances a constituency reaches (5% or more of its residents), largest first, with their shares. */
function reached(constituency: string): LetterAlliance[] {
	const rows = lookups
		.filter(
			(l) =>
				l.relation === 'constituency_in_alliance' &&
				l.child_code === constituency &&
				l.variant !== '21' &&
				(l.share ?? 0) >= 0.05
		)
		.sort((a, b) => b.share! - a.share!);
	return rows.map((r) => alliance(r.parent_code, rows.length > 1 ? r.share! : undefined));
}

const KENT = 'E56000011';
const SYB = 'E56000025';
const THAMES = 'E56000034';
const SWAG = 'E56000033';
const NORTHERN = 'E56000029';
const ROCHESTER = 'E14001447'; // Rochester and Strood: wholly in Kent and Medway
const BASSETLAW = 'E14001079';
const SWINDON_SOUTH = 'E14001537';
const FARNHAM = 'E14001234'; // Farnham and Bordon: Surrey and Sussex (65%) and Wessex (35%)
const EAST_WILTS = 'E14001217'; // SWAG (87%) and Thames Valley (13%: the Swindon part of BSW's Sub-ICB)

const supporter = { name: 'Sam Taylor', address: '14 Castle View', postcode: 'ME1 1AA' };
const STORY = 'My sister waited seven weeks for her first treatment.';
const letterFor = (constituency: string, over: Partial<LetterInput> = {}) =>
	composeLetter({
		mp: mpFor(constituency),
		constituencyName: areaName(constituency),
		constituencyCode: constituency,
		alliances: reached(constituency),
		supporter,
		story: STORY,
		siteUrl: 'https://example.org',
		...over
	});
const input = (over: Partial<LetterInput> = {}): LetterInput => ({
	mp: mpFor(ROCHESTER),
	constituencyName: areaName(ROCHESTER),
	constituencyCode: ROCHESTER,
	alliances: [alliance(KENT)],
	supporter,
	story: STORY,
	...over
});
const bullets = (body: string) => body.split('\n').filter((l) => l.startsWith('- In '));
const paragraphs = (body: string) => body.split('\n\n');
const fact = (code: string, id: string) => allianceFacts(code).find((f) => f.indicator.id === id)!;
/** The letter's own words: everything but the supporter's story. */
const ownWords = (body: string) => countWords(body.replace(STORY, ''));

describe('the salutation follows Parliament’s forms of address (real MPs from mps.csv)', () => {
	it('greets a knight and a dame by first name, a doctor and Mr/Mrs/Ms by surname, anyone else by the listed name', () => {
		const name = (code: string) => mpFor(code).name;
		expect(name('E14001373')).toBe('Sir Julian Lewis');
		expect(salutation(name('E14001373'))).toBe('Dear Sir Julian,');
		expect(salutation(name('E14001167'))).toBe('Dear Sir Iain,'); // Sir Iain Duncan Smith
		expect(salutation(name('E14001260'))).toBe('Dear Dame Meg,'); // Dame Meg Hillier
		expect(salutation(name('E14001550'))).toBe('Dear Dr Allin-Khan,'); // Dr Rosena Allin-Khan
		expect(salutation(name('E14001065'))).toBe('Dear Mr Rand,'); // Mr Connor Rand
		expect(salutation(name(ROCHESTER))).toBe('Dear Lauren Edwards,');
		// A surname that cannot be told for certain is not guessed: the name stays as Parliament lists it.
		expect(salutation(name('E14001477'))).toBe('Dear Mr Tanmanjeet Singh Dhesi,');
		expect(salutation(null)).toBe('Dear Member of Parliament,');
		// The letter itself: New Forest East's MP.
		expect(letterFor('E14001373').body.startsWith('Dear Sir Julian,\n\n')).toBe(true);
	});

	it('never invents a word: every MP is addressed by words of the name Parliament lists, title first', () => {
		for (const r of mpRows) {
			const listed = r.name!.split(' ');
			const said = addressAs(r.name!).split(' ');
			expect(
				said.every((w) => listed.includes(w)),
				r.name
			).toBe(true);
			expect(said[0], r.name).toBe(listed[0]);
		}
	});
});

describe('the letter’s shape', () => {
	it('opens in one line, puts the supporter’s own story next, and keeps to about 350 words of its own', () => {
		const { subject, body } = letterFor(ROCHESTER);
		const p = paragraphs(body);
		expect(p[0]).toBe('Dear Lauren Edwards,');
		expect(p[1]).toBe(
			'I am your constituent in Rochester and Strood (14 Castle View, ME1 1AA) and ask for your help to end the postcode lottery in breast cancer care.'
		);
		expect(p[1]).not.toContain('\n');
		expect(p[2]).toBe(STORY);
		expect(p[3]).toBe('Here, NHS cancer services are planned by Kent and Medway Cancer Alliance.');
		expect(subject).toBe(
			'Please write to Kent and Medway Cancer Alliance about breast cancer care in Rochester and Strood'
		);
		expect(body).toMatch(/Yours sincerely,\n\nSam Taylor$/);
		expect(body).not.toMatch(/<[a-z/]/i);
		for (const c of [ROCHESTER, BASSETLAW, SWINDON_SOUTH, FARNHAM, EAST_WILTS])
			expect(ownWords(letterFor(c).body), areaName(c)).toBeLessThanOrEqual(WORD_LIMIT);
	});

	it('keeps to WORD_LIMIT for every English constituency in one or two alliances, with at least one figure', () => {
		let seats = 0;
		for (const a of areas.filter((x) => x.type === 'constituency' && x.code.startsWith('E14'))) {
			const alliances = reached(a.code);
			if (alliances.length > 2) continue; // Skipton and Ripon reaches three: its three headlines take 374 words
			const { body } = letterFor(a.code, { alliances });
			expect(ownWords(body), a.name).toBeLessThanOrEqual(WORD_LIMIT);
			expect(bullets(body).length, a.name).toBeGreaterThanOrEqual(1);
			expect(bullets(body).length, a.name).toBeLessThanOrEqual(MAX_FIGURES);
			seats++;
		}
		expect(seats).toBe(542);
	});

	it('asks the MP to put the campaign’s asks to the Cancer Alliance, in the product’s own words', () => {
		const { body } = letterFor(ROCHESTER);
		expect(body).toContain('Please ask Kent and Medway Cancer Alliance what it is doing to:');
		expect(body).toMatch(/compare its results with other areas and act on every gap/);
		expect(body).toMatch(/complete data in COSD, and hold to account any that do not/);
		expect(body).toMatch(/plan the staff needed across breast cancer care/);
		expect(body).toMatch(
			/medicines, fertility services, reconstruction without a time limit and psychological support/
		);
		expect(body).toMatch(/help GPs recognise secondary breast cancer/);
		expect(body).toMatch(/shape screening and awareness work around local people/);
		expect(body).toContain('Please share the reply with me.');
	});

	it('gives one source line per publisher at the end, with the period, and none after the figures', () => {
		const { body } = letterFor(ROCHESTER);
		expect(body).not.toContain('(Source:');
		const sources = body.slice(body.indexOf('Sources ('));
		expect(body.indexOf('Sources (')).toBeGreaterThan(body.indexOf('Please share the reply'));
		expect(sources).toContain('Sources (every figure, with its margin of error: https://example.org/area/E56000011):');
		const lines = sources.split('\n').filter((l) => l.startsWith('- '));
		expect(lines).toEqual([
			'- Cancer Waiting Times, NHS England (September 2025)',
			'- Cancer Data Hub: cancer stage at diagnosis, NDRS, NHS England (2022)',
			'- Fingertips indicator 94063, OHID (2023/24)'
		]);
		expect(sourceLines(allianceFacts(KENT))).toEqual(lines);
	});
});

describe('which figures, worded as the area page words them', () => {
	it('Kent and Medway: quotes the 62-day figure far below its standard, though similar to England, and says so', () => {
		const facts = allianceFacts(KENT);
		const cwt62 = facts.find((f) => f.indicator.id === 'cwt62_breast')!;
		expect([cwt62.area!.numerator, cwt62.area!.denominator, toneOf(cwt62)]).toEqual([98, 158, 'similar']);
		expect(cwt62.area!.upper95!).toBeLessThan(85); // short of the standard by more than chance
		expect(standardShortfall(cwt62)).toBeGreaterThan(5);
		const { body } = letterFor(ROCHESTER);
		const lines = bullets(body);
		expect(lines[0]).toBe(
			'- In September 2025, 62.0% (98 of 158) of people with breast cancer living in Kent and Medway started their first treatment within 62 days of being referred, against 68.0% for England. That is similar to England. It did not meet the NHS standard of at least 85%, nor did England as a whole.'
		);
		// The 28-day figure is worse than England but meets its 75% standard: it is counted in the headline, not
		// quoted as a reason to write ahead of the figures that miss their standard or have none.
		const fds = facts.find((f) => f.indicator.id === 'fds_breast_suspected')!;
		expect([toneOf(fds), fds.area!.value! >= 75]).toEqual(['worse', true]);
		expect(lines.some((l) => l.includes('told within 28 days'))).toBe(false);
		expect(body).not.toMatch(/worr/i);
		expect(lines[1]).toContain(
			'- In 2022, 77.3% (1,509 of 1,952) of breast cancers diagnosed in people living in Kent and Medway had their stage recorded, against 80.5% for England. That is significantly worse than England.'
		);
	});

	it('lists what each count counts: "significantly better on 3 (…)"', () => {
		const { body } = letterFor(ROCHESTER);
		expect(body).toContain(
			'Kent and Medway is significantly worse than England on 3 of the 8 measures (stage recording, early diagnosis and 28-day diagnosis after urgent referral) and significantly better on 3 (31-day treatment, 14-day specialist appointments and screening coverage).'
		);
		// Every headline, for every alliance: each count is followed by exactly that many named measures.
		for (const code of [
			...new Set(lookups.filter((l) => l.relation === 'constituency_in_alliance').map((l) => l.parent_code))
		]) {
			const body2 = composeLetter(input({ alliances: [alliance(code)], constituencyCode: undefined })).body;
			const lead = paragraphs(body2)[4]!;
			for (const m of lead.matchAll(/(?:on (\d+) of the \d+ measures|better on (\d+)|worse on (\d+)) \(([^)]*)\)/g)) {
				const n = Number(m[1] ?? m[2] ?? m[3]);
				const named = m[4]!.startsWith('all but ') ? null : m[4]!.split(/, | and /);
				if (named) expect(named, lead).toHaveLength(n);
			}
		}
	});

	it('puts early diagnosis next to stage recording, as a share of the cancers whose stage was recorded', () => {
		const facts = allianceFacts(KENT);
		const ids = (fs: IndicatorFact[]) => fs.map((f) => f.indicator.id);
		// With room, the two worse stage figures come as a pair, recording first, after the 62-day figure.
		expect(ids(chooseFigures(facts, 4))).toEqual([
			'cwt62_breast',
			'stage_completeness_breast',
			'stage12_breast',
			'cwt31_breast'
		]);
		const early = facts.find((f) => f.indicator.id === 'stage12_breast')!;
		expect(figureSentence('Kent and Medway', early)).toBe(
			'In 2022, 82.1% (1,239 of 1,509) of the breast cancers whose stage was recorded, in people living in Kent and Medway, were diagnosed at an early stage (stage 1 or 2), against 85.4% for England. That is significantly worse than England.'
		);
		// The area page words it the same way.
		expect(describeFact('Kent and Medway', early)).toContain(
			'of the breast cancers whose stage was recorded, in people living in Kent and Medway'
		);
		// Never alone: without stage recording beside it (no room, or no figure), early diagnosis is not quoted.
		const pair = facts.filter((f) => f.indicator.id.startsWith('stage'));
		expect(ids(chooseFigures(pair, 1))).toEqual(['stage_completeness_breast']);
		expect(ids(chooseFigures(pair, 2))).toEqual(['stage_completeness_breast', 'stage12_breast']);
		expect(chooseFigures([early], 3)).toEqual([]);
	});

	it('keeps a place for a measure better than England when it has three, and asks the MP to keep it so', () => {
		const facts = allianceFacts(KENT);
		const chosen = chooseFigures(facts, 3);
		expect(chosen.map((f) => f.indicator.id)).toEqual(['cwt62_breast', 'stage_completeness_breast', 'cwt31_breast']);
		expect(figureSentence('Kent and Medway', chosen[2]!)).toBe(
			'In September 2025, 98.3% (414 of 421) of breast cancer treatments for people living in Kent and Medway started within 31 days of the decision to treat, against 91.8% for England. That is significantly better than England. It met the NHS standard of at least 96%, though England as a whole did not.'
		);
		expect(letterFor(ROCHESTER).body).toContain(
			'Where it falls behind, I would like to know why; where it does better, I would like it to stay that way.'
		);
		// An area shown only where it does better, or is similar and meets its standard: no complaint, and no "worse"
		// beyond the headline's "none".
		const good = facts.filter((f) => toneOf(f) === 'better' || (toneOf(f) === 'similar' && standardShortfall(f) === 0));
		const body = composeLetter(input({ alliances: [{ code: KENT, name: 'Kent and Medway', facts: good }] })).body;
		expect(body.replace('significantly worse on none', '')).not.toMatch(/significantly worse/i);
		expect(body).toContain(
			'I am glad that Kent and Medway does better than England on some measures, and I would like it to stay that way.'
		);
	});

	it('says "significantly" only where England lies outside the 95% interval, and never of a similar figure', () => {
		for (const code of [KENT, SYB, THAMES, SWAG]) {
			for (const f of allianceFacts(code)) {
				const s = figureSentence(areaName(code), f);
				const tone = toneOf(f);
				expect(s.includes('significantly worse'), `${f.indicator.id}: ${s}`).toBe(tone === 'worse');
				expect(s.includes('significantly better'), `${f.indicator.id}: ${s}`).toBe(tone === 'better');
				if (tone === 'worse' || tone === 'better') {
					const e = f.england!.value!;
					expect(e < f.area!.lower95! || e > f.area!.upper95!).toBe(true);
				}
				// The figure is stated exactly as the area page states it.
				if (s) expect(s.startsWith(`${figureClause(areaName(code), f, decimals(f))}.`)).toBe(true);
			}
		}
	});

	it('screening coverage: an estimate, never "significantly" worse within its own error (Bassetlaw’s alliance)', () => {
		const syb = fact(SYB, 'screening_breast_coverage');
		// 70.0% against England's estimate of 70.3%: the interval allows for the estimate's own error and holds England.
		expect(syb.area!.value!).toBeCloseTo(69.99, 2);
		expect(syb.england!.value!).toBeCloseTo(70.3, 1);
		expect(syb.area!.lower95!).toBeLessThan(syb.england!.value!);
		expect(syb.area!.upper95!).toBeGreaterThan(syb.england!.value!);
		expect(toneOf(syb)).toBe('similar');
		expect(figureSentence('South Yorkshire and Bassetlaw', syb)).toContain(
			"That is similar to England, allowing for chance and the estimate's own error."
		);
		expect(describeFact('South Yorkshire and Bassetlaw', syb)).toContain(
			"That is similar to England: the difference is within what chance and the estimate's own error could produce"
		);
		const { body } = letterFor(BASSETLAW);
		expect(body).not.toMatch(/screening coverage\)[^.]*significantly worse/);
		for (const l of bullets(body).filter((x) => x.includes('screened'))) expect(l).not.toContain('significantly');
		// Where the gap is larger than the estimate's error (North East London, 61.6%), it is worse, with both levels.
		const nel = fact('E56000028', 'screening_breast_coverage');
		expect(toneOf(nel)).toBe('worse');
		expect(figureSentence('North East London', nel)).toBe(
			"In 2023/24, an estimated 61.6% (about 112,541 of 182,828 women) of women aged 53 to 70 registered with GP practices in North East London had been screened for breast cancer in the previous three years, against 70.3% for England. That is significantly worse than England. It reached neither the programme's acceptable level (at least 70%) nor its achievable level (at least 80%)."
		);
	});
});

describe('residents counted in another alliance’s figures (area_lookups)', () => {
	it('Bassetlaw: leaves out South Yorkshire and Bassetlaw’s waiting times, counted by ICB in East Midlands, and says so', () => {
		const { body } = letterFor(BASSETLAW);
		expect(body).toContain(
			"South Yorkshire and Bassetlaw's figures for waiting times do not cover Bassetlaw: its residents are counted with East Midlands (through NHS Nottingham and Nottinghamshire ICB), so I have left them out."
		);
		const waiting = allianceFacts(SYB).filter((f) => WAITING_TIME_IDS.has(f.indicator.id));
		expect(waiting).toHaveLength(5);
		for (const f of waiting) expect(f.outside!.find((o) => o.constituency === BASSETLAW)!.share).toBe(1);
		expect(bullets(body).some((l) => /within (14|28|31|62) days/.test(l))).toBe(false);
		// Screening is counted by Sub-ICB, and Bassetlaw's Sub-ICB is in South Yorkshire and Bassetlaw: it stays.
		expect(fact(SYB, 'screening_breast_coverage').outside!.some((o) => o.constituency === BASSETLAW)).toBe(false);
		expect(body).toContain(
			'South Yorkshire and Bassetlaw is significantly worse than England on 1 of the 3 measures (stage recording), and significantly better on none.'
		);
		// Sheffield Central, in the same alliance and its ICB, keeps every figure.
		expect(letterFor('E14001467').body).not.toContain('do not cover');
	});

	it('Swindon South: leaves out Thames Valley’s waiting times and screening, counted with Somerset, Wiltshire, Avon and Gloucestershire', () => {
		const { body } = letterFor(SWINDON_SOUTH);
		expect(body).toContain(
			"Thames Valley's figures for waiting times and screening coverage do not cover Swindon South: its residents are counted with Somerset, Wiltshire, Avon and Gloucestershire (through NHS Bath and North East Somerset, Swindon and Wiltshire ICB), so I have left them out."
		);
		expect(bullets(body).every((l) => /stage/.test(l))).toBe(true);
		// Said before the headline, so that its "2 measures" reads as it should.
		expect(body.indexOf('do not cover')).toBeLessThan(body.indexOf('Thames Valley is significantly'));
		expect(body).toContain(
			'Thames Valley is significantly worse than England on 1 of the 2 measures (stage recording)'
		);
		// The sources name only what the letter uses.
		expect(body).not.toContain('Cancer Waiting Times, NHS England');
		// Oxford East, in Thames Valley through its own ICB, keeps every figure.
		expect(letterFor('E14001412').body).not.toContain('do not cover');
	});

	it('names both alliances of a seat that reaches two, the postcode’s own first, each with its share and headline', () => {
		const { subject, body } = letterFor(FARNHAM);
		expect(subject).toBe(
			'Please write to Surrey and Sussex Cancer Alliance and Wessex Cancer Alliance about breast cancer care in Farnham and Bordon'
		);
		expect(body.startsWith(`Dear ${addressAs(mpFor(FARNHAM).name)},`)).toBe(true);
		expect(body).toContain(
			'Our constituency is covered by two Cancer Alliances: Surrey and Sussex Cancer Alliance (mine, 65% of our residents) and Wessex Cancer Alliance (35%).'
		);
		expect(body).toMatch(/^Surrey and Sussex is significantly worse than England on 2 of the 8 measures/m);
		expect(body).toMatch(
			/^Wessex is significantly better than England on 7 of the 8 measures \(all but early diagnosis\)/m
		);
		expect(body).toContain('Please ask both Cancer Alliances what each is doing to:');
		expect(body).toContain('Please share their replies with me.');
		expect(bullets(body).filter((l) => l.includes('living in Surrey and Sussex')).length).toBeGreaterThanOrEqual(1);
		// East Wiltshire: its Thames Valley part is Swindon's, counted with its own alliance; the order follows the caller.
		const swindonFirst = letterFor(EAST_WILTS, { alliances: [alliance(THAMES, 0.1342), alliance(SWAG, 0.8658)] }).body;
		expect(swindonFirst).toContain(
			'Thames Valley Cancer Alliance (mine, 13% of our residents) and Somerset, Wiltshire, Avon and Gloucestershire Cancer Alliance (87%)'
		);
		expect(swindonFirst).toContain(
			"Thames Valley's figures for waiting times and screening coverage do not cover East Wiltshire"
		);
	});
});

describe('missing, withheld and limits', () => {
	it('says plainly when a figure is not published or is withheld, and never invents one', () => {
		// East of England - North (the 21-alliance view) has no stage figures for 2022: NDRS publishes the merged alliance.
		const north = alliance('E56000022');
		const missing = north.facts.filter((f) => toneOf(f) === 'missing').map((f) => f.indicator.id);
		expect(missing).toEqual(['stage12_breast', 'stage_completeness_breast']);
		const { body } = composeLetter(input({ alliances: [north] }));
		expect(body).toContain(
			'No figure is published for East of England - North on breast cancers diagnosed at an early stage (of those whose stage was recorded) (2022) or breast cancers with their stage recorded (2022).'
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
		const withheldFact: IndicatorFact = {
			indicator: indicators.find((i) => i.id === 'breast_symptomatic_14d')!,
			basis: 'commissioner',
			period_label: s.periods[p]!.label,
			area: withheld,
			england: figureAt(s, p, ENGLAND_CODE)
		};
		const shropshire = composeLetter(
			input({ alliances: [{ code: 'E54000011', name: 'Shropshire, Telford and Wrekin', facts: [withheldFact] }] })
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
		expect(paragraphs(body).slice(2, 4)).toEqual([
			'My mum was diagnosed in 2021.',
			'She waited 9 weeks & it felt like forever?'
		]);
		expect(body).toMatch(/Yours faithfully,\n\nSam Taylor$/);
		// No story: the figures follow the opening.
		expect(paragraphs(composeLetter(input({ story: '   ' })).body)[2]).toBe(
			'Here, NHS cancer services are planned by Kent and Medway Cancer Alliance.'
		);
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
		const story = paragraphs(body)[2]!;
		expect(story.startsWith(long.slice(0, 200))).toBe(true);
		// The story is capped at STORY_MAX characters (an ellipsis marks the cut).
		expect(story.length).toBeLessThanOrEqual(STORY_MAX);
		expect(story.endsWith('…')).toBe(true);
		// Names and addresses stay on one line and within their limits.
		expect(body).toMatch(new RegExp(`\\n\\nA{${LIMITS.name - 1}}…$`));
	});

	it('gives each alliance’s page as a link where the site is known', () => {
		const { body } = letterFor(FARNHAM);
		expect(body).toContain('https://example.org/area/E56000012 and https://example.org/area/E56000016');
		expect(composeLetter(input()).body).not.toContain('https://');
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
