/**
 * The release's descriptor: a Frictionless tabular data package (datapackage.json) built from the schema, the
 * catalogue of descriptions and the derived figures. manifest.json is `manifestOf` this same object.
 */
import {
	ENGLAND_CODE,
	TABLE_COLUMNS,
	type Indicator,
	type Mp,
	type Observation,
	type TableName
} from '../../../src/lib/data/contract';
import {
	NDRS_ATTRIBUTION,
	OGL_ATTRIBUTION,
	OGL_V3,
	OS_ATTRIBUTION,
	PARLIAMENT_ATTRIBUTION
} from '../../../src/lib/data/attribution';
import type { DataAsOf, DataPackage, FieldType, PackageField, ReleaseInfo } from '../../../src/lib/data/package';
import { formatPeriod } from '../../../src/lib/data/period';
import { TABLE_SQL } from '../../../src/lib/data/schema';
import { SOURCES } from '../parsers';
import { COLUMN_DESCRIPTIONS, TABLE_INFO } from './catalogue';

const FIELD_TYPES: Record<string, FieldType> = {
	VARCHAR: 'string',
	DOUBLE: 'number',
	BIGINT: 'integer',
	INTEGER: 'integer',
	DATE: 'date',
	BOOLEAN: 'boolean'
};

const LICENCES = {
	ogl: {
		name: 'OGL-UK-3.0',
		title: OGL_V3,
		path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'
	},
	opl: {
		name: 'OPL-3.0',
		title: 'Open Parliament Licence v3.0',
		path: 'https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/'
	},
	ccby: { name: 'CC-BY-4.0', title: 'CC BY 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }
};

/** Fields from the CREATE TABLE statement: type, NOT NULL, CHECK (x IN (...)), and the primary key. */
function schemaOf(table: TableName): { fields: PackageField[]; primaryKey?: string[] } {
	const sql = TABLE_SQL[table];
	const fields = (TABLE_COLUMNS[table] as readonly string[]).map((name): PackageField => {
		const line = new RegExp(`\\n\\t${name} ([A-Z]+)([^\\n]*)`).exec(sql);
		if (!line) throw new Error(`schema for ${table} has no column ${name}`);
		const sqlType = line[1]!;
		const type = FIELD_TYPES[sqlType];
		if (!type) throw new Error(`no data package type for ${sqlType} (${table}.${name})`);
		const description = COLUMN_DESCRIPTIONS[table][name];
		if (!description) throw new Error(`no description for ${table}.${name} in scripts/etl/publish/catalogue.ts`);
		const rest = line[2]!;
		const enumMatch = /CHECK \(\w+ IN \(([^)]*)\)\)/.exec(rest);
		const required = /NOT NULL|PRIMARY KEY/.test(rest);
		const constraints = {
			...(required ? { required: true } : {}),
			...(enumMatch ? { enum: enumMatch[1]!.split(',').map((v) => v.trim().replace(/^'|'$/g, '')) } : {})
		};
		return { name, type, sqlType, description, ...(Object.keys(constraints).length ? { constraints } : {}) };
	});
	const pk = /PRIMARY KEY \(([^)]*)\)/
		.exec(sql)?.[1]
		?.split(',')
		.map((c) => c.trim());
	const inline = fields.filter((f) => new RegExp(`\\n\\t${f.name} [A-Z]+ PRIMARY KEY`).test(sql)).map((f) => f.name);
	const primaryKey = pk ?? (inline.length ? inline : undefined);
	return { fields, ...(primaryKey ? { primaryKey } : {}) };
}

const FOREIGN_KEYS: Partial<Record<TableName, { fields: string; reference: { resource: string; fields: string } }[]>> =
	{
		observations: [
			{ fields: 'indicator_id', reference: { resource: 'indicators', fields: 'id' } },
			{ fields: 'area_code', reference: { resource: 'areas', fields: 'code' } }
		]
	};

