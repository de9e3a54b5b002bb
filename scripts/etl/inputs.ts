/**
 * Where each source lives inside the input folder. The ETL reads these in place; paths in messages and provenance are
 * relative to the input folder so they mean the same thing on every machine.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EtlError } from './errors';
import type { ParseKind } from './parsers';
import { GEO_FILE_NAMES, type GeoFileKey } from './derive/geography/alliances';
import { MYSOCIETY_RANGE_FILES } from './sources/mysociety-ranges';
import { WARD_FILES } from './sources/ward-constituencies';

export interface InputFile {
	kind: ParseKind;
	/** Path relative to its input folder, used in messages and provenance. */
	rel: string;
	abs: string;
}

/** Spreadsheet and CSV sources parsed (in worker threads, cached by content hash). */
const PARSED: { kind: ParseKind; dir: string; ext: string; optional?: boolean }[] = [
	{ kind: 'cwt-extract', dir: 'metrics/cwt/provider_extract', ext: '.xlsx' },
	{ kind: 'cwt-workbook', dir: 'metrics/cwt/provider_workbooks', ext: '.xlsx' },
	{ kind: 'cwt-workbook', dir: 'metrics/cwt/commissioner_workbooks', ext: '.xlsx' },
	{ kind: 'cwt-fds-csv', dir: 'metrics/cwt/fds_by_route_provider_csv', ext: '.csv' },
	{ kind: 'ndrs-stage', dir: 'metrics/stage', ext: '.csv' },
	{ kind: 'ndrs-mortality', dir: 'metrics/mortality', ext: '.ods' },
	{ kind: 'codepoint', dir: 'postcodes/codepo/csv', ext: '.csv' },
	{ kind: 'screening-coverage', dir: 'metrics/screening/gp_coverage_fingertips_via_efit', ext: '.csv' },
	{ kind: 'gp-population', dir: 'metrics/population/gp_registered_female_single_year_2026', ext: '.csv' }
];

/** Analysts' own files in the generic layouts, from the extra folder; both folders are optional. */
const EXTRA: { kind: ParseKind; dir: string; ext: string }[] = [
	{ kind: 'fingertips', dir: 'fingertips', ext: '.csv' },
	{ kind: 'cosd', dir: 'cosd', ext: '.csv' }
];

/**
 * Code-Point Open postcode areas holding the HQs of trusts whose ICB straddles two alliances (the geography step
 * says which it needs, and fails if one is missing here). Lower case, as the files are named.
 */
export const TRUST_HQ_POSTCODE_AREAS = ['ba', 'ng', 'sn', 'sp'] as const;

export const GEOGRAPHY_FILES: Record<GeoFileKey | `codepo_${string}` | `postcodeIndex_${string}`, string> = {
	...GEO_FILE_NAMES,
	// Postcode -> constituency: mySociety's postcode ranges, and 12v's ward table for the postcodes they do not cover.
	postcodeIndex_ranges: MYSOCIETY_RANGE_FILES.ranges,
	postcodeIndex_rangeSeats: MYSOCIETY_RANGE_FILES.seats,
	postcodeIndex_wardMapping: WARD_FILES.wardMapping,
	...Object.fromEntries(TRUST_HQ_POSTCODE_AREAS.map((a) => [`codepo_${a}`, `postcodes/codepo/csv/${a}.csv`]))
};

async function listDir(root: string, dir: string, ext: string, optional: boolean): Promise<string[]> {
	const abs = path.join(root, dir);
	let names: string[];
	try {
		names = await readdir(abs);
	} catch {
		if (optional) return [];
		throw new EtlError({ file: dir }, `input folder not found under ${root}`);
	}
	const files = names.filter((n) => n.toLowerCase().endsWith(ext)).sort();
	if (files.length === 0 && !optional) throw new EtlError({ file: dir }, `no ${ext} files found`);
	return files.map((n) => path.posix.join(dir, n));
}

export async function discoverInputs(
	inputDir: string,
	extraDir: string
): Promise<{ parsed: InputFile[]; geography: InputFile[] }> {
	const parsed: InputFile[] = [];
	for (const s of PARSED) {
		for (const rel of await listDir(inputDir, s.dir, s.ext, s.optional ?? false)) {
			parsed.push({ kind: s.kind, rel, abs: path.join(inputDir, rel) });
		}
	}
	for (const s of EXTRA) {
		for (const rel of await listDir(extraDir, s.dir, s.ext, true)) {
			parsed.push({ kind: s.kind, rel: `extra/${rel}`, abs: path.join(extraDir, rel) });
		}
	}
	const geography: InputFile[] = [];
	for (const rel of Object.values(GEOGRAPHY_FILES)) {
		const abs = path.join(inputDir, rel);
		try {
			await stat(abs);
		} catch {
			throw new EtlError({ file: rel }, `input file not found under ${inputDir}`);
		}
		geography.push({ kind: 'geography', rel, abs });
	}
	return { parsed, geography };
}
