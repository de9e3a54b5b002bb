/**
 * The one thing both back ends provide: PostgreSQL's dialect over a connection. PGlite (PostgreSQL compiled to
 * WebAssembly, in this process) and `pg` (a PostgreSQL server) run the same SQL, so the store is written once.
 */
export type Row = Record<string, unknown>;

export interface Sql {
	/** Runs one statement with $1-style parameters; the rows it returns. */
	query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>;
	/** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
	transaction<T>(fn: (tx: Pick<Sql, 'query'>) => Promise<T>): Promise<T>;
	/** Scrubs deleted key material from the files (see store.ts, forget()); a no-op where it cannot. */
	scrub(tables: string[]): Promise<void>;
	close(): Promise<void>;
	/** What this is, for /healthz and messages: "embedded (data/actions)" or "PostgreSQL (host/db)". */
	readonly label: string;
}

/** A BIGINT or INTEGER as a number (pg returns int8 as a string, PGlite as a number). */
export const num = (value: unknown): number => Number(value);

/** A BYTEA as a Buffer (pg gives a Buffer, PGlite a Uint8Array). */
export const bytes = (value: unknown): Buffer => Buffer.from(value as Uint8Array);
