/**
 * Disclosure control (small-number suppression), the project's rule (DESIGN.md, "Small numbers"), in line with common
 * NHS small-number practice: a count from 1 to 7 could identify a patient, so below national level any figure built
 * on such a count is withheld. A count of 0 is not disclosive (nothing to identify), nor is 8 or more. CWT 62-day counts
 * can be halves (a shared pathway counts half to each trust): any count strictly between 0 and 8 is disclosive, so
 * 0.5 and 7.5 are, 8 is not. England's own figures are never suppressed.
 */
/** The smallest count that is safe to show. */
export const DISCLOSURE_THRESHOLD = 8;

/** True for counts with 0 < count < 8 (1-7, halves included); false for 0, for 8 or more, and for null. */
export function isDisclosive(count: number | null | undefined): boolean {
	return typeof count === 'number' && count > 0 && count < DISCLOSURE_THRESHOLD;
}

export interface WithholdInput {
	numerator: number | null;
	denominator: number | null;
	/** England's own figure: never withheld. */
	national: boolean;
}

/** Whether to withhold a published figure: below national level when its numerator or denominator is disclosive. */
export function withholdFigure({ numerator, denominator, national }: WithholdInput): boolean {
	if (national) return false;
	return isDisclosive(numerator) || isDisclosive(denominator);
}
