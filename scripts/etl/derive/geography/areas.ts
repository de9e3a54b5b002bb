/**
 * The geography part of the ETL: areas (England, alliances, ICBs, sub-ICBs, trusts, constituencies), many-to-many
 * lookups, MPs, and the alliance boundaries (re-exported from topology.ts). Pure functions: the orchestrator reads
 * the files and passes their contents.
 *
 * Pieces (all in derive/geography/): alliances.ts (sub-ICB -> alliance with the 2024 changes, ICB majority rule),
 * trusts.ts (ODS trusts, RAND hand mapping, trust resolver), constituencies.ts (constituencies, MPs, constituency
 * shares), constituency-sub-icb.ts (each constituency's residents by Sub-ICB), split.ts + topology.ts (TopoJSON),
 * roll-up.ts (organisation -> Sub-ICB/ICB -> alliance per variant -> England, for every derivation).
 */
import Papa from 'papaparse';
import {
	ALLIANCE_VARIANTS,
	ENGLAND_CODE,
	type AllianceVariant,
	type Area,
	type AreaLookup,
	type Mp
} from '../../../../src/lib/data/contract';
import type { GeographyIndex } from './geography-index';
import {
	alliancesOf,
	buildSubIcbAllianceMapping,
	collapseVariants,
	districtEntries,
	entryPopulations,
	lsoaEntries,
	fileName,
	icbAllianceShares,
	icbMajority,
	readLsoaLookup,
	readLsoaPopulation,
	type GeoFileNames,
	type IcbAllianceShare,
	type LsoaRow,
	type SubIcbAllianceMapping
} from './alliances';
import { readCodeNames } from '../../sources/geo-csv';
import {
	PCON_CAVEATS,
	readConstituencies,
	readConstituencyAlliances,
	readMps,
	MP_LIST_AS_OF,
	type Constituency
} from './constituencies';
import { constituencySubIcbShares, readSeatCodes } from './constituency-sub-icb';
import { majorityOf } from './roll-up';
import {
	createTrustResolver,
	RAND_NOTE,
	RAND_SOURCE,
	readOdsTrusts,
	readRandHandMapping,
	type HandMappedProvider,
	type TrustAlliance,
	type TrustInfo
} from './trusts';

export * from './alliances';
export * from './trusts';
export * from './constituencies';
export {
	allianceProperties,
	buildAllianceTopology,
	type AllianceTopology,
	type AllianceTopologyOptions,
	type AllianceProperties
} from './topology';

/** File contents the orchestrator hands over: CSV as text, JSON parsed, spreadsheets as bytes. */
export interface GeographyInputs {
	/** metrics/lookups/Sub-ICB-to-Alliance-mapping-2022_v1.4.csv (text; BOM allowed) */
	ncpesMapping: string;
	/** metrics/lookups/SICBL22_ICB22_NHSER22_Lookup_July_2022.csv */
	sicbl22Lookup: string;
	/** cancer-alliances/cal24_names_codes_apr2024.json (parsed) */
	cal24Names: unknown;
	/** cancer-alliances/icb23_names_codes.json (parsed) */
	icb23Names: unknown;
	/** cancer-alliances/sicbl_names_codes.json (parsed) */
	sicblNames: unknown;
	/** metrics/lookups/LSOA11_CCG21_STP21_CAL21_LAD21_EN_LU.xlsx (bytes): LSOA -> sub-ICB and LAD, for population weights */
	lsoaLookup: Uint8Array;
	/** constituencies/mysociety_LSOA11_PARL25_combo_overlap.csv: LSOA populations */
	lsoaPopulation: string;
	/** metrics/lookups/ods_etr_nhs_trusts.csv */
	odsTrusts: string;
	/** metrics/lookups/ProviderToCAMappingByHand_RAND.csv */
	randProviders: string;
	/** constituencies/pcon_names_codes_dec2024.json (parsed) */
	pconNames: unknown;
	/** mps/mp_lookup.csv */
	mpLookup: string;
	/** mps/current-MPs.csv (optional: a cross-check only) */
	currentMps?: string | null;
	/** derived/pcon24_to_cancer_alliance_2024_20.csv */
	pconAlliance20: string;
	/** derived/pcon24_to_cancer_alliance_21_eoe_split.csv */
	pconAlliance21: string;
	/** constituencies/ukparl.2025.csv: mySociety seat ids -> PCON24 codes (for the LSOA overlaps' PARL25 column) */
	pconIds: string;
	/**
	 * Optional: OS Code-Point Open CSVs (postcodes/codepo/csv/<area>.csv, no header) covering the HQ postcodes of trusts
	 * whose ICB straddles two alliances (see `straddlingTrustPostcodeAreas`). With them such a trust is placed by the
	 * local authority of its HQ (e.g. Great Western Hospitals, Swindon -> Thames Valley); without them it takes its
	 * ICB's majority alliance.
	 */
	codepo?: string[];
}

