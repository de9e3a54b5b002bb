/**
 * The indicators this product publishes: definitions, direction, standards and sources.
 * The ETL writes these into the `indicators` table; the app reads them from there.
 */
import type { Indicator, IndicatorId } from './contract';
import { OGL_V3 } from './attribution';

const CWT_SOURCE = 'Cancer Waiting Times (CWT-CRS), monthly official statistics';
const CWT_URL = 'https://www.england.nhs.uk/statistics/statistical-work-areas/cancer-waiting-times/';
const NDRS_STAGE_URL = 'https://digital.nhs.uk/ndrs/data/data-outputs/cancer-data-hub/cancer-stage-at-diagnosis';
/** GOV.UK, NHS Breast Screening Programme standards (data from 1 April 2017), BSP-S01 coverage: the two thresholds. */
export const SCREENING_STANDARDS_URL =
	'https://www.gov.uk/government/publications/breast-screening-consolidated-programme-standards/nhs-breast-screening-programme-screening-standards-valid-for-data-collected-from-1-april-2017';
const FINGERTIPS_94063_URL = 'https://fingertips.phe.org.uk/search/94063';
const NDRS_MORTALITY_URL =
	'https://digital.nhs.uk/data-and-information/publications/statistical/cancer-registration-statistics/england-2020';

/** Who publishes each family of indicators, under which licence and where: spread into each definition. */
type Publication = Pick<Indicator, 'source' | 'publisher' | 'licence' | 'url'>;
const NDRS = 'National Disease Registration Service (NDRS), NHS England';
const CWT: Publication = { source: CWT_SOURCE, publisher: 'NHS England', licence: OGL_V3, url: CWT_URL };
const NDRS_STAGE: Publication = {
	source: 'NDRS Cancer Data Hub: cancer stage at diagnosis, England 2013-2022',
	publisher: NDRS,
	licence: OGL_V3,
	url: NDRS_STAGE_URL
};
const NDRS_MORTALITY: Publication = {
	source: 'NDRS Cancer registration statistics: cancer mortality in England, 2020',
	publisher: NDRS,
	licence: OGL_V3,
	url: NDRS_MORTALITY_URL
};

export const INDICATORS: readonly Indicator[] = [
	{
		id: 'fds_breast_suspected',
		name: 'Told within 28 days: suspected breast cancer',
		description:
			'People referred urgently with suspected breast cancer (from a GP or from breast screening) who were told they have cancer, or that cancer was ruled out, within 28 days of referral (the Faster Diagnosis Standard). All referral routes.',
		unit: '%',
		polarity: 'higher',
		standard: 75,
		achievable: null,
		...CWT
	},
	{
		id: 'fds_breast_symptomatic',
		name: 'Told within 28 days: breast symptoms, cancer not suspected',
		description:
			'People referred with breast symptoms where cancer was not initially suspected who were told the outcome within 28 days of referral (the Faster Diagnosis Standard).',
		unit: '%',
		polarity: 'higher',
		standard: 75,
		achievable: null,
		...CWT
	},
	{
		id: 'cwt31_breast',
		name: 'Treated within 31 days of the decision to treat: breast cancer',
		description:
			'Breast cancer treatments (first and subsequent) that started within 31 days of the decision to treat (the 31-day combined standard, in force since October 2023).',
		unit: '%',
		polarity: 'higher',
		standard: 96,
		achievable: null,
		...CWT
	},
	{
		id: 'cwt62_breast',
		name: 'Treated within 62 days of referral: breast cancer',
		description:
			'Breast cancer patients whose first treatment started within 62 days of an urgent referral, a breast symptomatic referral, a screening referral or a consultant upgrade (the 62-day combined standard, in force since October 2023). A pathway shared between two trusts counts half to each.',
		unit: '%',
		polarity: 'higher',
		standard: 85,
		achievable: null,
		...CWT
	},
	{
		id: 'breast_symptomatic_14d',
		name: 'Seen within 14 days: urgent breast symptoms',
		description:
			'People urgently referred with breast symptoms (cancer not suspected) who were seen by a specialist within 14 days. The 93% standard for this measure was retired in October 2023; NHS England still publishes it.',
		unit: '%',
		polarity: 'higher',
		standard: null,
		achievable: null,
		...CWT
	},
	{
		id: 'stage12_breast',
		name: 'Diagnosed at an early stage (1 or 2): breast cancer',
		description:
			'Breast cancers diagnosed at stage 1 or 2, as a share of those with a stage of 1 to 4. Not adjusted for age or other case-mix differences between areas.',
		unit: '%',
		polarity: 'higher',
		standard: null,
		achievable: null,
		...NDRS_STAGE
	},
	{
		id: 'stage_completeness_breast',
		name: 'Stage recorded: breast cancer (data quality)',
		description:
			'Breast cancer registrations with a stage recorded, as a share of all registrations, as published by NDRS. Stage comes from the Cancer Outcomes and Services Dataset (COSD), so this shows how completely providers record it.',
		unit: '%',
		polarity: 'higher',
		standard: null,
		achievable: null,
		...NDRS_STAGE
	},
	{
		id: 'mortality_breast_asr',
		name: 'Breast cancer death rate (age-standardised)',
		description:
			'Deaths of women from breast cancer (ICD-10 C50) registered in the year, per 100,000 women, directly age-standardised to the 2013 European Standard Population so that areas with older populations can be compared fairly. By Sub-ICB; intervals as published by NDRS.',
		unit: 'per 100,000',
		polarity: 'lower',
		standard: null,
		achievable: null,
		...NDRS_MORTALITY
	},
	{
		id: 'mortality_breast_crude',
		name: 'Breast cancer death rate (crude)',
		description:
			'Deaths of women from breast cancer (ICD-10 C50) registered in the year, per 100,000 women, not adjusted for age. Areas with older populations have higher crude rates, so this is compared as higher or lower, not better or worse.',
		unit: 'per 100,000',
		polarity: 'none',
		standard: null,
		achievable: null,
		...NDRS_MORTALITY
	},
	{
		id: 'screening_breast_coverage',
		name: 'Breast screening coverage: women aged 53 to 70',
		description:
			"Women aged 53 to 70 registered with a GP who were screened adequately in the previous 36 months, as a share of eligible women (Fingertips indicator 94063, published by GP practice), financial year 2023/24. Counted by the practice where women are registered, which is how ICBs are responsible for their population, so it sits on the commissioner basis. The programme's thresholds (NHS Breast Screening Programme standards, BSP-S01 coverage, on GOV.UK): acceptable at least 70%, achievable at least 80%.",
		unit: '%',
		polarity: 'higher',
		standard: 70,
		achievable: 80,
		source: 'Fingertips indicator 94063, breast screening coverage by GP practice',
		publisher: 'Office for Health Improvement and Disparities (OHID)',
		licence: OGL_V3,
		url: FINGERTIPS_94063_URL
	}
];

export function indicatorById(id: IndicatorId): Indicator {
	const found = INDICATORS.find((i) => i.id === id);
	if (!found) throw new Error(`unknown indicator ${id}`);
	return found;
}

/** The Cancer Waiting Times measures: on the commissioner basis, counted by ICB (see counting.ts). */
export const WAITING_TIME_IDS: ReadonlySet<string> = new Set(
	INDICATORS.filter((i) => i.source === CWT_SOURCE).map((i) => i.id)
);
