/**
 * Where a trust's provider figures count: the alliance of its headquarters' ICB (majority rule), except that a trust
 * in an ICB straddling two alliances is placed by the local authority of its HQ postcode (Code-Point Open); then
 * RAND's hand mapping for providers ODS does not place (trusts.ts).
 */
import Papa from 'papaparse';
import type { AllianceVariant } from '../../../../src/lib/data/contract';
import type { LsoaRow, SubIcbAllianceMapping } from './alliances';
import { createTrustResolver, type TrustAlliance, type TrustInfo } from './trusts';
import type { GeographyResult } from './types';

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
export function hqOverrides(
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

export function makeTrustResolver(
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
