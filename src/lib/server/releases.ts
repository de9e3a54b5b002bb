/**
 * The data releases an embed can be pinned to (issue 16). The latest release is the one bundled into the build
 * (server/data.ts); an embed made with "this release" names its release id, and keeps showing that release's figures
 * after the next monthly update. Older releases are read from the releases folder on disk (RELEASES_DIR, default
 * `releases` beside the app), where the ETL keeps the last few releases' small files (scripts/etl/publish/switch.ts).
 * A release folder never changes once published, so each is read once and kept in memory.
 */
import { readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { env } from '$env/dynamic/private';
import type { Basis } from '../data/contract';
import type { Manifest } from '../data/package';
import type { Series } from '../data/series';
import type { Summary, SummaryIndicator } from '../data/summary';
import { manifest as bundledManifest, series as bundledSeries, summary as bundledSummary, topologies } from './data';

type Topology = (typeof topologies)['20'];
export type Variant = '20' | '21';

/** One release's files as the embeds use them. */
export interface ReleaseData {
	id: string;
	builtAt: string;
	summary: Summary;
	manifest: Manifest;
	series(indicatorId: string, basis: Basis): Series | null;
	topology(variant: Variant): Topology;
	/** A variant's alliances by name, from its boundaries' properties (each release carries its own). */
	alliances(variant: Variant): { code: string; name: string }[];
	/** Indicators with alliance figures, with only the bases that have them (what the map can show). */
	mapIndicators: SummaryIndicator[];
}

/** `<built time>-<8 hex>`, as scripts/etl/publish/layout.ts names releases; anything else is refused unread. */
export const RELEASE_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

export function releasesDir(): string {
	return path.resolve(env.RELEASES_DIR || 'releases');
}

function build(
	summary: Summary,
	manifest: Manifest,
	series: (id: string, basis: Basis) => Series | null,
	topology: (v: Variant) => Topology
): ReleaseData {
	const alliances = (v: Variant) =>
		(topology(v).objects.alliances.geometries as unknown as { properties: { code: string; name: string } }[])
			.map((g) => ({ code: g.properties.code, name: g.properties.name }))
			.sort((a, b) => a.name.localeCompare(b.name));
	const hasAlliances = (s: Series | null) => !!s?.cells.some((row) => row.slice(1).some((c) => c !== null));
	return {
		id: manifest.release.id,
		builtAt: manifest.release.built_at,
		summary,
		manifest,
		series,
		topology,
		alliances,
		mapIndicators: summary.indicators
			.map((i) => ({ ...i, bases: i.bases.filter((b) => hasAlliances(series(i.id, b.basis))) }))
			.filter((i) => i.bases.length > 0)
	};
}

const bundled = build(bundledSummary, bundledManifest, bundledSeries, (v) => topologies[v]);

async function readJson<T>(file: string): Promise<T> {
	return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function readRelease(dir: string): Promise<ReleaseData> {
	const [summary, manifest, t20, t21, names] = await Promise.all([
		readJson<Summary>(path.join(dir, 'summary.json')),
		readJson<Manifest>(path.join(dir, 'manifest.json')),
		readJson<Topology>(path.join(dir, 'alliances-20.topo.json')),
		readJson<Topology>(path.join(dir, 'alliances-21.topo.json')),
		readdir(path.join(dir, 'series'))
	]);
	const files = new Map<string, Series>();
	for (const name of names.filter((n) => n.endsWith('.json'))) {
		files.set(name, await readJson<Series>(path.join(dir, 'series', name)));
	}
	return build(
		summary,
		manifest,
		(id, basis) => files.get(`${id}.${basis}.json`) ?? null,
		(v) => (v === '21' ? t21 : t20)
	);
}

const cache = new Map<string, Promise<ReleaseData | null>>();

/** A release by id: the bundled one, or one kept on disk; null when no such release is kept. */
export function releaseById(id: string): Promise<ReleaseData | null> {
	if (id === bundled.id) return Promise.resolve(bundled);
	if (!RELEASE_ID.test(id)) return Promise.resolve(null);
	let found = cache.get(id);
	if (!found) {
		found = readRelease(path.join(releasesDir(), id)).catch(() => null);
		cache.set(id, found);
		// A release that is not there now may be published later: forget the miss.
		void found.then((r) => r === null && cache.delete(id));
	}
	return found;
}

/**
 * The latest release: the one the releases folder's `current` points to when it is kept there and differs from the
 * build's (an ETL run since the build), otherwise the bundled one.
 */
export async function latestRelease(): Promise<ReleaseData> {
	let id: string | null = null;
	try {
		id = path.basename(await readlink(path.join(releasesDir(), 'current')));
	} catch {
		// no releases folder beside the app: the build's own release is the latest
	}
	return (id && id !== bundled.id && (await releaseById(id))) || bundled;
}

export interface ResolvedRelease {
	data: ReleaseData;
	/** True when the view is pinned to this release (the `release` parameter named it and it is kept). */
	pinned: boolean;
	/** The release id asked for but not kept (pruned, or never published): the latest is shown instead, with a note. */
	missing: string | null;
}

/** The release an embed shows: `release=<id>` when given and kept, otherwise the latest. */
export async function resolveRelease(requested: string | null): Promise<ResolvedRelease> {
	if (requested) {
		const data = await releaseById(requested);
		if (data) return { data, pinned: true, missing: null };
	}
	return { data: await latestRelease(), pinned: false, missing: requested };
}
