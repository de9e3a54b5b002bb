/**
 * The server's limits on /explore queries, and the words a refusal or a stop is said in. The server answers a shared
 * link's first rows only; anything it refuses, the engine in the browser can still run.
 */
import { MAX_SHARED_QUERY_LENGTH } from '$lib/sql/url';
import { formatCount } from '$lib/format';

export interface ExploreLimits {
	/** Milliseconds a query may run (parse, bind and execution) before it is interrupted. */
	timeMs: number;
	/** Rows read from a result; the page shows at most this many, so more are never fetched. */
	rows: number;
	/** DuckDB's memory_limit; a query that needs more stops with DuckDB's out-of-memory error. */
	memory: string;
	/** Characters of SQL the server parses at most: the longest query a link can carry. */
	maxChars: number;
	/** Queries waiting behind the running one; a query arriving when this many wait is refused at once. */
	maxWaiting: number;
}

export const EXPLORE_LIMITS: ExploreLimits = {
	timeMs: 1000,
	rows: 1000,
	memory: '256MB',
	maxChars: MAX_SHARED_QUERY_LENGTH,
	maxWaiting: 2
};

/** Why the server gave no rows: a refusal before running, a limit that stopped it, or DuckDB's own error. */
export type ExploreFailure = 'refused' | 'busy' | 'stopped' | 'error';

export const limitMessages = {
	tooLong: (chars: number, limits: ExploreLimits) =>
		`The query is ${formatCount(chars)} characters long; the server answers queries of up to ${formatCount(limits.maxChars)} characters.`,
	empty: () => 'There is no query to run.',
	notRead: (kind: string) =>
		`The server answers only queries that read the tables (SELECT, or WITH ... SELECT); this is ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind} statement.`,
	busy: () => 'The server is answering other queries just now, so it did not run this one.',
	timedOut: (limits: ExploreLimits) =>
		`The query ran for longer than the server's limit of ${limits.timeMs / 1000} second${limits.timeMs === 1000 ? '' : 's'} and was stopped.`,
	outOfMemory: (limits: ExploreLimits, duckdb: string) =>
		`The query needed more memory than the server's limit of ${limits.memory.replace(/MB$/, ' MB')} and was stopped. DuckDB's message: ${duckdb}`
};
