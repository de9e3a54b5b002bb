/**
 * Constituency -> Sub-ICB population shares (`constituency_in_sub_icb` rows), from the same published inputs as the
 * population weights: mySociety's LSOA11 -> PARL25 population overlaps, and each LSOA's 2023 Sub-ICB (the ONS LSOA11
 * -> CCG21 lookup with the 2024 moves; see lsoaEntries). mySociety's seat ids (UKPARL.2025.xxx) become PCON24 codes
 * through ukparl.2025.csv, whose names must equal the official ones.
 *
 * Why: an alliance's waiting times are counted by ICB and its screening coverage by Sub-ICB, each in the alliance where
 * most of its residents live, so some residents (Swindon's, Bassetlaw's) are counted outside the alliance they live
 * in. Which constituencies that touches cannot be told from the constituency -> alliance shares alone.
 */
import type { AreaLookup } from '../../../../src/lib/data/contract';
import { EtlError } from '../../errors';
import { fileName, type GeoFileNames, type SubIcbAllianceEntry } from './alliances';
import type { Constituency } from './constituencies';
import { readCsv, requireCell } from '../../sources/geo-csv';

export const CONSTITUENCY_SUB_ICB_SOURCE =
	'mySociety LSOA11->PARL25 population overlaps + ONS LSOA11->CCG21 lookup (2023 sub-ICBs)';

/** mySociety seat id (UKPARL.2025.xxx) -> PCON24 code, every row checked against the official code and name. */
export function readSeatCodes(text: string, constituencies: Constituency[], files?: GeoFileNames): Map<string, string> {
	const file = fileName(files, 'pconIds');
	const t = readCsv(file, text, { id: 'UKPARL.2025', code: 'PCON24CD', name: 'PCON24NM' });
	const names = new Map(constituencies.map((c) => [c.code, c.name]));
	const out = new Map<string, string>();
	for (const rec of t.records) {
		const id = requireCell(t, rec, 'id', 'UKPARL.2025', /^UKPARL\.2025\.[A-Z]+$/, 'a mySociety seat id');
		const code = requireCell(t, rec, 'code', 'PCON24CD');
		const official = names.get(code);
		if (official === undefined)
			throw new EtlError({ file, row: rec.row, column: 'PCON24CD' }, `${code} is not in the 2024 constituency list`);
		// The one spelling difference in the raw files: "Ynys Mon" for "Ynys Môn".
		if (official.normalize('NFD').replace(/\p{M}/gu, '') !== rec.values.name.normalize('NFD').replace(/\p{M}/gu, ''))
			throw new EtlError(
				{ file, row: rec.row, column: 'PCON24NM' },
				`"${rec.values.name}" differs from the official name "${official}"`
			);
		if (out.has(id)) throw new EtlError({ file, row: rec.row, column: 'UKPARL.2025' }, `${id} appears twice`);
		out.set(id, code);
	}
	if (out.size !== constituencies.length)
		throw new EtlError({ file }, `has ${out.size} seats; the 2024 list has ${constituencies.length}`);
	return out;
}

/**
 * Each English constituency's residents by Sub-ICB: share = the constituency's population in that Sub-ICB over its
 * population in England (4 decimal places; parts with no residents left out). Shares of one seat add up to 1.
 */
export function constituencySubIcbShares(
	overlapText: string,
	seatCodes: Map<string, string>,
	entryOf: Map<string, SubIcbAllianceEntry>,
	files?: GeoFileNames
): { lookups: AreaLookup[]; notes: string[] } {
	const file = fileName(files, 'lsoaPopulation');
	const t = readCsv(file, overlapText, { lsoa: 'LSOA11', seat: 'PARL25', pop: 'overlap_pop' });
	const bySeat = new Map<string, Map<string, number>>();
	for (const rec of t.records) {
		const { lsoa, seat } = rec.values;
		if (!lsoa.startsWith('E01')) continue; // Scottish data zones, Welsh LSOAs: no Sub-ICB
		const pop = Number(rec.values.pop);
		if (pop === 0) continue;
		const code = seatCodes.get(seat);
		if (!code)
			throw new EtlError({ file, row: rec.row, column: 'PARL25' }, `seat id "${seat}" is not in ukparl.2025.csv`);
		const entry = entryOf.get(lsoa);
		if (!entry) throw new EtlError({ file, row: rec.row, column: 'LSOA11' }, `${lsoa} is not in the ONS LSOA11 lookup`);
		const subs = bySeat.get(code) ?? new Map<string, number>();
		subs.set(entry.sub_icb_code, (subs.get(entry.sub_icb_code) ?? 0) + pop);
		bySeat.set(code, subs);
	}
	const lookups: AreaLookup[] = [];
	for (const [code, subs] of [...bySeat].sort(([a], [b]) => a.localeCompare(b))) {
		const total = [...subs.values()].reduce((s, p) => s + p, 0);
		for (const [sub, pop] of [...subs].sort(([a], [b]) => a.localeCompare(b))) {
			const share = Math.round((pop / total) * 1e4) / 1e4;
			if (share === 0) continue;
			lookups.push({
				child_code: code,
				parent_code: sub,
				relation: 'constituency_in_sub_icb',
				variant: null,
				share,
				source: CONSTITUENCY_SUB_ICB_SOURCE,
				note: null
			});
		}
	}
	const split = [...bySeat.values()].filter((s) => s.size > 1).length;
	return {
		lookups,
		notes: [
			`constituency -> Sub-ICB shares: ${bySeat.size} English constituencies, ${split} in more than one Sub-ICB (by population)`
		]
	};
}
