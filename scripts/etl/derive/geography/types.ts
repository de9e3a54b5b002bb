/** What the geography build takes and gives: the orchestrator's inputs and the result every derivation reads. */
import type { AllianceVariant, Area, AreaLookup, Mp } from '../../../../src/lib/data/contract';
import type { GeoFileNames, IcbAllianceShare, SubIcbAllianceMapping } from './alliances';
import type { Constituency } from './constituencies';
import type { HandMappedProvider, TrustInfo } from './trusts';

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
