/** Licence and attribution texts that every page and download carries (see metrics/SOURCES.md). */

export const OGL_V3 = 'Open Government Licence v3.0';
export const OGL_ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0.';
export const NDRS_ATTRIBUTION =
	'This work uses data that has been provided by patients and collected by the NHS as part of their care and support. ' +
	'The data is collated, maintained and quality assured by the National Cancer Registration and Analysis Service (NDRS), part of NHS England.';
export const OS_ATTRIBUTION =
	'Contains OS data © Crown copyright and database right 2023; Contains Royal Mail data © Royal Mail copyright and database right 2023; ' +
	'Contains National Statistics data © Crown copyright and database right 2023.';
export const PARLIAMENT_ATTRIBUTION = 'Contains Parliamentary information licensed under the Open Parliament Licence v3.0.';
export const MYSOCIETY_ATTRIBUTION =
	'Contains data from mySociety (2025-constituencies: the postcode to 2024 constituency lookup and the constituency ' +
	'population overlaps), licensed under the Creative Commons Attribution 4.0 International licence (CC BY 4.0).';

/** What every figure's download carries: source, period, licence and the attribution its licence asks for. */
export interface FigureProvenance {
	source: string;
	period: string;
	licence: string;
	attribution: string[];
}

/**
 * The provenance of one indicator's figures for a period (as people read it, with the basis): the one builder the
 * map, /compare and their downloads use. NDRS figures carry NDRS's own attribution beside the OGL's.
 */
export function indicatorProvenance(
	indicator: { source: string; publisher: string; url: string; licence: string },
	period: string
): FigureProvenance {
	return {
		source: `${indicator.source}, ${indicator.publisher} (${indicator.url})`,
		period,
		licence: indicator.licence,
		attribution: indicator.publisher.includes('NDRS') ? [OGL_ATTRIBUTION, NDRS_ATTRIBUTION] : [OGL_ATTRIBUTION]
	};
}
