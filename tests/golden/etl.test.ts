/**
 * The whole ETL on the real raw files: it reproduces the publishers' totals, does no work when nothing changed,
 * and on bad input names the file, sheet, row and column and leaves the previous database and exports in place.
 * Bad inputs are made by mirroring the raw folder with symlinks and replacing one file with a damaged copy.
 */
import * as XLSX from '@e965/xlsx';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
	existsSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEtl } from '../../scripts/etl/run';
import type { EtlConfig } from '../../scripts/etl/config';
import { sha256 } from '../../scripts/etl/hash';
import { mirrorRaw, RAW } from '../../scripts/bench/raw-mirror';
import { queryDb } from './query';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'etl-golden-'));
const config = (inputDir: string, force = false): EtlConfig => ({
	inputDir,
	extraDir: path.join(tmp, 'no-extra'),
	dbPath: path.join(tmp, 'db', 'dashboard.duckdb'),
	outDir: path.join(tmp, 'static', 'data'),
	releasesDir: path.join(tmp, 'releases'),
	cacheDir: path.join(tmp, 'db', 'cache'),
	force,
	quiet: true,
	confirmChanges: []
});

const query = (sql: string) => queryDb(config(RAW).dbPath, sql);

/** A copy of the raw folder (raw-mirror.ts) with `replace` written as real files in place of the originals. */
const mirror = (name: string, replace: Record<string, Uint8Array | string>) => mirrorRaw(path.join(tmp, name), replace);

/** The exports, which identical inputs must reproduce byte for byte (the descriptors name the build and its time). */
function exportsFingerprint(): string {
	const out = config(RAW).outDir;
	return readdirSync(out, { recursive: true })
		.map(String)
		.filter((f) => statSync(path.join(out, f)).isFile() && !['manifest.json', 'datapackage.json'].includes(f))
		.sort()
		.map((f) => `${f}:${sha256(readFileSync(path.join(out, f)))}`)
		.join('\n');
}

/** The exports and the database file itself (DuckDB files are not byte-identical between builds, so only for "untouched"). */
function fingerprint(): string {
	const descriptor = readFileSync(path.join(config(RAW).outDir, 'datapackage.json'));
	return exportsFingerprint() + sha256(descriptor) + sha256(readFileSync(config(RAW).dbPath));
}

beforeAll(async () => {
	const outcome = await runEtl(config(RAW, true));
	expect(outcome.status).toBe('built');
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a full build on the real files', () => {
	it("reproduces NHS England's England FDS for suspected breast cancer, April 2025 (provider extract): 87.45%", async () => {
		const [row] = await query(`SELECT value, numerator, denominator FROM observations
			WHERE indicator_id = 'fds_breast_suspected' AND basis = 'provider' AND area_code = 'E92000001' AND period_start = '2025-04-01'`);
		expect(row).toMatchObject({ numerator: 41873, denominator: 47881 });
		expect(Number(row!.value)).toBeCloseTo(87.45, 2);
	});

	it("reproduces the workbooks' England rows on both bases, September 2025", async () => {
		const rows = await query(`SELECT basis, numerator, denominator FROM observations
			WHERE indicator_id = 'cwt62_breast' AND area_code = 'E92000001' AND period_start = '2025-09-01' ORDER BY basis`);
		expect(rows).toEqual([
			{ basis: 'commissioner', numerator: 3129, denominator: 4602 },
			{ basis: 'provider', numerator: 3129, denominator: 4602 }
		]);
	});

	it("reproduces NDRS's England breast figures for 2022: completeness 80.5%, stage 1-2 85.4% of 50,978 tumours", async () => {
		const rows = await query(`SELECT indicator_id, round(value, 1) AS v, denominator FROM observations
			WHERE area_code = 'E92000001' AND period_start = '2022-01-01' AND basis = 'registry' ORDER BY indicator_id`);
		expect(rows).toEqual([
			{ indicator_id: 'stage12_breast', v: 85.4, denominator: 41040 },
			{ indicator_id: 'stage_completeness_breast', v: 80.5, denominator: 50978 }
		]);
	});

	it('gives every one of the 20 alliances a commissioner figure each month, summing to England apart from hubs and unknowns', async () => {
		const rows =
			await query(`SELECT count(*)::INTEGER AS n, sum(o.denominator) AS d FROM observations o JOIN areas a ON a.code = o.area_code
			WHERE o.indicator_id = 'fds_breast_suspected' AND o.basis = 'commissioner' AND o.period_start = '2025-09-01'
			AND a.type = 'alliance' AND (a.variant IS NULL OR a.variant = '20')`);
		expect(rows[0]!.n).toBe(20);
		// England is 50,542; commissioning hubs and the UNKNOWN commissioner are not in any alliance.
		expect(Number(rows[0]!.d)).toBeGreaterThan(50_000);
		expect(Number(rows[0]!.d)).toBeLessThan(50_542);
	});

	it('compares with England only through the intervals, and suppresses small counts below national level', async () => {
		const wrong = await query(`SELECT count(*)::INTEGER AS n FROM observations o JOIN observations e
			ON e.indicator_id = o.indicator_id AND e.basis = o.basis AND e.period_start = o.period_start AND e.area_code = 'E92000001'
			WHERE o.area_code <> 'E92000001' AND o.comparison IN ('better', 'worse')
			-- stored to 4 decimal places; a tie at that precision was decided on the unrounded figures
			AND e.value > o.lower95 + 0.0001 AND e.value < o.upper95 - 0.0001`);
		expect(wrong[0]!.n).toBe(0);
		const small =
			await query(`SELECT count(*)::INTEGER AS n FROM observations WHERE NOT suppressed AND area_code <> 'E92000001'
			AND ((numerator > 0 AND numerator < 8) OR (denominator > 0 AND denominator < 8))`);
		expect(small[0]!.n).toBe(0);
		const suppressed = await query(`SELECT count(*)::INTEGER AS n FROM observations WHERE suppressed`);
		expect(Number(suppressed[0]!.n)).toBeGreaterThan(0);
	});

	it('records provenance for every input with its hash', async () => {
		const rows = await query(
			`SELECT file, sha256, rows_read::INTEGER AS rows_read FROM provenance WHERE file LIKE 'metrics/stage/%'`
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.sha256).toBe(sha256(readFileSync(path.join(RAW, String(rows[0]!.file)))));
		expect(rows[0]!.rows_read).toBe(10710);
	});

	it('writes a manifest whose row counts match the database, and exports DuckDB can read back as CSV', async () => {
		const manifest = JSON.parse(readFileSync(path.join(config(RAW).outDir, 'manifest.json'), 'utf8')) as {
			tables: { name: string; file: string; rows: number; columns: { name: string }[]; licence: string }[];
		};
		expect(manifest.tables.map((t) => t.name).sort()).toEqual([
			'area_lookups',
			'areas',
			'indicators',
			'mps',
			'observations',
			'provenance'
		]);
		for (const table of manifest.tables) {
			const [db] = await query(`SELECT count(*)::INTEGER AS n FROM ${table.name}`);
			const csvFile = path.join(config(RAW).outDir, table.file).replaceAll("'", "''");
			const [csv] = await query(
				`SELECT count(*)::INTEGER AS n FROM read_csv('${csvFile}', header = true, all_varchar = true)`
			);
			expect(db!.n, table.name).toBe(table.rows);
			expect(csv!.n, table.name).toBe(table.rows);
			expect(table.licence).not.toBe('');
		}
	});
});

