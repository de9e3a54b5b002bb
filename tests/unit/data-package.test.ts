/**
 * The served release's data package (static/data/datapackage.json): a Frictionless tabular package whose every file
 * matches its listed hash, whose schemas match the CSVs, which the manifest is a view of, and whose CSVs load in DuckDB
 * in one line, as the /data page shows.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestOf, type DataPackage } from '../../src/lib/data/package';
import { TABLE_COLUMNS } from '../../src/lib/data/contract';
import { sha256 } from '../../scripts/etl/hash';
import { releaseProblem } from '../../scripts/etl/publish/verify';

const DATA = 'static/data';
const pkg = JSON.parse(readFileSync(path.join(DATA, 'datapackage.json'), 'utf8')) as DataPackage;

describe('the data package', () => {
	it('is a tabular data package describing every table, with types, descriptions, sources and licences', () => {
		expect(pkg.profile).toBe('tabular-data-package');
		expect(pkg.resources.map((r) => r.name).sort()).toEqual(Object.keys(TABLE_COLUMNS).sort());
		for (const r of pkg.resources) {
			expect(r.path).toBe(`csv/${r.name}.csv`);
			expect(r.schema.fields.map((f) => f.name)).toEqual([...TABLE_COLUMNS[r.name]]);
			for (const f of r.schema.fields) {
				expect(['string', 'number', 'integer', 'date', 'boolean']).toContain(f.type);
				expect(f.description.length, `${r.name}.${f.name}`).toBeGreaterThan(3);
			}
			expect(r.licenses.length).toBeGreaterThan(0);
			expect(r.sources[0]!.title).not.toBe('');
		}
		const release = pkg.resources
			.find((r) => r.name === 'observations')!
			.schema.fields.find((f) => f.name === 'release')!;
		expect(release.constraints).toEqual({ required: true, enum: ['final', 'provisional', 'revised'] });
		expect(pkg.citation).toContain(pkg.release.id);
	});

	it('lists every file of the release with its SHA-256, and each table with its rows and hash', async () => {
		expect(await releaseProblem(path.resolve(DATA))).toBeNull();
		for (const r of pkg.resources) {
			const data = readFileSync(path.join(DATA, r.path));
			expect(r.hash).toBe(`sha256:${sha256(data)}`);
			expect(r.bytes).toBe(data.length);
			const rows = Papa.parse(data.toString('utf8').trim(), { header: true }).data.length;
			expect(rows, r.name).toBe(r.rows);
		}
	});

	it('is the single source of the manifest the app reads', () => {
		const manifest = JSON.parse(readFileSync(path.join(DATA, 'manifest.json'), 'utf8'));
		expect(manifest).toEqual(manifestOf(pkg));
	});

	it("loads in DuckDB in one line, the /data page's example (read locally here)", async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const db = await instance.connect();
		try {
			const file = path.resolve(DATA, 'csv/observations.csv');
			const rows = (
				await db.runAndReadAll(
					`SELECT release, count(*)::INTEGER AS n FROM read_csv('${file}') GROUP BY release ORDER BY release`
				)
			).getRowObjectsJson();
			const total = rows.reduce((s, r) => s + Number(r.n), 0);
			expect(total).toBe(pkg.resources.find((r) => r.name === 'observations')!.rows);
			expect(rows.map((r) => r.release)).toEqual(['final', 'provisional']);
		} finally {
			db.closeSync();
			instance.closeSync();
		}
	});
});
