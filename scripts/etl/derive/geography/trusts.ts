/**
 * NHS trusts (ODS `etr`) and the RAND hand mapping of other providers to alliances; the trust -> alliance resolver.
 *
 * Rule: a trust listed by ODS takes the alliance of its ICB (ODS "Higher Level Health Geography", i.e. the ICB of the
 * trust's headquarters), and the ICB's alliance is its majority alliance (alliances.ts). Only providers that ODS
 * does not place in an English ICB fall back to RAND's hand mapping, which is third-party judgement, not official;
 * RAND's "multiple" means no single alliance.
 */
import type { AllianceVariant } from '../../../../src/lib/data/contract';
import { EtlError } from '../../errors';
import { cal24ForAlliance, fileName, type GeoFileNames, type IcbInfo } from './alliances';
import { readCsv, requireCell } from '../../sources/geo-csv';

export interface TrustInfo {
	/** ODS organisation code, e.g. R0A. */
	code: string;
	/** Readable name (see readableName); `name_published` is ODS's upper-case original. */
	name: string;
	name_published: string;
	/** ICB ODS code from ODS (e.g. QOP), or null where ODS gives none in England (Welsh trusts: Q99). */
	icb_ods: string | null;
	icb_code: string | null;
	national_grouping: string;
	/** HQ postcode as published, or null. */
	postcode: string | null;
	/** ISO dates. */
	open_date: string | null;
	close_date: string | null;
}

export interface HandMappedProvider {
	code: string;
	name: string;
	name_published: string;
	/** null where RAND says "multiple" (the provider spans several alliances): no alliance. */
	alliance: Record<AllianceVariant, string> | null;
	/** RAND's own code and name, as published. */
	rand_alliance_code: string;
	rand_alliance_name: string;
	independent: boolean;
	/** RAND's stated reason / source, verbatim. */
	rand_source: string;
	row: number;
}

export const RAND_SOURCE = 'RAND hand mapping ProviderToCAMappingByHand (RANDCorporation/mced-spillover-2025)';
export const RAND_NOTE = 'third-party hand mapping (RAND), not official';

const ACRONYMS = new Set(['NHS', 'UK', 'LLP', 'CIC', 'PLC', 'GP', 'ICB']);
/** Vowel-less abbreviations that are words, not acronyms. */
const NOT_ACRONYMS = new Set(['ST', 'LTD', 'DR', 'MR', 'MRS']);
const SMALL = new Set(['and', 'of', 'for', 'the', 'upon', 'on', 'in', 'under']);

/**
 * ODS publishes names in upper case. Readable form: words capitalised, "NHS" and other acronyms kept (a few known
 * ones, and any word of 2+ letters without a vowel, e.g. "HCRG", except abbreviations such as "ST" -> "St", "LTD" -> "Ltd"), "and", "of",
 * "for", "the", "upon" lower case except as the first word, "ST" -> "St", apostrophes kept ("GUY'S" -> "Guy's"), and
 * hyphenated parts treated as words ("ASHTON-UNDER-LYNE" -> "Ashton-under-Lyne"). Names not all in upper case are kept.
 */
