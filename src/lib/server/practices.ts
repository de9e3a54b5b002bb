/**
 * The "practices in this area" view of an alliance's page: every GP practice's breast screening coverage in the
 * alliance, its Sub-ICBs' estimated figures, and the spread between practices. Shaped small on the server: the
 * practice rows reach only the area pages, never the home page.
 */
import type { Area, Indicator } from '../data/contract';
import { ENGLAND_CODE } from '../data/contract';
import { formatPeriod } from '../data/period';
import { levelsOf, type Level } from '../data/standards';
import { estimateCaveat, estimateWidening, LIST_SIZE_MONTH, SCREENING_INDICATOR_ID } from '../screening/estimate';
import { practiceSpread, spreadSentence, type Spread } from '../screening/spread';
import type { Figure } from '../data/series';
import { areaByCode, areas, indicatorById, lookups, observations } from './data';

/** A practice's figure; numerator and denominator are estimated women screened and eligible (null where withheld or where the practice has no list size). */
export interface PracticeRow extends Figure {
	code: string;
	name: string;
	/** Index into `subIcbs`. */
	sub: number;
}

export interface SubIcbRow extends Pick<
	Figure,
	'value' | 'lower95' | 'upper95' | 'numerator' | 'denominator' | 'comparison'
> {
	code: string;
	name: string;
	practices: number;
	min: number | null;
	max: number | null;
}

export interface PracticesView {
	indicator: Pick<Indicator, 'id' | 'name' | 'source' | 'publisher' | 'licence' | 'url' | 'unit' | 'polarity'>;
	period_label: string;
	levels: Level[];
	england: number | null;
	alliance: number | null;
	subIcbs: SubIcbRow[];
	practices: PracticeRow[];
	spread: Omit<Spread<PracticeRow>, 'lowest'>;
	lowest: PracticeRow[];
	sentence: string;
	caveat: string;
	listSizeMonth: string;
	/** Sub-ICBs partly in this alliance whose practices count in another (the split Bath and North East Somerset, Swindon and Wiltshire). */
	countedElsewhere: { name: string; share: number; alliance: string }[];
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** "NHS Kent and Medway ICB - 91Q" -> "Kent and Medway (91Q)": short enough for a table column. */
function shortSubIcbName(name: string): string {
	const m = /^NHS (.*?) ICB - (\w+)$/.exec(name);
	return m ? `${m[1]} (${m[2]})` : name;
}

export function practicesView(alliance: Area, lowestCount = 10): PracticesView | null {
	const indicator = indicatorById.get(SCREENING_INDICATOR_ID);
	if (!indicator) return null;
	const variant = alliance.variant ?? '20';
	// Sub-ICBs whose practices count in this alliance: their whole, or majority, part lies in it.
	const parts = lookups.filter(
		(l) => l.relation === 'sub_icb_in_alliance' && (l.variant === null || l.variant === variant)
	);
	const majority = new Map<string, { alliance: string; share: number }>();
	for (const l of parts) {
		const share = l.share ?? 1;
		const best = majority.get(l.child_code);
		if (!best || share > best.share) majority.set(l.child_code, { alliance: l.parent_code, share });
	}
	const inHere = parts.filter((l) => l.parent_code === alliance.code);
	const subCodes = [...new Set(inHere.map((l) => l.child_code))].filter(
		(c) => majority.get(c)?.alliance === alliance.code
	);
	const countedElsewhere = inHere
		.filter((l) => majority.get(l.child_code)?.alliance !== alliance.code)
		.map((l) => ({
			name: areaByCode.get(l.child_code)?.name ?? l.child_code,
			share: l.share ?? 0,
			alliance: areaByCode.get(majority.get(l.child_code)!.alliance)?.name ?? ''
		}));

	const screening = observations().filter((o) => o.indicator_id === SCREENING_INDICATOR_ID);
	if (screening.length === 0) return null;
	const byCode = new Map(screening.map((o) => [o.area_code, o]));
	const subs = subCodes
		.map((code) => areaByCode.get(code)!)
		.filter(Boolean)
		.sort((a, b) => a.name.localeCompare(b.name));
	const subIndex = new Map(subs.map((s, i) => [s.code, i]));
	const practices: PracticeRow[] = areas
		.filter((a) => a.type === 'gp_practice' && a.parent_code !== null && subIndex.has(a.parent_code))
		.map((a) => {
			const o = byCode.get(a.code);
			return {
				code: a.code,
				name: a.name,
				sub: subIndex.get(a.parent_code!)!,
				// The published percentage as it is; only the interval (built on estimated counts) is rounded.
				value: o?.value ?? null,
				lower95: round2(o?.lower95 ?? null),
				upper95: round2(o?.upper95 ?? null),
				numerator: o?.numerator === null || o?.numerator === undefined ? null : Math.round(o.numerator),
				denominator: o?.denominator ?? null,
				comparison: o?.comparison ?? 'not compared',
				suppressed: o?.suppressed ?? false,
				release: o?.release ?? 'final'
			};
		})
		.sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || a.name.localeCompare(b.name));
	if (practices.length === 0) return null;

	const levels = levelsOf(indicator);
	const { lowest, ...spread } = practiceSpread(
		practices,
		levels.map((l) => l.value),
		lowestCount
	);
	const englandObs = byCode.get(ENGLAND_CODE);
	const england = englandObs?.value ?? null;
	const first = screening[0]!;
	return {
		indicator: {
			id: indicator.id,
			name: indicator.name,
			source: indicator.source,
			publisher: indicator.publisher,
			licence: indicator.licence,
			url: indicator.url,
			unit: indicator.unit,
			polarity: indicator.polarity
		},
		period_label: formatPeriod(first.period_start, first.period_end),
		levels,
		england,
		alliance: byCode.get(alliance.code)?.value ?? null,
		subIcbs: subs.map((s, i) => {
			const o = byCode.get(s.code);
			const mine = practices.filter((p) => p.sub === i && p.value !== null).map((p) => p.value!);
			return {
				code: s.code,
				name: shortSubIcbName(s.name),
				practices: practices.filter((p) => p.sub === i).length,
				value: o?.value ?? null,
				lower95: o?.lower95 ?? null,
				upper95: o?.upper95 ?? null,
				numerator: o?.numerator === null || o?.numerator === undefined ? null : Math.round(o.numerator),
				denominator: o?.denominator ?? null,
				comparison: o?.comparison ?? 'not compared',
				min: mine.length ? Math.min(...mine) : null,
				max: mine.length ? Math.max(...mine) : null
			};
		}),
		practices,
		spread,
		lowest,
		sentence: spreadSentence({ ...spread, lowest }, alliance.name, levels),
		caveat: estimateCaveat(england, englandObs ? estimateWidening(englandObs) : null),
		listSizeMonth: LIST_SIZE_MONTH,
		countedElsewhere
	};
}
