// Over 300 lines: the Sub-ICB mapping, its 2024 changes and the population weights that place LSOAs are one idea.
/**
 * Sub-ICB -> Cancer Alliance mapping for 2024 geography (CAL24, 20 alliances) and the 21-alliance variant
 * (East of England split North / South), built from the NCPES 2022 mapping plus the documented 2024 changes.
 *
 * Inputs (contents, no I/O):
 * - NCPES `Sub-ICB-to-Alliance-mapping-2022_v1.4.csv`: 106 sub-ICBs (2022 codes), 21 alliances with CAL21-era codes.
 * - ONS `SICBL22_ICB22_NHSER22_Lookup_July_2022.csv`: sub-ICB -> ICB with ODS codes (the authority for ICB membership).
 * - postcodes.io lists: `cal24_names_codes_apr2024.json` (the 20 CAL24 codes and names), `icb23_names_codes.json`
 *   (42 ICBs, April 2023 codes), `sicbl_names_codes.json` (sub-ICBs, April 2023 codes, keyed to ODS codes).
 *
 * Output geography is April 2023 (the boundaries are SICBL23): two sub-ICBs and two ICBs were recoded on 1 April 2023
 * (Surrey Heartlands 92A E38000246 -> E38000264 / ICB E54000052 -> E54000063; Sussex 70F E38000248 -> E38000265 /
 * E54000053 -> E54000064). Sub-ICBs are joined on their ODS code, ICBs on code, or failing that on exact name.
 */
import { ALLIANCE_VARIANTS, type AllianceVariant, type AreaLookup } from '../../../../src/lib/data/contract';
import { EtlError } from '../../errors';
import { majorityOf } from './roll-up';
import { readCodeNames, readCsv, requireCell } from '../../sources/geo-csv';
import { findColumns, getSheet, readWorkbook, sheetRows, toText } from '../../sources/sheet';

export const GEO_FILE_NAMES = {
	ncpesMapping: 'metrics/lookups/Sub-ICB-to-Alliance-mapping-2022_v1.4.csv',
	sicbl22Lookup: 'metrics/lookups/SICBL22_ICB22_NHSER22_Lookup_July_2022.csv',
	lsoaLookup: 'metrics/lookups/LSOA11_CCG21_STP21_CAL21_LAD21_EN_LU.xlsx',
	lsoaPopulation: 'constituencies/mysociety_LSOA11_PARL25_combo_overlap.csv',
	odsTrusts: 'metrics/lookups/ods_etr_nhs_trusts.csv',
	randProviders: 'metrics/lookups/ProviderToCAMappingByHand_RAND.csv',
	cal24Names: 'cancer-alliances/cal24_names_codes_apr2024.json',
	icb23Names: 'cancer-alliances/icb23_names_codes.json',
	sicblNames: 'cancer-alliances/sicbl_names_codes.json',
	pconNames: 'constituencies/pcon_names_codes_dec2024.json',
	mpLookup: 'mps/mp_lookup.csv',
	currentMps: 'mps/current-MPs.csv',
	pconAlliance20: 'derived/pcon24_to_cancer_alliance_2024_20.csv',
	pconAlliance21: 'derived/pcon24_to_cancer_alliance_21_eoe_split.csv',
	pconIds: 'constituencies/ukparl.2025.csv',
	subIcbBoundaries: 'boundaries/NHS_SubICB_April_2023_EN_BSC.geojson',
	ladBoundaries: 'boundaries/Local_Authority_Districts_May_2024_Boundaries_UK_BSC.geojson'
} as const;
export type GeoFileKey = keyof typeof GEO_FILE_NAMES;
export type GeoFileNames = Partial<Record<GeoFileKey, string>>;

export function fileName(files: GeoFileNames | undefined, key: GeoFileKey): string {
	return files?.[key] ?? GEO_FILE_NAMES[key];
}

// ---------------------------------------------------------------------------------------------------------------
// The 2024 changes, as data. Sources: raw/SOURCES.md "Headline facts" and "derived/"; each entry is checked in code.
// ---------------------------------------------------------------------------------------------------------------

/** CAL24 (April 2024) merged East of England North and South into one alliance. The 21-variant keeps the CAL21 pair. */
export const EOE_MERGE = {
	merged: 'E56000035',
	parts: [
		{ code: 'E56000022', name: 'East of England - North' },
		{ code: 'E56000023', name: 'East of England - South' }
	]
} as const;

/**
 * Alliance names that changed (or that the NCPES file shortens): old name -> CAL24 name. Used only to match names;
 * codes come from the CAL24 list. The last two are the CAL21 names in the ONS LSOA lookup.
 */
