/** The shapes shared by every caller of the in-browser database (the /explore page, the compare page's own-data upload). */

/** A query's answer: columns with DuckDB type names, and rows of plain values (number, string, boolean or null). */
export interface QueryResult {
	columns: { name: string; type: string }[];
	rows: unknown[][];
}

export interface BrowserDb {
	/** Run one SQL statement (or several; the last one's result is returned). Rejects with DuckDB's own message. */
	query(sql: string): Promise<QueryResult>;
	/** Create `table` with `createSql` (a CREATE TABLE statement) and fill it from CSV text with a header row. Replaces an existing table of that name. */
	loadCsv(table: string, createSql: string, csvText: string): Promise<void>;
}
