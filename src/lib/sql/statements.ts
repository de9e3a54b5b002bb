/** SQL text the in-browser database builds around users' input: pure, so it is tested without a browser. */

/** A table name users can also type unquoted: letters, digits and underscores, not starting with a digit. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The name quoted for SQL. Throws for a name users could not type back unquoted, so loaded tables stay easy to query. */
export function tableIdentifier(name: string): string {
	if (!IDENTIFIER.test(name)) {
		throw new Error(
			`"${name}" cannot be a table name: use letters, digits and underscores, starting with a letter (at most 63 characters).`
		);
	}
	return `"${name}"`;
}

/**
 * The statements that replace `table` with `createSql` filled from the registered CSV `file`, in one transaction, so
 * a CSV that does not fit leaves the previous table as it was. The CSV options are the ETL's own (schema.ts).
 */
export function replaceTableFromCsvSql(table: string, createSql: string, file: string): string[] {
	const name = tableIdentifier(table);
	if (!/^\s*CREATE\s+(OR\s+REPLACE\s+)?TABLE\s/i.test(createSql))
		throw new Error('loadCsv needs a CREATE TABLE statement');
	return [
		'BEGIN TRANSACTION',
		`DROP TABLE IF EXISTS ${name}`,
		createSql,
		`COPY ${name} FROM '${file.replaceAll("'", "''")}' (HEADER true, DELIMITER ',', QUOTE '"', NULLSTR '')`,
		'COMMIT'
	];
}

/** Strips comments and string literals, so names inside them do not count as table references. */
function codeOnly(sql: string): string {
	return sql
		.replace(/--[^\n]*/g, ' ')
		.replace(/\/\*[\s\S]*?\*\//g, ' ')
		.replace(/'(?:[^']|'')*'/g, "''");
}

/** Which of `tables` the SQL mentions as a word outside comments and strings (for a download's sources and licences). */
export function tablesMentioned<T extends string>(sql: string, tables: readonly T[]): T[] {
	const code = codeOnly(sql).toLowerCase();
	return tables.filter((t) => new RegExp(`(^|[^a-z0-9_])"?${t.toLowerCase()}"?($|[^a-z0-9_])`).test(code));
}

/**
 * A CREATE TABLE statement without its PRIMARY KEY constraints (a column-level `... PRIMARY KEY` becomes NOT NULL;
 * a table-level `PRIMARY KEY (a, b)` goes), everything else (columns, types, NOT NULL, CHECK) unchanged. The browser loads the ETL's
 * exports, whose keys the ETL has already enforced; building the key's index again in DuckDB-WASM costs about a second
 * for observations alone, a third of the page's time budget, and changes no query's answer.
 */
export function withoutPrimaryKeys(createSql: string): string {
	return createSql.replace(/,\s*PRIMARY\s+KEY\s*\([^)]*\)/gi, '').replace(/\s+PRIMARY\s+KEY\b/gi, ' NOT NULL'); // a key column stays NOT NULL
}

/**
 * The tables a query must wait for while they load: every one whose name appears as a word anywhere in the text
 * (comments and strings included: waiting too long is harmless, too short is an error), or all of them when it names
 * none (SHOW TABLES, information_schema, a view made earlier).
 */
export function tablesToWaitFor<T extends string>(sql: string, tables: readonly T[]): T[] {
	const text = sql.toLowerCase();
	const named = tables.filter((t) => new RegExp(`(^|[^a-z0-9_])${t.toLowerCase()}($|[^a-z0-9_])`).test(text));
	return named.length > 0 ? named : [...tables];
}
