/**
 * Breast screening coverage comes by GP practice as a percentage only. The product estimates each practice's counts
 * from its registered women aged 53 to 70 and aggregates those; this module holds what the ETL and the pages both say
 * about that estimate. Pure and browser-safe.
 */

export const SCREENING_INDICATOR_ID = 'screening_breast_coverage';

/** The month of the GP list sizes used as denominators (the eFIT tool's loader: "GP population for April 2026"). */
export const LIST_SIZE_MONTH = 'April 2026';

/**
 * England's published figure for the same measure and year: Fingertips indicator 94063, 2023/24, as held in DHSC's
 * FingertipsNext seed file (metrics/SOURCES.md, section 5). Quoted only to say how far the estimate lies from it.
 */
export const PUBLISHED_ENGLAND = {
	numerator: 4_625_845,
	denominator: 6_618_065,
	period: '2023/24',
	source: 'Fingertips indicator 94063 (OHID), England, 2023/24'
} as const;

export const publishedEnglandValue = (): number => (100 * PUBLISHED_ENGLAND.numerator) / PUBLISHED_ENGLAND.denominator;

/**
 * The estimate's own error, in percentage points: how far England's estimate lies from England's published figure,
 * the one place where the estimate can be checked against a published count. Every estimated interval is widened by
 * this on both sides (the ETL does it), so a difference from England smaller than the estimate's known error is never
 * called better or worse. At area level the error is unknown; England's is the floor.
 */
export function estimateError(englandEstimate: number): number {
	return Math.abs(englandEstimate - publishedEnglandValue());
}

/** "about 0.41 percentage points": the estimate's error as the interval's wording gives it. */
export function estimateErrorText(englandEstimate: number): string {
	return `${estimateError(englandEstimate).toFixed(2)} percentage points`;
}

/** "70.3%, 0.4 percentage points above the published 69.9%": the estimate against England's published figure. */
export function englandEstimateComparison(estimate: number): string {
	const published = publishedEnglandValue();
	const gap = Math.round((estimate - published) * 10) / 10;
	const where =
		gap === 0
			? 'the same as'
			: `${Math.abs(gap).toFixed(1)} percentage point${Math.abs(gap) === 1 ? '' : 's'} ${gap > 0 ? 'above' : 'below'}`;
	return `${estimate.toFixed(1)}%, ${where} the published ${published.toFixed(1)}% (${PUBLISHED_ENGLAND.numerator.toLocaleString('en-GB')} of ${PUBLISHED_ENGLAND.denominator.toLocaleString('en-GB')} women, ${PUBLISHED_ENGLAND.source})`;
}

/** The caveat every screening figure carries, on screen and in the indicator's description. */
export function estimateCaveat(englandEstimate: number | null): string {
	const england =
		englandEstimate === null ? '' : ` For England the estimate is ${englandEstimateComparison(englandEstimate)}.`;
	return (
		`Figures above practice level are estimates: Fingertips publishes each practice's coverage as a percentage only, so each practice's number of eligible women is taken as its registered women aged 53 to 70 in the ${LIST_SIZE_MONTH} GP list sizes (NHS England), and the number screened as its published percentage of that.` +
		england +
		(englandEstimate === null
			? ''
			: ` Intervals allow for chance and for that error: each is widened by ${estimateErrorText(englandEstimate)} on both sides, so a smaller difference from England is never called better or worse.`)
	);
}
