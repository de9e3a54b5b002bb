/**
 * How fast the browser's own-data reader gets through a real file, and how long it ever holds the event loop.
 * Input: the real Fingertips 94063 practice values (2023/24) in the raw folder, laid out as a Fingertips download,
 * one row per practice. Runs under Node (same V8 and the same Blob slicing as Chromium): npx tsx scripts/bench/own-data.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { parseOwnFile } from '../../src/lib/own-data/parse-file';
import { toOwnObservations } from '../../src/lib/own-data/observations';
import { parseFingertips } from '../etl/sources/fingertips';

const dir = '../shared/data/raw/metrics/screening/gp_coverage_fingertips_via_efit';
const column = 'Breast screening coverage: aged 53 to 70 years old';
const seen = new Set<string>();
const rows: string[][] = [];
for (const f of readdirSync(dir)
	.filter((f) => f.endsWith('.csv'))
	.sort()) {
	for (const r of Papa.parse<Record<string, string>>(readFileSync(path.join(dir, f), 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data) {
		if (r[column] === '' || seen.has(r['GP code']!)) continue;
		seen.add(r['GP code']!);
		rows.push([
			'94063',
			column,
			r['GP code']!,
			r['GP name']!,
			'GPs',
			'Female',
			'53-70 yrs',
			'2023/24',
			r[column]!,
			'',
			'',
			'',
			''
		]);
	}
}
const header = [
	'Indicator ID',
	'Indicator Name',
	'Area Code',
	'Area Name',
	'Area Type',
	'Sex',
	'Age',
	'Time period',
	'Value',
	'Lower CI 95.0 limit',
	'Upper CI 95.0 limit',
	'Count',
	'Denominator'
];
const text = Papa.unparse({ fields: header, data: rows });
const blob = new Blob([text]);
for (let run = 0; run < 5; run++) {
	let last = performance.now();
	let longest = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 0);
	const t0 = performance.now();
	const parsed = await parseOwnFile(blob, { name: 'ft.csv' });
	const data = toOwnObservations(parsed);
	const t1 = performance.now();
	clearInterval(timer);
	const t2 = performance.now();
	parseFingertips('ft.csv', text);
	const t3 = performance.now();
	console.log(
		`${data.observations.length} rows, ${(blob.size / 1024).toFixed(0)} KB: browser reader ${(t1 - t0).toFixed(0)} ms (longest event-loop gap ${longest.toFixed(1)} ms); ETL whole-file ${(t3 - t2).toFixed(0)} ms`
	);
}
