/** manifest.json: what static/data holds, so the app, DuckDB-WASM and users know each table's columns and origin. */
import { TABLE_COLUMNS, type TableName } from '../../src/lib/data/contract';
import {
	NDRS_ATTRIBUTION,
	OGL_ATTRIBUTION,
	OGL_V3,
	OS_ATTRIBUTION,
	PARLIAMENT_ATTRIBUTION
} from '../../src/lib/data/attribution';
import { TABLE_SQL } from '../../src/lib/data/schema';
import { SOURCES } from './parsers';
import type { SourceInfo } from './sources/types';

export interface ManifestTable {
	name: TableName;
	file: string;
	columns: { name: string; type: string }[];
	rows: number;
	description: string;
	source: string;
	licence: string;
}

export interface Manifest {
	built_from: string;
	tables: ManifestTable[];
	files: { file: string; description: string; source: string; licence: string }[];
	/** Every publication read, with its official download address for refreshing the data. */
	sources: SourceInfo[];
	attribution: string[];
}

const TABLE_INFO: Record<TableName, { description: string; source: string; licence: string }> = {
	areas: {
		description:
			'England, Cancer Alliances (20 of April 2024, plus East of England North and South for the 21-alliance view), ICBs, Sub-ICBs, NHS trusts, 2024 constituencies and GP practices (type gp_practice, ODS code, parent = Sub-ICB; names as Fingertips publishes them).',
		source:
			'ONS Open Geography Portal (codes and names); NHS Organisation Data Service (trusts); OHID Fingertips (GP practices)',
		licence: OGL_V3
	},
	area_lookups: {
		description:
			'Memberships with shares: constituency to alliance by population, ICBs touching more than one alliance, trusts placed by a third-party hand mapping (flagged).',
		source: 'ONS lookups; mySociety population overlaps (CC BY 4.0); RAND hand mapping (third party, not official)',
		licence: `${OGL_V3}; CC BY 4.0 where stated`
	},
	indicators: {
		description:
			'Each indicator: definition, unit, which direction is better, the operational standard (and, where a programme sets two thresholds, the higher achievable level), publisher, licence and download address.',
		source: 'NHS England; NDRS; OHID Fingertips',
		licence: OGL_V3
	},
	observations: {
		description:
			'Every figure: area, basis (provider, commissioner or registry), period, counts, value, 95% and 99.8% intervals, comparison with England, and whether small counts were suppressed.',
		source:
			'NHS England Cancer Waiting Times; NDRS stage at diagnosis 2013-2022; NDRS cancer mortality 2020; OHID Fingertips breast screening coverage by GP practice 2023/24 (counts estimated from NHS England GP list sizes, April 2026)',
		licence: OGL_V3
	},
	provenance: {
		description: 'For every input file: its SHA-256, rows read, kept and rejected, and why.',
		source: 'This ETL',
		licence: OGL_V3
	},
	mps: {
		description:
			'The MP for each 2024 constituency, with the email address Parliament publishes (null where none is published).',
		source: 'UK Parliament Members API, via a daily published extract',
		licence: 'Open Parliament Licence v3.0'
	}
};

/** Column types as declared in the schema, so the manifest cannot drift from the database. */
function columnTypes(table: TableName): { name: string; type: string }[] {
	const sql = TABLE_SQL[table];
	return (TABLE_COLUMNS[table] as readonly string[]).map((name) => {
		const match = new RegExp(`\\n\\t${name} ([A-Z]+)`).exec(sql);
		if (!match) throw new Error(`schema for ${table} has no column ${name}`);
		return { name, type: match[1]! };
	});
}

export function buildManifest(
	builtFrom: string,
	counts: Record<TableName, number>,
	derived: { topologies: Record<string, unknown> }
): Manifest {
	return {
		built_from: builtFrom,
		tables: (Object.keys(counts) as TableName[]).map((name) => ({
			name,
			file: `csv/${name}.csv`,
			columns: columnTypes(name),
			rows: counts[name],
			...TABLE_INFO[name]
		})),
		files: Object.keys(derived.topologies).map((variant) => ({
			file: `alliances-${variant}.topo.json`,
			description: `Cancer Alliance boundaries (${variant} alliances), TopoJSON object "alliances" with properties code and name. Built from ONS Sub-ICB (April 2023) and local authority (May 2024) boundaries; not the official ONS alliance boundary product.`,
			source: 'ONS Open Geography Portal',
			licence: `${OGL_V3}. ${OS_ATTRIBUTION.split(';')[0]}.`
		})),
		sources: SOURCES,
		attribution: [OGL_ATTRIBUTION, NDRS_ATTRIBUTION, OS_ATTRIBUTION, PARLIAMENT_ATTRIBUTION]
	};
}
