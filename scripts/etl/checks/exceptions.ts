/**
 * The reviewed exceptions (scripts/etl/reviewed/*.csv): organisation codes that are genuine but belong to no area,
 * and gaps in a monthly series that are known and explained. Each entry needs a reason, so that adding one is a
 * decision someone can review in a diff, never a way to silence a check.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASES, type Basis } from '../../../src/lib/data/contract';
import { readCsv } from '../sources/csv';
import { findColumns, toText } from '../../../src/lib/formats/cells';
import { EtlError } from '../errors';

export const REVIEWED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'reviewed');

export interface OrganisationException {
	basis: Basis;
	code: string;
	name: string;
	reason: string;
}

export interface GapException {
	indicator_id: string;
	basis: Basis;
	/** 'YYYY-MM-01': the first and last months known to be missing. */
	first_missing: string;
	last_missing: string;
	reason: string;
}

export interface Exceptions {
	organisations: OrganisationException[];
	gaps: GapException[];
	/** The files' contents, for the build stamp: changing an exception rebuilds. */
	text: string;
}

async function records<K extends string>(
	dir: string,
	name: string,
	columns: Record<K, string>
): Promise<{ file: string; row: number; value: Record<K, string> }[]> {
	const file = `scripts/etl/reviewed/${name}`;
	const all = readCsv(file, await readFile(path.join(dir, name), 'utf8'));
	const col = findColumns(all[0] ?? [], columns, { file, row: 1 });
	const out: { file: string; row: number; value: Record<K, string> }[] = [];
	all.slice(1).forEach((r, i) => {
		if (r.every((c) => c.trim() === '')) return;
		const value = Object.fromEntries((Object.keys(columns) as K[]).map((k) => [k, toText(r[col[k]])])) as Record<
			K,
			string
		>;
		const row = i + 2;
		if (value['reason' as K] === '')
			throw new EtlError({ file, row, column: 'reason' }, 'every exception needs a reason');
		out.push({ file, row, value });
	});
	return out;
}

function basisOf(value: string, at: { file: string; row: number }): Basis {
	if (!(BASES as readonly string[]).includes(value)) {
		throw new EtlError({ ...at, column: 'basis' }, `expected one of ${BASES.join(', ')}, found "${value}"`);
	}
	return value as Basis;
}

function monthOf(value: string, column: string, at: { file: string; row: number }): string {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
		throw new EtlError({ ...at, column }, `expected a month such as 2025-01, found "${value}"`);
	}
	return `${value}-01`;
}

export async function readExceptions(dir = REVIEWED_DIR): Promise<Exceptions> {
	const orgs = await records(dir, 'organisations.csv', {
		basis: 'basis',
		code: 'code',
		name: 'name',
		reason: 'reason'
	});
	const gaps = await records(dir, 'gaps.csv', {
		indicator_id: 'indicator_id',
		basis: 'basis',
		first_missing: 'first_missing',
		last_missing: 'last_missing',
		reason: 'reason'
	});
	return {
		organisations: orgs.map(({ file, row, value }) => ({
			basis: basisOf(value.basis, { file, row }),
			code: value.code.toUpperCase(),
			name: value.name,
			reason: value.reason
		})),
		gaps: gaps.map(({ file, row, value }) => ({
			indicator_id: value.indicator_id,
			basis: basisOf(value.basis, { file, row }),
			first_missing: monthOf(value.first_missing, 'first_missing', { file, row }),
			last_missing: monthOf(value.last_missing, 'last_missing', { file, row }),
			reason: value.reason
		})),
		text: [
			await readFile(path.join(dir, 'organisations.csv'), 'utf8'),
			await readFile(path.join(dir, 'gaps.csv'), 'utf8')
		].join('\n')
	};
}
