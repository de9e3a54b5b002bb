/** ETL options from flags and environment variables, with the defaults the README documents. */
import path from 'node:path';

export interface EtlConfig {
	/** Folder of raw published files (read in place, never copied). */
	inputDir: string;
	/** Optional folder of analysts' own files in the generic layouts: fingertips/*.csv and cosd/*.csv. */
	extraDir: string;
	dbPath: string;
	/** What the app reads: a link to `<releasesDir>/current`. */
	outDir: string;
	/** Where complete releases are built and kept (publish/layout.ts). */
	releasesDir: string;
	cacheDir: string;
	force: boolean;
	quiet: boolean;
	/** `indicator:basis:YYYY-MM` month-on-month changes beyond the limits that a person has confirmed. */
	confirmChanges: string[];
}

const USAGE = `Usage: npm run etl -- [--input DIR] [--extra DIR] [--db FILE] [--out DIR] [--releases DIR] [--force] [--quiet]
                    [--confirm-change INDICATOR:BASIS:YYYY-MM ...]
  --input DIR       raw published files (env ETL_INPUT_DIR; default ../shared/data/raw)
  --extra DIR       your own CSVs: DIR/fingertips/*.csv, DIR/cosd/*.csv (env ETL_EXTRA_DIR; default extra-data)
  --db FILE         DuckDB database to write (env ETL_DB_PATH; default data/dashboard.duckdb)
  --out DIR         the link the app reads (env ETL_OUT_DIR; default static/data)
  --releases DIR    where releases are built and kept (env ETL_RELEASES_DIR; default releases, or OUT.releases
                    when --out is given)
  --force           rebuild even when inputs and code are unchanged
  --confirm-change  accept a month-on-month change in England beyond the limits, as the refusal names it`;

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EtlConfig {
	const flags = new Map<string, string | true>();
	const confirmChanges: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
		if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"\n${USAGE}`);
		const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
		if (name === 'force' || name === 'quiet') flags.set(name, true);
		else if (['input', 'extra', 'db', 'out', 'releases', 'confirm-change'].includes(name)) {
			const value = inline ?? argv[++i];
			if (!value) throw new UsageError(`--${name} needs a value\n${USAGE}`);
			if (name === 'confirm-change') {
				if (!/^[a-z0-9_]+:(provider|commissioner|registry):\d{4}-\d{2}$/.test(value)) {
					throw new UsageError(
						`--confirm-change takes INDICATOR:BASIS:YYYY-MM, e.g. cwt62_breast:provider:2025-09\n${USAGE}`
					);
				}
				confirmChanges.push(value);
			} else flags.set(name, value);
		} else throw new UsageError(`unknown option --${name}\n${USAGE}`);
	}
	const given = (flag: string, envName: string) => (flags.get(flag) as string | undefined) ?? env[envName];
	const pick = (flag: string, envName: string, fallback: string) => path.resolve(cwd, given(flag, envName) ?? fallback);
	const dbPath = pick('db', 'ETL_DB_PATH', 'data/dashboard.duckdb');
	const outDir = pick('out', 'ETL_OUT_DIR', 'static/data');
	// An --out elsewhere gets its own releases beside it, so a trial build never moves the app's pointer.
	const releasesFallback = given('out', 'ETL_OUT_DIR') === undefined ? 'releases' : `${outDir}.releases`;
	return {
		inputDir: pick('input', 'ETL_INPUT_DIR', '../shared/data/raw'),
		extraDir: pick('extra', 'ETL_EXTRA_DIR', 'extra-data'),
		dbPath,
		outDir,
		releasesDir: pick('releases', 'ETL_RELEASES_DIR', releasesFallback),
		cacheDir: path.join(path.dirname(dbPath), 'cache'),
		force: flags.get('force') === true,
		quiet: flags.get('quiet') === true,
		confirmChanges
	};
}

export class UsageError extends Error {}
