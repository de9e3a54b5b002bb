/**
 * Area narrative, ranks and trends on the committed exports (static/data): real published figures for every happy
 * path; Figure objects are built here only for edge paths the data does not contain (none, one or no measures).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { describeFact, figureClause, toneOf, wordingFor, type IndicatorFact } from '../../src/lib/wording/figures';
import { listOf } from '../../src/lib/wording/text';
import { summarise } from '../../src/lib/wording/summary';
import { allianceRanks, ordinal, rankPhrase } from '../../src/lib/area/rank';
import { trendPhrase } from '../../src/lib/area/trend';
import type { Area, Basis, Indicator, Observation } from '../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../src/lib/data/contract';
import { wilson } from '../../src/lib/stats';
import { figureAt, type Figure, type Series } from '../../src/lib/data/series';

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
const indicator = (id: string) => indicators.find((i) => i.id === id)!;
const areas: Area[] = csv('areas.csv').map((r) => ({
	code: r.code!,
	name: r.name!,
	type: r.type as Area['type'],
	parent_code: nullable(r.parent_code),
	variant: nullable(r.variant) as Area['variant']
}));
const areaName = (code: string) => areas.find((a) => a.code === code)!.name;
const alliances20 = areas.filter((a) => a.type === 'alliance' && a.variant !== '21').map((a) => a.code);

const seriesCache = new Map<string, Series>();
function series(id: string, basis: Basis): Series {
	const key = `${id}.${basis}`;
	let s = seriesCache.get(key);
	if (!s) seriesCache.set(key, (s = JSON.parse(readFileSync(`${DATA}series/${key}.json`, 'utf8')) as Series));
	return s;
}

function fact(id: string, basis: Basis, periodIndex: number, code: string): IndicatorFact {
	const s = series(id, basis);
	return {
		indicator: indicator(id),
		basis,
		period_label: s.periods[periodIndex]!.label,
		area: figureAt(s, periodIndex, code),
		england: figureAt(s, periodIndex, ENGLAND_CODE)
	};
}

/** The latest period of a series where some alliance has the given comparison. */
function findComparison(id: string, basis: Basis, comparison: string): { code: string; periodIndex: number } {
	const s = series(id, basis);
	for (let p = s.periods.length - 1; p >= 0; p--) {
		for (const code of alliances20) {
			if (figureAt(s, p, code)?.comparison === comparison) return { code, periodIndex: p };
		}
	}
	throw new Error(`no ${comparison} alliance in ${id}.${basis}`);
}

function observationFact(o: Observation, england: Observation | undefined): IndicatorFact {
	const fig = (x: Observation): Figure => ({
		value: x.value,
		lower95: x.lower95,
		upper95: x.upper95,
		numerator: x.numerator,
		denominator: x.denominator,
		comparison: x.comparison,
		suppressed: x.suppressed,
		release: x.release
	});
	const s = series(o.indicator_id, o.basis);
	return {
		indicator: indicator(o.indicator_id),
		basis: o.basis,
		period_label: s.periods.find((p) => p.start === o.period_start)!.label,
		area: fig(o),
		england: england ? fig(england) : null
	};
}

const observations: Observation[] = csv('observations.csv').map((r) => ({
	indicator_id: r.indicator_id!,
	area_code: r.area_code!,
	basis: r.basis as Basis,
	period_start: r.period_start!,
	period_end: r.period_end!,
	numerator: numeric(r.numerator),
	denominator: numeric(r.denominator),
	value: numeric(r.value),
	lower95: numeric(r.lower95),
	upper95: numeric(r.upper95),
	lower998: numeric(r.lower998),
	upper998: numeric(r.upper998),
	comparison: r.comparison as Observation['comparison'],
	suppressed: r.suppressed === 'true',
	release: r.release as Observation['release'],
	release_file: r.release_file!
}));
const englandObservation = (o: Observation) =>
	observations.find(
		(x) =>
			x.area_code === ENGLAND_CODE &&
			x.indicator_id === o.indicator_id &&
			x.basis === o.basis &&
			x.period_start === o.period_start
	);

