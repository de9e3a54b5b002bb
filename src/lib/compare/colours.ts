/**
 * Colours for the compare charts: the map's colour-blind-safe comparison colours, chosen by which side of the limits
 * a point lies and whether that side is better. An analyst's own figures get a colour no published point uses (and a
 * different shape), so they can never be mistaken for published ones.
 */
import type { Polarity } from '../data/contract';
import { COMPARISON_COLOURS } from '../map/colours';
import type { FunnelZone } from './model';

const side = (high: boolean) => (polarity: Polarity) => {
	if (polarity === 'none') return high ? COMPARISON_COLOURS.higher : COMPARISON_COLOURS.lower;
	return high === (polarity === 'higher') ? COMPARISON_COLOURS.better : COMPARISON_COLOURS.worse;
};

export const ZONE_COLOURS: Record<FunnelZone, (polarity: Polarity) => string> = {
	high998: side(true),
	high95: side(true),
	inside: () => COMPARISON_COLOURS.similar,
	low95: side(false),
	low998: side(false)
};

/** Okabe and Ito's bluish green, darkened for 3:1 contrast on white. */
export const OWN_COLOUR = '#007a5a';
