/** What the derivations need to know about geography, independent of how the lookups were built. */
import { ALLIANCE_VARIANTS, type AllianceVariant, type Area, type AreaLookup } from '../../../../src/lib/data/contract';
import { alliancesOf } from './alliances';
import { majorityOf, type RollUpGeography } from './roll-up';
import { makeTrustResolver } from './trust-placement';
import type { GeographyResult } from './types';

/** The roll-up's questions (roll-up.ts: where each organisation counts), and the rest the derivations ask. */
export interface GeographyIndex extends RollUpGeography {
	areas: Map<string, Area>;
	/** ICB ODS code (e.g. QOX) -> ICB ONS code (E54...). */
	icbByOds: Map<string, string>;
	/** A Sub-ICB or ICB code as of April 2023: 2022 codes that were recoded (e.g. Surrey Heartlands) map to the new code. */
	currentCode(code: string): string;
	/** Alliance codes of a variant. */
	alliances(variant: AllianceVariant): string[];
}

/** The GeographyIndex the derivations use, over a built result. */
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
