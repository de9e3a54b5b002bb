/**
 * The area's headline and its sentences in order, worst first: the summary at the top of an area page, and the lead of
 * each alliance's part of the letter to an MP. Pure and browser-safe.
 */
import { toneOf, type FactTone, type IndicatorFact } from './fact';
import { describeFact, strength, wordingFor } from './figures';
import { listOf } from './text';

export interface FactSentence {
	indicator_id: string;
	text: string;
	tone: FactTone;
}

export interface AreaSummary {
	headline: string;
	sentences: FactSentence[];
}

const TONE_ORDER: Record<FactTone, number> = { worse: 0, similar: 1, better: 2, neutral: 3, missing: 4 };

function measures(n: number): string {
	return n === 1 ? '1 measure' : `${n} measures`;
}

/** The headline over facts in the summary's order: how many are worse and better, each count with what it counts. */
function headline(areaName: string, facts: IndicatorFact[]): string {
	const tones = facts.map(toneOf);
	const n = tones.filter((t) => t !== 'missing').length;
	const missing = tones.length - n;
	// What each count counts: the measures by name, or, where all but one of four or more, "all but" that one.
	const labels = (tone: FactTone) => {
		const label = (f: IndicatorFact) => wordingFor(f.indicator).label;
		const these = facts.filter((f) => toneOf(f) === tone).map(label);
		const others = facts.filter((f) => toneOf(f) !== tone && toneOf(f) !== 'missing').map(label);
		return these.length > 3 && others.length === 1 ? `(all but ${others[0]})` : `(${listOf(these)})`;
	};
	const worse = tones.filter((t) => t === 'worse').length;
	const better = tones.filter((t) => t === 'better').length;
	const similar = tones.filter((t) => t === 'similar').length;
	if (n === 0) {
		return tones.length === 0
			? `There are no figures to show for ${areaName} yet.`
			: `No figures are published for ${areaName} on ${tones.length === 1 ? 'this measure' : `these ${tones.length} measures`}.`;
	}
	// "on 2 of 7 measures" / "on the one measure with a figure"; "with figures" when some are missing.
	const withFigures = missing > 0 ? ` with figures` : '';
	const of = (k: number) =>
		n === 1 ? `on the one measure${missing > 0 ? ' with a figure' : ''}` : `on ${k} of the ${n} measures${withFigures}`;
	if (worse > 0 && better > 0) {
		return `${areaName} is significantly worse than England ${of(worse)} ${labels('worse')} and significantly better on ${better} ${labels('better')}.`;
	}
	const tail = (other: string) => (n === 1 ? '.' : `, and significantly ${other} on none.`);
	if (worse > 0)
		return `${areaName} is significantly worse than England ${of(worse)} ${labels('worse')}${tail('better')}`;
	if (better > 0)
		return `${areaName} is significantly better than England ${of(better)} ${labels('better')}${tail('worse')}`;
	const all =
		n === 1
			? `on the one measure${missing > 0 ? ' with a figure' : ''}`
			: n === 2
				? `on both measures${withFigures}`
				: `on all ${measures(n)}${withFigures}`;
	if (similar === n)
		return `${areaName} is similar to England ${all}: no difference is bigger than chance alone could produce.`;
	return `${areaName} is neither clearly better nor clearly worse than England ${n === 1 ? all : `on any of the ${measures(n)}${withFigures}`}.`;
}

/**
 * A one-sentence headline and one entry per fact, worst comparisons first (worse, similar, better, then figures with
 * no direction or no test, then missing ones); within "worse", the largest differences (in standard errors) first.
 */
export function summarise(areaName: string, facts: IndicatorFact[]): AreaSummary {
	const rows = facts.map((fact, i) => ({ fact, i, tone: toneOf(fact), strength: strength(fact) }));
	rows.sort((x, y) => {
		const t = TONE_ORDER[x.tone] - TONE_ORDER[y.tone];
		if (t !== 0) return t;
		if (x.tone === 'worse' && x.strength !== y.strength) return y.strength - x.strength;
		return x.i - y.i;
	});
	return {
		headline: headline(
			areaName,
			rows.map((r) => r.fact)
		),
		sentences: rows.map((r) => ({
			indicator_id: r.fact.indicator.id,
			text: describeFact(areaName, r.fact),
			tone: r.tone
		}))
	};
}
