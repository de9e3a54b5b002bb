/** What the derivations need to know about geography, independent of how the lookups were built. */
import type { AllianceVariant, Area } from '../../../../src/lib/data/contract';

export interface GeographyIndex {
	areas: Map<string, Area>;
	/** ICB ODS code (e.g. QOX) -> ICB ONS code (E54...). */
	icbByOds: Map<string, string>;
	/** The alliance an ICB's commissioner figures are counted in (its majority alliance), per variant. */
	icbAlliance(icbCode: string, variant: AllianceVariant): string | null;
	/** The alliance a Sub-ICB's figures are counted in (its only one, or the majority part's), per variant. */
	subIcbAlliance(subIcbCode: string, variant: AllianceVariant): string | null;
	/** The ICB a Sub-ICB (April 2023 code) belongs to. */
	icbOfSubIcb(subIcbCode: string): string | null;
	/** The alliance a trust's provider figures are counted in, and whether that came from ODS or the hand mapping. */
	trustAlliance(odsCode: string, variant: AllianceVariant): { alliance: string; via: 'ods' | 'hand_mapping' } | null;
	/** A Sub-ICB or ICB code as of April 2023: 2022 codes that were recoded (e.g. Surrey Heartlands) map to the new code. */
	currentCode(code: string): string;
	/** Alliance codes of a variant. */
	alliances(variant: AllianceVariant): string[];
}
