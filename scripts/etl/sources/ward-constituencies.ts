/**
 * 12v's ward (WD23) -> 2024 constituency table (`postcodes/12v_ward_to_constituencies_mapping.csv`): each ward's
 * postcodes (ONSPD Aug 2023) counted by the 2024 seat they fall in. The postcode index uses it only for a postcode that
 * mySociety's range table does not place: its ward's seats become candidates with their shares. Seats are given by
 * name and turned into PCON24 codes with `constituencies/pcon_names_codes_dec2024.json`. Pure.
 */
import { EtlError } from '../errors';
import { readCsv } from './csv';
import type { IndexCandidate } from '../../../src/lib/postcode/index-format';
import type { SourceInfo } from './types';

export const WARD_FILES = {
	wardMapping: 'postcodes/12v_ward_to_constituencies_mapping.csv',
	pconNames: 'constituencies/pcon_names_codes_dec2024.json'
} as const;

export const WARD_CONSTITUENCIES_SOURCE: SourceInfo = {
	id: '12v-ward-constituencies',
	title:
		"Ward (May 2023) to 2024 constituency table, with postcode counts: used only for a postcode that mySociety's lookup does not cover",
	publisher:
		"12v, boundary-mapper (built from the ONS Postcode Directory, August 2023, and the Boundary Commissions' final 2023 recommendations)",
	licence: 'Open Government Licence v3.0 of its inputs (12v states no licence of its own)',
	downloadUrl: 'https://github.com/12v/boundary-mapper'
};

/** Candidate seats holding less than this share of their ward's postcodes are dropped (the largest is always kept). */
export const MIN_CANDIDATE_SHARE = 0.02;

/** 12v seat names that differ from the PCON24 names. */
export const SEAT_NAME_ALIASES: Readonly<Record<string, string>> = { 'Ynys Mon': 'Ynys Môn' };

export interface WardSeats {
	/** Seats the ward's postcodes fall in (before dropping small ones). */
	seats: number;
	/** Candidates kept, largest first: [PCON24 code, share (2 dp)]. */
	candidates: IndexCandidate[];
	/** A stable key for the candidate list. */
	key: string;
}

const WARD_HEADER = [
	'wardId',
	'ward',
	'constituency1',
	'#postcodes1',
	'constituency2',
	'#postcodes2',
	'constituency3',
	'#postcodes3',
	'constituency4',
	'#postcodes4'
];

/** PCON24 name -> code, from pcon_names_codes_dec2024.json ({ code: name }). */
export function seatCodesByName(json: unknown, file: string = WARD_FILES.pconNames): Map<string, string> {
	if (!json || typeof json !== 'object' || Array.isArray(json))
		throw new EtlError({ file }, 'expected a JSON object of { "PCON24 code": "name" }');
	const out = new Map<string, string>();
	for (const [code, name] of Object.entries(json as Record<string, unknown>)) {
		if (!/^[ESWN]\d{8}$/.test(code) || typeof name !== 'string' || name.trim() === '') {
			throw new EtlError(
				{ file },
				`entry "${code}": expected a constituency code (like E14001172) with a name, found ${JSON.stringify(name)}`
			);
		}
		if (out.has(name))
			throw new EtlError({ file }, `the name "${name}" is used by two codes (${out.get(name)} and ${code})`);
		out.set(name, code);
	}
	return out;
}

/** Read 12v's ward -> constituency table: ward code -> candidates (shares of the ward's postcodes, small ones dropped). */
export function readWardMapping(text: string, file: string, seatByName: Map<string, string>): Map<string, WardSeats> {
	const records = readCsv(file, text);
	const header = records[0]?.map((h) => h.trim());
	if (!header || WARD_HEADER.some((h, i) => header[i] !== h)) {
		throw new EtlError(
			{ file, row: 1 },
			`expected the header ${WARD_HEADER.join(',')}, found ${header ? header.join(',') : 'nothing'}`
		);
	}
	const out = new Map<string, WardSeats>();
	const keys = new Map<string, IndexCandidate[]>();
	for (let i = 1; i < records.length; i++) {
		const rec = records[i]!;
		const row = i + 1;
		if (rec.every((c) => c.trim() === '')) {
			if (i === records.length - 1) continue;
			throw new EtlError({ file, row }, 'blank line in the middle of the file');
		}
		const ward = (rec[0] ?? '').trim();
		if (!/^[ESWN]\d{8}$/.test(ward))
			throw new EtlError({ file, row, column: 'wardId' }, `expected a ward code like E05000932, found "${ward}"`);
		if (out.has(ward)) throw new EtlError({ file, row, column: 'wardId' }, `ward ${ward} is listed twice`);
		const seats: { code: string; count: number }[] = [];
		for (let k = 0; k < 4; k++) {
			const nameCol = WARD_HEADER[2 + 2 * k]!;
			const countCol = WARD_HEADER[3 + 2 * k]!;
			const name = (rec[2 + 2 * k] ?? '').trim();
			const countText = (rec[3 + 2 * k] ?? '').trim();
			if (name === '' && countText === '') continue;
			if (name === '')
				throw new EtlError(
					{ file, row, column: nameCol },
					`a postcode count (${countText}) without a constituency name`
				);
			const code = seatByName.get(SEAT_NAME_ALIASES[name] ?? name);
			if (!code)
				throw new EtlError(
					{ file, row, column: nameCol },
					`"${name}" is not a 2024 constituency name in ${WARD_FILES.pconNames}`
				);
			if (!/^\d+$/.test(countText))
				throw new EtlError(
					{ file, row, column: countCol },
					`expected a whole number of postcodes, found "${countText}"`
				);
			const count = Number(countText);
			if (count <= 0)
				throw new EtlError({ file, row, column: countCol }, `expected a positive number of postcodes, found ${count}`);
			if (seats.some((s) => s.code === code))
				throw new EtlError({ file, row, column: nameCol }, `"${name}" is listed twice for this ward`);
			seats.push({ code, count });
		}
		if (seats.length === 0)
			throw new EtlError({ file, row, column: 'constituency1' }, `ward ${ward} has no constituency`);
		const total = seats.reduce((a, s) => a + s.count, 0);
		seats.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
		const kept: IndexCandidate[] =
			seats.length === 1
				? [[seats[0]!.code, 1]]
				: seats
						.filter((s, j) => j === 0 || s.count / total >= MIN_CANDIDATE_SHARE)
						.map((s) => [s.code, Math.round((s.count / total) * 100) / 100]);
		const key = kept.map(([c, sh]) => `${c}:${sh}`).join(',');
		// Share one array per distinct candidate list (the values palette holds references).
		const candidates = keys.get(key) ?? kept;
		keys.set(key, candidates);
		out.set(ward, { seats: seats.length, candidates, key });
	}
	if (out.size === 0) throw new EtlError({ file }, 'the file has no wards');
	return out;
}
