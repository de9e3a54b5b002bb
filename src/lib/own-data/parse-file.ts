/**
 * An analyst's own CSV, read in the browser: nothing is uploaded. The file is streamed in slices through papaparse
 * and every record goes through the same validators the ETL uses (src/lib/formats), so a file the ETL would refuse
 * is refused here with the same file, row and column. Between slices the page gets the event loop back, so a large
 * file never freezes it. Browser-safe (no Node APIs); also runs under Node for the tests.
 */
import Papa from 'papaparse';
import { missingColumns } from '../formats/cells';
import { COSD_COLUMNS, cosdValidator, type CosdRow } from '../formats/cosd';
import { CSV_PARSE_OPTIONS, unterminatedQuote } from '../formats/csv';
import { InputError } from '../formats/errors';
import { FINGERTIPS_REQUIRED, fingertipsValidator, type FingertipsRow } from '../formats/fingertips';
import type { RecordValidator } from '../formats/validator';

/** Files above this size are refused before any byte is read (a Fingertips download for every GP is about this big). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Reading stops past this many data rows: more than the compare charts can show usefully, and than DuckDB-WASM should hold here. */
export const MAX_ROWS = 100_000;
/** Bytes read per slice: small enough that validating one slice takes a few milliseconds. */
export const CHUNK_BYTES = 64 * 1024;

export type OwnLayout = 'cosd' | 'fingertips';

export const LAYOUT_NAMES: Record<OwnLayout, string> = {
	cosd: 'COSD-style completeness',
	fingertips: 'Fingertips download'
};

interface ParsedBase {
	/** The file's name as the analyst knows it. */
	file: string;
	/** Non-blank data rows read. */
	rowsRead: number;
	/** For each row, its file row (the header is row 1), so later checks can point at it. */
	lines: number[];
	notes: string[];
}
export type ParsedOwnFile =
	(ParsedBase & { layout: 'cosd'; rows: CosdRow[] }) | (ParsedBase & { layout: 'fingertips'; rows: FingertipsRow[] });

export interface ReadProgress {
	rowsRead: number;
	bytesRead: number;
	bytesTotal: number;
}

export interface ParseOwnFileOptions {
	/** The name to report in messages; defaults to the File's name. */
	name?: string;
	onprogress?: (progress: ReadProgress) => void;
	/** Abort to stop reading (e.g. when another file is dropped); the promise then rejects with the signal's reason. */
	signal?: AbortSignal;
	maxBytes?: number;
	maxRows?: number;
	chunkBytes?: number;
}

/** The two layouts' required headers, for messages. */
export const EXPECTED_HEADERS: Record<OwnLayout, string[]> = {
	cosd: Object.values(COSD_COLUMNS),
	fingertips: Object.values(FINGERTIPS_REQUIRED)
};

/** Which layout a header row is, or an error at row 1 that lists what each layout needs and what this file lacks. */
export function detectLayout(file: string, header: string[]): OwnLayout {
	const lacks = { cosd: missingColumns(header, COSD_COLUMNS), fingertips: missingColumns(header, FINGERTIPS_REQUIRED) };
	if (lacks.cosd.length === 0) return 'cosd';
	if (lacks.fingertips.length === 0) return 'fingertips';
	const closer: OwnLayout =
		lacks.cosd.length / EXPECTED_HEADERS.cosd.length <= lacks.fingertips.length / EXPECTED_HEADERS.fingertips.length
			? 'cosd'
			: 'fingertips';
	const list = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
	throw new InputError(
		{ file, row: 1, column: lacks[closer].join('", "') },
		`the header row matches neither layout this page reads. A ${LAYOUT_NAMES.cosd} file needs the columns ` +
			`${list(EXPECTED_HEADERS.cosd)}; a ${LAYOUT_NAMES.fingertips} needs ${list(EXPECTED_HEADERS.fingertips)}. ` +
			`Closest is the ${LAYOUT_NAMES[closer]} layout, which also needs ${list(lacks[closer])}.`
	);
}