export interface GeographyOptions {
	files?: GeoFileNames;
	/** Date of the MP list; default 2026-06-27 (raw/SOURCES.md). */
	mpAsOf?: string;
}

export interface GeographySourceStats {
	file: string;
	rows_read: number;
	rows_kept: number;
	rows_rejected: number;
	notes: string;
}

export interface GeographyResult {
	areas: Area[];
	lookups: AreaLookup[];
	mps: Mp[];
	mapping: SubIcbAllianceMapping;
	/** Each local authority district's (LAD21 code) sub-ICB parts (mapping entry ids), from the LSOA11 lookup. */
	districtParts: Map<string, Set<string>>;
	/** Each ICB's population share by alliance, per variant (the basis of the majority rule). */
	icbShares: IcbAllianceShare[];
	/** ICB code -> majority alliance, per variant. */
	icbAlliance: Record<AllianceVariant, Record<string, string>>;
	trusts: TrustInfo[];
	handMapped: HandMappedProvider[];
	/** Trusts placed by the local authority of their HQ postcode rather than their ICB's majority: code -> alliance per variant. */
	trustHqOverrides: Record<string, Record<AllianceVariant, string>>;
	constituencies: Constituency[];
	sources: GeographySourceStats[];
	notes: string[];
}

const POPULATION_RULE =
	'population-weighted: mid-2020 LSOA11 populations (mySociety LSOA11->PARL25 overlaps) by sub-ICB (ONS LSOA11->CCG21 lookup, Glossop and Oundle moved to their 2023 sub-ICBs, Swindon LSOAs by LAD21)';

