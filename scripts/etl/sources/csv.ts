/** The CSV helpers live in src/lib/formats so the browser reads analysts' files by the same rules; re-exported here. */
export { checkWidth, readCsv, wholeNumber } from '../../../src/lib/formats/csv';