describe('describeFact on published figures', () => {
	it('says "significantly worse" with value, counts, period, England, interval and the standard', () => {
		const { code, periodIndex } = findComparison('fds_breast_suspected', 'commissioner', 'worse');
		const f = fact('fds_breast_suspected', 'commissioner', periodIndex, code);
		const name = areaName(code);
		const text = describeFact(name, f);
		expect(toneOf(f)).toBe('worse');
		expect(text).toContain('significantly worse than England');
		expect(text).not.toContain('significantly better');
		expect(text).toContain(name);
		expect(text).toContain(f.period_label);
		expect(text).toMatch(/^In [A-Z][a-z]+ \d{4}, \d+\.\d+% \([\d,.]+ of [\d,.]+\) of people living in /);
		expect(text).toMatch(/against \d+\.\d+% for England/);
		expect(text).toMatch(/between \d+\.\d+% and \d+\.\d+%, entirely below England's \d+\.\d+%/);
		expect(text).toMatch(/standard is at least 75%; .* (met it|did not meet it)/);
		// England is outside the interval: its figure as written must not equal either end as written.
		const [, lo, hi, eng] = text.match(/between ([\d.]+)% and ([\d.]+)%, entirely below England's ([\d.]+)%/)!;
		expect(eng).not.toBe(lo);
		expect(eng).not.toBe(hi);
	});

	it('says "significantly better" on a better figure and words the direction for a lower-is-better-free measure', () => {
		const { code, periodIndex } = findComparison('cwt31_breast', 'commissioner', 'better');
		const text = describeFact(areaName(code), fact('cwt31_breast', 'commissioner', periodIndex, code));
		expect(text).toContain('significantly better than England');
		expect(text).toContain('entirely above England');
		expect(text).toContain('96%');
	});

	it('never says "significantly" on a similar figure', () => {
		const { code, periodIndex } = findComparison('cwt62_breast', 'commissioner', 'similar');
		const f = fact('cwt62_breast', 'commissioner', periodIndex, code);
		const text = describeFact(areaName(code), f);
		expect(toneOf(f)).toBe('similar');
		expect(text).toContain('similar to England: the difference is within what chance alone could produce');
		expect(text.toLowerCase()).not.toContain('significantly');
		expect(text).toContain(f.period_label);
	});

	it('uses the provider wording on the provider basis and the registry year for stage', () => {
		const { code, periodIndex } = findComparison('fds_breast_suspected', 'provider', 'better');
		expect(describeFact(areaName(code), fact('fds_breast_suspected', 'provider', periodIndex, code))).toContain(
			`people seen by hospitals in ${areaName(code)}`
		);
		const stage = series('stage12_breast', 'registry');
		const last = stage.periods.length - 1;
		const text = describeFact(areaName(alliances20[0]!), fact('stage12_breast', 'registry', last, alliances20[0]!));
		expect(text.startsWith(`In ${stage.periods[last]!.label}, `)).toBe(true);
		expect(text).toContain('early stage');
	});

	it('explains a suppressed figure (a real suppressed Sub-ICB or ICB observation)', () => {
		const o = observations.find((x) => x.suppressed && x.area_code !== ENGLAND_CODE)!;
		expect(o).toBeDefined();
		const f = observationFact(o, englandObservation(o));
		const name = areaName(o.area_code);
		const text = describeFact(name, f);
		expect(toneOf(f)).toBe('missing');
		expect(text).toContain('not shown because the numbers are small enough to risk identifying patients');
		expect(text).toContain(name);
		expect(text).not.toMatch(/significantly|better|worse/);
	});

	it('no alliance figure is suppressed in the series files, so the alliance path is checked on a built Figure', () => {
		for (const file of ['fds_breast_suspected.commissioner', 'cwt62_breast.provider', 'stage12_breast.registry']) {
			const [id, basis] = file.split('.') as [string, Basis];
			expect(
				series(id, basis)
					.cells.flat()
					.some((c) => c?.[6] === 1)
			).toBe(false);
		}
		const real = fact('cwt62_breast', 'commissioner', 0, alliances20[0]!);
		const suppressed: Figure = {
			value: null,
			lower95: null,
			upper95: null,
			numerator: null,
			denominator: null,
			comparison: 'not compared',
			suppressed: true,
			release: 'final'
		};
		const text = describeFact('Test alliance', { ...real, area: suppressed });
		expect(text).toContain('not shown because the numbers are small enough to risk identifying patients');
		expect(text).toContain(real.period_label);
	});

	it('says "not published for this area" where there is no figure (alliance age-standardised mortality)', () => {
		const f = fact('mortality_breast_asr', 'registry', 0, alliances20[0]!);
		expect(f.area).toBeNull();
		const text = describeFact(areaName(alliances20[0]!), f);
		expect(text).toContain('not published for this area');
		expect(text).toMatch(/England's figure was \d+\.\d per 100,000\./);
		expect(toneOf(f)).toBe('missing');
	});

	it('words an indicator without a direction as higher or lower, without judgement (real Sub-ICB crude mortality)', () => {
		for (const dir of ['higher', 'lower'] as const) {
			const o = observations.find((x) => x.indicator_id === 'mortality_breast_crude' && x.comparison === dir)!;
			expect(o).toBeDefined();
			const f = observationFact(o, englandObservation(o));
			expect(f.indicator.polarity).toBe('none');
			const text = describeFact(areaName(o.area_code), f);
			expect(text).toContain(`${dir} than England`);
			expect(text).toMatch(/between \d+\.\d and \d+\.\d per 100,000/);
			expect(text).toContain('not in itself better or worse');
			expect(text).not.toMatch(/significantly|better than|worse than/);
			expect(toneOf(f)).toBe('neutral');
		}
	});

	it('describes England against itself without a comparison', () => {
		const f = fact('mortality_breast_crude', 'registry', 0, ENGLAND_CODE);
		const text = describeFact('England', f);
		expect(text).toMatch(
			/^In 2020, the breast cancer death rate among women in England was \d+\.\d per 100,000, not adjusted for age\.$/
		);
		const cwt = describeFact('England', fact('cwt62_breast', 'commissioner', 0, ENGLAND_CODE));
		expect(cwt).not.toMatch(/against|similar|significantly/);
		expect(cwt).toMatch(/standard is at least 85%; England as a whole (met it|did not meet it)/);
	});

	it("falls back to the indicator name for an analyst's own indicator", () => {
		const real = fact('stage12_breast', 'registry', 0, alliances20[0]!);
		const own: Indicator = {
			...real.indicator,
			id: 'cosd_stage_recorded',
			name: 'COSD stage recorded',
			standard: null
		};
		const text = describeFact('Northern', { ...real, indicator: own });
		expect(text).toContain('the figure for “COSD stage recorded” in Northern was');
	});
});

describe('describeFact on breast screening coverage (estimated, two thresholds)', () => {
	it('says the figure is an estimate, gives counts as approximate, and which thresholds the area and England reached', () => {
		// North East London, 2023/24: 61.6% (estimated) against England's 70.3%; below the 70% acceptable level.
		const text = describeFact('North East London', fact('screening_breast_coverage', 'commissioner', 0, 'E56000028'));
		expect(text).toMatch(
			/^In 2023\/24, an estimated 61\.6% \(about 112,541 of 182,828 women\) of women aged 53 to 70 registered with GP practices in North East London/
		);
		expect(text).toContain('significantly worse than England');
		expect(text).toContain('GP list sizes of April 2026');
		expect(text).toContain(
			"The programme's thresholds are at least 70% (acceptable) and at least 80% (achievable); North East London reached neither; England as a whole reached the acceptable level but not the achievable one."
		);
		// The wording says the interval allows for the estimate's own error, not chance alone.
		expect(text).toContain("allowing for chance and the estimate's own error, the true figure for North East London");
	});

	it("calls a screening gap within the estimate's own error similar, not worse (South Yorkshire and Bassetlaw)", () => {
		// 70.0% against England's estimated 70.3%: the Wilson interval alone would exclude England; the interval
		// widened by the estimate's own error (its shift when weighted by the 2023/24 cohort) holds it.
		const f = fact('screening_breast_coverage', 'commissioner', 0, 'E56000025');
		expect(toneOf(f)).toBe('similar');
		const chance = wilson(f.area!.numerator!, f.area!.denominator!, 0.95)!;
		expect(f.area!.upper95! - f.area!.lower95!).toBeGreaterThan(100 * (chance.upper - chance.lower) + 0.2);
		const text = describeFact('South Yorkshire and Bassetlaw', f);
		expect(text).toContain(
			"That is similar to England: the difference is within what chance and the estimate's own error could produce (the true figure is likely to be between 69.6% and 70.4%)."
		);
		expect(text).not.toMatch(/significantly/);
	});

	it('states early diagnosis as a share of the cancers whose stage was recorded', () => {
		const s = series('stage12_breast', 'registry');
		const text = describeFact('Kent and Medway', fact('stage12_breast', 'registry', s.periods.length - 1, 'E56000011'));
		expect(text).toMatch(
			/^In 2022, 82\.1% \(1,239 of 1,509\) of the breast cancers whose stage was recorded, in people living in Kent and Medway, were diagnosed at an early stage \(stage 1 or 2\)/
		);
		expect(text).toContain('The figure is not adjusted for age.');
	});
});

describe('summarise', () => {
	const PICK: [string, Basis][] = [
		['fds_breast_suspected', 'commissioner'],
		['fds_breast_symptomatic', 'commissioner'],
		['breast_symptomatic_14d', 'commissioner'],
		['cwt31_breast', 'commissioner'],
		['cwt62_breast', 'commissioner'],
		['stage12_breast', 'registry'],
		['stage_completeness_breast', 'registry'],
		['mortality_breast_asr', 'registry']
	];
	const latestFacts = (code: string) =>
		PICK.map(([id, basis]) => fact(id, basis, series(id, basis).periods.length - 1, code));

	it("counts and orders every alliance's latest figures correctly", () => {
		for (const code of alliances20) {
			const facts = latestFacts(code);
			const { headline, sentences } = summarise(areaName(code), facts);
			const tones = facts.map(toneOf);
			const worse = tones.filter((t) => t === 'worse').length;
			const better = tones.filter((t) => t === 'better').length;
			const withFigures = tones.filter((t) => t !== 'missing').length;
			expect(sentences).toHaveLength(facts.length);
			expect(headline.startsWith(areaName(code))).toBe(true);
			expect(headline.endsWith('.')).toBe(true);
			if (worse > 0)
				expect(headline).toContain(`significantly worse than England on ${worse} of the ${withFigures} measures`);
			// Each count lists what it counts, by the wording's short labels, in the summary's order.
			const labels = (tone: string) =>
				sentences.filter((x) => x.tone === tone).map((x) => wordingFor(indicator(x.indicator_id)).label);
			const named = (tone: string) => {
				const others = sentences.filter((x) => x.tone !== tone && x.tone !== 'missing');
				return labels(tone).length > 3 && others.length === 1
					? `(all but ${wordingFor(indicator(others[0]!.indicator_id)).label})`
					: `(${listOf(labels(tone))})`;
			};
			if (worse > 0) expect(headline).toContain(`measures with figures ${named('worse')}`);
			if (better > 0 && worse > 0) expect(headline).toContain(`significantly better on ${better} ${named('better')}.`);
			if (worse === 0 && better === 0) expect(headline).not.toContain('significantly');
			// Worst first: worse, similar, better, then no direction, then missing.
			const order = ['worse', 'similar', 'better', 'neutral', 'missing'];
			const ranks = sentences.map((s) => order.indexOf(s.tone));
			expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
			for (const s of sentences) {
				expect(s.text.includes('significantly')).toBe(s.tone === 'worse' || s.tone === 'better');
			}
			// The mortality figure is not published for alliances: the headline says "with figures".
			expect(sentences.at(-1)!.tone).toBe('missing');
			if (worse > 0) expect(headline).toContain('measures with figures');
		}
	});

	it('has no "significantly" when nothing is significant (real similar figures only)', () => {
		const code = alliances20[0]!;
		const similar = PICK.flatMap(([id, basis]) => {
			const s = series(id, basis);
			return s.periods
				.map((_, p) => fact(id, basis, p, code))
				.filter((f) => f.area?.comparison === 'similar')
				.slice(-1);
		});
		expect(similar.length).toBeGreaterThanOrEqual(3);
		const { headline, sentences } = summarise(areaName(code), similar);
		expect(headline).toBe(
			`${areaName(code)} is similar to England on all ${similar.length} measures: no difference is bigger than chance alone could produce.`
		);
		expect(sentences.every((s) => s.tone === 'similar')).toBe(true);
	});

	it('pluralises one and two measures, and says when nothing is published', () => {
		const w = findComparison('fds_breast_suspected', 'commissioner', 'worse');
		const worse = fact('fds_breast_suspected', 'commissioner', w.periodIndex, w.code);
		const name = areaName(w.code);
		expect(summarise(name, [worse]).headline).toBe(
			`${name} is significantly worse than England on the one measure (28-day diagnosis after urgent referral).`
		);
		const s = findComparison('cwt62_breast', 'commissioner', 'similar');
		const similar = fact('cwt62_breast', 'commissioner', s.periodIndex, s.code);
		expect(summarise(name, [worse, similar]).headline).toBe(
			`${name} is significantly worse than England on 1 of the 2 measures (28-day diagnosis after urgent referral), and significantly better on none.`
		);
		const b = findComparison('cwt31_breast', 'commissioner', 'better');
		const better = fact('cwt31_breast', 'commissioner', b.periodIndex, b.code);
		const h = summarise(name, [better, similar, worse]);
		expect(h.headline).toBe(
			`${name} is significantly worse than England on 1 of the 3 measures (28-day diagnosis after urgent referral) and significantly better on 1 (31-day treatment).`
		);
		expect(h.sentences.map((x) => x.tone)).toEqual(['worse', 'similar', 'better']);
		const missing = fact('mortality_breast_asr', 'registry', 0, alliances20[0]!);
		expect(summarise('Northern', [missing]).headline).toBe('No figures are published for Northern on this measure.');
		expect(summarise('Northern', []).headline).toBe('There are no figures to show for Northern yet.');
	});
});

describe('allianceRanks and rankPhrase', () => {
	it('ranks the 20 alliances as a permutation of 1..20 inside their intervals, deterministically', () => {
		for (const [id, basis] of [
			['cwt62_breast', 'commissioner'],
			['fds_breast_suspected', 'provider'],
			['stage12_breast', 'registry']
		] as [string, Basis][]) {
			const s = series(id, basis);
			const p = s.periods.length - 1;
			const polarity = indicator(id).polarity;
			expect(alliances20).toHaveLength(20);
			expect(alliances20).not.toContain('E56000022');
			expect(alliances20).not.toContain('E56000023');
			const a = allianceRanks(s, p, alliances20, polarity);
			const b = allianceRanks(s, p, alliances20, polarity);
			expect(a).toEqual(b);
			const ranks = alliances20.map((c) => a[c]!);
			expect(ranks.map((r) => r.rank).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
			for (const r of ranks) {
				expect(r.of).toBe(20);
				expect(r.lower).toBeLessThanOrEqual(r.rank);
				expect(r.rank).toBeLessThanOrEqual(r.upper);
			}
			// Rank 1 is the best (highest, for these higher-is-better indicators).
			const best = alliances20.find((c) => a[c]!.rank === 1)!;
			const bestValue = figureAt(s, p, best)!.value!;
			for (const c of alliances20) expect(figureAt(s, p, c)!.value!).toBeLessThanOrEqual(bestValue);
		}
	});

	it('gives null to areas without a figure and leaves them out of the count', () => {
		const s = series('mortality_breast_asr', 'registry');
		const r = allianceRanks(s, 0, [ENGLAND_CODE, ...alliances20], 'lower');
		expect(r[alliances20[0]!]).toBeNull();
		expect(r[ENGLAND_CODE]).toEqual({ rank: 1, lower: 1, upper: 1, of: 1 });
	});

	it('ranks the highest first for an indicator without a direction, and lowest first when lower is better', () => {
		const s = series('cwt62_breast', 'commissioner');
		const p = s.periods.length - 1;
		const none = allianceRanks(s, p, alliances20, 'none');
		const lower = allianceRanks(s, p, alliances20, 'lower');
		for (const c of alliances20) expect(none[c]!.rank + lower[c]!.rank).toBe(21);
	});

	it('words a rank with its interval', () => {
		expect(rankPhrase({ rank: 14, lower: 9, upper: 18, of: 20 })).toBe(
			'ranked 14th of 20 (somewhere between 9th and 18th, allowing for chance)'
		);
		expect(rankPhrase({ rank: 1, lower: 1, upper: 1, of: 20 })).toBe(
			'ranked 1st of 20 (and almost certainly 1st, allowing for chance)'
		);
		expect(rankPhrase({ rank: 2, lower: 1, upper: 3, of: 21 }, 'none')).toBe(
			'ranked 2nd highest of 21 (somewhere between 1st and 3rd, allowing for chance)'
		);
		expect(rankPhrase(null)).toBe('not ranked, as there is no figure to rank');
		expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
			'1st',
			'2nd',
			'3rd',
			'4th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'23rd',
			'101st',
			'111th'
		]);
	});
});

describe('trendPhrase', () => {
	it('is null with fewer than 5 points, or without numerator and denominator', () => {
		const s = series('cwt62_breast', 'commissioner');
		const four: Series = { ...s, periods: s.periods.slice(0, 4), cells: s.cells.slice(0, 4) };
		expect(trendPhrase(four, alliances20[0]!, 'higher')).toBeNull();
		const five: Series = { ...s, periods: s.periods.slice(0, 5), cells: s.cells.slice(0, 5) };
		expect(trendPhrase(five, alliances20[0]!, 'higher')).toMatch(/over the last 5 months/);
		expect(trendPhrase(series('mortality_breast_crude', 'registry'), ENGLAND_CODE, 'none')).toBeNull();
		expect(trendPhrase(s, 'E99999999', 'higher')).toBeNull();
	});

	it('uses the last 12 months, and the direction matches the test', () => {
		const s = series('cwt62_breast', 'commissioner');
		const n = s.periods.length;
		const window = `(${s.periods[n - 12]!.label} to ${s.periods[n - 1]!.label})`;
		const phrases = alliances20.map((c) => trendPhrase(s, c, 'higher')!);
		for (const phrase of phrases) {
			expect(phrase).toMatch(
				/^(improving significantly|worsening significantly|no clear trend) over the last 12 months \(/
			);
			expect(phrase.endsWith(window)).toBe(true);
		}
		// Flipping the polarity swaps improving and worsening, and 'none' speaks of rising and falling.
		for (const c of alliances20) {
			const up = trendPhrase(s, c, 'higher')!;
			const down = trendPhrase(s, c, 'lower')!;
			const none = trendPhrase(s, c, 'none')!;
			if (up.startsWith('improving')) expect(down.startsWith('worsening') && none.startsWith('rising')).toBe(true);
			if (up.startsWith('worsening')) expect(down.startsWith('improving') && none.startsWith('falling')).toBe(true);
			if (up.startsWith('no clear')) expect(down).toBe(up);
		}
	});

	it('speaks of years for yearly registry figures', () => {
		const s = series('stage12_breast', 'registry');
		expect(trendPhrase(s, alliances20[0]!, 'higher')).toMatch(
			new RegExp(`over the last ${s.periods.length} years \\(${s.periods[0]!.label} to ${s.periods.at(-1)!.label}\\)$`)
		);
	});
});

describe('a provisional figure says so wherever it is quoted', () => {
	it('puts "(provisional)" after the period on the area page and in the letter, and nothing for a final figure', () => {
		const final = fact('cwt62_breast', 'commissioner', 0, 'E56000011');
		expect(final.area!.release).toBe('final');
		expect(figureClause('Kent and Medway', final)).toMatch(/^In October 2023, /);
		const provisional = { ...final, area: { ...final.area!, release: 'provisional' as const } };
		expect(figureClause('Kent and Medway', provisional)).toMatch(/^In October 2023 \(provisional\), /);
		expect(describeFact('Kent and Medway', provisional)).toContain('October 2023 (provisional)');
	});
});
