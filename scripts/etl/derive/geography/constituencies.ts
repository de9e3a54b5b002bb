/**
 * 2024 Westminster constituencies, their MPs, and constituency -> alliance population shares.
 *
 * Inputs (contents): `constituencies/pcon_names_codes_dec2024.json` (650 codes -> names), `mps/mp_lookup.csv`
 * (dfe-analytical-services daily extract of the Parliament Members API, 2026-06-27), `mps/current-MPs.csv`
 * (open-innovations, 2026-04-03; used only as a cross-check), and the two derived `pcon24_to_cancer_alliance_*.csv`.
 */
import type { AllianceVariant, AreaLookup, Mp } from '../../../../src/lib/data/contract';
import { EtlError } from '../../errors';
import { collapseVariants, fileName, type GeoFileKey, type GeoFileNames } from './alliances';
import { readCodeNames, readCsv, requireCell } from '../../sources/geo-csv';

/** The date of the MP list (raw/SOURCES.md: mp_lookup.csv, automatic daily update of 2026-06-27). */
export const MP_LIST_AS_OF = '2026-06-27';

export const PCON_ALLIANCE_SOURCE =
	'derived/pcon24_to_cancer_alliance (mySociety LSOA11->PARL25 population overlaps + ONS LSOA11->CAL21 lookup, adjusted to 2024 geography)';

/**
 * Known caveats of the derived constituency shares (raw/SOURCES.md "Known caveat"), matched by constituency name.
 * The shares are kept as published; the note tells users where the 2023 sub-ICB boundaries disagree.
 */
export const PCON_CAVEATS: readonly { constituency: string; note: string }[] = [
	{
		constituency: 'Corby and East Northamptonshire',
		note:
			'Oundle caveat: these shares follow the 2021 ONS small-area lookup, which puts the Oundle area (about 15% of the ' +
			'population) in East of England; its GP practice moved to Northamptonshire on 1 July 2022 and the 2023 sub-ICB ' +
			'boundaries put it in East Midlands, which is preferred where the two disagree'
	}
];

export interface Constituency {
	code: string;
	name: string;
	country: 'E' | 'S' | 'W' | 'N';
}

const PCON = /^(E14|S14|W07|N05)\d{6}$/;

export function readConstituencies(json: unknown, files?: GeoFileNames): Constituency[] {
	const file = fileName(files, 'pconNames');
	const names = readCodeNames(file, json);
	const out: Constituency[] = [];
	for (const [code, name] of names) {
		if (!PCON.test(code))
			throw new EtlError({ file, column: code }, 'is not a 2024 constituency code (E14, S14, W07, N05)');
		out.push({ code, name, country: code.charAt(0) as Constituency['country'] });
	}
	return out;
}

/**
 * Constituency -> alliance population shares for both variants, as `constituency_in_alliance` rows (share = pop_share).
 * Rows with zero population (boundary slivers in the overlay) are dropped. `bestFit20` is each English constituency's
 * best-fit alliance in the 20-alliance variant (the `best_fit` flag).
 */