/** Build every geography table. Throws EtlError (naming file, row and column) on any input problem. */
export function buildAreas(inputs: GeographyInputs, options: GeographyOptions = {}): GeographyResult {
	const files = options.files;
	const notes: string[] = [];
	const sources: GeographySourceStats[] = [];
	const stat = (key: Parameters<typeof fileName>[1], read: number, kept: number, n: string[]) =>
		sources.push({
			file: fileName(files, key),
			rows_read: read,
			rows_kept: kept,
			rows_rejected: read - kept,
			notes: n.join('; ')
		});

	// 1. Sub-ICB -> alliance, ICBs, sub-ICBs.
	const mapping = buildSubIcbAllianceMapping(inputs, files);
	notes.push(...mapping.notes);
	stat(
		'ncpesMapping',
		mapping.subIcbs.length,
		mapping.subIcbs.length,
		mapping.notes.filter((n) => !n.includes('recoded'))
	);
	stat(
		'sicbl22Lookup',
		mapping.subIcbs.length,
		mapping.subIcbs.length,
		mapping.notes.filter((n) => n.includes('recoded'))
	);

	// 2. Population weights and the ICB majority rule.
	const lsoas = readLsoaLookup(inputs.lsoaLookup, files);
	const lsoaPop = readLsoaPopulation(inputs.lsoaPopulation, files);
	const pops = entryPopulations(mapping, lsoas, lsoaPop, files);
	stat('lsoaLookup', lsoas.length, lsoas.length, pops.notes);
	stat('lsoaPopulation', lsoaPop.size, lsoaPop.size, ['English LSOA11 populations (overlap_pop summed per LSOA)']);
	const icbShares = icbAllianceShares(mapping, pops.byEntry);
	const majority = icbMajority(icbShares);
	const straddling = { '20': new Set<string>(), '21': new Set<string>() } as Record<AllianceVariant, Set<string>>;
	for (const s of icbShares) if (s.share < 1) straddling[s.variant].add(s.icb_code);
	for (const icb of straddling['20']) {
		const parts = icbShares
			.filter((s) => s.variant === '20' && s.icb_code === icb)
			.map((s) => `${s.alliance_code} ${(s.share * 100).toFixed(1)}%`);
		notes.push(`ICB ${icb} straddles alliances (${parts.join(', ')}); parent = majority ${majority['20'].get(icb)}`);
	}

	// 3. Trusts and the hand mapping.
	const icbsByOds = new Map(mapping.icbs.map((i) => [i.ods, i]));
	const ods = readOdsTrusts(inputs.odsTrusts, icbsByOds, files);
	stat('odsTrusts', ods.rowsRead, ods.trusts.length, ods.notes);
	const cal24 = readCodeNames(fileName(files, 'cal24Names'), inputs.cal24Names);
	const rand = readRandHandMapping(inputs.randProviders, cal24, files);
	const trustHqOverrides = hqOverrides(ods.trusts, straddling, mapping, lsoas, inputs.codepo ?? null, notes);
	const resolveBase = createTrustResolver({
		trusts: ods.trusts,
		handMapped: rand.providers,
		icbAlliance: majority,
		straddlingIcbs: straddling
	});
	const resolve = (code: string, v: AllianceVariant): TrustAlliance | null => {
		const o = trustHqOverrides[code.trim().toUpperCase()];
		return o ? { alliance: o[v], via: 'ods', icb_straddles: true } : resolveBase(code, v);
	};
	const odsCodes = new Set(ods.trusts.map((t) => t.code));
	const randNotes = [...rand.notes];
	for (const p of rand.providers) {
		if (!odsCodes.has(p.code)) continue;
		const viaOds = resolve(p.code, '21');
		const agree = viaOds && p.alliance ? viaOds.alliance === p.alliance['21'] : viaOds === null && p.alliance === null;
		randNotes.push(
			`${p.code} is an ODS trust, so ODS is used; RAND ${agree ? 'agrees' : `disagrees (RAND: ${p.rand_alliance_code}; ODS: ${viaOds?.alliance ?? 'none'})`}`
		);
	}
	stat('randProviders', rand.rowsRead, rand.providers.length, randNotes);
	notes.push(...randNotes.slice(1).filter((n) => n.includes('disagrees')));

	// 4. Constituencies, shares, MPs.
	const constituencies = readConstituencies(inputs.pconNames, files);
	const allianceCodes = Object.fromEntries(
		ALLIANCE_VARIANTS.map((v) => [v, new Set(alliancesOf(mapping, v).map((a) => a.code))])
	) as Record<AllianceVariant, Set<string>>;
	const pcon = readConstituencyAlliances(
		{ '20': inputs.pconAlliance20, '21': inputs.pconAlliance21 },
		constituencies,
		allianceCodes,
		files
	);
	for (const v of ALLIANCE_VARIANTS) {
		const st = pcon.stats[v];
		const extra = PCON_CAVEATS.map((c) => `note on ${c.constituency}: ${c.note.split(':')[0]}`);
		stat(v === '20' ? 'pconAlliance20' : 'pconAlliance21', st.rowsRead, st.rowsRead - st.rowsDropped, [
			...st.notes,
			...extra
		]);
	}
	const seatCodes = readSeatCodes(inputs.pconIds, constituencies, files);
	const bySubIcb = constituencySubIcbShares(
		inputs.lsoaPopulation,
		seatCodes,
		lsoaEntries(mapping, lsoas, files).entryOf,
		files
	);
	stat('pconIds', seatCodes.size, seatCodes.size, [
		'mySociety seat ids to PCON24 codes, for the constituency -> Sub-ICB shares',
		...bySubIcb.notes
	]);
	const mpRes = readMps(
		inputs.mpLookup,
		inputs.currentMps ?? null,
		constituencies,
		options.mpAsOf ?? MP_LIST_AS_OF,
		files
	);
	stat('mpLookup', mpRes.rowsRead, mpRes.mps.length, mpRes.notes);

	// 5. Areas.
	const areas: Area[] = [{ code: ENGLAND_CODE, name: 'England', type: 'england', parent_code: null, variant: null }];
	for (const a of mapping.alliances)
		areas.push({ code: a.code, name: a.name, type: 'alliance', parent_code: ENGLAND_CODE, variant: a.variant });
	for (const i of mapping.icbs)
		areas.push({ code: i.code, name: i.name, type: 'icb', parent_code: majority['20'].get(i.code)!, variant: null });
	for (const s of mapping.subIcbs)
		areas.push({ code: s.code, name: s.name, type: 'sub_icb', parent_code: s.icb_code, variant: null });
	for (const t of ods.trusts)
		areas.push({ code: t.code, name: t.name, type: 'trust', parent_code: t.icb_code, variant: null });
	for (const p of rand.providers) {
		if (!odsCodes.has(p.code))
			areas.push({ code: p.code, name: p.name, type: 'trust', parent_code: null, variant: null });
	}
	for (const c of constituencies) {
		areas.push({
			code: c.code,
			name: c.name,
			type: 'constituency',
			parent_code: c.country === 'E' ? pcon.bestFit['20'].get(c.code)! : null,
			variant: null
		});
	}
	const seen = new Set<string>();
	for (const a of areas) {
		if (seen.has(a.code)) throw new Error(`geography: area code ${a.code} is used twice (${a.type})`);
		seen.add(a.code);
	}

	// 6. Lookups.
	const lookups: AreaLookup[] = [];
	const perVariant = (make: (v: AllianceVariant) => AreaLookup[]) =>
		lookups.push(...collapseVariants(make('20'), make('21')));
	const subPop = new Map<string, number>();
	for (const e of mapping.entries)
		subPop.set(e.sub_icb_code, (subPop.get(e.sub_icb_code) ?? 0) + pops.byEntry.get(e.id)!);
	perVariant((v) =>
		mapping.entries.map((e) => ({
			child_code: e.sub_icb_code,
			parent_code: e.alliance[v],
			relation: 'sub_icb_in_alliance',
			variant: v,
			share: e.part.kind === 'whole' ? 1 : round4(pops.byEntry.get(e.id)! / subPop.get(e.sub_icb_code)!),
			source: 'NCPES Sub-ICB to Cancer Alliance mapping 2022 v1.4, with the 2024 changes (raw/SOURCES.md)',
			note:
				e.part.kind === 'whole'
					? e.basis.startsWith('2024')
						? e.basis
						: null
					: `${e.part.kind === 'inside_lad' ? 'the part in' : 'the part outside'} ${e.part.lad_name} (${e.part.lad_code}); share = population share (${POPULATION_RULE}); ${e.basis}`
		}))
	);
	perVariant((v) =>
		icbShares
			.filter((s) => s.variant === v)
			.map((s) => ({
				child_code: s.icb_code,
				parent_code: s.alliance_code,
				relation: 'icb_touches_alliance',
				variant: v,
				share: round4(s.share),
				source: `sub-ICB -> alliance mapping; ${POPULATION_RULE}`,
				note:
					s.share < 1
						? majority[v].get(s.icb_code) === s.alliance_code
							? 'majority alliance (the ICB parent)'
							: 'minority part of the ICB'
						: null
			}))
	);
	const straddleNote = 'HQ ICB lies in more than one alliance: the ICB majority alliance is used';
	perVariant((v) => {
		const rows: AreaLookup[] = [];
		for (const t of ods.trusts) {
			const r = resolve(t.code, v);
			if (!r) continue;
			const override = trustHqOverrides[t.code];
			rows.push({
				child_code: t.code,
				parent_code: r.alliance,
				relation: 'trust_in_alliance',
				variant: v,
				share: null,
				source: override
					? 'NHS ODS etr (HQ postcode) + OS Code-Point Open (LAD)'
					: 'NHS ODS etr (HQ ICB) + ICB majority alliance',
				note: override
					? 'HQ ICB lies in more than one alliance: placed by the local authority of its HQ postcode'
					: r.icb_straddles
						? straddleNote
						: null
			});
		}
		for (const p of rand.providers) {
			if (odsCodes.has(p.code) || !p.alliance) continue;
			rows.push({
				child_code: p.code,
				parent_code: p.alliance[v],
				relation: 'trust_in_alliance',
				variant: v,
				share: null,
				source: RAND_SOURCE,
				note: RAND_NOTE
			});
		}
		return rows;
	});
	lookups.push(...pcon.lookups, ...bySubIcb.lookups);

	return {
		areas,
		lookups,
		mps: mpRes.mps,
		mapping,
		districtParts: districtEntries(mapping, lsoas, files),
		icbShares,
		icbAlliance: { '20': Object.fromEntries(majority['20']), '21': Object.fromEntries(majority['21']) },
		trusts: ods.trusts,
		handMapped: rand.providers,
		trustHqOverrides,
		constituencies,
		sources,
		notes: [...notes, ...pcon.notes, ...mpRes.notes]
	};
}

