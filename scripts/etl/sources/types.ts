/** What every source parser hands back to the orchestrator, and what it says about where its data came from. */
export type { SourceInfo } from '../../../src/lib/formats/source';
import type { PublishedEnglandTotal } from './cwt';

export interface ParseResult<T> {
	rows: T[];
	rowsRead: number;
	rowsRejected: number;
	/** Input rows kept, where `rows` groups them (Code-Point: rows are sectors of many postcodes); else rows.length. */
	rowsKept?: number;
	/** Plain-English notes for provenance: what was dropped and why. */
	notes: string[];
	/** England figures the file publishes itself (CWT "ALL ENGLISH ..." rows), for the ETL to reconcile against. */
	englandTotals?: PublishedEnglandTotal[];
}