const formatCount = (n: number) => n.toLocaleString('en-GB');
const megabytes = (bytes: number) =>
	`${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/**
 * Streams `blob` through papaparse and the shared validators; resolves with every validated row, or rejects with an
 * InputError at the first problem (file, row as a text editor numbers it, column). Files over `maxBytes` are refused
 * before reading; reading stops past `maxRows` data rows.
 */
export async function parseOwnFile(blob: Blob, options: ParseOwnFileOptions = {}): Promise<ParsedOwnFile> {
	const file = options.name ?? ((blob as File).name || 'your file');
	const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
	const maxRows = options.maxRows ?? MAX_ROWS;
	const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
	const signal = options.signal;

	if (blob.size > maxBytes) {
		throw new InputError(
			{ file },
			`is ${megabytes(blob.size)}; this page reads files up to ${megabytes(maxBytes)}. Keep only the areas and periods you need (for example alliances, ICBs or trusts), or load the file with the ETL.`
		);
	}
	if (blob.size === 0) throw new InputError({ file }, 'file is empty');

	let layout: OwnLayout | undefined;
	let validator: RecordValidator<CosdRow | FingertipsRow> | undefined;
	const rows: (CosdRow | FingertipsRow)[] = [];
	const lines: number[] = [];
	let recordsSeen = 0; // header included: record k is file row k + 1
	let failure: unknown;
	let bytesRead = 0;

	/** Validates one slice's records; returns false to stop. Any error is kept and reading ends. */
	const onRecords = (records: string[][], errors: Papa.ParseError[]): boolean => {
		try {
			const quote = errors.find((e) => e.type === 'Quotes');
			for (let i = 0; i < records.length; i++) {
				if (quote && quote.row !== undefined && i === quote.row) break;
				const record = records[i]!;
				const row = ++recordsSeen;
				if (!validator) {
					if (record.every((c) => c.trim() === ''))
						throw new InputError({ file, row: 1 }, 'the first row is blank; it should be the header row');
					layout = detectLayout(file, record);
					validator = layout === 'cosd' ? cosdValidator(file) : fingertipsValidator(file);
					validator.header(record);
					continue;
				}
				const parsed = validator.record(record, row);
				if (parsed === null) continue;
				if (rows.length >= maxRows) {
					throw new InputError(
						{ file, row },
						`has more than ${formatCount(maxRows)} data rows; this page reads at most ${formatCount(maxRows)}. Keep only the areas and periods you need, or load the file with the ETL.`
					);
				}
				rows.push(parsed);
				lines.push(row);
			}
			if (quote) throw unterminatedQuote(file, recordsSeen + 1, quote.message);
			return true;
		} catch (error) {
			failure = error;
			return false;
		}
	};

	// papaparse's own File reader decodes each byte slice on its own, which garbles a character split across two
	// slices; so the slices are decoded here (TextDecoder in streaming mode) and handed to papaparse through its
	// readable-stream input, which carries a line cut at a slice boundary over to the next slice.
	const source = new TextSource();
	Papa.parse<string[]>(source as unknown as File, {
		...CSV_PARSE_OPTIONS,
		chunk(results, parser) {
			if (failure !== undefined || !onRecords(results.data, results.errors)) parser.abort();
		},
		// The end is known here (the last slice has been fed), not from papaparse.
		complete() {}
	});
	// papaparse guesses the line ending (LF, CRLF or CR) from the first text it sees, so it first gets text that
	// holds a whole line break; and a slice never ends between the CR and LF of a Windows line end, which papaparse
	// would take for a stray character after a closing quote.
	let pending: string | null = '';
	let heldCr = '';
	const feed = (text: string) => {
		text = heldCr + text;
		heldCr = text.endsWith('\r') ? '\r' : '';
		if (heldCr) text = text.slice(0, -1);
		if (pending !== null) {
			pending += text;
			if (!/[\r\n]/.test(pending)) return;
			text = pending;
			pending = null;
		}
		if (text) source.push(text);
	};
	const flush = () => {
		const rest = (pending ?? '') + heldCr;
		pending = null;
		heldCr = '';
		if (rest) source.push(rest);
	};

	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		while (bytesRead < blob.size && failure === undefined) {
			signal?.throwIfAborted();
			const slice = blob.slice(bytesRead, Math.min(bytesRead + chunkBytes, blob.size));
			const bytes = new Uint8Array(await slice.arrayBuffer());
			let text: string;
			try {
				text = decoder.decode(bytes, { stream: true });
			} catch {
				throw new InputError(
					{ file, row: recordsSeen + 1 },
					'is not UTF-8 text (near this row). In Excel, save it as "CSV UTF-8 (Comma delimited)".'
				);
			}
			bytesRead += bytes.length;
			feed(text);
			options.onprogress?.({ rowsRead: rows.length, bytesRead, bytesTotal: blob.size });
			// Give the page the event loop back before the next slice.
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
		signal?.throwIfAborted();
		if (failure === undefined) {
			let rest: string;
			try {
				rest = decoder.decode();
			} catch {
				throw new InputError({ file }, 'ends in the middle of a character: is it truncated, or not UTF-8 text?');
			}
			if (rest) feed(rest);
			flush();
			source.end();
		}
	} catch (error) {
		failure ??= error;
	}
	if (failure !== undefined) throw failure;
	if (!validator || !layout) throw new InputError({ file }, 'file is empty');
	const summary = validator.finish();
	options.onprogress?.({ rowsRead: rows.length, bytesRead, bytesTotal: blob.size });
	const base = { file, rowsRead: summary.rowsRead, lines, notes: summary.notes };
	return layout === 'cosd'
		? { ...base, layout, rows: rows as CosdRow[] }
		: { ...base, layout, rows: rows as FingertipsRow[] };
}

/**
 * The smallest readable-stream shape papaparse accepts (`readable`, `read`, `on`, `removeListener`, `pause`,
 * `resume`): text pushed here is parsed at once, synchronously, so validation keeps pace with reading.
 */
class TextSource {
	readonly readable = true;
	private listeners: Record<string, ((arg?: unknown) => void)[]> = {};
	private ended = false;
	read() {}
	pause() {}
	resume() {}
	on(event: string, listener: (arg?: unknown) => void) {
		(this.listeners[event] ??= []).push(listener);
	}
	removeListener(event: string, listener: (arg?: unknown) => void) {
		this.listeners[event] = (this.listeners[event] ?? []).filter((l) => l !== listener);
	}
	push(text: string) {
		if (!this.ended) for (const l of [...(this.listeners.data ?? [])]) l(text);
	}
	end() {
		if (this.ended) return;
		this.ended = true;
		for (const l of [...(this.listeners.end ?? [])]) l();
	}
}
