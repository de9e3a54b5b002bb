/** The provenance table: every input file with its hash, what happened to its rows, its release status and why. */
import type { Provenance } from '../../../src/lib/data/contract';
import type { InputFile } from '../inputs';
import type { ParsedInput } from '../parse-pool';
import type { FileRelease } from '../release/status';
import type { GeographySourceStats } from './geography/areas';

export function buildProvenance(input: {
	parsed: ParsedInput[];
	geography: InputFile[];
	geographySources: GeographySourceStats[];
	hashOf: Map<string, string>;
	notesByFile: Map<string, string[]>;
	release: (file: string) => FileRelease;
	/** Rows read but not used: replaced by a stronger release, or duplicate practices. */
	leftOut: (file: string) => number;
}): Provenance[] {
	// Rows a stronger release replaced, and duplicate practices, are read but not kept; the notes say why.
	const provenance: Provenance[] = input.parsed.map((p) => {
		const file = p.input.rel;
		const left = input.leftOut(file);
		const release = input.release(file);
		const releaseNote =
			p.input.kind.startsWith('codepoint') || p.input.kind === 'gp-population'
				? []
				: [`Release: ${release.status}. ${release.reason}`];
		return {
			file,
			sha256: p.sha256,
			rows_read: p.result.rowsRead,
			rows_kept: (p.result.rowsKept ?? p.result.rows.length) - left,
			rows_rejected: p.result.rowsRejected + left,
			notes: [...releaseNote, ...input.notesByFile.get(file)!].join(' ')
		};
	});
	const geoStats = new Map(input.geographySources.map((s) => [s.file, s]));
	for (const g of input.geography) {
		const s = geoStats.get(g.rel);
		const notes = s?.notes ?? (g.rel.endsWith('.geojson') ? 'boundaries for the alliance TopoJSON' : 'lookup');
		// A file can be read twice (Code-Point areas also place trust headquarters): one row, both uses noted.
		const already = provenance.find((p) => p.file === g.rel);
		if (already) {
			already.notes = `${already.notes} Also read by the geography step: ${s ? notes : 'trust headquarters postcodes'}.`;
			continue;
		}
		provenance.push({
			file: g.rel,
			sha256: input.hashOf.get(g.rel)!,
			rows_read: s?.rows_read ?? 0,
			rows_kept: s?.rows_kept ?? 0,
			rows_rejected: s?.rows_rejected ?? 0,
			notes
		});
	}
	provenance.sort((a, b) => a.file.localeCompare(b.file));
	return provenance;
}
