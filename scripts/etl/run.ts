/**
 * `npm run etl`: read the raw published files in place, derive the product's tables, check them, and publish them
 * as a new release: built whole beside the served one, then switched to in one step (scripts/etl/publish/). An
 * interrupted or failed run leaves the previous release served, and the next run tidies what it left.
 * Unchanged inputs, exceptions and code, and a whole release: no work.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError, type EtlConfig } from './config';
import { codeHash } from './code-hash';
import { EtlError } from './errors';
import { hashFiles, sha256 } from './hash';
import { discoverInputs } from './inputs';
import { createProgress } from './progress';
import { readExceptions } from './checks/exceptions';
import { currentReleaseDir, layoutOf, releaseId, type Layout } from './publish/layout';
import { acquireLock } from './publish/lock';
import { releaseProblem } from './publish/verify';
import { removeLegacyLeftovers, tidyReleases } from './publish/switch';
import type { TableName } from '../../src/lib/data/contract';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface EtlOutcome {
	status: 'built' | 'unchanged';
	stamp: string;
	/** The release now served. */
	release: string | null;
	counts?: Record<TableName, number>;
	seconds: number;
}

export async function runEtl(config: EtlConfig): Promise<EtlOutcome> {
	const started = performance.now();
	const progress = createProgress(config.quiet);
	const elapsed = () => (performance.now() - started) / 1000;
	const layout = layoutOf(config);
	const unlock = await acquireLock(layout.releasesDir);
	try {
		// Whatever a killed or failed run left behind goes first; the served release is never touched.
		const tidied = [...(await tidyReleases(layout)), ...(await removeLegacyLeftovers(config.outDir, config.dbPath))];
		if (tidied.length > 0) progress.step(`removed ${tidied.length} leftovers of an earlier run`);

		const { parsed, geography } = await discoverInputs(config.inputDir, config.extraDir);
		const all = [...parsed, ...geography];
		await mkdir(config.cacheDir, { recursive: true });
		const hashes = await hashFiles(
			all.map((f) => f.abs),
			path.join(config.cacheDir, 'input-hashes.json')
		);
		const code = await codeHash(ROOT);
		const exceptions = await readExceptions();
		const stamp = sha256(
			JSON.stringify({ code, exceptions: exceptions.text, inputs: all.map((f, i) => [f.rel, hashes[i]]) })
		);

		if (!config.force && (await isCurrent(config, layout, stamp))) {
			progress.step(`nothing changed since the last build (${stamp.slice(0, 12)}); use --force to rebuild`);
			return {
				status: 'unchanged',
				stamp,
				release: path.basename((await currentReleaseDir(layout))!),
				seconds: elapsed()
			};
		}

		// The heavy modules load only when there is work to do, so a no-op run stays quick.
		const { parseAll } = await import('./parse-pool');
		const { deriveTables } = await import('./derive/tables');
		const { stageCache } = await import('./derive/stage-cache');
		const { checkSeries } = await import('./checks/series');
		const { readPreviousRelease } = await import('./publish/previous');
		const { stageRelease } = await import('./publish/stage-release');
		const { publishRelease } = await import('./publish/switch');

		progress.step(`reading ${all.length} input files from ${config.inputDir}`);
		const hashOf = new Map(all.map((f, i) => [f.rel, hashes[i]!]));
		const parsedInputs = await parseAll(
			parsed.map((input) => ({ input, sha256: hashOf.get(input.rel)! })),
			{ cacheDir: config.cacheDir, codeHash: code, progress }
		);

		progress.step('deriving areas, lookups and observations, and checking them');
		const derived = await deriveTables({
			inputDir: config.inputDir,
			parsed: parsedInputs,
			geography,
			hashOf,
			exceptions,
			codeHash: code,
			cache: stageCache(config.cacheDir)
		});
		const served = await currentReleaseDir(layout);
		const confirmed = checkSeries({
			observations: derived.observations,
			indicators: derived.indicators,
			periodCell: derived.locate.period,
			englandCell: derived.locate.england,
			previous: await readPreviousRelease(served),
			gaps: exceptions.gaps,
			confirmed: new Set(config.confirmChanges)
		});

		// Two runs in one second from the same inputs would share an id: the second gets its process id added.
		const stampedId = releaseId(stamp);
		const id = existsSync(path.join(layout.releasesDir, stampedId)) ? `${stampedId}-${process.pid}` : stampedId;
		const stagingDb = `${config.dbPath}.staging-${process.pid}`;
		await mkdir(path.dirname(config.dbPath), { recursive: true });
		try {
			progress.step(`writing release ${id}`);
			const staged = await stageRelease(
				layout,
				derived,
				{ id, stamp, builtAt: new Date().toISOString(), confirmed },
				stagingDb
			);
			await publishRelease(layout, staged.dir, id, { staged: stagingDb, target: config.dbPath, stamp });
			progress.step(
				`published release ${id} (${Object.entries(staged.counts)
					.map(([t, n]) => `${t} ${n}`)
					.join(', ')}) in ${elapsed().toFixed(1)} s`
			);
			return { status: 'built', stamp, release: id, counts: staged.counts, seconds: elapsed() };
		} finally {
			await rm(path.join(layout.releasesDir, `.staging-${process.pid}`), { recursive: true, force: true });
			await rm(stagingDb, { force: true });
			await rm(`${stagingDb}.wal`, { force: true });
		}
	} finally {
		await unlock();
	}
}

/** Nothing to do: the served release was built from this stamp and is whole, and so is the database. */
async function isCurrent(config: EtlConfig, layout: Layout, stamp: string): Promise<boolean> {
	const dir = await currentReleaseDir(layout);
	if (!dir || !existsSync(config.dbPath)) return false;
	try {
		if ((await readFile(`${config.dbPath}.stamp`, 'utf8')).trim() !== stamp) return false;
		const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { built_from?: string };
		if (manifest.built_from !== stamp) return false;
		return (await releaseProblem(dir)) === null;
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
		console.error(`etl: ${message}\netl: nothing was published; the previous release is still served.`);
		process.exit(1);
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await main();
}
