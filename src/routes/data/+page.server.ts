import type { DataPackage } from '$lib/data/package';
import type { PageServerLoad } from './$types';
import datapackageJson from '../../../static/data/datapackage.json';

const pkg = datapackageJson as unknown as DataPackage;

/** The served release's data package, shaped for the page; code examples use the address the page was asked for. */
export const load: PageServerLoad = ({ url }) => ({
	origin: url.origin,
	release: { id: pkg.release.id, builtAt: pkg.release.built_at, dataAsOf: pkg.release.data_as_of },
	citation: pkg.citation,
	attribution: pkg.attribution,
	licenses: pkg.licenses,
	tables: pkg.resources.map((r) => ({
		name: r.name,
		title: r.title,
		path: r.path,
		description: r.description,
		rows: r.rows,
		bytes: r.bytes,
		fields: r.schema.fields.map((f) => ({ name: f.name, type: f.sqlType, description: f.description }))
	})),
	files: pkg.files
});
