/** What every source parser hands back to the orchestrator, and what it says about where its data came from. */
export interface ParseResult<T> {
	rows: T[];
	rowsRead: number;
	rowsRejected: number;
	/** Plain-English notes for provenance: what was dropped and why. */
	notes: string[];
}

export interface SourceInfo {
	id: string;
	title: string;
	publisher: string;
	licence: string;
	/** Official address where a user with internet can download a newer edition. */
	downloadUrl: string;
}
