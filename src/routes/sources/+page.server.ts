import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Basis, Indicator } from '$lib/data/contract';
import { areaByCode, indicators, lookups, manifest, summary } from '$lib/server/data';
import type { PageServerLoad } from './$types';

export const prerender = true;

interface SourcesIndicator extends Indicator {
	bases: { basis: Basis; period_range_label: string }[];
}

interface StraddlingIcb {
	code: string;
	name: string;
	parts: { code: string; name: string; share: number | null; majority: boolean }[];
}

/** Size of a file under static/data, read at build time (the page is prerendered); null if it cannot be read. */
function fileSize(file: string): number | null {
	try {
		return statSync(join('static', 'data', file)).size;
	} catch {
		return null;
	}
}

export const load: PageServerLoad = () => {
	const bases = new Map(summary.indicators.map((i) => [i.id, i.bases]));
	const indicatorList: SourcesIndicator[] = indicators.map((i) => ({
		id: i.id,
		name: i.name,
		description: i.description,
		unit: i.unit,
		polarity: i.polarity,
		standard: i.standard,
		achievable: i.achievable,
		source: i.source,
		publisher: i.publisher,
		licence: i.licence,
		url: i.url,
		bases: (bases.get(i.id) ?? []).map((b) => ({ basis: b.basis, period_range_label: b.period_range_label }))
	}));

	// ICBs that lie in more than one alliance (April 2024 geography), with each part's population share.
	const touches = lookups.filter(
		(l) => l.relation === 'icb_touches_alliance' && (l.variant === null || l.variant === '20')
	);
	const straddling: StraddlingIcb[] = [
		...new Set(touches.filter((l) => l.share !== null && l.share < 1).map((l) => l.child_code))
	]
		.sort()
		.map((code) => ({
			code,
			name: areaByCode.get(code)?.name ?? code,
			parts: touches
				.filter((l) => l.child_code === code)
				.sort((a, b) => (b.share ?? 0) - (a.share ?? 0))
				.map((l) => ({
					code: l.parent_code,
					name: areaByCode.get(l.parent_code)?.name ?? l.parent_code,
					share: l.share,
					majority: areaByCode.get(code)?.parent_code === l.parent_code
				}))
		}));

	return {
		indicators: indicatorList,
		straddling,
		sources: manifest.sources.map((s) => ({
			id: s.id,
			title: s.title,
			publisher: s.publisher,
			licence: s.licence,
			url: s.downloadUrl
		})),
		tables: manifest.tables.map((t) => ({
			name: t.name,
			file: t.file,
			description: t.description,
			rows: t.rows,
			columns: t.columns.map((c) => c.name),
			source: t.source,
			licence: t.licence,
			size: fileSize(t.file)
		})),
		files: manifest.files.map((f) => ({ ...f, size: fileSize(f.file) })),
		builtFrom: manifest.built_from
	};
};