function round4(x: number): number {
	return Math.round(x * 1e4) / 1e4;
}

/** Postcode areas (e.g. "SN") of the HQs of trusts whose ICB straddles alliances: the Code-Point files worth passing. */
export function straddlingTrustPostcodeAreas(result: Pick<GeographyResult, 'trusts' | 'icbShares'>): string[] {
	const straddling = new Set(result.icbShares.filter((s) => s.share < 1).map((s) => s.icb_code));
	return [
		...new Set(
			result.trusts
				.filter((t) => t.icb_code && straddling.has(t.icb_code))
				.map((t) => (t.postcode ? (/^[A-Z]+/.exec(t.postcode)?.[0] ?? '') : ''))
		)
	]
		.filter(Boolean)
		.sort();
}

/**
 * Trusts whose HQ ICB straddles alliances, placed by the LAD of their HQ postcode (Code-Point Open): a LAD split out of
 * a sub-ICB (Swindon) gives that part's alliance; otherwise the LAD's sub-ICB within the ICB (by most LSOAs in the ONS
 * lookup) gives its alliance. Trusts without a postcode, or a postcode not in the files, keep the majority rule.
 */
function hqOverrides(
	trusts: TrustInfo[],
	straddling: Record<AllianceVariant, Set<string>>,
	mapping: SubIcbAllianceMapping,
	lsoas: LsoaRow[],
	codepo: string[] | null,
	notes: string[]
): Record<string, Record<AllianceVariant, string>> {
	const out: Record<string, Record<AllianceVariant, string>> = {};
	const candidates = trusts.filter(
		(t) => t.icb_code && (straddling['20'].has(t.icb_code) || straddling['21'].has(t.icb_code))
	);
	if (candidates.length === 0) return out;
	if (!codepo) {
		notes.push(
			`trusts in ICBs that straddle alliances take the ICB majority alliance (no Code-Point Open postcodes given): ${candidates.map((t) => t.code).join(', ')}`
		);
		return out;
	}
	const wanted = new Map(candidates.filter((t) => t.postcode).map((t) => [normalisePostcode(t.postcode!), t]));
	const ladOf = new Map<string, string>();
	for (const text of codepo) {
		const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
		for (const row of parsed.data) {
			const pc = normalisePostcode(row[0] ?? '');
			if (wanted.has(pc) && row[8]) ladOf.set(pc, row[8].trim());
		}
	}
	const subByCode = new Map(mapping.subIcbs.map((s) => [s.code, s]));
	for (const [pc, t] of wanted) {
		const lad = ladOf.get(pc);
		if (!lad) {
			notes.push(
				`trust ${t.code}: HQ postcode ${t.postcode} not found in the Code-Point files given; ICB majority alliance used`
			);
			continue;
		}
		const inIcb = mapping.entries.filter((e) => subByCode.get(e.sub_icb_code)?.icb_code === t.icb_code);
		let entry = inIcb.find((e) => e.part.kind === 'inside_lad' && e.part.lad_code === lad);
		if (!entry) {
			const counts = new Map<string, number>();
			for (const l of lsoas) if (l.lad === lad) counts.set(l.ccgOds, (counts.get(l.ccgOds) ?? 0) + 1);
			const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
			entry = inIcb.find((e) => e.sub_icb_ods === best && e.part.kind !== 'inside_lad');
		}
		if (!entry) {
			notes.push(`trust ${t.code}: HQ LAD ${lad} is not within its ICB's sub-ICBs; ICB majority alliance used`);
			continue;
		}
		out[t.code] = { ...entry.alliance };
		notes.push(
			`trust ${t.code} ${t.name}: HQ ${t.postcode} in LAD ${lad} -> ${entry.alliance['20']} (its ICB straddles alliances)`
		);
	}
	return out;
}