export const ALLIANCE_RENAMES: readonly { from: string; to: string }[] = [
	{ from: 'South Yorkshire', to: 'South Yorkshire and Bassetlaw' }, // NCPES short name, same code E56000025
	{ from: 'North West and South West London', to: 'West London' },
	{ from: 'Humber, Coast and Vale', to: 'Humber and North Yorkshire' }
];

export type GeographyChange =
	/** A whole sub-ICB whose 2024 alliance differs from the NCPES 2022 mapping. `expectedFrom`: what NCPES says. */
	| { kind: 'reassign'; ods: string; place: string; expectedFrom: string; to: string; why: string }
	/** Part of a sub-ICB (the area of one local authority) moved to another alliance. */
	| { kind: 'split'; ods: string; ladCode: string; ladName: string; to: string; why: string }
	/** A fact the NCPES mapping must already satisfy (a documented change already reflected at sub-ICB 2022/2023 level). */
	| { kind: 'check'; ods: string; place: string; alliance: string; why: string }
	/**
	 * Small areas that the 2021 ONS LSOA -> CCG lookup puts in a different sub-ICB from the 2023 boundaries; used only
	 * for the population weights of the ICB majority rule (neither move changes any ICB's alliance shares).
	 */
	| {
			kind: 'population_move';
			fromOds: string;
			ladCode: string;
			ladName: string;
			toOds: string;
			place: string;
			why: string;
	  };

export const CHANGES_2024: readonly GeographyChange[] = [
	{
		kind: 'reassign',
		ods: '02Q',
		place: 'Bassetlaw',
		expectedFrom: 'E56000024', // NCPES: East Midlands (wrong: contradicts the ONS CAL21 lookup and NDRS)
		to: 'E56000025',
		why: 'Bassetlaw is in South Yorkshire and Bassetlaw (ONS CAL21/CAL24, NDRS counts); the NCPES 2022 mapping wrongly has East Midlands'
	},
	{
		kind: 'split',
		ods: '92G',
		ladCode: 'E06000030',
		ladName: 'Swindon',
		to: 'E56000034',
		why: 'Swindon moved from Somerset, Wiltshire, Avon and Gloucestershire to Thames Valley in CAL24 (NDRS 2024-geography counts)'
	},
	{
		kind: 'check',
		ods: '15M',
		place: 'Glossop',
		alliance: 'E56000031',
		why: 'Glossop moved from Tameside and Glossop to Derby and Derbyshire on 1 July 2022, so it is already inside sub-ICB 15M (East Midlands) in the 2022 and 2023 sub-ICB geography'
	},
	{
		kind: 'check',
		ods: '42D',
		place: 'Harrogate',
		alliance: 'E56000026',
		why: 'Harrogate is in North Yorkshire sub-ICB 42D, in Humber and North Yorkshire; "West Yorkshire and Harrogate" is a name only'
	},
	{
		kind: 'population_move',
		fromOds: '01Y',
		ladCode: 'E07000037',
		ladName: 'High Peak',
		toOds: '15M',
		place: 'Glossop',
		why: 'Glossop LSOAs (High Peak, former Tameside and Glossop CCG) are in Derby and Derbyshire since July 2022'
	},
	{
		kind: 'population_move',
		fromOds: '06H',
		ladCode: 'E06000061',
		ladName: 'North Northamptonshire',
		toOds: '78H',
		place: 'Oundle',
		why: 'the Oundle area (North Northamptonshire LSOAs in the former Cambridgeshire and Peterborough CCG) is in Northamptonshire in the 2023 sub-ICB boundaries'
	}
];

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export interface AllianceInfo {
	code: string;
	name: string;
	/** null: in both variants; '20': only CAL24's merged East of England; '21': only the North / South pair. */
	variant: AllianceVariant | null;
}

export interface IcbInfo {
	/** April 2023 ONS code (E54). */
	code: string;
	/** 2022 ONS code where it differs (the SICBL22 lookup's). */
	code_2022: string;
	/** ODS code, e.g. QOX. */
	ods: string;
	name: string;
}

export interface SubIcbInfo {
	/** April 2023 ONS code (E38), as in the SICBL23 boundaries. */
	code: string;
	code_2022: string;
	ods: string;
	/** ONS name, e.g. "NHS South Yorkshire ICB - 02P". */
	name: string;
	icb_code: string;
}

export type SubIcbPart = { kind: 'whole' } | { kind: 'inside_lad' | 'outside_lad'; lad_code: string; lad_name: string };

