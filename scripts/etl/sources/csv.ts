/** The CSV helpers live in src/lib/formats so the browser reads analysts' files by the same rules; re-exported here. */
export { checkWidth, dataRows, readCsv, UniqueRows, wholeNumber } from '../../../src/lib/formats/csv';