export function readableName(published: string): string {
	const s = published.trim().replace(/\s+/g, ' ');
	if (s !== s.toUpperCase()) return s;
	return s
		.split(' ')
		.map((word, wi) =>
			word
				.split('-')
				.map((part, pi) => {
					const m = /^([^A-Za-z0-9]*)([A-Za-z0-9'’&]*)(.*)$/.exec(part)!;
					const [, pre, core, post] = m as unknown as [string, string, string, string];
					const lower = core.toLowerCase();
					const bare = lower.replace(/['’]s?$/, '');
					let out: string;
					if (
						ACRONYMS.has(core.toUpperCase()) ||
						(/^[A-Z]{2,}$/.test(core) && !/[AEIOUY]/.test(core) && !NOT_ACRONYMS.has(core))
					)
						out = core.toUpperCase();
					else if ((wi > 0 || pi > 0) && SMALL.has(bare) && bare === lower) out = lower;
					else out = lower.charAt(0).toUpperCase() + lower.slice(1);
					return pre + out + post;
				})
				.join('-')
		)
		.join(' ');
}

function isoDate(v: string): string | null {
	if (v === '') return null;
	const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** ODS `etr` (NHS trusts). `icbsByOds`: ICB ODS code -> ICB, from the sub-ICB mapping. */
export function readOdsTrusts(
	text: string,
	icbsByOds: Map<string, IcbInfo>,
	files?: GeoFileNames
): { trusts: TrustInfo[]; rowsRead: number; notes: string[] } {
	const file = fileName(files, 'odsTrusts');
	const t = readCsv(file, text, {
		code: 'Organisation Code',
		name: 'Name',
		grouping: 'National Grouping',
		icb: 'Higher Level Health Geography',
		postcode: 'Postcode',
		open: 'Open Date',
		close: 'Close Date'
	});
	const trusts: TrustInfo[] = [];
	const seen = new Set<string>();
	const noIcb: string[] = [];
	for (const rec of t.records) {
		const code = requireCell(t, rec, 'code', 'Organisation Code', /^[A-Z0-9]{3,5}$/, 'an ODS code');
		if (seen.has(code))
			throw new EtlError({ file, row: rec.row, column: 'Organisation Code' }, `${code} appears twice`);
		seen.add(code);
		const published = requireCell(t, rec, 'name', 'Name');
		const icbOds = requireCell(t, rec, 'icb', 'Higher Level Health Geography');
		const grouping = rec.values.grouping;
		const icb = icbsByOds.get(icbOds);
		if (!icb) {
			// ODS gives Welsh trusts the pseudo ICB Q99 under national grouping W00: no English ICB, so no alliance.
			if (grouping === 'W00') noIcb.push(`${code} ${readableName(published)}`);
			else
				throw new EtlError(
					{ file, row: rec.row, column: 'Higher Level Health Geography' },
					`ICB "${icbOds}" of trust ${code} is not one of the 42 ICBs`
				);
		}
		for (const [k, h] of [
			['open', 'Open Date'],
			['close', 'Close Date']
		] as const) {
			if (rec.values[k] !== '' && isoDate(rec.values[k]) === null)
				throw new EtlError({ file, row: rec.row, column: h }, `"${rec.values[k]}" is not a YYYYMMDD date`);
		}
		trusts.push({
			code,
			name: readableName(published),
			name_published: published,
			icb_ods: icb ? icbOds : null,
			icb_code: icb?.code ?? null,
			national_grouping: grouping,
			postcode: rec.values.postcode || null,
			open_date: isoDate(rec.values.open),
			close_date: isoDate(rec.values.close)
		});
	}
	const notes = [`${trusts.length} trusts read, ${trusts.filter((x) => x.close_date === null).length} open`];
	if (noIcb.length) notes.push(`no English ICB (Welsh trusts, ODS ICB Q99), so no alliance: ${noIcb.join('; ')}`);
	return { trusts, rowsRead: t.rowsRead, notes };
}

/** RAND's hand mapping of providers missing from ODS trust lists. `cal24`: CAL24 code -> name. */
export function readRandHandMapping(
	text: string,
	cal24: Map<string, string>,
	files?: GeoFileNames
): { providers: HandMappedProvider[]; rowsRead: number; notes: string[] } {
	const file = fileName(files, 'randProviders');
	const t = readCsv(file, text, {
		code: 'Provider Code',
		name: 'Provider Name',
		cal: 'Cancer.Alliance.Code',
		calName: 'Cancer.Alliance',
		independent: 'Independent provider',
		source: 'Source'
	});
	const providers: HandMappedProvider[] = [];
	for (const rec of t.records) {
		const code = requireCell(t, rec, 'code', 'Provider Code', /^[A-Z0-9]{3,5}$/, 'an ODS code');
		if (providers.some((p) => p.code === code))
			throw new EtlError({ file, row: rec.row, column: 'Provider Code' }, `${code} appears twice`);
		const published = requireCell(t, rec, 'name', 'Provider Name');
		const cal = requireCell(t, rec, 'cal', 'Cancer.Alliance.Code');
		const calName = requireCell(t, rec, 'calName', 'Cancer.Alliance');
		const multiple = cal.toLowerCase() === 'multiple';
		if (multiple !== (calName.toLowerCase() === 'multiple')) {
			throw new EtlError(
				{ file, row: rec.row, column: 'Cancer.Alliance' },
				`code "${cal}" and name "${calName}" disagree about "multiple"`
			);
		}
		const independent = rec.values.independent;
		if (independent !== '0' && independent !== '1')
			throw new EtlError({ file, row: rec.row, column: 'Independent provider' }, `"${independent}" is not 0 or 1`);
		providers.push({
			code,
			name: readableName(published),
			name_published: published,
			alliance: multiple
				? null
				: cal24ForAlliance(cal, calName, cal24, { file, row: rec.row, column: 'Cancer.Alliance.Code' }),
			rand_alliance_code: cal,
			rand_alliance_name: calName,
			independent: independent === '1',
			rand_source: rec.values.source,
			row: rec.row
		});
	}
	const multiple = providers.filter((p) => p.alliance === null).map((p) => p.code);
	return {
		providers,
		rowsRead: t.rowsRead,
		notes: [
			`${providers.length} hand-mapped providers (${RAND_NOTE}); "multiple" (no alliance): ${multiple.join(', ')}`
		]
	};
}

export interface TrustAlliance {
	alliance: string;
	via: 'ods' | 'hand_mapping';
	/** True when the trust's ICB lies in more than one alliance (the majority alliance was used). */
	icb_straddles: boolean;
}

export interface TrustResolverData {
	trusts: TrustInfo[];
	handMapped: HandMappedProvider[];
	/** ICB code -> majority alliance, per variant. */
	icbAlliance: Record<AllianceVariant, Map<string, string>>;
	/** ICB codes that lie in more than one alliance, per variant. */
	straddlingIcbs: Record<AllianceVariant, Set<string>>;
}

/** Build `trustAlliance(orgCode, variant)`: ODS first (HQ ICB -> majority alliance), then RAND's hand mapping, else null. */
export function createTrustResolver(
	data: TrustResolverData
): (orgCode: string, variant: AllianceVariant) => TrustAlliance | null {
	const trusts = new Map(data.trusts.map((t) => [t.code, t]));
	const hand = new Map(data.handMapped.map((p) => [p.code, p]));
	return (orgCode, variant) => {
		const code = orgCode.trim().toUpperCase();
		const t = trusts.get(code);
		if (t?.icb_code) {
			const alliance = data.icbAlliance[variant].get(t.icb_code);
			if (alliance) return { alliance, via: 'ods', icb_straddles: data.straddlingIcbs[variant].has(t.icb_code) };
		}
		const h = hand.get(code);
		if (h?.alliance) return { alliance: h.alliance[variant], via: 'hand_mapping', icb_straddles: false };
		return null;
	};
}
