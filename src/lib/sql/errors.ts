/** DuckDB's error text as users should read it: its own words, once. */

/**
 * DuckDB-WASM sometimes repeats the "LINE 1: ... ^" pointer block of a parser error; a paragraph is kept once.
 * Nothing else is changed: the message stays DuckDB's own, so it can be searched for.
 */
export function duckdbMessage(error: unknown): string {
	const text = (error instanceof Error ? error.message : String(error)).trim();
	const seen = new Set<string>();
	const paragraphs = text.split(/\n\s*\n/).filter((p) => {
		const key = p.trim();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return paragraphs.join('\n\n') || 'DuckDB stopped without saying why.';
}
