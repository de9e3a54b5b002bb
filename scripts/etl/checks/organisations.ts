/**
 * Every organisation code in a CWT file must be one this product can place: an NHS trust in the ODS list or the
 * hand mapping (provider basis), or an ICB (commissioner basis). Anything else is refused, naming the cell where it
 * first appears, unless the reviewed exceptions list it with a reason (commissioning hubs, NHS England's UNKNOWN row,
 * independent providers that neither list holds); those count in England only, as before.
 */
import type { ReleasedCount } from '../release/select';
import type { GeographyIndex } from '../derive/geography/geography-index';
import { ALLIANCE_VARIANTS } from '../../../src/lib/data/contract';
import { EtlError } from '../errors';
import type { OrganisationException } from './exceptions';

export function checkOrganisations(
	counts: readonly ReleasedCount[],
	geo: GeographyIndex,
	exceptions: readonly OrganisationException[]
): { unused: OrganisationException[] } {
	const listed = new Set(exceptions.map((e) => `${e.basis}|${e.code}`));
	const used = new Set<string>();
	const known = (c: ReleasedCount) =>
		c.basis === 'provider'
			? geo.areas.get(c.org_code)?.type === 'trust' ||
				ALLIANCE_VARIANTS.some((v) => geo.trustAlliance(c.org_code, v) !== null)
			: geo.icbByOds.has(c.org_code);
	const ordered = [...counts].sort((a, b) => a.file.localeCompare(b.file) || a.at.row - b.at.row);
	for (const c of ordered) {
		if (known(c)) continue;
		const key = `${c.basis}|${c.org_code}`;
		if (listed.has(key)) {
			used.add(key);
			continue;
		}
		const what = c.basis === 'provider' ? 'provider' : 'commissioner';
		const lists =
			c.basis === 'provider'
				? 'neither an NHS trust in the ODS list nor in the hand mapping of independent providers'
				: 'not an ICB in the ONS lookup';
		throw new EtlError(
			{ file: c.file, ...c.at },
			`unknown ${what} code "${c.org_code}"${c.org_name ? ` (${c.org_name})` : ''}: ${lists}. ` +
				`Its ${c.denominator} patients would change England's figure. If the code is genuine, add it with a reason to scripts/etl/reviewed/organisations.csv.`
		);
	}
	return { unused: exceptions.filter((e) => !used.has(`${e.basis}|${e.code}`)) };
}
