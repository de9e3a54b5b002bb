/**
 * The data contract: the shapes of the tables the ETL writes and the app reads.
 * Indicator ids, area types and column names here are public: users' SQL and shared links rely on them.
 */

/** gp_practice: a GP practice (ODS code such as A81001), whose parent is its Sub-ICB (E38 code). */
export const AREA_TYPES = ['england', 'alliance', 'icb', 'sub_icb', 'trust', 'constituency', 'gp_practice'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

/** provider: the trust accountable for the pathway; commissioner: the ICB paying (where patients live); registry: NDRS. */
export const BASES = ['provider', 'commissioner', 'registry'] as const;
export type Basis = (typeof BASES)[number];

/** Comparison words and polarity belong to the statistics; the contract uses them as they are. */
import { COMPARISONS, type Comparison, type Polarity } from '../stats/types';
export { COMPARISONS, type Comparison, type Polarity };
import { RELEASE_STATUSES, type ReleaseStatus } from './release';
export { RELEASE_STATUSES, type ReleaseStatus };

export const ENGLAND_CODE = 'E92000001';

/** Alliance geography variants: CAL24's 20 alliances (default) or East of England split North / South as before 2024. */
export const ALLIANCE_VARIANTS = ['20', '21'] as const;
export type AllianceVariant = (typeof ALLIANCE_VARIANTS)[number];

export interface Area {
	code: string;
	name: string;
	type: AreaType;
	parent_code: string | null;
	/** Only for alliances that exist in one variant: '20' (East of England merged) or '21' (North and South). Null: both. */
	variant: AllianceVariant | null;
}

/** A many-to-many membership with a share, e.g. constituency -> alliance by population, trust -> alliance by hand. */
export interface AreaLookup {
	child_code: string;
	parent_code: string;
	relation: string;
	variant: AllianceVariant | null;
	share: number | null;
	source: string;
	note: string | null;
}

export const INDICATOR_IDS = [
	'fds_breast_suspected',
	'fds_breast_symptomatic',
	'cwt31_breast',
	'cwt62_breast',
	'breast_symptomatic_14d',
	'stage12_breast',
	'stage_completeness_breast',
	'mortality_breast_asr',
	'mortality_breast_crude',
	'screening_breast_coverage'
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** 'value': an analyst's own indicator whose unit the file does not say. */
export type Unit = '%' | 'per 100,000' | 'value';

export interface Indicator {
	/** One of INDICATOR_IDS for published indicators; analysts' own files add ids like `fingertips_94063` or `cosd_<item>`. */
	id: string;
	name: string;
	description: string;
	unit: Unit;
	polarity: Polarity;
	/** The operational standard in the indicator's unit, where one is in force; null otherwise. */
	standard: number | null;
	/**
	 * A second, higher bar where a programme sets two (e.g. breast screening coverage: 70% acceptable = `standard`,
	 * 80% achievable = `achievable`); null for every indicator with a single standard or none.
	 */
	achievable: number | null;
	source: string;
	publisher: string;
	licence: string;
	url: string;
}

export interface Observation {
	indicator_id: string;
	area_code: string;
	basis: Basis;
	/** ISO date: the first day of the period (the month, or 1 January for a calendar year). */
	period_start: string;
	period_end: string;
	numerator: number | null;
	denominator: number | null;
	/** Percentages for proportions; rates per 100,000 for rates. Null when missing or suppressed. */
	value: number | null;
	lower95: number | null;
	upper95: number | null;
	lower998: number | null;
	upper998: number | null;
	comparison: Comparison;
	/** True when small counts (1-7) below national level were withheld (disclosure control). */
	suppressed: boolean;
	/** The status of the release the figure was read from: final, provisional or revised. */
	release: ReleaseStatus;
	/** The input file it was read from (as in `provenance.file`), or a folder ending in `/` when it sums several files there. */
	release_file: string;
}

/** The MP for a 2024 constituency, from the Parliament Members API via a published daily extract. */
export interface Mp {
	constituency_code: string;
	name: string;
	party: string;
	/** Only an address Parliament publishes; null where none is published. Never guessed. */
	email: string | null;
	member_id: number;
	profile_url: string;
	/** The date of the MP list this came from. */
	as_of: string;
}

export interface Provenance {
	file: string;
	sha256: string;
	rows_read: number;
	rows_kept: number;
	rows_rejected: number;
	notes: string;
}

/** Columns of each exported table, in order: the manifest and the CSV writers both use this. */
export const TABLE_COLUMNS = {
	areas: ['code', 'name', 'type', 'parent_code', 'variant'],
	area_lookups: ['child_code', 'parent_code', 'relation', 'variant', 'share', 'source', 'note'],
	indicators: ['id', 'name', 'description', 'unit', 'polarity', 'standard', 'achievable', 'source', 'publisher', 'licence', 'url'],
	observations: [
		'indicator_id', 'area_code', 'basis', 'period_start', 'period_end', 'numerator', 'denominator', 'value',
		'lower95', 'upper95', 'lower998', 'upper998', 'comparison', 'suppressed', 'release', 'release_file'
	],
	provenance: ['file', 'sha256', 'rows_read', 'rows_kept', 'rows_rejected', 'notes'],
	mps: ['constituency_code', 'name', 'party', 'email', 'member_id', 'profile_url', 'as_of']
} as const;
export type TableName = keyof typeof TABLE_COLUMNS;
