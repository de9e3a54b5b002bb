/**
 * mySociety's postcode -> 2024 constituency range table (`postcodes/checks/mysociety_pcon_2024_ranges.json`, with its
 * seat list `mysociety_pcon_2024_lookup.json`): point-in-polygon of every OS Code-Point Open (2023) postcode against
 * the 2024 constituency boundaries, CC BY 4.0. Format in raw/SOURCES.md. Pure: the caller reads and parses the JSON.
 */
import { EtlError } from '../errors';
import type { SourceInfo } from './types';

export const MYSOCIETY_RANGE_FILES = {
	ranges: 'postcodes/checks/mysociety_pcon_2024_ranges.json',
	seats: 'postcodes/checks/mysociety_pcon_2024_lookup.json'
} as const;

export const MYSOCIETY_POSTCODE_SOURCE: SourceInfo = {
	id: 'mysociety-postcode-lookup',
	title:
		"Postcode to 2024 Westminster constituency lookup: each OS Code-Point Open postcode placed in the 2024 boundaries by its own point (the compact form used by mySociety's postcode converter)",
	publisher: 'mySociety',
	licence:
		'CC BY 4.0 (Creative Commons Attribution 4.0); contains OS data © Crown copyright and database right 2023; contains Royal Mail data © Royal Mail copyright and database right 2023; contains National Statistics data © Crown copyright and database right 2023',
	downloadUrl: 'https://pages.mysociety.org/2025-constituencies/datasets/uk_parliament_2025_postcode_lookup/latest'
};

export interface MySocietyRanges {
	/** Range starts: base-36 postcode integers, ascending. */
	keys: Float64Array;
	/** Per range: PCON24 code, or null. */
	seats: (string | null)[];
	/** The seat of a postcode without spaces in capitals ("SW1A2AA"), or null (none, BT, or before the first key). */
	seatOf(compact: string): string | null;
}

/**
 * Decode mySociety's compressed postcode -> 2024 constituency ranges (raw/SOURCES.md: postcode_keys are the
 * differences between sorted range starts; value_key entries after the first two are 0 for "the same as two
 * entries before"; every entry minus 1 indexes value_values, -1 (or past the end, as in mySociety's mini_lookup.js)
 * for none; a postcode takes the last start <= it).
 */
export function decodeMySocietyRanges(
	json: unknown,
	lookupJson: unknown,
	file: string = MYSOCIETY_RANGE_FILES.ranges,
	lookupFile: string = MYSOCIETY_RANGE_FILES.seats
): MySocietyRanges {
	const j = json as { postcode_keys?: unknown; value_key?: unknown; value_values?: unknown } | null;
	const isInts = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => Number.isInteger(x) && x >= 0);
	if (!j || !isInts(j.postcode_keys))
		throw new EtlError({ file, column: 'postcode_keys' }, 'expected a list of whole numbers');
	if (!isInts(j.value_key)) throw new EtlError({ file, column: 'value_key' }, 'expected a list of whole numbers');
	if (!Array.isArray(j.value_values) || !j.value_values.every((v) => v === null || typeof v === 'string')) {
		throw new EtlError({ file, column: 'value_values' }, 'expected a list of constituency ids (or null)');
	}
	if (j.postcode_keys.length !== j.value_key.length) {
		throw new EtlError(
			{ file },
			`postcode_keys has ${j.postcode_keys.length} entries but value_key has ${j.value_key.length}`
		);
	}
	const lookup = lookupJson as Record<string, { parlcon_2024_gss_code?: unknown }> | null;
	if (!lookup || typeof lookup !== 'object')
		throw new EtlError({ file: lookupFile }, 'expected a JSON object of constituency ids');
	const values = (j.value_values as (string | null)[]).map((id) => {
		if (id === null) return null;
		const gss = lookup[id]?.parlcon_2024_gss_code;
		if (typeof gss !== 'string' || !/^[ESWN]\d{8}$/.test(gss))
			throw new EtlError({ file: lookupFile }, `no GSS code for ${id}`);
		return gss;
	});
	const n = j.postcode_keys.length;
	const keys = new Float64Array(n);
	const seats: (string | null)[] = new Array(n);
	const raw = new Array<number>(n);
	let sum = 0;
	for (let i = 0; i < n; i++) {
		sum += j.postcode_keys[i]!;
		keys[i] = sum;
		const v = j.value_key[i]!;
		raw[i] = i >= 2 && v === 0 ? raw[i - 2]! : v;
		// As mySociety's own reader does, an index past the end of value_values means none.
		const idx = raw[i]! - 1;
		seats[i] = idx < 0 || idx >= values.length ? null : values[idx]!;
	}
	const seatOf = (compact: string): string | null => {
		if (compact.startsWith('BT')) return null;
		const x = parseInt(compact, 36);
		if (!(x >= keys[0]!)) return null;
		let lo = 0;
		let hi = n - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (keys[mid]! <= x) lo = mid;
			else hi = mid - 1;
		}
		return seats[lo]!;
	};
	return { keys, seats, seatOf };
}
