/**
 * The release's description, once: `datapackage.json` follows the Frictionless Data Package standard (tabular), and
 * `manifest.json`, which the app reads, is `manifestOf` that same descriptor. Both files are written from one object
 * by the ETL, so they cannot disagree. Pure and browser-safe.
 */
import type { ReleaseStatus, TableName } from './contract';
import type { SourceInfo } from '../formats/source';

/** Frictionless field types used here, from the DuckDB types in schema.ts. */
export type FieldType = 'string' | 'number' | 'integer' | 'date' | 'boolean';

export interface PackageField {
	name: string;
	type: FieldType;
	/** The DuckDB type the table is created with (schema.ts), for DuckDB and DuckDB-WASM users. */
	sqlType: string;
	description: string;
	constraints?: { required?: boolean; enum?: string[] };
}

export interface PackageResource {
	name: TableName;
	path: string;
	profile: 'tabular-data-resource';
	format: 'csv';
	mediatype: 'text/csv';
	encoding: 'utf-8';
	title: string;
	description: string;
	bytes: number;
	/** "sha256:<hex>" of the file. */
	hash: string;
	dialect: { delimiter: ','; header: true; doubleQuote: true };
	schema: {
		fields: PackageField[];
		primaryKey?: string[];
		foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
		missingValues: [''];
	};
	rows: number;
	sources: { title: string; path?: string }[];
	licenses: { name: string; title: string; path?: string }[];
}

/** When each source's figures run to, and whether the latest period is final: "data as of" on every page. */
export interface DataAsOf {
	source: string;
	publisher: string;
	/** The latest period, as people read it: "September 2025", "2022", "2023/24". */
	latest: string;
	latest_end: string;
	release: ReleaseStatus;
	/** Periods (of any basis) that are still provisional, as people read them; empty when none are. */
	provisional: string[];
}

export interface ReleaseInfo {
	/** The release's folder name: built time and the first characters of `built_from`. */
	id: string;
	built_at: string;
	/** Hash of the inputs, the reviewed exceptions and the ETL code: identical inputs give the same hash. */
	built_from: string;
	data_as_of: DataAsOf[];
	/** Month-on-month changes beyond the limits that a person confirmed with --confirm-change for this release. */
	confirmed_changes: string[];
	/** Every file of the release but this descriptor, with its SHA-256: the ETL checks a release against it. */
	integrity: { path: string; bytes: number; sha256: string }[];
	/** Folders linked from the shared store (the postcode indexes), with how many files each holds. */
	shared: { path: string; files: number }[];
}

export interface OtherFile {
	file: string;
	description: string;
	source: string;
	licence: string;
}

export interface DataPackage {
	profile: 'tabular-data-package';
	name: string;
	title: string;
	description: string;
	version: string;
	created: string;
	homepage?: string;
	keywords: string[];
	licenses: { name: string; title: string; path: string }[];
	sources: { title: string; path: string; publisher: string; licence: string; id: string }[];
	resources: PackageResource[];
	/** How to cite the data. */
	citation: string;
	attribution: string[];
	/** Files besides the tables (boundaries), described as the tables are. */
	files: OtherFile[];
	release: ReleaseInfo;
}

export interface ManifestTable {
	name: TableName;
	file: string;
	columns: { name: string; type: string }[];
	rows: number;
	description: string;
	source: string;
	licence: string;
}

/** What the app reads (static/data/manifest.json): a view of the data package. */
export interface Manifest {
	built_from: string;
	release: { id: string; built_at: string };
	data_as_of: DataAsOf[];
	tables: ManifestTable[];
	files: OtherFile[];
	sources: SourceInfo[];
	attribution: string[];
	citation: string;
	datapackage: 'datapackage.json';
}

export function manifestOf(pkg: DataPackage): Manifest {
	return {
		built_from: pkg.release.built_from,
		release: { id: pkg.release.id, built_at: pkg.release.built_at },
		data_as_of: pkg.release.data_as_of,
		tables: pkg.resources.map((r) => ({
			name: r.name,
			file: r.path,
			columns: r.schema.fields.map((f) => ({ name: f.name, type: f.sqlType })),
			rows: r.rows,
			description: r.description,
			source: r.sources.map((s) => s.title).join('; '),
			licence: r.licenses.map((l) => l.title).join('; ')
		})),
		files: pkg.files,
		sources: pkg.sources.map((s) => ({
			id: s.id,
			title: s.title,
			publisher: s.publisher,
			licence: s.licence,
			downloadUrl: s.path
		})),
		attribution: pkg.attribution,
		citation: pkg.citation,
		datapackage: 'datapackage.json'
	};
}
