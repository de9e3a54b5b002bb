/**
 * The words on a shared view's preview card (issue 16): a home view (a measure, period and basis, perhaps an area)
 * or an area page opened on one measure. With an area: its figure against England and the comparison in words;
 * without: England's figure and how many alliances are better and worse. Pure; server/view-card.ts draws it.
 */
import type { Polarity, Unit } from '../data/contract';
import type { Figure } from '../data/series';
import { formatValue } from '../format';
import { COMPARISON_PHRASES, comparisonKeys } from '../map/colours';

export interface ViewCardText {
	areaName: string;
	headline: string;
	detail: string;
	period: string;
}

interface ViewInput {
	indicator: { name: string; unit: Unit; polarity: Polarity };
	/** "September 2025" or "April 2025 (provisional)". */
	period: string;
	/** "where patients live (commissioner basis)". */
	basis: string;
	england: Figure | null;
}

const shown = (f: Figure | null): f is Figure & { value: number } => !!f && !f.suppressed && f.value !== null;

/** An area's card for one measure and period. */
export function areaViewCard(v: ViewInput & { area: { name: string; fig: Figure | null } }): ViewCardText {
	const { area, indicator, england } = v;
	const against = shown(england) ? ` against ${formatValue(england.value, indicator.unit)} in England` : '';
	const headline = shown(area.fig)
		? `${formatValue(area.fig.value, indicator.unit)}${against}`
		: area.fig?.suppressed
			? 'Too few patients to show a figure'
			: 'No figure published for this period';
	const words =
		shown(area.fig) && area.fig.comparison !== 'not compared' ? COMPARISON_PHRASES[area.fig.comparison] : '';
	return {
		areaName: area.name,
		headline,
		detail: `${indicator.name}, ${v.period}, ${v.basis}${words ? `: ${words}` : ''}`,
		period: v.period
	};
}

/** England's card for one measure and period: England's figure and the alliances counted by comparison. */
export function englandViewCard(
	v: ViewInput & { counts: Record<string, number>; alliances: number; quintiles: boolean }
): ViewCardText {
	const { indicator, england } = v;
	// "3 better, 16 similar, 1 worse than England": the comparison's first word, the last one said in full.
	const keys = comparisonKeys(indicator.polarity).filter((k) => (v.counts[k] ?? 0) > 0);
	const counts = keys.map(
		(k, i) => `${v.counts[k]} ${i === keys.length - 1 ? COMPARISON_PHRASES[k] : COMPARISON_PHRASES[k].split(' ')[0]}`
	);
	return {
		areaName: indicator.name,
		headline: `England ${shown(england) ? formatValue(england.value, indicator.unit) : 'not published'}${counts.length ? `. Of ${v.alliances} alliances: ${counts.join(', ')}` : ''}`,
		detail: `${v.period}, ${v.basis}. The map colours each alliance ${v.quintiles ? 'by fifths of the values, darker for higher' : 'by its comparison with England'}.`,
		period: v.period
	};
}
