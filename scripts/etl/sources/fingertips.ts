/**
 * The Fingertips API CSV layout. Its rules live in src/lib/formats/fingertips.ts so that the browser validates an
 * analyst's file exactly as the ETL does; this reads a whole file through the same record-by-record validator.
 */
import { readCsv } from './csv';
import type { ParseResult } from './types';
import { fingertipsValidator, type FingertipsRow } from '../../../src/lib/formats/fingertips';
import { validateRecords } from '../../../src/lib/formats/validator';

export {
	FINGERTIPS_OPTIONAL,
	FINGERTIPS_REQUIRED,
	FINGERTIPS_SOURCE,
	fingertipsPeriod,
	fingertipsPeriodStart,
	fingertipsValidator,
	type FingertipsRow,
	type PeriodRange
} from '../../../src/lib/formats/fingertips';

export function parseFingertips(file: string, data: Uint8Array | string): ParseResult<FingertipsRow> {
	const { rows, rowsRead, notes } = validateRecords(file, readCsv(file, data), fingertipsValidator(file));
	return { rows, rowsRead, rowsRejected: 0, notes };
}
