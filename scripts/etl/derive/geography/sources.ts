/** Where the geography, lookups and MPs come from, so a user with internet can fetch newer editions. */
import type { SourceInfo } from '../../sources/types';

const OGL = 'Open Government Licence v3.0';

export const GEOGRAPHY_SOURCES: SourceInfo[] = [
	{
		id: 'ons-geography',
		title:
			'ONS Open Geography: Sub-ICB Locations and ICBs (April 2023), Local Authority Districts (May 2024), Cancer Alliance, ICB and Sub-ICB names and codes, LSOA11 to CCG21 to Cancer Alliance lookup',
		publisher: 'Office for National Statistics',
		licence: `${OGL}; contains OS data © Crown copyright and database right`,
		downloadUrl: 'https://geoportal.statistics.gov.uk/'
	},
	{
		id: 'ncpes-mapping',
		title: 'Sub-ICB to Cancer Alliance mapping 2022 (National Cancer Patient Experience Survey)',
		publisher: 'NHS England / NCPES',
		licence: OGL,
		downloadUrl: 'https://www.ncpes.co.uk/'
	},
	{
		id: 'ods-trusts',
		title: 'NHS Trusts (etr) from the Organisation Data Service',
		publisher: 'NHS England Organisation Data Service',
		licence: OGL,
		downloadUrl:
			'https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads/other-nhs-organisations'
	},
	{
		id: 'rand-hand-mapping',
		title:
			'Provider to Cancer Alliance hand mapping (third party, not official): independent providers missing from ODS',
		publisher: 'RAND Europe, mced-spillover-2025',
		licence: 'as published by RAND (GPL-3.0 repository)',
		downloadUrl: 'https://github.com/RANDCorporation/mced-spillover-2025'
	},
	{
		id: 'mps',
		title: 'Members of Parliament with their published contact email addresses',
		publisher: 'UK Parliament (Members API)',
		licence: 'Open Parliament Licence v3.0',
		downloadUrl: 'https://members-api.parliament.uk/'
	},
	{
		id: 'mysociety-overlaps',
		title: '2024 constituency overlaps with small areas (population-weighted)',
		publisher: 'mySociety',
		licence: 'CC BY 4.0',
		downloadUrl: 'https://pages.mysociety.org/2025-constituencies/'
	}
];
