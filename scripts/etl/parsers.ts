/** Which parser reads which kind of input. Worker threads look parsers up here by kind. */
import { CWT_EXTRACT_SOURCE, parseCwtExtract } from './sources/cwt-extract';
import {
	CWT_COMMISSIONER_WORKBOOK_SOURCE,
	CWT_PROVIDER_WORKBOOK_SOURCE,
	parseCwtWorkbook
} from './sources/cwt-workbook';
import { CWT_FDS_CSV_SOURCE, parseCwtFdsCsv } from './sources/cwt-fds-csv';
import { NDRS_STAGE_SOURCE, parseNdrsStage } from './sources/ndrs-stage';
import { NDRS_MORTALITY_SOURCE, parseNdrsMortality } from './sources/ndrs-mortality';
import { FINGERTIPS_SOURCE, parseFingertips } from './sources/fingertips';
import { COSD_SOURCE, parseCosd } from './sources/cosd';
import { GEOGRAPHY_SOURCES } from './derive/geography/sources';
import { CODEPOINT_SOURCE, parseCodePointUnits } from './sources/codepoint';
import { MYSOCIETY_POSTCODE_SOURCE } from './sources/mysociety-ranges';
import { WARD_CONSTITUENCIES_SOURCE } from './sources/ward-constituencies';
import { parseScreeningCoverage, SCREENING_COVERAGE_SOURCE } from './sources/screening-coverage';
import { GP_POPULATION_SOURCE, parseGpPopulation } from './sources/gp-population';
import type { ParseResult, SourceInfo } from './sources/types';

export const PARSERS = {
	'cwt-extract': parseCwtExtract,
	'cwt-workbook': parseCwtWorkbook,
	'cwt-fds-csv': parseCwtFdsCsv,
	'ndrs-stage': parseNdrsStage,
	'ndrs-mortality': parseNdrsMortality,
	fingertips: parseFingertips,
	cosd: parseCosd,
	codepoint: parseCodePointUnits,
	'screening-coverage': parseScreeningCoverage,
	'gp-population': parseGpPopulation
} satisfies Record<string, (file: string, data: Uint8Array | string) => ParseResult<unknown>>;

/** 'geography' files are small and read by the orchestrator itself. */
export type ParseKind = keyof typeof PARSERS | 'geography';

/** Every publication the ETL reads, with its official download address (listed in manifest.json). */
export const SOURCES: SourceInfo[] = [
	CWT_EXTRACT_SOURCE,
	CWT_PROVIDER_WORKBOOK_SOURCE,
	CWT_COMMISSIONER_WORKBOOK_SOURCE,
	CWT_FDS_CSV_SOURCE,
	NDRS_STAGE_SOURCE,
	NDRS_MORTALITY_SOURCE,
	...GEOGRAPHY_SOURCES,
	CODEPOINT_SOURCE,
	MYSOCIETY_POSTCODE_SOURCE,
	WARD_CONSTITUENCIES_SOURCE,
	SCREENING_COVERAGE_SOURCE,
	GP_POPULATION_SOURCE,
	FINGERTIPS_SOURCE,
	COSD_SOURCE
];
