/**
 * The postcode index's file format, shared by its one builder (scripts/etl/derive/postcode-index.ts) and its one
 * reader (./lookup.ts). Browser-safe: no Node APIs.
 *
 * One file per postcode area, `static/data/postcode-index/<AREA>.json` (served as `/data/postcode-index/<AREA>.json`),
 * holding every unit of OS Code-Point Open (2023) in that area:
 *   {
 *     "format": "postcode-index/2",
 *     "area": "SW",
 *     "values": [ ["E", "p", [["E14001172", null]], "E56000021", "E56000021"], ... ],  // distinct answers in this area
 *     "sectors": { "SW1A 2": "<presence>|<runs>", ... }
 *   }
 * - A value is [country letter E/S/W, seat, candidates, Cancer Alliance (20-alliance view), Cancer Alliance
 *   (21-alliance view, East of England split)]. Seat "p": mySociety places the postcode's own point in one 2024
 *   constituency (one candidate, share null). Seat "w": mySociety's table does not cover it, so the candidates are its
 *   ward's constituencies with their shares of the ward's postcodes. Seat "n": no constituency known. The alliances
 *   are null outside England, and for an English postcode with nothing to place it by.
 * - <presence>: which units exist. A unit's last two letters each come from the 20 letters of UNIT_LETTERS, so a
 *   sector has 400 possible units; slot = 20 × (index of the first letter) + (index of the second). The 400 bits are
 *   written 6 to a character in base64url (A-Z a-z 0-9 - _), first slot in the high bit of the first character;
 *   trailing "A"s (all-zero groups) are left off.
 * - <runs>: the values of the units present, in slot order, run-length coded: comma-separated runs "v*len" with v and
 *   len in base 36; the last run has no "*len" (it runs to the end). A sector with one value is just "v".
 */

export const POSTCODE_INDEX_FORMAT = 'postcode-index/2';

/** Where the files go, relative to the exports folder (static/data), and the URL path they are served under. */
export const POSTCODE_INDEX_DIR = 'postcode-index';

/** The letters Royal Mail uses for the last two characters of a postcode (never C, I, K, M, O or V). */
export const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
export const UNIT_SLOTS = UNIT_LETTERS.length * UNIT_LETTERS.length;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type IndexCountry = 'E' | 'S' | 'W';
/** "p": the postcode's own point (mySociety); "w": candidates from its ward; "n": none known. */
export type IndexSeat = 'p' | 'w' | 'n';
/** [PCON24 code, share of the postcode's ward (2 dp), or null for a seat from the postcode's own point] */
export type IndexCandidate = [string, number | null];
export type IndexValue = [IndexCountry, IndexSeat, IndexCandidate[], string | null, string | null];

export interface PostcodeIndexShard {
	format: typeof POSTCODE_INDEX_FORMAT;
	area: string;
	values: IndexValue[];
	sectors: Record<string, string>;
}

/** A postcode area's file name in capitals ("sw" -> "SW"); throws for anything that is not one or two letters. */
export function shardName(area: string): string {
	const name = area.trim().toUpperCase();
	if (!/^[A-Z]{1,2}$/.test(name)) throw new Error(`"${area}" is not a postcode area (one or two letters, like "SW")`);
	return name;
}

/** The area's file, relative to the exports folder: shardPath('sw') = 'postcode-index/SW.json'. */
export function shardPath(area: string): string {
	return `${POSTCODE_INDEX_DIR}/${shardName(area)}.json`;
}

/** The area's address under the site's base path: shardUrl('SW') = '/data/postcode-index/SW.json'. */
export function shardUrl(area: string, base = ''): string {
	return `${base}/data/${shardPath(area)}`;
}

/** The presence slot of a unit's last two letters ("AA" -> 0, "ZZ" -> 399), or -1 if a letter is never used there. */
export function unitSlot(suffix: string): number {
	if (suffix.length !== 2) return -1;
	const a = UNIT_LETTERS.indexOf(suffix[0]!);
	const b = UNIT_LETTERS.indexOf(suffix[1]!);
	return a < 0 || b < 0 ? -1 : a * UNIT_LETTERS.length + b;
}

/** Encode presence slots (any order) as trimmed base64url. */
export function encodePresence(slots: Iterable<number>): string {
	const groups = new Uint8Array(Math.ceil(UNIT_SLOTS / 6));
	for (const s of slots) {
		if (!Number.isInteger(s) || s < 0 || s >= UNIT_SLOTS)
			throw new Error(`unit slot ${s} is outside 0-${UNIT_SLOTS - 1}`);
		groups[Math.floor(s / 6)]! |= 32 >> (s % 6);
	}
	let out = '';
	for (const g of groups) out += BASE64URL[g]!;
	return out.replace(/A+$/, '');
}

/** Whether `slot` is present, and if so how many present slots come before it (its position among the units). */
export function presenceRank(presence: string, slot: number): number {
	const group = Math.floor(slot / 6);
	if (group >= presence.length) return -1;
	const bits = (c: string) => BASE64URL.indexOf(c);
	const g = bits(presence[group]!);
	if (g < 0) throw new Error(`postcode index: "${presence[group]}" is not a base64url character`);
	const bit = 32 >> (slot % 6);
	if (!(g & bit)) return -1;
	let rank = 0;
	for (let i = 0; i < group; i++) rank += popcount6(bits(presence[i]!));
	// Bits above `bit` in this group (earlier slots).
	return rank + popcount6(g & ~((bit << 1) - 1) & 63);
}

function popcount6(x: number): number {
	let n = 0;
	for (let v = x; v; v &= v - 1) n++;
	return n;
}

/** Run-length code a list of value indexes (see the format above). */
export function encodeRuns(values: number[]): string {
	const runs: string[] = [];
	for (let i = 0; i < values.length;) {
		let j = i + 1;
		while (j < values.length && values[j] === values[i]) j++;
		runs.push(j === values.length ? values[i]!.toString(36) : `${values[i]!.toString(36)}*${(j - i).toString(36)}`);
		i = j;
	}
	return runs.join(',');
}

/** The value index of the unit at `position` among the sector's units; -1 if the runs end before it. */
export function valueAt(runs: string, position: number): number {
	let start = 0;
	for (const run of runs.split(',')) {
		const star = run.indexOf('*');
		if (star < 0) return parseInt(run, 36);
		start += parseInt(run.slice(star + 1), 36);
		if (position < start) return parseInt(run.slice(0, star), 36);
	}
	return -1;
}
