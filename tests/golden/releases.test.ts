/**
 * Releases on copies of the real raw files (raw-mirror.ts): a provisional then a final release of one month, the
 * checks that stop a bad release (an unknown code, a missing month, a workbook whose England row disagrees with its
 * parts, a latest month going backwards, a jump in England), and a `kill -9` at each stage of publishing: the served
 * release stays whole, and the next run repairs the rest.
 */
import * as XLSX from '@e965/xlsx';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEtl } from '../../scripts/etl/run';
import type { EtlConfig } from '../../scripts/etl/config';
import { KILL_STAGES } from '../../scripts/etl/publish/kill-point';
import { releaseProblem } from '../../scripts/etl/publish/verify';
import { PINNED_FILES } from '../../scripts/etl/publish/pinned';
import type { DataPackage } from '../../src/lib/data/package';
import { mirrorRaw, RAW } from '../../scripts/bench/raw-mirror';
import { queryDb } from './query';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'etl-releases-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Each scenario publishes into its own static/ and releases/; all share one parse cache (tmp/db/cache). */
function setup(name: string, inputDir = RAW): EtlConfig {
	return {
		inputDir,
		extraDir: path.join(tmp, 'no-extra'),
		dbPath: path.join(tmp, 'db', `${name}.duckdb`),
		outDir: path.join(tmp, name, 'static', 'data'),
		releasesDir: path.join(tmp, name, 'releases'),
		cacheDir: path.join(tmp, 'db', 'cache'),
		force: false,
		quiet: true,
		confirmChanges: []
	};
}

const query = (config: EtlConfig, sql: string) => queryDb(config.dbPath, sql);

const served = (config: EtlConfig) => realpathSync(config.outDir);
const pkgOf = (config: EtlConfig) =>
	JSON.parse(readFileSync(path.join(config.outDir, 'datapackage.json'), 'utf8')) as DataPackage;
const raw = (rel: string) => readFileSync(path.join(RAW, rel));
const book = (rel: string) => XLSX.read(raw(rel), { type: 'buffer', cellDates: true });
const xlsxBytes = (wb: XLSX.WorkBook) =>
	new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

const PROVIDER_SEP25 = 'metrics/cwt/provider_workbooks/SEPTEMBER-2025-CWT-CRS-PROVIDER-WORKBOOK-FINAL.xlsx';
const COMMISSIONER = (month: string) =>
	`metrics/cwt/commissioner_workbooks/${month}-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL.xlsx`;

beforeAll(async () => {
	// Warms the shared parse cache: every later run re-parses only the files it changes.
	expect((await runEtl(setup('baseline'))).status).toBe('built');
}, 600_000);

describe('a provisional then a final release of one month', () => {
	// September 2025's provider workbook, first as NHS England would label its provisional release, then the final one.
	const provisionalName = PROVIDER_SEP25.replace('-FINAL.xlsx', '-PROVISIONAL.xlsx');
	const cwt62 = `SELECT release, release_file, numerator, denominator FROM observations WHERE indicator_id = 'cwt62_breast'
		AND basis = 'provider' AND area_code = 'E92000001' AND period_start = '2025-09-01'`;

	it('marks the month provisional, then replaces it with the final release', async () => {
		const first = setup(
			'provisional',
			mirrorRaw(path.join(tmp, 'in-provisional'), { [provisionalName]: raw(PROVIDER_SEP25) }, [PROVIDER_SEP25])
		);
		expect((await runEtl(first)).status).toBe('built');
		expect(await query(first, cwt62)).toEqual([
			{ release: 'provisional', release_file: provisionalName, numerator: 3129, denominator: 4602 }
		]);
		const series = JSON.parse(readFileSync(path.join(first.outDir, 'series', 'cwt62_breast.provider.json'), 'utf8'));
		expect(series.periods.at(-1)).toMatchObject({ start: '2025-09-01', release: 'provisional' });

		// The final workbook arrives; the provisional one is still in the folder.
		const both = mirrorRaw(path.join(tmp, 'in-final'), { [provisionalName]: raw(PROVIDER_SEP25) });
		const second = { ...setup('provisional', both) };
		expect((await runEtl(second)).status).toBe('built');
		expect(await query(second, cwt62)).toEqual([
			{ release: 'final', release_file: PROVIDER_SEP25, numerator: 3129, denominator: 4602 }
		]);
		// One England value per indicator, basis and month; the provisional file's rows are read but not kept.
		const [dupes] = await query(
			second,
			`SELECT count(*)::INTEGER AS n FROM (SELECT indicator_id, basis, period_start
			FROM observations WHERE area_code = 'E92000001' GROUP BY ALL HAVING count(*) > 1)`
		);
		expect(dupes!.n).toBe(0);
		const [prov] = await query(
			second,
			`SELECT rows_kept::INTEGER AS kept, rows_rejected::INTEGER AS left_out, notes
			FROM provenance WHERE file = '${provisionalName}'`
		);
		expect(prov).toMatchObject({
			kept: 0,
			notes: expect.stringMatching(
				/Release: provisional.*Replaced by the final release .*SEPTEMBER-2025-CWT-CRS-PROVIDER-WORKBOOK-FINAL\.xlsx for September 2025/
			)
		});
		expect(Number(prov!.left_out)).toBeGreaterThan(0);
		const [{ n: provisionalLeft }] = (await query(
			second,
			`SELECT count(*)::INTEGER AS n FROM observations
			WHERE release_file = '${provisionalName}'`
		)) as [{ n: number }];
		expect(provisionalLeft).toBe(0);
	}, 300_000);
});

