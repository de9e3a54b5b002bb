/**
 * The server's sandboxed DuckDB for /explore (src/lib/server/explore/sandbox.ts) on the committed exports: every attack
 * in issue 15 is refused or stopped with a clear message, and what it does answer is what the browser engine answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import { EXAMPLE_QUERIES } from '../../src/lib/sql/examples';
import { EXPLORE_LIMITS } from '../../src/lib/server/explore/limits';
import { openSandbox, type Sandbox, type ServerAnswer } from '../../src/lib/server/explore/sandbox';
import { openTestDb, type TestDb } from './sql-wasm';

const csv = Object.fromEntries(
	(Object.keys(TABLE_COLUMNS) as TableName[]).map((t) => [t, readFileSync(`static/data/csv/${t}.csv`, 'utf8')])
) as Record<TableName, string>;

let sandbox: Sandbox;
let wasm: TestDb;
beforeAll(async () => {
	[sandbox, wasm] = await Promise.all([openSandbox(csv), openTestDb()]);
}, 120_000);
afterAll(() => {
	sandbox?.close();
	wasm?.close();
});

function failed(answer: ServerAnswer): { failure: string; message: string } {
	if (answer.ok) throw new Error(`expected a refusal, got ${answer.rows.length} rows`);
	return answer;
}

describe('what the server answers', () => {
	it('answers each example query with the rows and column types the browser engine gives', async () => {
		for (const example of EXAMPLE_QUERIES) {
			const answer = await sandbox.query(example.sql);
			if (!answer.ok) throw new Error(`${example.id}: ${answer.message}`);
			const browser = wasm.query(example.sql);
			expect(answer.columns, example.id).toEqual(browser.columns);
			expect(answer.rows, example.id).toEqual(browser.rows.slice(0, EXPLORE_LIMITS.rows));
			expect(answer.truncated).toBe(browser.rows.length > EXPLORE_LIMITS.rows);
		}
	});

	it('reads no more than the rows the page shows, and says there were more', async () => {
		const answer = await sandbox.query('SELECT * FROM observations');
		if (!answer.ok) throw new Error(answer.message);
		expect(answer.rows).toHaveLength(EXPLORE_LIMITS.rows);
		expect(answer.truncated).toBe(true);
	});

	it('gives DuckDB its own error for a mistake, unchanged', async () => {
		const answer = failed(await sandbox.query('SELECT * FROM no_such_table'));
		expect(answer.failure).toBe('error');
		expect(answer.message).toMatch(/^Catalog Error: Table with name no_such_table does not exist/);
	});

	it('runs several SELECTs and answers with the last, as the browser does', async () => {
		const answer = await sandbox.query("SELECT 1; SELECT count(*) AS n FROM areas WHERE type = 'alliance'");
		if (!answer.ok) throw new Error(answer.message);
		expect(answer.columns).toEqual([{ name: 'n', type: 'BIGINT' }]);
		expect(answer.rows[0]![0]).toBe(wasm.query("SELECT count(*) FROM areas WHERE type = 'alliance'").rows[0]![0]);
	});
});

describe('the attacks in issue 15', () => {
	it('cannot read a file from the server', async () => {
		for (const sql of [
			"SELECT * FROM read_csv('/etc/passwd')",
			"SELECT * FROM read_text('/etc/passwd')",
			"SELECT * FROM glob('/etc/*')"
		]) {
			const answer = failed(await sandbox.query(sql));
			expect(answer.message, sql).toMatch(/^Permission Error: Cannot access file .* disabled by configuration/);
		}
	});

	it('cannot write a file: DuckDB refuses COPY ... TO a path while binding it', async () => {
		const answer = failed(await sandbox.query("COPY observations TO '/tmp/explore-copy.csv'"));
		expect(answer.message).toMatch(
			/^Permission Error: Cannot access file "\/tmp\/explore-copy.csv" - file system operations are disabled/
		);
	});

	it.each([
		['DROP TABLE observations', 'DROP'],
		['UPDATE observations SET value = 0', 'UPDATE'],
		["ATTACH '/tmp/explore-attach.duckdb' AS a", 'ATTACH'],
		['INSTALL httpfs', 'LOAD'],
		['LOAD httpfs', 'LOAD'],
		['SET enable_external_access = true', 'SET'],
		['SET threads = 8', 'SET'],
		['PRAGMA enable_profiling', 'PRAGMA'],
		['CREATE TABLE x AS SELECT 1', 'CREATE'],
		['DELETE FROM observations', 'DELETE'],
		["SELECT 1; SET memory_limit = '8GB'", 'SET']
	])('refuses %s before running it (%s)', async (sql, kind) => {
		const answer = failed(await sandbox.query(sql));
		expect(answer.failure).toBe('refused');
		expect(answer.message).toBe(
			`The server answers only queries that read the tables (SELECT, or WITH ... SELECT); this is ${['ATTACH', 'UPDATE'].includes(kind) ? 'an' : 'a'} ${kind} statement.`
		);
	});

	it('left nothing behind: the tables and settings are as they were', async () => {
		const answer = await sandbox.query(
			"SELECT (SELECT count(*) FROM observations) AS n, current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked, current_setting('threads') AS threads"
		);
		if (!answer.ok) throw new Error(answer.message);
		const rows = wasm.query('SELECT count(*) FROM observations').rows[0]![0];
		expect(answer.rows[0]).toEqual([rows, false, true, 1]);
	});

	it('stops a cross join of observations with itself four times', async () => {
		const answer = failed(
			await sandbox.query('SELECT count(*) FROM observations a, observations b, observations c, observations d')
		);
		expect(answer.failure).toBe('stopped');
		expect(answer.message).toMatch(/the server's limit/);
	});

	it('stops a recursive CTE that never ends', async () => {
		const answer = failed(
			await sandbox.query('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r')
		);
		expect(answer.failure).toBe('stopped');
		expect(answer.message).toMatch(/the server's limit/);
	});

	it('refuses a 10 MB query string without parsing it', async () => {
		const sql = 'SELECT 1 -- ' + 'x'.repeat(10 * 1024 * 1024);
		const answer = failed(await sandbox.query(sql));
		expect(answer.failure).toBe('refused');
		expect(answer.message).toBe(
			'The query is 10,485,772 characters long; the server answers queries of up to 8,000 characters.'
		);
	});

	it('runs 50 concurrent heavy queries one at a time, refusing those beyond the queue at once', async () => {
		const heavy = 'SELECT count(*) FROM observations a, observations b WHERE a.value + b.value < 0';
		const answers = await Promise.all(Array.from({ length: 50 }, () => sandbox.query(heavy)));
		const kinds = answers.map((a) => (a.ok ? 'ok' : a.failure));
		expect(kinds.filter((k) => k === 'busy')).toHaveLength(50 - 1 - EXPLORE_LIMITS.maxWaiting);
		expect(kinds.filter((k) => k === 'stopped')).toHaveLength(1 + EXPLORE_LIMITS.maxWaiting);
		const busy = answers.find((a) => !a.ok && a.failure === 'busy');
		expect(busy && !busy.ok && busy.message).toBe(
			'The server is answering other queries just now, so it did not run this one.'
		);
		// And it answers the next query as usual.
		expect((await sandbox.query('SELECT count(*) FROM indicators')).ok).toBe(true);
	});
});
