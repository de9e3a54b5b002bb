/**
 * Delivered letters and survey answers written straight into a store, for the reply-rate tests and the `replies`
 * bench: test inputs the caller chooses, on the real constituencies and Cancer Alliances of the committed exports.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readExport } from '../../src/lib/data/manifest';
import type { Manifest } from '../../src/lib/data/package';
import { REPLY_ANSWERS, type ReplyAnswer } from '../../src/lib/replies/answers';
import type { Sql } from '../../src/lib/server/store/sql';

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../static/data');

/** Every 2024 constituency in England with the current (20) alliances it lies in, from area_lookups.csv. */
export function realConstituencies(): { code: string; alliances: string[] }[] {
	const manifest = JSON.parse(readFileSync(path.join(data, 'manifest.json'), 'utf8')) as Manifest;
	const lookups = readExport(manifest, 'area_lookups', readFileSync(path.join(data, 'csv/area_lookups.csv'), 'utf8'));
	const byCode = new Map<string, string[]>();
	for (const l of lookups)
		if (l.relation === 'constituency_in_alliance' && l.variant !== '21')
			byCode.set(l.child_code, [...(byCode.get(l.child_code) ?? []), l.parent_code]);
	return [...byCode].map(([code, alliances]) => ({ code, alliances })).sort((a, b) => a.code.localeCompare(b.code));
}

export interface SeedLetter {
	constituency: string;
	alliances: string[];
	/** The supporter's answer, or null for one who has not answered. */
	answer: ReplyAnswer | null;
	at: number;
}

/** Inserts the letters as delivered actions ('sent') and their answers, 5,000 a statement; their action ids. */
export async function seedLetters(sql: Pick<Sql, 'query'>, letters: SeedLetter[]): Promise<string[]> {
	const ids = letters.map(() => randomUUID());
	for (let from = 0; from < letters.length; from += 5000) {
		const batch = letters.slice(from, from + 5000);
		const batchIds = ids.slice(from, from + 5000);
		await sql.query(
			`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, consent)
			 SELECT id, at, at, code, string_to_array(alliances, ','), 'sent', false
			 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS t(id, at, code, alliances)`,
			[batchIds, batch.map((l) => l.at), batch.map((l) => l.constituency), batch.map((l) => l.alliances.join(','))]
		);
		const answered = batch.flatMap((l, i) => (l.answer ? [{ id: batchIds[i]!, answer: l.answer, at: l.at }] : []));
		await sql.query(
			`INSERT INTO reply_answers (action_id, answer, answered_at, updated_at)
			 SELECT id, answer, at, at FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(id, answer, at)`,
			[answered.map((a) => a.id), answered.map((a) => a.answer), answered.map((a) => a.at + 14 * 86_400_000)]
		);
	}
	return ids;
}

/**
 * `n` letters spread over every constituency, six in ten answered, the answers cycling through all five kinds with
 * replies the most common (a load for the bench, not a finding: deterministic, so runs compare).
 */
export function loadLetters(n: number, since: number): SeedLetter[] {
	const places = realConstituencies();
	const cycle: (ReplyAnswer | null)[] = [
		'replied_not_wrote',
		null,
		'replied_and_wrote',
		null,
		'no_reply',
		null,
		'acknowledgement',
		null,
		'replied_not_wrote',
		'not_expected'
	];
	if (!cycle.every((a) => a === null || REPLY_ANSWERS.includes(a))) throw new Error('unknown answer');
	return Array.from({ length: n }, (_, i) => {
		const place = places[(i * 7919) % places.length]!;
		return {
			constituency: place.code,
			alliances: place.alliances,
			answer: cycle[i % cycle.length]!,
			at: since + i * 1000
		};
	});
}
