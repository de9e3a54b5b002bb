/**
 * Build a complete release in a staging folder beside the others (releases/.staging-<pid>, never inside static/):
 * the CSV tables, the database built and checked from them, the map's series and summary, the boundaries, the shared
 * postcode folders, then manifest.json and datapackage.json (which lists every file's hash). Checked whole before
 * it can be published.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TableName } from '../../../src/lib/data/contract';
import { manifestOf, type DataPackage } from '../../../src/lib/data/package';
import { buildSeries, seriesFileName } from '../../../src/lib/data/series';
import { buildSummary } from '../../../src/lib/data/summary';
import type { Derived } from '../derive/tables';
import { sha256 } from '../hash';
import { buildDatabase, writeCsvTables } from '../write';
import { buildDataPackage, dataAsOf } from './descriptor';
import { killPoint } from './kill-point';
import type { Layout } from './layout';
import { stageShared } from './shared';
import { releaseProblem } from './verify';

export interface StagedRelease {
	dir: string;
	counts: Record<TableName, number>;
	pkg: DataPackage;
}

async function filesUnder(root: string, rel = ''): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
		const child = path.posix.join(rel, entry.name);
		if (entry.isDirectory()) out.push(...(await filesUnder(root, child)));
		else if (entry.isFile()) out.push(child);
	}
	return out.sort();
}

const json = (value: unknown) => JSON.stringify(value);

export async function stageRelease(
	layout: Layout,
	derived: Derived,
	release: { id: string; stamp: string; builtAt: string; confirmed: string[] },
	stagingDb: string
): Promise<StagedRelease> {
	const dir = path.join(layout.releasesDir, `.staging-${process.pid}`);
	await rm(dir, { recursive: true, force: true });
	await mkdir(path.join(dir, 'series'), { recursive: true });

	const csvFiles = await writeCsvTables(path.join(dir, 'csv'), derived.tables);
	killPoint('staging');
	for (const [variant, topology] of Object.entries(derived.topologies)) {
		await writeFile(path.join(dir, `alliances-${variant}.topo.json`), json(topology));
	}
	for (const series of buildSeries(derived.observations, derived.areas)) {
		await writeFile(path.join(dir, seriesFileName(series.indicator_id, series.basis)), json(series));
	}
	await writeFile(
		path.join(dir, 'summary.json'),
		json(buildSummary(derived.indicators, derived.observations, release.stamp))
	);
	const sharedFiles: Record<string, string> = { ...derived.postcodeIndexFiles };
	const linked = await stageShared(layout.releasesDir, dir, sharedFiles, derived.postcodeKey);

	// The database is built from the staged CSVs and runs the integrity checks: a failure stops here.
	const counts = await buildDatabase(stagingDb, csvFiles);

	const tables = {} as Record<TableName, { rows: number; bytes: number; sha256: string }>;
	for (const table of Object.keys(csvFiles) as TableName[]) {
		const data = await readFile(csvFiles[table]);
		tables[table] = { rows: counts[table], bytes: data.length, sha256: sha256(data) };
	}
	const pkg = buildDataPackage({
		release: {
			id: release.id,
			built_at: release.builtAt,
			built_from: release.stamp,
			data_as_of: dataAsOf(derived.indicators, derived.observations, derived.mps),
			confirmed_changes: release.confirmed
		},
		tables,
		topologies: Object.keys(derived.topologies)
	});
	await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifestOf(pkg), null, '\t') + '\n');
	for (const rel of await filesUnder(dir)) {
		const data = await readFile(path.join(dir, rel));
		pkg.release.integrity.push({ path: rel, bytes: data.length, sha256: sha256(data) });
	}
	for (const folder of linked) {
		pkg.release.shared.push({ path: folder, files: (await readdir(path.join(dir, folder))).length });
	}
	await writeFile(path.join(dir, 'datapackage.json'), JSON.stringify(pkg, null, '\t') + '\n');

	const problem = await releaseProblem(dir);
	if (problem) throw new Error(`the staged release is not whole: ${problem}`);
	return { dir, counts, pkg };
}
