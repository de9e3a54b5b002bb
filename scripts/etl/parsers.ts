/** Which parser reads which kind of input. Worker threads look parsers up here by kind. */
import { parseCwtExtract } from './sources/cwt-extract';
import { parseCwtWorkbook } from './sources/cwt-workbook';
import { parseCwtFdsCsv } from './sources/cwt-fds-csv';
import { parseNdrsStage } from './sources/ndrs-stage';
import { parseNdrsMortality } from './sources/ndrs-mortality';
import { parseFingertips } from './sources/fingertips';
import { parseCosd } from './sources/cosd';
import type { ParseResult } from './sources/types';

export const PARSERS = {
	'cwt-extract': parseCwtExtract,
	'cwt-workbook': parseCwtWorkbook,
	'cwt-fds-csv': parseCwtFdsCsv,
	'ndrs-stage': parseNdrsStage,
	'ndrs-mortality': parseNdrsMortality,
	fingertips: parseFingertips,
	cosd: parseCosd
} satisfies Record<string, (file: string, data: Uint8Array | string) => ParseResult<unknown>>;

/** 'geography' files are small and read by the orchestrator itself. */
export type ParseKind = keyof typeof PARSERS | 'geography';
