/**
 * The one roll-up every derivation sums by: an organisation's counts go to itself, from a Sub-ICB up to its ICB, to
 * the alliance it counts in for each variant, and to England. A Sub-ICB or ICB split between alliances counts wholly
 * in the alliance where most of its residents live (`majorityOf`, the one majority rule); a trust counts in its
 * headquarters' alliance, else RAND's hand mapping (trusts.ts). Waiting times (derive/cwt.ts) and screening coverage
 * (derive/screening.ts) both sum through `rollUp`, so the rule is stated once.
 */
import { ALLIANCE_VARIANTS, ENGLAND_CODE, type AllianceVariant } from '../../../../src/lib/data/contract';

export type RollUpLevel = 'england' | 'alliance' | 'icb' | 'sub_icb' | 'trust';

export interface RollUpTarget {
	code: string;
	type: RollUpLevel;
}

/**
 * THE MAJORITY RULE: the part holding the most residents. Throws `even(first, second)` when the two largest parts
 * hold as many residents each, because either choice would be arbitrary. Null when there are no parts.
 */
export function majorityOf<T>(
	parts: readonly T[],
	residents: (part: T) => number,
	even: (a: T, b: T) => Error
): T | null {
	const [first, second] = [...parts].sort((a, b) => residents(b) - residents(a));
	if (first !== undefined && second !== undefined && residents(first) === residents(second)) throw even(first, second);
	return first ?? null;
}

/** What the roll-up needs to know: where each kind of organisation counts, per alliance variant. */
export interface RollUpGeography {
	/** The alliance an ICB's commissioner figures are counted in (its majority alliance). */
	icbAlliance(icbCode: string, variant: AllianceVariant): string | null;
	/** The alliance a Sub-ICB's figures are counted in (its only one, or the majority part's). */
	subIcbAlliance(subIcbCode: string, variant: AllianceVariant): string | null;
	/** The ICB a Sub-ICB (April 2023 code) belongs to. */
	icbOfSubIcb(subIcbCode: string): string | null;
	/** The alliance a trust's provider figures are counted in, and whether that came from ODS or the hand mapping. */
	trustAlliance(odsCode: string, variant: AllianceVariant): { alliance: string; via: 'ods' | 'hand_mapping' } | null;
}

/**
 * Every area an organisation's counts are summed into, the organisation first and England last. An alliance that is
 * the same in both variants (every one but East of England's) is named once, so it is counted once.
 */
export function rollUp(geo: RollUpGeography, type: 'trust' | 'icb' | 'sub_icb', code: string): RollUpTarget[] {
	const targets: RollUpTarget[] = [{ code, type }];
	if (type === 'sub_icb') {
		const icb = geo.icbOfSubIcb(code);
		if (icb) targets.push({ code: icb, type: 'icb' });
	}
	const allianceIn = (variant: AllianceVariant): string | null => {
		if (type === 'trust') return geo.trustAlliance(code, variant)?.alliance ?? null;
		return type === 'icb' ? geo.icbAlliance(code, variant) : geo.subIcbAlliance(code, variant);
	};
	const alliances = new Set(ALLIANCE_VARIANTS.map(allianceIn).filter((a): a is string => a !== null));
	for (const alliance of alliances) targets.push({ code: alliance, type: 'alliance' });
	targets.push({ code: ENGLAND_CODE, type: 'england' });
	return targets;
}