/** For each source of figures: its latest period, that period's status, and any periods still provisional. */
export function dataAsOf(
	indicators: readonly Indicator[],
	observations: readonly Observation[],
	mps: readonly Mp[]
): DataAsOf[] {
	const sourceOf = new Map(indicators.map((i) => [i.id, i]));
	const groups = new Map<string, { publisher: string; rows: Observation[] }>();
	for (const o of observations) {
		if (o.area_code !== ENGLAND_CODE) continue;
		const indicator = sourceOf.get(o.indicator_id);
		if (!indicator) continue;
		const g = groups.get(indicator.source) ?? { publisher: indicator.publisher, rows: [] };
		g.rows.push(o);
		groups.set(indicator.source, g);
	}
	const out: DataAsOf[] = [...groups].map(([source, { publisher, rows }]) => {
		const latestEnd = rows.reduce((m, r) => (r.period_end > m ? r.period_end : m), '');
		const latest = rows.filter((r) => r.period_end === latestEnd);
		const provisional = [
			...new Set(rows.filter((r) => r.release === 'provisional').map((r) => `${r.period_start}|${r.period_end}`))
		]
			.sort()
			.map((k) => formatPeriod(k.split('|')[0]!, k.split('|')[1]!));
		return {
			source,
			publisher,
			latest: formatPeriod(latest[0]!.period_start, latestEnd),
			latest_end: latestEnd,
			release: latest.some((r) => r.release === 'provisional')
				? 'provisional'
				: latest.some((r) => r.release === 'revised')
					? 'revised'
					: 'final',
			provisional
		};
	});
	const asOf = mps
		.map((m) => m.as_of)
		.sort()
		.at(-1);
	if (asOf) {
		out.push({
			source: 'Members of Parliament and their published email addresses',
			publisher: 'UK Parliament',
			latest: new Date(`${asOf}T12:00:00Z`).toLocaleDateString('en-GB', {
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				timeZone: 'UTC'
			}),
			latest_end: asOf,
			release: 'final',
			provisional: []
		});
	}
	return out;
}

export interface DescriptorInput {
	release: Omit<ReleaseInfo, 'integrity' | 'shared'>;
	tables: Record<TableName, { rows: number; bytes: number; sha256: string }>;
	topologies: string[];
}

export function buildDataPackage(input: DescriptorInput): DataPackage {
	const { release } = input;
	return {
		profile: 'tabular-data-package',
		name: 'breast-cancer-care-where-you-live',
		title: 'Breast cancer care where you live: figures by Cancer Alliance, ICB, Sub-ICB, trust and GP practice',
		description:
			"NHS England's Cancer Waiting Times, NDRS stage at diagnosis and mortality, and OHID breast screening coverage for England's Cancer Alliances and the areas inside them, with intervals, comparisons with England and each figure's release status and source file.",
		version: release.id,
		created: release.built_at,
		keywords: ['breast cancer', 'cancer waiting times', 'Cancer Alliances', 'NHS England', 'NDRS', 'screening'],
		licenses: [LICENCES.ogl, LICENCES.opl, LICENCES.ccby],
		sources: SOURCES.map((s) => ({
			id: s.id,
			title: s.title,
			path: s.downloadUrl,
			publisher: s.publisher,
			licence: s.licence
		})),
		resources: (Object.keys(input.tables) as TableName[]).map((name) => {
			const info = TABLE_INFO[name];
			const t = input.tables[name];
			const licence =
				name === 'mps'
					? LICENCES.opl
					: name === 'area_lookups'
						? { ...LICENCES.ogl, title: info.licence }
						: LICENCES.ogl;
			return {
				name,
				path: `csv/${name}.csv`,
				profile: 'tabular-data-resource',
				format: 'csv',
				mediatype: 'text/csv',
				encoding: 'utf-8',
				title: info.title,
				description: info.description,
				bytes: t.bytes,
				hash: `sha256:${t.sha256}`,
				dialect: { delimiter: ',', header: true, doubleQuote: true },
				schema: {
					...schemaOf(name),
					...(FOREIGN_KEYS[name] ? { foreignKeys: FOREIGN_KEYS[name] } : {}),
					missingValues: ['']
				},
				rows: t.rows,
				sources: [{ title: info.source }],
				licenses: [licence]
			};
		}),
		citation: `Breast cancer care where you live: figures by Cancer Alliance, release ${release.id} (built ${release.built_at.slice(0, 10)}), from NHS England, NDRS and OHID statistics. Contains public sector information licensed under the Open Government Licence v3.0.`,
		attribution: [OGL_ATTRIBUTION, NDRS_ATTRIBUTION, OS_ATTRIBUTION, PARLIAMENT_ATTRIBUTION],
		files: input.topologies.map((variant) => ({
			file: `alliances-${variant}.topo.json`,
			description: `Cancer Alliance boundaries (${variant} alliances), TopoJSON object "alliances" with properties code and name. Built from ONS Sub-ICB (April 2023) and local authority (May 2024) boundaries; not the official ONS alliance boundary product.`,
			source: 'ONS Open Geography Portal',
			licence: `${OGL_V3}. ${OS_ATTRIBUTION.split(';')[0]}.`
		})),
		release: { ...release, integrity: [], shared: [] }
	};
}
