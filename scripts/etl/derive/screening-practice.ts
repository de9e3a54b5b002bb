/**
 * A GP practice's screening figure is Fingertips' published percentage, exactly. The practice's estimated counts
 * (published percentage of its registered women aged 53 to 70) only weight the sums above it; they never change the
 * practice's value, and never withhold it: where they are small (1 to 7), the counts and the interval built on them
 * are left out, and the published value stays.
 */
import type { Observation } from '../../../src/lib/data/contract';
import { SCREENING_INDICATOR_ID } from '../../../src/lib/screening/estimate';
import { isDisclosive, wilson } from '../../../src/lib/stats';
import type { FromRelease } from './registry';

const pct = (x: number) => x * 100;

/** `women`: the practice's registered women aged 53 to 70, or null when it has none or no list-size row. */
export function practiceObservation(
	practice: { gp_code: string; coverage: number },
	women: number | null,
	period: { start: string; end: string },
	release: FromRelease
): Observation {
	const screened = women ? (practice.coverage / 100) * women : null;
	const counts = screened !== null && women !== null && !isDisclosive(screened) && !isDisclosive(women);
	const ci95 = counts ? wilson(screened, women, 0.95) : null;
	const ci998 = counts ? wilson(screened, women, 0.998) : null;
	return {
		indicator_id: SCREENING_INDICATOR_ID,
		area_code: practice.gp_code,
		basis: 'commissioner',
		period_start: period.start,
		period_end: period.end,
		numerator: counts ? Math.round(screened * 100) / 100 : null,
		denominator: counts ? women : null,
		value: practice.coverage,
		lower95: ci95 ? pct(ci95.lower) : null,
		upper95: ci95 ? pct(ci95.upper) : null,
		lower998: ci998 ? pct(ci998.lower) : null,
		upper998: ci998 ? pct(ci998.upper) : null,
		comparison: 'not compared',
		suppressed: false,
		...release
	};
}