describe('checks that stop a bad release, naming file, sheet, row and column', () => {
	async function refused(
		name: string,
		replace: Record<string, Uint8Array | string>,
		remove: string[],
		message: RegExp
	) {
		const config = setup(name, mirrorRaw(path.join(tmp, `in-${name}`), replace, remove));
		await expect(runEtl(config)).rejects.toThrow(message);
		expect(existsSync(config.outDir)).toBe(false); // nothing was published
	}

	it('an unknown provider code (ZZZ99, 5,000 patients, added to an FDS file)', async () => {
		const rel = 'metrics/cwt/fds_by_route_provider_csv/data_2023_03.csv';
		const lines = raw(rel).toString('latin1').split('\n');
		const last = lines.findIndex((l) => l.includes('ALL ENGLISH PROVIDERS')) - 1;
		lines.splice(
			last,
			0,
			',"ZZZ99","A PROVIDER NO LIST HOLDS","BREAST SYMPTOMATIC, CANCER NOT SUSPECTED","Exhibited (non-cancer) breast symptoms - cancer not initially suspected","5000","0","5000","0",,"0","0","0","0","0"'
		);
		await refused(
			'unknown',
			{ [rel]: lines.join('\n') },
			[],
			new RegExp(
				`data_2023_03\\.csv, row ${last + 1}, column "B \\(ODS CODE\\)": unknown provider code "ZZZ99".*reviewed/organisations\\.csv`
			)
		);
	}, 300_000);

	it('a missing month (January 2025 commissioner workbook removed)', async () => {
		await refused(
			'gap',
			{},
			[COMMISSIONER('JANUARY-2025')],
			new RegExp(
				`FEBRUARY-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL\\.xlsx, sheet "[^"]+", row \\d+, column "[A-Z]+": \\w+ \\(commissioner basis\\) jumps from December 2024 to February 2025: January 2025 is missing`
			)
		);
	}, 300_000);

	it("a workbook whose England row disagrees with its organisations' rows", async () => {
		const rel = COMMISSIONER('MARCH-2025');
		const wb = book(rel);
		const sheet = wb.Sheets['31-DAY (BY CANCER)']!;
		const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
		const r = rows.findIndex((row) => row.includes('ALL ENGLISH COMMISSIONERS') && row.includes('Breast'));
		const c = rows.find((row) => row.includes('TOTAL'))!.indexOf('TOTAL');
		const cell = XLSX.utils.encode_cell({ r, c });
		sheet[cell]!.v = Number(sheet[cell]!.v) + 10;
		await refused(
			'england',
			{ [rel]: xlsxBytes(wb) },
			[],
			new RegExp(
				`MARCH-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL\\.xlsx, sheet "31-DAY \\(BY CANCER\\)", row ${r + 1}, column "${XLSX.utils.encode_col(c)} \\(TOTAL\\)": England's published row for cwt31_breast \\(commissioner basis\\), March 2025.*organisation rows add up to`
			)
		);
	}, 300_000);

	it('a latest month going backwards (the newest commissioner workbook removed after it was published)', async () => {
		const config = setup('backwards');
		expect((await runEtl(config)).status).toBe('built');
		const before = served(config);
		const without = {
			...config,
			inputDir: mirrorRaw(path.join(tmp, 'in-backwards'), {}, [COMMISSIONER('SEPTEMBER-2025')])
		};
		await expect(runEtl(without)).rejects.toThrow(
			/AUGUST-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL\.xlsx, sheet "[^"]+", row \d+, column "[A-Z]+": the latest period of \w+ \(commissioner basis\) would go backwards, from September 2025 .* to August 2025/
		);
		expect(served(config)).toBe(before);
	}, 300_000);

	it('a jump in England beyond the limit fails, unless confirmed with --confirm-change', async () => {
		const config = setup('jump');
		expect((await runEtl(config)).status).toBe('built');
		// July 2025 with two in three trusts' suspected-breast-cancer rows gone from the (provisional) extract.
		const rel = 'metrics/cwt/provider_extract/CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider.xlsx';
		const wb = book(rel);
		const name = wb.SheetNames[0]!;
		const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null });
		const header = rows[0] as string[];
		const [period, cancer] = [header.indexOf('PERIOD'), header.indexOf('CANCER TYPE')];
		let n = 0;
		const kept = rows.filter((row, i) => {
			const july = row[period] instanceof Date && (row[period] as Date).getUTCMonth() === 6;
			return i === 0 || !(july && row[cancer] === 'Suspected breast cancer' && n++ % 3 !== 0);
		});
		wb.Sheets[name] = XLSX.utils.aoa_to_sheet(kept);
		const input = mirrorRaw(path.join(tmp, 'in-jump'), { [rel]: xlsxBytes(wb) });
		await expect(runEtl({ ...config, inputDir: input })).rejects.toThrow(
			/CWT-CRS-Apr-2025-to-Jul-2025-Data-Extract-Provider\.xlsx, sheet "CWT CRS Provider Extract", row \d+, column "A \(PERIOD\)": fds_breast_suspected \(provider basis\), June 2025 to July 2025: England's count of patients moves by -\d+%.*--confirm-change fds_breast_suspected:provider:2025-07/
		);
		const confirmed = { ...config, inputDir: input, confirmChanges: ['fds_breast_suspected:provider:2025-07'] };
		expect((await runEtl(confirmed)).status).toBe('built');
		expect(pkgOf(config).release.confirmed_changes).toEqual(['fds_breast_suspected:provider:2025-07']);
	}, 300_000);
});

