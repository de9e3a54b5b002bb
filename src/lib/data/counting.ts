/**
 * Whose residents an alliance's figure counts. Waiting times on the commissioner basis are counted by ICB, and breast
 * screening coverage by Sub-ICB, each ICB or Sub-ICB wholly in the alliance where most of its residents live (README,
 * "How the figures are made"). So residents of the minority part of a split ICB or Sub-ICB are counted in another
 * alliance's figure: Swindon's (Thames Valley) in Somerset, Wiltshire, Avon and Gloucestershire's, and Bassetlaw's
 * waiting times (South Yorkshire and Bassetlaw) in East Midlands'. NDRS publishes alliance figures on the alliances'
 * own 2024 boundaries, so stage figures count everyone where they live. Pure: the caller passes the lookups.
 *
 * From area_lookups: constituency_in_alliance (where residents live), constituency_in_sub_icb (by Sub-ICB),
 * sub_icb_in_alliance (a split Sub-ICB has a row per part, with its population share) and icb_touches_alliance (each
 * ICB's alliances, with shares). A constituency's residents in the part of a split Sub-ICB that lies in an alliance are
 * its residents in that alliance less those in the whole Sub-ICBs there; exact while no constituency touches two split
 * Sub-ICBs in one alliance (there is one split Sub-ICB, Bath and North East Somerset, Swindon and Wiltshire).
 */
import type { AllianceVariant, Area, AreaLookup, Basis } from './contract';
import { WAITING_TIME_IDS } from './indicators';
import { SCREENING_INDICATOR_ID } from '../screening/estimate';

/**
 * Residents of one constituency who live in an alliance but are counted in another alliance's figure on a measure.
 */
export interface OutsideShare {
	/** The constituency (2024 code). */
	constituency: string;
	/** Share of the constituency's residents in this alliance who are counted elsewhere, 0-1 (2 decimal places). */
	share: number;
	/** The alliance whose figure counts them. */
	countedIn: { code: string; name: string };
	/** The ICB or Sub-ICB by which they are counted. */
	via: { code: string; name: string };
}

export type CountingUnit = 'icb' | 'sub_icb';

/**
 * How an alliance's figure counts residents on this indicator and basis: by ICB, by Sub-ICB, or null where it counts
 * everyone where they live (NDRS, on the alliances' own boundaries) or counts patients where they were treated
 * (the provider basis).
 */
export function countedBy(indicatorId: string, basis: Basis): CountingUnit | null {
	if (basis !== 'commissioner') return null;
	if (indicatorId === SCREENING_INDICATOR_ID) return 'sub_icb';
	return WAITING_TIME_IDS.has(indicatorId) ? 'icb' : null;
}

/** Shares below this (of a constituency's residents in the alliance) are boundary slivers, not worth a sentence. */
const SLIVER = 0.01;

/** `(alliance, variant, unit) => OutsideShare[]` over the given lookups and areas. */
export function createOutsideIndex(
	lookups: readonly AreaLookup[],
	areaByCode: ReadonlyMap<string, Area>
): (allianceCode: string, variant: AllianceVariant, unit: CountingUnit) => OutsideShare[] {
	const rows = (relation: string, v: AllianceVariant) =>
		lookups.filter((l) => l.relation === relation && (l.variant === null || l.variant === v));
	const group = (list: AreaLookup[]) => {
		const m = new Map<string, AreaLookup[]>();
		for (const l of list) m.set(l.child_code, [...(m.get(l.child_code) ?? []), l]);
		return m;
	};
	const bySubIcb = group(rows('constituency_in_sub_icb', '20'));
	const name = (code: string) => areaByCode.get(code)?.name ?? code;
	/** The alliance holding most of an area's residents: where its figures count. */
	const majority = (parts: AreaLookup[] | undefined) =>
		[...(parts ?? [])].sort((a, b) => (b.share ?? 1) - (a.share ?? 1))[0]?.parent_code ?? null;
	const memo = new Map<string, OutsideShare[]>();

	return (allianceCode, variant, unit) => {
		const key = `${allianceCode}|${variant}|${unit}`;
		const hit = memo.get(key);
		if (hit) return hit;
		const subParts = group(rows('sub_icb_in_alliance', variant));
		const icbParts = group(rows('icb_touches_alliance', variant));
		const out: OutsideShare[] = [];
		for (const live of rows('constituency_in_alliance', variant).filter((l) => l.parent_code === allianceCode)) {
			const c = live.child_code;
			const here = live.share ?? 1;
			const subs = bySubIcb.get(c) ?? [];
			const whole = (s: AreaLookup) => (subParts.get(s.parent_code) ?? []).length === 1;
			const inWholeHere = subs
				.filter((s) => whole(s) && subParts.get(s.parent_code)![0]!.parent_code === allianceCode)
				.reduce((sum, s) => sum + (s.share ?? 0), 0);
			const elsewhere = new Map<string, { share: number; countedIn: string; via: string }>();
			for (const s of subs) {
				const parts = subParts.get(s.parent_code) ?? [];
				if (!parts.some((p) => p.parent_code === allianceCode)) continue;
				// Residents of this constituency in this Sub-ICB and in this alliance.
				const inside = whole(s) ? (s.share ?? 0) : Math.min(s.share ?? 0, Math.max(0, here - inWholeHere));
				const icb = areaByCode.get(s.parent_code)?.parent_code ?? null;
				const via = unit === 'sub_icb' ? s.parent_code : icb;
				const countedIn = majority(unit === 'sub_icb' ? parts : icb ? icbParts.get(icb) : undefined);
				if (!via || !countedIn || countedIn === allianceCode || inside <= 0) continue;
				const e = elsewhere.get(`${countedIn}|${via}`) ?? { share: 0, countedIn, via };
				e.share += inside;
				elsewhere.set(`${countedIn}|${via}`, e);
			}
			for (const e of elsewhere.values()) {
				const share = Math.min(1, Math.round((e.share / here) * 100) / 100);
				if (share < SLIVER) continue;
				out.push({
					constituency: c,
					share,
					countedIn: { code: e.countedIn, name: name(e.countedIn) },
					via: { code: e.via, name: name(e.via) }
				});
			}
		}
		out.sort((a, b) => a.constituency.localeCompare(b.constituency) || b.share - a.share);
		memo.set(key, out);
		return out;
	};
}
