/**
 * The committed exports, loaded once per server process for server-side rendering. Bundled at build time (?raw), so
 * the server does not depend on its working directory. Pages get small, shaped slices of this, never the whole.
 */
import type { Area, AreaLookup, Basis, Indicator, Mp, Observation } from '../data/contract';
import { ENGLAND_CODE } from '../data/contract';
import type { Series } from '../data/series';
import type { Summary } from '../data/summary';
import type { Manifest } from '../data/package';
import { readExport } from '../data/manifest';
import areasCsv from '../../../static/data/csv/areas.csv?raw';
import lookupsCsv from '../../../static/data/csv/area_lookups.csv?raw';
import indicatorsCsv from '../../../static/data/csv/indicators.csv?raw';
import observationsCsv from '../../../static/data/csv/observations.csv?raw';
import mpsCsv from '../../../static/data/csv/mps.csv?raw';
import summaryJson from '../../../static/data/summary.json';
import manifestJson from '../../../static/data/manifest.json';
import topology20 from '../../../static/data/alliances-20.topo.json';
import topology21 from '../../../static/data/alliances-21.topo.json';

const seriesFiles = import.meta.glob<Series>('../../../static/data/series/*.json', { eager: true, import: 'default' });

/** The release's manifest: a view of its datapackage.json (src/lib/data/package.ts). Its column types type the CSVs. */
export const manifest = manifestJson as unknown as Manifest;
export const areas: Area[] = readExport(manifest, 'areas', areasCsv);
export const areaByCode = new Map(areas.map((a) => [a.code, a]));
export const lookups: AreaLookup[] = readExport(manifest, 'area_lookups', lookupsCsv);
export const indicators: Indicator[] = readExport(manifest, 'indicators', indicatorsCsv);
export const indicatorById = new Map(indicators.map((i) => [i.id, i]));
export const mps: Mp[] = readExport(manifest, 'mps', mpsCsv);
export const summary = summaryJson as unknown as Summary;
export const topologies = { '20': topology20, '21': topology21 } as const;

let observationsCache: Observation[] | null = null;
/** Every observation (about 34,000 rows): parsed on first use, for area pages' ICB, Sub-ICB and trust figures. */
export function observations(): Observation[] {
	observationsCache ??= readExport(manifest, 'observations', observationsCsv);
	return observationsCache;
}

export function series(indicatorId: string, basis: Basis): Series | null {
	return seriesFiles[`../../../static/data/series/${indicatorId}.${basis}.json`] ?? null;
}

/** Alliances of a variant, by name. */
export function alliances(variant: '20' | '21' = '20'): Area[] {
	return areas
		.filter((a) => a.type === 'alliance' && (a.variant === null || a.variant === variant))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The areas of a type that count in an alliance (via area_lookups' *_in_alliance rows, or parent for ICBs). */
export function membersOf(
	allianceCode: string,
	type: 'icb' | 'sub_icb' | 'trust' | 'constituency'
): { area: Area; share: number | null; note: string | null }[] {
	if (type === 'icb') {
		return lookups
			.filter((l) => l.relation === 'icb_touches_alliance' && l.parent_code === allianceCode)
			.map((l) => ({ area: areaByCode.get(l.child_code)!, share: l.share, note: l.note }))
			.filter((m) => m.area);
	}
	const relation = `${type}_in_alliance`;
	const seen = new Set<string>();
	return lookups
		.filter((l) => l.relation === relation && l.parent_code === allianceCode)
		.filter((l) => !seen.has(l.child_code) && seen.add(l.child_code))
		.map((l) => ({ area: areaByCode.get(l.child_code)!, share: l.share, note: l.note }))
		.filter((m) => m.area);
}

export { ENGLAND_CODE };
