/** ETL options from flags and environment variables, with the defaults the README documents. */
import path from 'node:path';

export interface EtlConfig {
	/** Folder of raw published files (read in place, never copied). */
	inputDir: string;
	/** Optional folder of analysts' own files in the generic layouts: fingertips/*.csv and cosd/*.csv. */
	extraDir: string;
	dbPath: string;
	outDir: string;
	cacheDir: string;
	force: boolean;
	quiet: boolean;
}

const USAGE = `Usage: npm run etl -- [--input DIR] [--extra DIR] [--db FILE] [--out DIR] [--force] [--quiet]
  --input DIR   raw published files (env ETL_INPUT_DIR; default ../shared/data/raw)
  --extra DIR   your own CSVs: DIR/fingertips/*.csv, DIR/cosd/*.csv (env ETL_EXTRA_DIR; default extra-data)
  --db FILE     DuckDB database to write (env ETL_DB_PATH; default data/dashboard.duckdb)
  --out DIR     exports for the app (env ETL_OUT_DIR; default static/data)
  --force       rebuild even when inputs and code are unchanged`;

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EtlConfig {
	const flags = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
		if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"\n${USAGE}`);
		const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
		if (name === 'force' || name === 'quiet') flags.set(name, true);
		else if (['input', 'extra', 'db', 'out'].includes(name)) {
			const value = inline ?? argv[++i];
			if (!value) throw new UsageError(`--${name} needs a value\n${USAGE}`);
			flags.set(name, value);
		} else throw new UsageError(`unknown option --${name}\n${USAGE}`);
	}
	const pick = (flag: string, envName: string, fallback: string) =>
		path.resolve(cwd, (flags.get(flag) as string | undefined) ?? env[envName] ?? fallback);
	const dbPath = pick('db', 'ETL_DB_PATH', 'data/dashboard.duckdb');
	return {
		inputDir: pick('input', 'ETL_INPUT_DIR', '../shared/data/raw'),
		extraDir: pick('extra', 'ETL_EXTRA_DIR', 'extra-data'),
		dbPath,
		outDir: pick('out', 'ETL_OUT_DIR', 'static/data'),
		cacheDir: path.join(path.dirname(dbPath), 'cache'),
		force: flags.get('force') === true,
		quiet: flags.get('quiet') === true
	};
}

export class UsageError extends Error {}
