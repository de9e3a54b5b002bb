/** The ETL's input error is the shared one in src/lib/formats, so the browser reports bad files the same way. */
export { InputError as EtlError, formatLocation, type Location } from '../../src/lib/formats/errors';