describe("analysts' own data in the generic layouts", () => {
	/** Real figures in the COSD layout: NDRS's 2022 breast staging counts per alliance, staged of all tumours. */
	async function cosdFromNdrs(): Promise<string> {
		const rows =
			await query(`SELECT area_code, numerator::INTEGER AS staged, denominator::INTEGER AS total FROM observations o
			JOIN areas a ON a.code = o.area_code WHERE indicator_id = 'stage_completeness_breast' AND period_start = '2022-01-01'
			AND a.type IN ('alliance', 'england') ORDER BY area_code`);
		return [
			'area_code,period,item,records,records_complete',
			...rows.map((r) => `${r.area_code},2022,stage,${r.total},${r.staged}`)
		].join('\n');
	}

	it('loads a COSD-layout file beside the published figures, with intervals and comparisons', async () => {
		const extra = path.join(tmp, 'extra-ok');
		mkdirSync(path.join(extra, 'cosd'), { recursive: true });
		writeFileSync(path.join(extra, 'cosd', 'stage-2022.csv'), await cosdFromNdrs());
		const outcome = await runEtl({ ...config(RAW), extraDir: extra });
		expect(outcome.status).toBe('built');
		const rows =
			await query(`SELECT o.area_code, o.value AS mine, p.value AS published, o.comparison = p.comparison AS same FROM observations o
			JOIN observations p ON p.area_code = o.area_code AND p.period_start = o.period_start AND p.indicator_id = 'stage_completeness_breast'
			WHERE o.indicator_id = 'cosd_stage'`);
		expect(rows).toHaveLength(21);
		for (const r of rows) {
			expect(r.mine, String(r.area_code)).toBe(r.published);
			expect(r.same, String(r.area_code)).toBe(true);
		}
		const [indicator] = await query(`SELECT name, source FROM indicators WHERE id = 'cosd_stage'`);
		expect(indicator).toMatchObject({
			name: 'COSD completeness: stage',
			source: expect.stringContaining('extra/cosd/stage-2022.csv')
		});
		// Back to the published data only.
		expect((await runEtl(config(RAW))).status).toBe('built');
	}, 300_000);

	it('refuses a COSD file naming an area this product does not know', async () => {
		const extra = path.join(tmp, 'extra-bad');
		mkdirSync(path.join(extra, 'cosd'), { recursive: true });
		writeFileSync(path.join(extra, 'cosd', 'stage-2022.csv'), (await cosdFromNdrs()).replace('E56000014', 'E56000099'));
		const before = fingerprint();
		await expect(runEtl({ ...config(RAW), extraDir: extra })).rejects.toThrow(
			/extra\/cosd\/stage-2022\.csv, column "area_code": unknown area code "E56000099"/
		);
		expect(fingerprint()).toBe(before);
	}, 300_000);
});

