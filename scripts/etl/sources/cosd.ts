/**
 * The COSD-style completeness layout. Its rules live in src/lib/formats/cosd.ts so that the browser validates an
 * analyst's file exactly as the ETL does; this reads a whole file through the same record-by-record validator.
 */
import { readCsv } from './csv';
import type { ParseResult } from './types';
import { cosdValidator, type CosdRow } from '../../../src/lib/formats/cosd';
import { validateRecords } from '../../../src/lib/formats/validator';

export {
	COSD_AREA_CODE,
	COSD_COLUMNS,
	COSD_ITEM,
	COSD_SOURCE,
	cosdPeriod,
	cosdValidator,
	type CosdRow
} from '../../../src/lib/formats/cosd';

export function parseCosd(file: string, data: Uint8Array | string): ParseResult<CosdRow> {
	const { rows, rowsRead, notes } = validateRecords(file, readCsv(file, data), cosdValidator(file));
	return { rows, rowsRead, rowsRejected: 0, notes };
}
