/**
 * The server's DuckDB for /explore: the published tables in an in-memory database, locked before any user's SQL runs.
 *
 * - Loaded from the committed exports with the schema's CREATE TABLE and the ETL's own COPY (as the browser loads them),
 *   then `enable_external_access=false` (no files, no network, no ATTACH, no INSTALL/LOAD), no temporary directory
 *   (a query cannot spill to disk: it stops at the memory limit), and `lock_configuration=true` (no SET undoes this).
 * - One thread, a memory limit, a time limit (a timer interrupts the query), a row limit (the result is streamed and
 *   only the rows shown are read), one query at a time with a short queue (queue.ts).
 * - Only statements DuckDB itself prepares as SELECT run: every statement is prepared (parsed and bound, not run) and
 *   its type checked first, so COPY, SET, PRAGMA, ATTACH, CALL, CREATE and the rest are refused before they start.
 * - Each query gets its own connection, closed afterwards, so a stopped query's memory is freed at once.
 *
 * No SvelteKit imports: tests open it directly on the committed CSVs.
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TableName } from '$lib/data/contract';
import { copyFromCsvSql, TABLE_SQL } from '$lib/data/schema';
import { duckdbMessage } from '$lib/sql/errors';
import { withoutPrimaryKeys } from '$lib/sql/statements';
import type { QueryResult } from '$lib/sql/types';
import { EXPLORE_LIMITS, limitMessages, type ExploreFailure, type ExploreLimits } from './limits';
import { Busy, OneAtATime } from './queue';
import { readerToResult } from './values';

export type ServerAnswer =
	| (QueryResult & { ok: true; truncated: boolean; ms: number })
	| { ok: false; failure: ExploreFailure; message: string };

export interface Sandbox {
	query(sql: string): Promise<ServerAnswer>;
	close(): void;
}

type NodeApi = typeof import('@duckdb/node-api');
/** The specifier is built at run time so that no bundler tries to inline the native addon (as in ../actions.ts). */
const loadNodeApi = () => import(/* @vite-ignore */ ['@duckdb', 'node-api'].join('/')) as Promise<NodeApi>;

/** DuckDB's StatementType.SELECT (PRAGMAs that only read, like database_list, are prepared as SELECT too). */
const SELECT = 1;

/** The tables from their CSV text (each table's export); the database is locked before this returns. */
export async function openSandbox(
	csv: Record<TableName, string>,
	limits: ExploreLimits = EXPLORE_LIMITS
): Promise<Sandbox> {
	const { DuckDBInstance, StatementType } = await loadNodeApi();
	const db: DuckDBInstance = await DuckDBInstance.create(':memory:', {
		threads: '1',
		memory_limit: limits.memory,
		autoinstall_known_extensions: 'false',
		autoload_known_extensions: 'false',
		allow_community_extensions: 'false'
	});
	const setup = await db.connect();
	const dir = await mkdtemp(path.join(os.tmpdir(), 'explore-'));
	try {
		for (const [table, text] of Object.entries(csv) as [TableName, string][]) {
			const file = path.join(dir, `${table}.csv`);
			await writeFile(file, text);
			await setup.run(withoutPrimaryKeys(TABLE_SQL[table]));
			await setup.run(copyFromCsvSql(table, file));
		}
		await setup.run("SET temp_directory = ''");
		await setup.run('SET enable_external_access = false');
		await setup.run('SET lock_configuration = true');
	} finally {
		setup.closeSync();
		await rm(dir, { recursive: true, force: true });
	}

	const queue = new OneAtATime(limits.maxWaiting);
	const kindName = (type: number) => String(StatementType[type] ?? 'other').replace(/_/g, ' ');

	async function run(sql: string): Promise<ServerAnswer> {
		const started = performance.now();
		const conn = await db.connect();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			conn.interrupt();
		}, limits.timeMs);
		try {
			const statements = await conn.extractStatements(sql);
			if (statements.count === 0) return { ok: false, failure: 'refused', message: limitMessages.empty() };
			// Every statement must be a SELECT; earlier ones cannot change anything, so only the last is run.
			let last = null;
			for (let i = 0; i < statements.count; i++) {
				const prepared = await statements.prepare(i);
				if (prepared.statementType !== SELECT) {
					return { ok: false, failure: 'refused', message: limitMessages.notRead(kindName(prepared.statementType)) };
				}
				last = prepared;
			}
			const reader = await last!.streamAndReadUntil(limits.rows + 1);
			return { ok: true, ...readerToResult(reader, limits.rows), ms: performance.now() - started };
		} catch (error) {
			const message = duckdbMessage(error);
			if (timedOut || /^INTERRUPT Error/.test(message))
				return { ok: false, failure: 'stopped', message: limitMessages.timedOut(limits) };
			if (/^Out of Memory Error/.test(message))
				return { ok: false, failure: 'stopped', message: limitMessages.outOfMemory(limits, message) };
			return { ok: false, failure: 'error', message };
		} finally {
			clearTimeout(timer);
			conn.closeSync();
		}
	}

	return {
		query(sql: string): Promise<ServerAnswer> {
			if (sql.length > limits.maxChars)
				return Promise.resolve({ ok: false, failure: 'refused', message: limitMessages.tooLong(sql.length, limits) });
			if (sql.trim() === '') return Promise.resolve({ ok: false, failure: 'refused', message: limitMessages.empty() });
			return queue
				.run(() => run(sql))
				.catch((error: unknown) => {
					if (error instanceof Busy) return { ok: false, failure: 'busy', message: limitMessages.busy() } as const;
					throw error;
				});
		},
		close: () => db.closeSync()
	};
}