function normalisePostcode(pc: string): string {
	return pc.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The trust -> alliance resolver over a built result: ODS (HQ) first, then RAND's hand mapping, else null. */
export function trustAlliance(
	result: Pick<GeographyResult, 'trusts' | 'handMapped' | 'icbAlliance' | 'icbShares' | 'trustHqOverrides'>,
	orgCode: string,
	variant: AllianceVariant
): TrustAlliance | null {
	return makeTrustResolver(result)(orgCode, variant);
}

function makeTrustResolver(
	result: Pick<GeographyResult, 'trusts' | 'handMapped' | 'icbAlliance' | 'icbShares' | 'trustHqOverrides'>
) {
	const straddling = { '20': new Set<string>(), '21': new Set<string>() } as Record<AllianceVariant, Set<string>>;
	for (const s of result.icbShares) if (s.share < 1) straddling[s.variant].add(s.icb_code);
	const base = createTrustResolver({
		trusts: result.trusts,
		handMapped: result.handMapped,
		icbAlliance: {
			'20': new Map(Object.entries(result.icbAlliance['20'])),
			'21': new Map(Object.entries(result.icbAlliance['21']))
		},
		straddlingIcbs: straddling
	});
	return (orgCode: string, variant: AllianceVariant): TrustAlliance | null => {
		const o = result.trustHqOverrides[orgCode.trim().toUpperCase()];
		return o ? { alliance: o[variant], via: 'ods', icb_straddles: true } : base(orgCode, variant);
	};
}

/** The GeographyIndex the derivations use (geography-index.ts). */
export function createGeographyIndex(result: GeographyResult): GeographyIndex {
	const resolver = makeTrustResolver(result);
	const icbCodes = new Set(result.mapping.icbs.map((i) => i.code));
	const recoded = new Map<string, string>(
		[...result.mapping.icbs, ...result.mapping.subIcbs]
			.filter((x) => x.code_2022 !== x.code)
			.map((x) => [x.code_2022, x.code])
	);
	const icbOfSub = new Map(result.mapping.subIcbs.map((s) => [s.code, s.icb_code]));
	const subIcbAlliance = subIcbMajority(result.lookups);
	return {
		currentCode: (code) => recoded.get(code) ?? code,
		subIcbAlliance: (code, variant) => subIcbAlliance[variant].get(code) ?? null,
		icbOfSubIcb: (code) => icbOfSub.get(code) ?? null,
		areas: new Map(result.areas.map((a) => [a.code, a])),
		icbByOds: new Map(result.mapping.icbs.map((i) => [i.ods, i.code])),
		icbAlliance: (icbCode, variant) => (icbCodes.has(icbCode) ? (result.icbAlliance[variant][icbCode] ?? null) : null),
		trustAlliance: (odsCode, variant) => {
			const r = resolver(odsCode, variant);
			return r ? { alliance: r.alliance, via: r.via } : null;
		},
		alliances: (variant) => alliancesOf(result.mapping, variant).map((a) => a.code)
	};
}

/** Each Sub-ICB's alliance per variant: its only one, or (split, as 92G is) the part where most residents live. */
function subIcbMajority(lookups: AreaLookup[]): Record<AllianceVariant, Map<string, string>> {
	const out = { '20': new Map<string, string>(), '21': new Map<string, string>() } as Record<
		AllianceVariant,
		Map<string, string>
	>;
	const parts = lookups.filter((l) => l.relation === 'sub_icb_in_alliance');
	for (const v of ALLIANCE_VARIANTS) {
		const bySub = new Map<string, AreaLookup[]>();
		for (const l of parts) {
			if (l.variant === null || l.variant === v) bySub.set(l.child_code, [...(bySub.get(l.child_code) ?? []), l]);
		}
		for (const [sub, rows] of bySub) {
			const best = majorityOf(
				rows,
				(l) => l.share ?? 1,
				(a, b) => new Error(`Sub-ICB ${sub} is split evenly between ${a.parent_code} and ${b.parent_code}`)
			);
			if (best) out[v].set(sub, best.parent_code);
		}
	}
	return out;
}
