/**
 * The home map's "whether MPs replied" layer: each alliance's share reporting a reply as a map figure (percent, with
 * its Wilson 95% interval), compared with the share across England's answers in the way every published figure is
 * compared with England: "higher" or "lower" only where England's share lies outside the alliance's interval.
 * Held-back alliances (fewer than 10 answers) are withheld, drawn hatched like any withheld figure.
 */
import type { FigureProvenance } from '../data/attribution';
import type { Figure } from '../data/series';
import type { ReplyRate } from './rates';
import { REPLY_LICENCE } from './summary';

const pct = (x: number) => Math.round(x * 1000) / 10;

export function replyFigure(rate: ReplyRate, england: ReplyRate | null): Figure {
	const s = rate.replied;
	const e = england?.replied ?? null;
	return {
		value: s ? pct(s.share) : null,
		lower95: s ? pct(s.lower) : null,
		upper95: s ? pct(s.upper) : null,
		numerator: s?.count ?? null,
		denominator: rate.counted,
		comparison: !s || !e ? 'not compared' : e.share < s.lower ? 'higher' : e.share > s.upper ? 'lower' : 'similar',
		suppressed: s === null,
		release: 'final'
	};
}

/** One alliance on the replies layer in words, for the map's tooltip and the selected area's card. */
export function describeReplyFigure(fig: Figure | null): string {
	// No figure at all: an area of the 21-alliance view, while letters are counted by the 20 current alliances.
	if (!fig) return 'No reply figures: letters are counted by the 20 current alliances';
	if (fig.value === null) return 'Fewer than 10 answers about replies';
	const words = { higher: 'higher than', lower: 'lower than', similar: 'similar to' } as Record<string, string>;
	const vs = words[fig.comparison] ? `: ${words[fig.comparison]} England's answers` : '';
	return `${fig.value}% of supporters who answered reported a reply${vs}`;
}

/** The replies layer's downloads carry their own provenance: not a published statistic, and no licence to claim. */
export function replyProvenance(layer: { since: string | null; asOf: string } | null): FigureProvenance {
	return {
		source:
			"Supporters' own answers to this site's follow-up survey, two weeks after their letter was delivered; not checked with MPs",
		period: `${layer?.since ? `since ${layer.since}, ` : ''}as of ${layer?.asOf.slice(0, 10) ?? 'unknown'}`,
		licence: REPLY_LICENCE,
		attribution: []
	};
}
