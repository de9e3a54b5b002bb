/**
 * Stores from before the outbox kept actions in one DuckDB file (ACTIONS_DB, default data/actions.duckdb). On start,
 * its anonymous counts (emails sent and mail clients opened, within the 12 months kept: what the map and the summary
 * count) are copied into the store, once each (by their id), without anything personal: no address hash, consented
 * contact details or pending letter is read. The old file still holds those, unencrypted, so the server says so at
 * every start until the operator deletes it (README "Upgrading from a store in actions.duckdb").
 */
import { existsSync } from 'node:fs';
import { RETENTION_MS } from './types';
import type { Store } from './store';

type NodeApi = typeof import('@duckdb/node-api');
/** Loaded at run time only when an old file exists (a native addon: the bundler must not inline it). */
const loadNodeApi = () => import(/* @vite-ignore */ ['@duckdb', 'node-api'].join('/')) as Promise<NodeApi>;

export interface LegacyImport {
	file: string;
	/** Counted actions in the old file, and how many of them were new to this store. */
	found: number;
	imported: number;
}

/** Copies the old file's counts into `store`; null when there is no old file. Throws when it cannot be read. */
export async function importLegacyCounts(store: Store, file: string, now = Date.now()): Promise<LegacyImport | null> {
	if (!existsSync(file)) return null;
	const { DuckDBInstance } = await loadNodeApi();
	// Read-only: a server of the old version still running holds the file, and this fails rather than waits.
	const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
	let rows: Record<string, unknown>[];
	try {
		const connection = await instance.connect();
		rows = (
			await connection.runAndReadAll(
				`SELECT id, epoch_ms(created_at) AS created_at, epoch_ms(updated_at) AS updated_at, constituency_code,
				        alliance_codes, status
				 FROM actions WHERE status IN ('sent', 'mailto_opened') AND epoch_ms(created_at) >= $1`,
				[now - RETENTION_MS]
			)
		).getRowObjectsJS();
		connection.closeSync();
	} finally {
		instance.closeSync();
	}
	const imported = await store.sql.transaction(async (tx) => {
		let n = 0;
		for (const r of rows)
			n += (
				await tx.query(
					`INSERT INTO actions (id, created_at, updated_at, constituency_code, alliance_codes, status, consent)
					 VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (id) DO NOTHING RETURNING 1`,
					[
						`legacy-${String(r.id)}`,
						Number(r.created_at),
						Number(r.updated_at),
						String(r.constituency_code),
						(r.alliance_codes as unknown[]).map(String),
						String(r.status)
					]
				)
			).length;
		return n;
	});
	return { file, found: rows.length, imported };
}

/** What the server says at start about an old file (it still holds personal data, unencrypted). */
export function legacyMessage(result: LegacyImport): string {
	return (
		`Found the previous version's action store ${result.file}: ${result.imported} of its ${result.found} anonymous counts ` +
		`(emails sent, mail clients opened) were new and have been copied into this store. That file still holds personal ` +
		`data without encryption (letters awaiting confirmation, consented contact details): delete it, with any ` +
		`${result.file}.wal beside it, once you no longer need it; nothing else from it is used.`
	);
}
