/**
 * Breast screening coverage comes by GP practice as a percentage only. The product estimates each practice's counts
 * from its registered women aged 53 to 70 and aggregates those; this module holds what the ETL and the pages both say
 * about that estimate. Pure and browser-safe.
 */

export const SCREENING_INDICATOR_ID = 'screening_breast_coverage';

/** The month of the GP list sizes used as denominators (the eFIT tool's loader: "GP population for April 2026"). */
export const LIST_SIZE_MONTH = 'April 2026';

/*
 * England's published figure for this measure (Fingertips' own England row) is in no raw file, so it is not shown:
 * only a figure read from an input file, with its provenance, may be, and none is ever typed in.
 */

/** The caveat every screening figure carries, on screen and in the indicator's description. */
export function estimateCaveat(englandEstimate: number | null): string {
	const england = englandEstimate === null ? '' : ` For England the estimate is ${englandEstimate.toFixed(1)}%.`;
	return (
		`Figures above practice level are estimates: Fingertips publishes each practice's coverage as a percentage only, so each practice's number of eligible women is taken as its registered women aged 53 to 70 in the ${LIST_SIZE_MONTH} GP list sizes (NHS England), and the number screened as its published percentage of that.` +
		england
	);
}