describe('rebuilding', () => {
	it('does no work when inputs and code are unchanged, and rebuilds with --force', async () => {
		const before = fingerprint();
		const noop = await runEtl(config(RAW));
		expect(noop.status).toBe('unchanged');
		expect(fingerprint()).toBe(before);
		const exportsBefore = exportsFingerprint();
		const forced = await runEtl(config(RAW, true));
		expect(forced.status).toBe('built');
		// The same inputs give byte-identical exports.
		expect(exportsFingerprint()).toBe(exportsBefore);
	}, 300_000);
});

describe('bad input: a located error, and the previous database and exports stay in place', () => {
	const STAGE = 'metrics/stage/NDRS_stage_at_diagnosis_by_cancer_site_England_2013-2022.csv';
	const WORKBOOK = 'metrics/cwt/commissioner_workbooks/SEPTEMBER-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL.xlsx';
	const stageText = () => readFileSync(path.join(RAW, STAGE), 'utf8');
	const stageLines = () => stageText().split('\n');
	/** The 1-based line of the first breast row for the given geography. */
	const lineOf = (geography: string) =>
		stageLines().findIndex((l) => l.includes(`"${geography}"`) && l.includes('"Breast"')) + 1;

	const cases: { name: string; files: () => Record<string, Uint8Array | string>; message: RegExp }[] = [
		{
			name: 'a missing column',
			files: () => ({ [STAGE]: stageText().replace('"Stage 3",', '"Stage three",') }),
			message: /NDRS_stage_at_diagnosis.*row 1, column "Stage 3".*missing/
		},
		{
			name: 'text in a number column',
			files: () => {
				const lines = stageLines();
				const i = lineOf('Peninsula') - 1;
				lines[i] = lines[i]!.replace(/"Breast",(\d+),/, '"Breast","n/a",');
				return { [STAGE]: lines.join('\n') };
			},
			message: new RegExp(`NDRS_stage_at_diagnosis.*row ${'\\d+'}, column "Stage 1": expected .*"n/a"`)
		},
		{
			name: 'an unknown area',
			files: () => {
				const lines = stageLines();
				const i = lineOf('Peninsula') - 1;
				lines[i] = lines[i]!.replace('"Peninsula"', '"Atlantis"');
				return { [STAGE]: lines.join('\n') };
			},
			message: /NDRS_stage_at_diagnosis.*row \d+, column "Geography Name": unknown Cancer Alliance.*"Atlantis"/
		},
		{
			name: 'a renamed sheet',
			files: () => {
				const wb = XLSX.read(readFileSync(path.join(RAW, WORKBOOK)), { type: 'buffer' });
				const i = wb.SheetNames.indexOf('62-DAY (BY CANCER)');
				wb.Sheets['62 DAY BY CANCER'] = wb.Sheets['62-DAY (BY CANCER)']!;
				delete wb.Sheets['62-DAY (BY CANCER)'];
				wb.SheetNames[i] = '62 DAY BY CANCER';
				return { [WORKBOOK]: new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer) };
			},
			message:
				/SEPTEMBER-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL\.xlsx, sheet "62-DAY \(BY CANCER\)": sheet is missing/
		},
		{
			name: 'a truncated file',
			files: () => {
				const data = readFileSync(path.join(RAW, WORKBOOK));
				return { [WORKBOOK]: new Uint8Array(data.subarray(0, Math.floor(data.length / 2))) };
			},
			message: /SEPTEMBER-2025-CWT-CRS-COMMISSIONER-WORKBOOK-FINAL\.xlsx.*truncated/
		}
	];

	for (const c of cases) {
		it(`${c.name}`, async () => {
			const before = fingerprint();
			const input = mirror(c.name.replaceAll(' ', '-'), c.files());
			await expect(runEtl(config(input, true))).rejects.toThrow(c.message);
			expect(fingerprint()).toBe(before);
			expect(readdirSync(path.dirname(config(RAW).dbPath)).filter((f) => f.includes('staging'))).toEqual([]);
			expect(readdirSync(tmp).filter((f) => f.includes('staging'))).toEqual([]);
			expect(readdirSync(config(RAW).releasesDir).filter((f) => f.startsWith('.') && f !== '.lock')).toEqual([]);
		}, 300_000);
	}

	it('a missing input folder', async () => {
		const input = path.join(tmp, 'empty-input');
		mkdirSync(input, { recursive: true });
		await expect(runEtl(config(input))).rejects.toThrow(/metrics\/cwt\/provider_extract: input folder not found/);
		expect(existsSync(config(RAW).dbPath) && statSync(config(RAW).dbPath).size > 0).toBe(true);
	});
});