export interface SubIcbAllianceEntry {
	/** ODS code, or for a split sub-ICB `<ODS>-<LAD name>` (the part inside the LAD) and `<ODS>-rest`. */
	id: string;
	sub_icb_code: string;
	sub_icb_ods: string;
	part: SubIcbPart;
	alliance: Record<AllianceVariant, string>;
	/** Why this alliance: the NCPES mapping, or the 2024 change applied. */
	basis: string;
}

export interface SubIcbAllianceMapping {
	/** 22 rows: 19 alliances in both variants, E56000035 ('20'), E56000022 and E56000023 ('21'). */
	alliances: AllianceInfo[];
	icbs: IcbInfo[];
	subIcbs: SubIcbInfo[];
	/** One entry per whole sub-ICB, two for a split one (107 in all). */
	entries: SubIcbAllianceEntry[];
	notes: string[];
}

export interface SubIcbMappingInputs {
	ncpesMapping: string;
	sicbl22Lookup: string;
	cal24Names: unknown;
	icb23Names: unknown;
	sicblNames: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// NCPES alliance -> CAL24 code
// ---------------------------------------------------------------------------------------------------------------

/** Names compared without " Cancer Alliance", with "&" as "and", case and spacing ignored. */
export function normaliseAllianceName(name: string): string {
	return name
		.replace(/\s+cancer alliance\s*$/i, '')
		.replace(/&/g, ' and ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

function renamedTo(name: string): string | null {
	const n = normaliseAllianceName(name);
	const hit = ALLIANCE_RENAMES.find((r) => normaliseAllianceName(r.from) === n);
	return hit ? normaliseAllianceName(hit.to) : null;
}

/**
 * The rule mapping an alliance as the NCPES (or RAND) files code it to the CAL24 code of each variant:
 * 1. East of England North / South (E56000022 / E56000023): kept in the 21-variant; CAL24's merged E56000035 in the 20.
 * 2. A code that is in the CAL24 list keeps its code, provided the names agree (after ALLIANCE_RENAMES): CAL24 kept the
 *    codes of alliances whose boundaries did not change (e.g. E56000005 Cheshire and Merseyside).
 * 3. Otherwise the alliance is found by name in the CAL24 list: ONS gave a new code to each alliance whose boundary
 *    changed (CAL21 E56000024 East Midlands -> E56000031, E56000019 Greater Manchester -> E56000032, E56000015 SWAG ->
 *    E56000033, E56000013 Thames Valley -> E56000034). Exactly one CAL24 name must match.
 * Anything else is an error, so a new or misspelt alliance cannot be silently mapped.
 */
export function cal24ForAlliance(
	code: string,
	name: string,
	cal24: Map<string, string>,
	loc: { file: string; row?: number; column?: string }
): Record<AllianceVariant, string> {
	const part = EOE_MERGE.parts.find((p) => p.code === code);
	if (part) {
		if (normaliseAllianceName(name) !== normaliseAllianceName(part.name)) {
			throw new EtlError(loc, `alliance ${code} is named "${name}", expected "${part.name}"`);
		}
		if (!cal24.has(EOE_MERGE.merged))
			throw new EtlError(loc, `CAL24 list has no ${EOE_MERGE.merged} (East of England)`);
		return { '20': EOE_MERGE.merged, '21': code };
	}
	const n = normaliseAllianceName(name);
	const target = renamedTo(name) ?? n;
	const sameCode = cal24.get(code);
	if (sameCode !== undefined) {
		const c = normaliseAllianceName(sameCode);
		if (c === n || c === target) return { '20': code, '21': code };
		throw new EtlError(loc, `alliance ${code} is named "${name}" here but "${sameCode}" in the CAL24 list`);
	}
	const byName = [...cal24].filter(([, nm]) => normaliseAllianceName(nm) === target);
	if (byName.length === 1) {
		const c = byName[0]![0];
		return { '20': c, '21': c };
	}
	throw new EtlError(
		loc,
		`alliance ${code} "${name}" matches ${byName.length} CAL24 alliances by name (expected exactly 1)`
	);
}

// ---------------------------------------------------------------------------------------------------------------
// Build the mapping
// ---------------------------------------------------------------------------------------------------------------

const E38 = /^E38\d{6}$/;
const E54 = /^E54\d{6}$/;
const E56 = /^E56\d{6}$/;
const ODS = /^[A-Z0-9]{3,5}$/;

export function buildSubIcbAllianceMapping(inputs: SubIcbMappingInputs, files?: GeoFileNames): SubIcbAllianceMapping {
	const notes: string[] = [];
	const calFile = fileName(files, 'cal24Names');
	const cal24 = readCodeNames(calFile, inputs.cal24Names);
	for (const code of cal24.keys()) {
		if (!E56.test(code)) throw new EtlError({ file: calFile, column: code }, 'is not an E56 Cancer Alliance code');
	}
	const icb23 = readCodeNames(fileName(files, 'icb23Names'), inputs.icb23Names, E54);
	const sicblFile = fileName(files, 'sicblNames');
	const sicbl23ByOds = new Map<string, string>();
	if (inputs.sicblNames === null || typeof inputs.sicblNames !== 'object') {
		throw new EtlError({ file: sicblFile }, 'expected a JSON object of code -> {ccg19cdh, name}');
	}
	for (const [code, v] of Object.entries(inputs.sicblNames as Record<string, unknown>)) {
		if (!E38.test(code)) continue; // Scottish, Welsh, NI, Isle of Man and pseudo codes, and a stray header entry
		const ods = (v as { ccg19cdh?: unknown } | null)?.ccg19cdh;
		if (typeof ods !== 'string' || !ODS.test(ods)) {
			throw new EtlError({ file: sicblFile, column: code }, 'has no valid ODS code (ccg19cdh)');
		}
		if (sicbl23ByOds.has(ods)) throw new EtlError({ file: sicblFile, column: code }, `ODS code ${ods} appears twice`);
		sicbl23ByOds.set(ods, code);
	}

	// ONS SICBL22 -> ICB22 lookup: the ICB membership and ODS codes.
	const onsFile = fileName(files, 'sicbl22Lookup');
	const ons = readCsv(onsFile, inputs.sicbl22Lookup, {
		sub: 'SICBL22CD',
		subOds: 'SICBL22CDH',
		subName: 'SICBL22NM',
		icb: 'ICB22CD',
		icbOds: 'ICB22CDH',
		icbName: 'ICB22NM'
	});
	const icbsByOds = new Map<string, IcbInfo>();
	const subIcbs: SubIcbInfo[] = [];
	const subByCode22 = new Map<string, SubIcbInfo>();
	for (const rec of ons.records) {
		const code22 = requireCell(ons, rec, 'sub', 'SICBL22CD', E38, 'an E38 sub-ICB code');
		const ods = requireCell(ons, rec, 'subOds', 'SICBL22CDH', ODS, 'an ODS code');
		const name = requireCell(ons, rec, 'subName', 'SICBL22NM');
		const icb22 = requireCell(ons, rec, 'icb', 'ICB22CD', E54, 'an E54 ICB code');
		const icbOds = requireCell(ons, rec, 'icbOds', 'ICB22CDH', ODS, 'an ODS code');
		const icbName = requireCell(ons, rec, 'icbName', 'ICB22NM');
		let icb = icbsByOds.get(icbOds);
		if (!icb) {
			let code = icb23.has(icb22) ? icb22 : undefined;
			if (!code) {
				const byName = [...icb23].filter(([, n]) => n === icbName);
				if (byName.length !== 1) {
					throw new EtlError(
						{ file: onsFile, row: rec.row, column: 'ICB22CD' },
						`${icb22} "${icbName}" is not in the April 2023 ICB list by code or name`
					);
				}
				code = byName[0]![0];
				notes.push(`ICB ${icbOds} "${icbName}": 2022 code ${icb22} recoded ${code} in April 2023 (matched on name)`);
			}
			icb = { code, code_2022: icb22, ods: icbOds, name: icb23.get(code)! };
			icbsByOds.set(icbOds, icb);
		} else if (icb.code_2022 !== icb22) {
			throw new EtlError(
				{ file: onsFile, row: rec.row, column: 'ICB22CD' },
				`ICB ${icbOds} has two codes (${icb.code_2022}, ${icb22})`
			);
		}
		const code23 = sicbl23ByOds.get(ods);
		if (!code23)
			throw new EtlError(
				{ file: onsFile, row: rec.row, column: 'SICBL22CDH' },
				`sub-ICB ${ods} is not in the April 2023 sub-ICB list (${sicblFile})`
			);
		if (code23 !== code22) notes.push(`sub-ICB ${ods}: 2022 code ${code22} recoded ${code23} in April 2023`);
		if (subByCode22.has(code22))
			throw new EtlError({ file: onsFile, row: rec.row, column: 'SICBL22CD' }, `${code22} appears twice`);
		const sub: SubIcbInfo = { code: code23, code_2022: code22, ods, name, icb_code: icb.code };
		subIcbs.push(sub);
		subByCode22.set(code22, sub);
	}
	const icbs = [...icbsByOds.values()];
	for (const code of icb23.keys()) {
		if (!icbs.some((i) => i.code === code))
			throw new EtlError(
				{ file: fileName(files, 'icb23Names'), column: code },
				'ICB has no sub-ICB in the SICBL22 lookup'
			);
	}

	// NCPES mapping -> base alliance per variant.
	const ncpesFile = fileName(files, 'ncpesMapping');
	const ncpes = readCsv(ncpesFile, inputs.ncpesMapping, {
		sub: 'Sub-ICB E Code',
		subOds: 'SICBL22CDH',
		icb: 'ICB E code',
		icbOds: 'ICB Code',
		cal: 'Cancer Alliance Code',
		calName: 'Cancer Alliance'
	});
	const base = new Map<string, { alliance: Record<AllianceVariant, string>; ncpesCode: string; row: number }>();
	for (const rec of ncpes.records) {
		const code22 = requireCell(ncpes, rec, 'sub', 'Sub-ICB E Code', E38, 'an E38 sub-ICB code');
		const sub = subByCode22.get(code22);
		if (!sub)
			throw new EtlError(
				{ file: ncpesFile, row: rec.row, column: 'Sub-ICB E Code' },
				`${code22} is not in the ONS SICBL22 lookup (${onsFile})`
			);
		const ods = requireCell(ncpes, rec, 'subOds', 'SICBL22CDH');
		if (ods !== sub.ods)
			throw new EtlError(
				{ file: ncpesFile, row: rec.row, column: 'SICBL22CDH' },
				`"${ods}" disagrees with the ONS lookup (${sub.ods})`
			);
		const icbOds = requireCell(ncpes, rec, 'icbOds', 'ICB Code');
		if (icbsByOds.get(icbOds)?.code !== sub.icb_code) {
			throw new EtlError(
				{ file: ncpesFile, row: rec.row, column: 'ICB Code' },
				`ICB "${icbOds}" disagrees with the ONS lookup for ${ods}`
			);
		}
		const cal = requireCell(ncpes, rec, 'cal', 'Cancer Alliance Code', E56, 'an E56 Cancer Alliance code');
		const calName = requireCell(ncpes, rec, 'calName', 'Cancer Alliance');
		if (base.has(ods))
			throw new EtlError({ file: ncpesFile, row: rec.row, column: 'Sub-ICB E Code' }, `${code22} appears twice`);
		const alliance = cal24ForAlliance(cal, calName, cal24, {
			file: ncpesFile,
			row: rec.row,
			column: 'Cancer Alliance Code'
		});
		base.set(ods, { alliance, ncpesCode: cal, row: rec.row });
	}
	for (const sub of subIcbs) {
		if (!base.has(sub.ods))
			throw new EtlError(
				{ file: ncpesFile, column: 'Sub-ICB E Code' },
				`sub-ICB ${sub.code_2022} (${sub.ods}) is missing`
			);
	}

	// Apply the 2024 changes.
	const entries: SubIcbAllianceEntry[] = [];
	const both = (c: string): Record<AllianceVariant, string> => ({ '20': c, '21': c });
	for (const sub of subIcbs) {
		const b = base.get(sub.ods)!;
		const reassign = CHANGES_2024.find((c) => c.kind === 'reassign' && c.ods === sub.ods);
		const split = CHANGES_2024.find((c) => c.kind === 'split' && c.ods === sub.ods);
		let alliance = b.alliance;
		let basis = 'NCPES 2022 mapping';
		if (reassign?.kind === 'reassign') {
			if (b.ncpesCode === reassign.to || alliance['20'] === reassign.to) {
				notes.push(`${reassign.place} (${sub.ods}): NCPES already has ${reassign.to}; 2024 change not needed`);
			} else if (b.ncpesCode !== reassign.expectedFrom) {
				throw new EtlError(
					{ file: ncpesFile, row: b.row, column: 'Cancer Alliance Code' },
					`${reassign.place} (${sub.ods}) is ${b.ncpesCode}; the 2024 change table expects ${reassign.expectedFrom} (to correct to ${reassign.to})`
				);
			}
			alliance = both(reassign.to);
			basis = `2024 change: ${reassign.why}`;
			notes.push(`${reassign.place} (${sub.ods}): ${b.ncpesCode} in NCPES -> ${reassign.to} (${reassign.why})`);
		}
		if (split?.kind === 'split') {
			entries.push({
				id: `${sub.ods}-${split.ladName}`,
				sub_icb_code: sub.code,
				sub_icb_ods: sub.ods,
				part: { kind: 'inside_lad', lad_code: split.ladCode, lad_name: split.ladName },
				alliance: both(split.to),
				basis: `2024 change: ${split.why}`
			});
			entries.push({
				id: `${sub.ods}-rest`,
				sub_icb_code: sub.code,
				sub_icb_ods: sub.ods,
				part: { kind: 'outside_lad', lad_code: split.ladCode, lad_name: split.ladName },
				alliance,
				basis
			});
			notes.push(`${split.ladName} (${split.ladCode}) split out of sub-ICB ${sub.ods} into ${split.to}`);
		} else {
			entries.push({
				id: sub.ods,
				sub_icb_code: sub.code,
				sub_icb_ods: sub.ods,
				part: { kind: 'whole' },
				alliance,
				basis
			});
		}
	}
	for (const change of CHANGES_2024) {
		if (change.kind === 'population_move') continue; // checked where used (entryPopulations)
		if (!subIcbs.some((s) => s.ods === change.ods))
			throw new EtlError(
				{ file: onsFile },
				`the 2024 change table names sub-ICB ${change.ods}, which is not in the lookup`
			);
		if (change.kind === 'check') {
			const e = entries.find((x) => x.sub_icb_ods === change.ods)!;
			if (e.alliance['20'] !== change.alliance) {
				throw new EtlError(
					{ file: ncpesFile, row: base.get(change.ods)!.row, column: 'Cancer Alliance Code' },
					`${change.place} (${change.ods}) maps to ${e.alliance['20']}, expected ${change.alliance}: ${change.why}`
				);
			}
		}
	}

	// Alliance list, and each variant must use exactly its set.
	const alliances: AllianceInfo[] = [];
	for (const [code, name] of cal24) alliances.push({ code, name, variant: code === EOE_MERGE.merged ? '20' : null });
	for (const p of EOE_MERGE.parts) alliances.push({ code: p.code, name: p.name, variant: '21' });
	for (const v of ALLIANCE_VARIANTS) {
		const expected = new Set(alliances.filter((a) => a.variant === null || a.variant === v).map((a) => a.code));
		const used = new Set(entries.map((e) => e.alliance[v]));
		const missing = [...expected].filter((c) => !used.has(c));
		const extra = [...used].filter((c) => !expected.has(c));
		if (missing.length || extra.length) {
			throw new EtlError(
				{ file: ncpesFile },
				`variant ${v}: alliances without sub-ICBs [${missing.join(', ')}], unexpected [${extra.join(', ')}]`
			);
		}
	}
	return { alliances, icbs, subIcbs, entries, notes };
}

export function alliancesOf(
	mapping: Pick<SubIcbAllianceMapping, 'alliances'>,
	variant: AllianceVariant
): AllianceInfo[] {
	return mapping.alliances.filter((a) => a.variant === null || a.variant === variant);
}

// ---------------------------------------------------------------------------------------------------------------
// Population weights (for the ICB majority rule and partial shares)
// ---------------------------------------------------------------------------------------------------------------

export interface LsoaRow {
	lsoa: string;
	/** CCG21 ODS code = the sub-ICB's ODS code. */
	ccgOds: string;
	lad: string;
	cal21Code: string;
	cal21Name: string;
}

/** The ONS LSOA11 -> CCG21 -> CAL21 -> LAD21 lookup (first sheet). */
export function readLsoaLookup(data: Uint8Array, files?: GeoFileNames): LsoaRow[] {
	const file = fileName(files, 'lsoaLookup');
	const wb = readWorkbook(file, data);
	const sheetName = wb.SheetNames[0];
	if (!sheetName) throw new EtlError({ file }, 'has no sheets');
	const rows = sheetRows(getSheet(wb, file, sheetName));
	const cols = findColumns(
		rows[0] ?? [],
		{ lsoa: 'LSOA11CD', ccg: 'CCG21CDH', lad: 'LAD21CD', cal: 'CAL21CD', calName: 'CAL21NM' },
		{ file, sheet: sheetName, row: 1 }
	);
	const out: LsoaRow[] = [];
	for (let i = 1; i < rows.length; i++) {
		const r = rows[i]!;
		const lsoa = toText(r[cols.lsoa]);
		if (lsoa === '') continue;
		if (!/^E01\d{6}$/.test(lsoa))
			throw new EtlError(
				{ file, sheet: sheetName, row: i + 1, column: 'LSOA11CD' },
				`"${lsoa}" is not an E01 LSOA code`
			);
		out.push({
			lsoa,
			ccgOds: toText(r[cols.ccg]),
			lad: toText(r[cols.lad]),
			cal21Code: toText(r[cols.cal]),
			cal21Name: toText(r[cols.calName])
		});
	}
	return out;
}

/** LSOA11 resident population: mySociety's LSOA11 -> PARL25 overlaps, overlap_pop summed over each LSOA's rows. */
export function readLsoaPopulation(text: string, files?: GeoFileNames): Map<string, number> {
	const file = fileName(files, 'lsoaPopulation');
	const t = readCsv(file, text, { lsoa: 'LSOA11', pop: 'overlap_pop' });
	const pop = new Map<string, number>();
	for (const rec of t.records) {
		const lsoa = rec.values.lsoa;
		if (!lsoa.startsWith('E01')) continue; // Scottish data zones, Welsh LSOAs
		const v = Number(rec.values.pop);
		if (rec.values.pop === '' || !Number.isFinite(v) || v < 0)
			throw new EtlError({ file, row: rec.row, column: 'overlap_pop' }, `"${rec.values.pop}" is not a population`);
		pop.set(lsoa, (pop.get(lsoa) ?? 0) + v);
	}
	return pop;
}

/**
 * Where an LSOA lies in the 2023 mapping: its CCG21 (= sub-ICB ODS code), moved to its 2023 sub-ICB by the
 * population_move changes (Glossop, Oundle); in a split sub-ICB, the part inside the LAD if its LAD21 is that LAD,
 * else the rest. `moved` names the change applied, if any. Throws EtlError for a CCG that is not a sub-ICB.
 */
export function createLsoaPlacer(
	mapping: SubIcbAllianceMapping,
	files?: GeoFileNames
): (l: LsoaRow) => { entry: SubIcbAllianceEntry; moved: string | null } {
	const file = fileName(files, 'lsoaLookup');
	const byOds = new Map<string, SubIcbAllianceEntry[]>();
	for (const e of mapping.entries) byOds.set(e.sub_icb_ods, [...(byOds.get(e.sub_icb_ods) ?? []), e]);
	return (l) => {
		let ods = l.ccgOds;
		const move = CHANGES_2024.find((c) => c.kind === 'population_move' && c.fromOds === ods && c.ladCode === l.lad);
		if (move?.kind === 'population_move') ods = move.toOds;
		const entries = byOds.get(ods);
		if (!entries) {
			throw new EtlError(
				{ file, column: 'CCG21CDH' },
				`LSOA ${l.lsoa}: CCG ${ods}${ods !== l.ccgOds ? ` (moved from ${l.ccgOds} by the 2024 change table)` : ''} is not a sub-ICB in the mapping`
			);
		}
		const inside = entries.find((e) => e.part.kind === 'inside_lad' && e.part.lad_code === l.lad);
		const entry = inside ?? entries.find((e) => e.part.kind !== 'inside_lad')!;
		return { entry, moved: move?.kind === 'population_move' ? move.place : null };
	};
}

/**
 * Each English LSOA's mapping entry (its 2023 sub-ICB, or the part of a split sub-ICB), with the 2024 population moves
 * applied (Glossop, Oundle), and how many LSOAs each move took. One rule (createLsoaPlacer) for the population weights,
 * the constituency -> Sub-ICB shares and the postcode index.
 */
export function lsoaEntries(
	mapping: SubIcbAllianceMapping,
	lsoas: LsoaRow[],
	files?: GeoFileNames
): { entryOf: Map<string, SubIcbAllianceEntry>; moved: Map<string, number> } {
	const place = createLsoaPlacer(mapping, files);
	const entryOf = new Map<string, SubIcbAllianceEntry>();
	const moved = new Map<string, number>();
	for (const l of lsoas) {
		const { entry, moved: change } = place(l);
		if (change) moved.set(change, (moved.get(change) ?? 0) + 1);
		entryOf.set(l.lsoa, entry);
	}
	return { entryOf, moved };
}

/** Population of each mapping entry (by entry id), from LSOA populations and the LSOA -> sub-ICB (CCG21) lookup. */
export function entryPopulations(
	mapping: SubIcbAllianceMapping,
	lsoas: LsoaRow[],
	pop: Map<string, number>,
	files?: GeoFileNames
): { byEntry: Map<string, number>; notes: string[] } {
	const file = fileName(files, 'lsoaLookup');
	const notes: string[] = [];
	const { entryOf, moved } = lsoaEntries(mapping, lsoas, files);
	const byEntry = new Map<string, number>(mapping.entries.map((e) => [e.id, 0]));
	let missingPop = 0;
	for (const [lsoa, entry] of entryOf) {
		const p = pop.get(lsoa);
		if (p === undefined) {
			missingPop++;
			continue;
		}
		byEntry.set(entry.id, byEntry.get(entry.id)! + p);
	}
	for (const [place, n] of moved) notes.push(`population weights: ${n} LSOAs of ${place} moved to their 2023 sub-ICB`);
	if (missingPop > 0)
		notes.push(`population weights: ${missingPop} LSOAs have no population in the mySociety overlaps (counted as 0)`);
	for (const [id, p] of byEntry) if (p <= 0) throw new EtlError({ file }, `sub-ICB part ${id} has no population`);
	return { byEntry, notes };
}

/**
 * The sub-ICB parts (mapping entry ids) each local authority district (LAD21 code) has LSOAs in, from the official
 * LSOA11 -> CCG21 -> LAD21 lookup placed as createLsoaPlacer does. A district with one part, or with parts all in one
 * alliance, lies wholly in it. (The four unitary authorities of April 2023 have no LAD21 code, so they are absent.)
 */
export function districtEntries(
	mapping: SubIcbAllianceMapping,
	lsoas: LsoaRow[],
	files?: GeoFileNames
): Map<string, Set<string>> {
	const place = createLsoaPlacer(mapping, files);
	const out = new Map<string, Set<string>>();
	for (const l of lsoas) {
		let parts = out.get(l.lad);
		if (!parts) out.set(l.lad, (parts = new Set()));
		parts.add(place(l).entry.id);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// ICB -> alliance
// ---------------------------------------------------------------------------------------------------------------

export interface IcbAllianceShare {
	icb_code: string;
	alliance_code: string;
	variant: AllianceVariant;
	population: number;
	/** Share of the ICB's population in this alliance, 0-1. */
	share: number;
}

/**
 * Each ICB's population by alliance, per variant. THE MAJORITY RULE: an ICB's parent alliance is the alliance that
 * holds the largest share of its resident population (mid-2020 LSOA populations; see entryPopulations). Only two ICBs
 * straddle in 2024: Nottingham and Nottinghamshire (Bassetlaw -> South Yorkshire and Bassetlaw) and Bath and North
 * East Somerset, Swindon and Wiltshire (Swindon -> Thames Valley).
 */
export function icbAllianceShares(mapping: SubIcbAllianceMapping, population: Map<string, number>): IcbAllianceShare[] {
	const out: IcbAllianceShare[] = [];
	const subByCode = new Map(mapping.subIcbs.map((s) => [s.code, s]));
	for (const v of ALLIANCE_VARIANTS) {
		for (const icb of mapping.icbs) {
			const totals = new Map<string, number>();
			for (const e of mapping.entries) {
				if (subByCode.get(e.sub_icb_code)?.icb_code !== icb.code) continue;
				totals.set(e.alliance[v], (totals.get(e.alliance[v]) ?? 0) + (population.get(e.id) ?? 0));
			}
			const sum = [...totals.values()].reduce((a, b) => a + b, 0);
			for (const [alliance, p] of totals) {
				out.push({
					icb_code: icb.code,
					alliance_code: alliance,
					variant: v,
					population: p,
					share: sum > 0 ? p / sum : 0
				});
			}
		}
	}
	return out;
}

/** The majority alliance of each ICB, per variant (majorityOf: an even split is an error). */
export function icbMajority(shares: IcbAllianceShare[]): Record<AllianceVariant, Map<string, string>> {
	const out = { '20': new Map<string, string>(), '21': new Map<string, string>() } as Record<
		AllianceVariant,
		Map<string, string>
	>;
	for (const v of ALLIANCE_VARIANTS) {
		const byIcb = new Map<string, IcbAllianceShare[]>();
		for (const s of shares) if (s.variant === v) byIcb.set(s.icb_code, [...(byIcb.get(s.icb_code) ?? []), s]);
		for (const [icb, parts] of byIcb) {
			const best = majorityOf(
				parts,
				(p) => p.population,
				(a, b) =>
					new EtlError(
						{ file: GEO_FILE_NAMES.lsoaPopulation },
						`ICB ${icb} is split evenly between ${a.alliance_code} and ${b.alliance_code}`
					)
			);
			if (best) out[v].set(icb, best.alliance_code);
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Lookup rows for both variants
// ---------------------------------------------------------------------------------------------------------------

/**
 * Merge per-variant lookup rows: a row identical in both variants (same child, parent, relation, share, source, note)
 * becomes one row with variant null ("both"); the others keep their variant.
 */
export function collapseVariants(rows20: AreaLookup[], rows21: AreaLookup[]): AreaLookup[] {
	const key = (r: AreaLookup) => JSON.stringify([r.child_code, r.parent_code, r.relation, r.share, r.source, r.note]);
	const in21 = new Map(rows21.map((r) => [key(r), r]));
	const out: AreaLookup[] = [];
	for (const r of rows20) {
		const k = key(r);
		if (in21.has(k)) {
			out.push({ ...r, variant: null });
			in21.delete(k);
		} else out.push({ ...r, variant: '20' });
	}
	for (const r of in21.values()) out.push({ ...r, variant: '21' });
	return out;
}
