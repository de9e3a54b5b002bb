/**
 * `npm run etl`: read the raw published files in place, derive the product's tables, check them, and swap the new
 * DuckDB database and exports into place only when everything passed. Unchanged inputs and code: no work.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError, type EtlConfig } from './config';
import { codeHash } from './code-hash';
import { EtlError } from './errors';
import { hashFiles, sha256 } from './hash';
import { discoverInputs } from './inputs';
import { parseAll } from './parse-pool';
import { createProgress } from './progress';
import { deriveTables } from './derive/tables';
import { buildDatabase, publishFolder, swapInto, writeCsvTables } from './write';
import { buildManifest } from './manifest';
import { buildSummary } from '../../src/lib/data/summary';
import { buildSeries, seriesFileName } from '../../src/lib/data/series';
import type { TableName } from '../../src/lib/data/contract';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface EtlOutcome {
	status: 'built' | 'unchanged';
	stamp: string;
	counts?: Record<TableName, number>;
	seconds: number;
}

export async function runEtl(config: EtlConfig): Promise<EtlOutcome> {
	const started = performance.now();
	const progress = createProgress(config.quiet);
	const elapsed = () => (performance.now() - started) / 1000;

	const { parsed, geography } = await discoverInputs(config.inputDir, config.extraDir);
	const all = [...parsed, ...geography];
	await mkdir(config.cacheDir, { recursive: true });
	const hashes = await hashFiles(
		all.map((f) => f.abs),
		path.join(config.cacheDir, 'input-hashes.json')
	);
	const code = await codeHash(ROOT);
	const stamp = sha256(JSON.stringify({ code, inputs: all.map((f, i) => [f.rel, hashes[i]]) }));
	const stampFile = `${config.dbPath}.stamp`;

	if (!config.force && (await isCurrent(config, stampFile, stamp))) {
		progress.step(`nothing changed since the last build (${stamp.slice(0, 12)}); use --force to rebuild`);
		return { status: 'unchanged', stamp, seconds: elapsed() };
	}

	progress.step(`reading ${all.length} input files from ${config.inputDir}`);
	const hashOf = new Map(all.map((f, i) => [f.rel, hashes[i]!]));
	const parsedInputs = await parseAll(
		parsed.map((input) => ({ input, sha256: hashOf.get(input.rel)! })),
		{ cacheDir: config.cacheDir, codeHash: code, progress }
	);

	progress.step('deriving areas, lookups and observations');
	const derived = await deriveTables({ inputDir: config.inputDir, parsed: parsedInputs, geography, hashOf });

	// Stage everything beside its destination (same file system, so the final renames are atomic).
	const stagingOut = path.join(path.dirname(config.outDir), `.${path.basename(config.outDir)}-staging-${process.pid}`);
	const stagingDb = `${config.dbPath}.staging-${process.pid}`;
	await rm(stagingOut, { recursive: true, force: true });
	await rm(stagingDb, { force: true });
	await mkdir(path.dirname(config.dbPath), { recursive: true });
	try {
		progress.step('writing exports and the database');
		const csvFiles = await writeCsvTables(path.join(stagingOut, 'csv'), derived.tables);
		const counts = await buildDatabase(stagingDb, csvFiles);
		for (const [variant, topology] of Object.entries(derived.topologies)) {
			await writeFile(path.join(stagingOut, `alliances-${variant}.topo.json`), JSON.stringify(topology));
		}
		await mkdir(path.join(stagingOut, 'series'), { recursive: true });
		for (const series of buildSeries(derived.observations, derived.areas)) {
			await writeFile(path.join(stagingOut, seriesFileName(series.indicator_id, series.basis)), JSON.stringify(series));
		}
		for (const [rel, content] of Object.entries(derived.postcodeIndexFiles)) {
			const file = path.join(stagingOut, rel);
			await mkdir(path.dirname(file), { recursive: true });
			await writeFile(file, content);
		}
		const summary = buildSummary(derived.indicators, derived.observations, stamp);
		await writeFile(path.join(stagingOut, 'summary.json'), JSON.stringify(summary));
		await writeFile(
			path.join(stagingOut, 'manifest.json'),
			JSON.stringify(buildManifest(stamp, counts, derived), null, '\t') + '\n'
		);

		// Every check passed: swap in.
		await swapInto(stagingDb, config.dbPath);
		await publishFolder(stagingOut, config.outDir);
		await writeFile(stampFile, stamp);
		progress.step(
			`built ${config.dbPath} (${Object.entries(counts)
				.map(([t, n]) => `${t} ${n}`)
				.join(', ')}) in ${elapsed().toFixed(1)} s`
		);
		return { status: 'built', stamp, counts, seconds: elapsed() };
	} finally {
		await rm(stagingOut, { recursive: true, force: true });
		await rm(stagingDb, { force: true });
		await rm(`${stagingDb}.wal`, { force: true });
	}
}

async function isCurrent(config: EtlConfig, stampFile: string, stamp: string): Promise<boolean> {
	if (!existsSync(config.dbPath)) return false;
	try {
		if ((await readFile(stampFile, 'utf8')).trim() !== stamp) return false;
		const manifest = JSON.parse(await readFile(path.join(config.outDir, 'manifest.json'), 'utf8')) as {
			built_from?: string;
		};
		return manifest.built_from === stamp;
	} catch {
		return false;
	}
}

async function main(): Promise<void> {
	try {
		const config = parseArgs(process.argv.slice(2));
		await runEtl(config);
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(error.message);
			process.exit(2);
		}
		const message =
			error instanceof EtlError ? `input error: ${error.message}` : `failed: ${(error as Error).stack ?? error}`;
		console.error(`etl: ${message}\netl: nothing was written; the previous database and exports are unchanged.`);
		process.exit(1);
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await main();
}