export function readConstituencyAlliances(
	texts: Record<AllianceVariant, string>,
	constituencies: Constituency[],
	allianceCodes: Record<AllianceVariant, Set<string>>,
	files?: GeoFileNames
): {
	lookups: AreaLookup[];
	bestFit: Record<AllianceVariant, Map<string, string>>;
	/** Per file (variant): rows read, rows dropped (zero population), notes. */
	stats: Record<AllianceVariant, { rowsRead: number; rowsDropped: number; notes: string[] }>;
	notes: string[];
} {
	const byCode = new Map(constituencies.map((c) => [c.code, c]));
	const caveats = new Map<string, string>();
	for (const c of PCON_CAVEATS) {
		const hit = constituencies.find((x) => x.name === c.constituency);
		if (!hit)
			throw new EtlError(
				{ file: fileName(files, 'pconNames') },
				`constituency "${c.constituency}" (named in the caveat table) is missing`
			);
		caveats.set(hit.code, c.note);
	}
	const notes: string[] = [];
	const rows: Record<AllianceVariant, AreaLookup[]> = { '20': [], '21': [] };
	const bestFit = { '20': new Map<string, string>(), '21': new Map<string, string>() } as Record<
		AllianceVariant,
		Map<string, string>
	>;
	const stats = {} as Record<AllianceVariant, { rowsRead: number; rowsDropped: number; notes: string[] }>;
	for (const v of ['20', '21'] as const) {
		const key: GeoFileKey = v === '20' ? 'pconAlliance20' : 'pconAlliance21';
		const file = fileName(files, key);
		const t = readCsv(file, texts[v], {
			code: 'PCON24CD',
			name: 'PCON24NM',
			cal: 'CAL_CD',
			pop: 'pop',
			share: 'pop_share',
			best: 'best_fit'
		});
		const shareSum = new Map<string, number>();
		let zero = 0;
		for (const rec of t.records) {
			const code = requireCell(t, rec, 'code', 'PCON24CD', /^E14\d{6}$/, 'an English constituency code');
			const pc = byCode.get(code);
			if (!pc)
				throw new EtlError({ file, row: rec.row, column: 'PCON24CD' }, `${code} is not in the 2024 constituency list`);
			if (rec.values.name !== pc.name)
				throw new EtlError(
					{ file, row: rec.row, column: 'PCON24NM' },
					`"${rec.values.name}" differs from the official name "${pc.name}"`
				);
			const cal = requireCell(t, rec, 'cal', 'CAL_CD');
			if (!allianceCodes[v].has(cal))
				throw new EtlError(
					{ file, row: rec.row, column: 'CAL_CD' },
					`${cal} is not an alliance of the ${v}-alliance variant`
				);
			const share = Number(requireCell(t, rec, 'share', 'pop_share'));
			if (!Number.isFinite(share) || share < 0 || share > 1)
				throw new EtlError(
					{ file, row: rec.row, column: 'pop_share' },
					`"${rec.values.share}" is not a share between 0 and 1`
				);
			const best = requireCell(t, rec, 'best', 'best_fit', /^(True|False)$/, 'True or False') === 'True';
			if (best) {
				if (bestFit[v].has(code))
					throw new EtlError({ file, row: rec.row, column: 'best_fit' }, `${code} has two best-fit alliances`);
				bestFit[v].set(code, cal);
			}
			shareSum.set(code, (shareSum.get(code) ?? 0) + share);
			if (share === 0) {
				zero++;
				continue;
			}
			rows[v].push({
				child_code: code,
				parent_code: cal,
				relation: 'constituency_in_alliance',
				variant: v,
				share,
				source: PCON_ALLIANCE_SOURCE,
				note: caveats.get(code) ?? null
			});
		}
		const english = constituencies.filter((c) => c.country === 'E');
		for (const c of english) {
			if (!bestFit[v].has(c.code))
				throw new EtlError(
					{ file, column: 'PCON24CD' },
					`English constituency ${c.code} ${c.name} has no best-fit alliance`
				);
			const s = shareSum.get(c.code)!;
			if (Math.abs(s - 1) > 0.001)
				throw new EtlError({ file, column: 'pop_share' }, `shares of ${c.code} ${c.name} add up to ${s}, not 1`);
		}
		const multi = new Set(rows[v].filter((r) => r.share !== null && r.share < 1).map((r) => r.child_code));
		const note = `${v}-alliance variant: ${english.length} English constituencies, ${multi.size} in more than one alliance (by population); ${zero} zero-population sliver rows dropped`;
		notes.push(note);
		stats[v] = { rowsRead: t.rowsRead, rowsDropped: zero, notes: [note] };
	}
	return { lookups: collapseVariants(rows['20'], rows['21']), bestFit, stats, notes };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * MPs from the Members API extract. An email is kept only if it is an address as published; blanks and placeholders
 * ("No email found") become null, never a guessed address. current-MPs.csv is only compared against (notes).
 */
export function readMps(
	mpLookupText: string,
	currentMpsText: string | null,
	constituencies: Constituency[],
	asOf: string = MP_LIST_AS_OF,
	files?: GeoFileNames
): { mps: Mp[]; rowsRead: number; notes: string[] } {
	const file = fileName(files, 'mpLookup');
	const t = readCsv(file, mpLookupText, {
		code: 'pcon_code',
		id: 'member_id',
		name: 'display_as',
		party: 'party_text',
		email: 'member_email'
	});
	const known = new Set(constituencies.map((c) => c.code));
	const mps: Mp[] = [];
	const seen = new Set<string>();
	const noEmail: string[] = [];
	for (const rec of t.records) {
		const code = requireCell(t, rec, 'code', 'pcon_code');
		if (!known.has(code))
			throw new EtlError({ file, row: rec.row, column: 'pcon_code' }, `${code} is not in the 2024 constituency list`);
		if (seen.has(code)) throw new EtlError({ file, row: rec.row, column: 'pcon_code' }, `${code} has two MPs`);
		seen.add(code);
		const id = Number(requireCell(t, rec, 'id', 'member_id', /^\d+$/, 'a Members API id'));
		const emailRaw = rec.values.email;
		const email = EMAIL.test(emailRaw) ? emailRaw : null;
		if (email === null) noEmail.push(`${code} ${rec.values.name}${emailRaw ? ` ("${emailRaw}")` : ''}`);
		mps.push({
			constituency_code: code,
			name: requireCell(t, rec, 'name', 'display_as'),
			party: requireCell(t, rec, 'party', 'party_text'),
			email,
			member_id: id,
			profile_url: `https://members.parliament.uk/member/${id}/contact`,
			as_of: asOf
		});
	}
	for (const code of known)
		if (!seen.has(code)) throw new EtlError({ file, column: 'pcon_code' }, `constituency ${code} has no MP row`);
	const notes = [
		`${mps.length} MPs as of ${asOf}; ${mps.length - noEmail.length} with a published email; no email (null): ${noEmail.join('; ')}`
	];
	if (currentMpsText !== null) {
		const cfile = fileName(files, 'currentMps');
		const c = readCsv(cfile, currentMpsText, { code: 'PCON24CD', id: 'ID' });
		const byCode = new Map(mps.map((m) => [m.constituency_code, m]));
		const differ = c.records
			.filter((r) => byCode.get(r.values.code)?.member_id !== Number(r.values.id))
			.map((r) => r.values.code);
		notes.push(
			differ.length === 0
				? `current-MPs.csv agrees on the member for all ${c.records.length} constituencies`
				: `current-MPs.csv (an older list) names a different member for ${differ.length} constituencies: ${differ.join(', ')}; mp_lookup.csv is used`
		);
	}
	return { mps, rowsRead: t.rowsRead, notes };
}
