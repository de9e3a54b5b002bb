/**
 * The release status of an input file, from what its publisher calls it. File names are the publisher's own (or, for
 * the FDS CSVs, RAND's renaming of them), so the rule reads them; where a name says nothing, each source's default
 * below says why it is what it is.
 */
import type { ReleaseStatus } from '../../../src/lib/data/release';
import type { ParseKind } from '../parsers';

export interface FileRelease {
	status: ReleaseStatus;
	/** Why, in a sentence for provenance. */
	reason: string;
}

/** A word in the file name, e.g. "...-PROVIDER-WORKBOOK-FINAL.xlsx", "...-Provider-Provisional.xlsx", "...-Revised.xlsx". */
const NAMED: [RegExp, ReleaseStatus][] = [
	[/(^|[^a-z])revised([^a-z]|$)/i, 'revised'],
	[/(^|[^a-z])final([^a-z]|$)/i, 'final'],
	[/(^|[^a-z])provisional([^a-z]|$)/i, 'provisional']
];

/** Sources whose file names carry no status. */
const UNNAMED: Partial<Record<ParseKind, FileRelease>> = {
	'cwt-extract': {
		status: 'provisional',
		reason:
			'An NHS England provider extract not named "Final": NHS England names its final extracts so (the Apr-Sep 2024 "Final" extract equals the final monthly workbooks exactly; the unnamed ones do not), so this is the in-year provisional release.'
	},
	'cwt-workbook': {
		status: 'provisional',
		reason: 'A monthly workbook not named "FINAL": taken as provisional until NHS England publishes it as final.'
	},
	'cwt-fds-csv': {
		status: 'final',
		reason:
			"NHS England's monthly FDS CSV (renamed by RAND): its all-cancer England totals equal the national time series, which NHS England marks final for April 2018 to March 2023."
	},
	'ndrs-stage': { status: 'final', reason: 'NDRS annual official statistics, published once, not provisionally.' },
	'ndrs-mortality': { status: 'final', reason: 'NDRS annual National Statistics, published once, not provisionally.' },
	'screening-coverage': {
		status: 'final',
		reason: 'Fingertips indicator 94063 for 2023/24 as published (OHID updates a period only by a new publication).'
	}
};

const FALLBACK: FileRelease = { status: 'final', reason: 'Taken as published; its name does not say provisional.' };

export function fileRelease(rel: string, kind: ParseKind): FileRelease {
	const name = rel.split('/').pop()!;
	for (const [pattern, status] of NAMED) {
		if (pattern.test(name)) return { status, reason: `Its file name says ${status}.` };
	}
	return UNNAMED[kind] ?? FALLBACK;
}
