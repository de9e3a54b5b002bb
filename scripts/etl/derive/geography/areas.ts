/**
 * The geography part of the ETL: areas (England, alliances, ICBs, sub-ICBs, trusts, constituencies), many-to-many
 * lookups and MPs (the alliance boundaries: topology.ts). Pure functions: the orchestrator reads
 * the files and passes their contents.
 *
 * Pieces (all in derive/geography/): alliances.ts (sub-ICB -> alliance with the 2024 changes, ICB majority rule),
 * trusts.ts (ODS trusts, RAND hand mapping, trust resolver), constituencies.ts (constituencies, MPs, constituency
 * shares), constituency-sub-icb.ts (each constituency's residents by Sub-ICB), split.ts + topology.ts (TopoJSON),
 * roll-up.ts (organisation -> Sub-ICB/ICB -> alliance per variant -> England, for every derivation).
 */
import {
	ALLIANCE_VARIANTS,
	ENGLAND_CODE,
	type AllianceVariant,
	type Area,
	type AreaLookup
} from '../../../../src/lib/data/contract';
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
	readLsoaPopulation
} from './alliances';
import { readCodeNames } from '../../sources/geo-csv';
import { PCON_CAVEATS, readConstituencies, readConstituencyAlliances, readMps, MP_LIST_AS_OF } from './constituencies';
import { constituencySubIcbShares, readSeatCodes } from './constituency-sub-icb';
import { hqOverrides } from './trust-placement';
import type { GeographyInputs, GeographyOptions, GeographyResult, GeographySourceStats } from './types';
import {
	createTrustResolver,
	RAND_NOTE,
	RAND_SOURCE,
	readOdsTrusts,
	readRandHandMapping,
	type TrustAlliance
} from './trusts';

export * from './alliances';
export * from './trusts';
export * from './constituencies';
export * from './types';
export { createGeographyIndex } from './geography-index';
export { straddlingTrustPostcodeAreas, trustAlliance } from './trust-placement';

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