describe('kill -9 at each stage of publishing', () => {
	const config = setup('kill');
	// Node itself runs the ETL (tsx as its loader), so the SIGKILL reaches the very process that publishes.
	const args = ['--import', 'tsx', 'scripts/etl/run.ts', '--input', RAW, '--db', config.dbPath, '--out', config.outDir];
	const run = (extra: string[], env: Record<string, string> = {}) =>
		spawnSync(process.execPath, [...args, '--releases', config.releasesDir, '--quiet', ...extra], {
			env: { ...process.env, ...env },
			encoding: 'utf8'
		});
	/** Nothing but the link in static/, nothing temporary in the served release, and the release matches its hashes. */
	async function servedWhole(): Promise<string> {
		expect(readdirSync(path.dirname(config.outDir))).toEqual(['data']);
		const dir = served(config);
		const names = readdirSync(dir, { recursive: true }).map(String);
		expect(names.filter((f) => /staging|\.old-|\.tmp|\.link-/.test(f))).toEqual([]);
		expect(await releaseProblem(dir)).toBeNull();
		return path.basename(dir);
	}

	it('keeps the served release whole at every stage, and the next run repairs the rest', async () => {
		expect((await runEtl(config)).status).toBe('built');
		let previous = await servedWhole();
		for (const stage of KILL_STAGES) {
			const killed = run(['--force'], { ETL_KILL_AT: stage });
			expect(killed.signal, `${stage}: ${killed.stderr}`).toBe('SIGKILL');
			const now = await servedWhole();
			// Until the pointer moves the previous release is served; from then on the new one, whole.
			const switched = KILL_STAGES.indexOf(stage) >= KILL_STAGES.indexOf('switched');
			if (switched) expect(now, stage).not.toBe(previous);
			else expect(now, stage).toBe(previous);
			previous = now;
		}
		// The next run tidies what the killed runs left: the served release, the shared folders it links, older releases.
		const repaired = run([]);
		expect(repaired.status, repaired.stderr).toBe(0);
		const current = await servedWhole();
		const linked = readdirSync(path.join(config.releasesDir, current), { withFileTypes: true }).filter((e) =>
			e.isSymbolicLink()
		).length;
		// Releases published before it stay, trimmed to what a pinned embed reads (publish/pinned.ts).
		const older = readdirSync(config.releasesDir).filter((n) => /^\d{8}T/.test(n) && n < current);
		expect(older.length).toBeGreaterThan(0);
		expect(readdirSync(config.releasesDir).sort()).toEqual([current, 'current', 'shared', ...older].sort());
		for (const o of older)
			expect(readdirSync(path.join(config.releasesDir, o)).sort()).toEqual([...PINNED_FILES].sort());
		expect(readdirSync(path.join(config.releasesDir, 'shared'))).toHaveLength(linked);
		expect(readdirSync(path.dirname(config.dbPath)).filter((f) => /staging|\.old-|\.tmp-/.test(f))).toEqual([]);
		// And then there is nothing left to do.
		const noop = run([]);
		expect(noop.stderr + noop.stdout).toBe('');
		expect(noop.status).toBe(0);
		expect((await runEtl(config)).status).toBe('unchanged');
	}, 600_000);
});
