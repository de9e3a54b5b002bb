/**
 * Cancer Waiting Times counts -> cells at organisation, alliance and England level, on two bases kept apart:
 * provider (trusts, mapped to alliances through ODS or the flagged hand mapping) and commissioner (ICBs, mapped to
 * their majority alliance: the residence view), both through the one roll-up (geography/roll-up.ts). England sums
 * every row of the same basis, mapped or not.
 */
import type { Area } from '../../../src/lib/data/contract';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import { monthEnd } from '../../../src/lib/data/period';
import type { ReleasedCount } from '../release/select';
import type { CountCell } from './observation';
import type { GeographyIndex } from './geography/geography-index';
import { rollUp } from './geography/roll-up';

export interface CwtDerivation {
	cells: CountCell[];
	/** Providers missing from the ODS trust list and the hand mapping: added as trusts with no alliance. */
	newAreas: Area[];
	/** Per input file, what was set aside and why. */
	notes: Map<string, string[]>;
}

/** `counts` come one file per indicator, basis and month (release/select.ts), so each cell has one release and file. */
export function deriveCwt(counts: ReleasedCount[], geo: GeographyIndex): CwtDerivation {
	const notes = new Map<string, string[]>();
	const note = (file: string, text: string) => {
		const list = notes.get(file) ?? [];
		list.push(text);
		notes.set(file, list);
	};

	// 1. One row per indicator, basis, organisation and month. Overlaps between files would double count; refuse them.
	const unique = new Map<string, ReleasedCount>();
	for (const c of counts) {
		const key = `${c.indicator_id}|${c.basis}|${c.org_code}|${c.period_start}`;
		const seen = unique.get(key);
		if (seen) {
			throw new Error(
				`${c.file}: ${c.indicator_id} for ${c.org_code} in ${c.period_start} is also in ${seen.file}; remove the overlapping file`
			);
		}
		unique.set(key, c);
	}

	const sums = new Map<string, CountCell>();
	const add = (c: ReleasedCount, areaCode: string, areaType: CountCell['area_type']) => {
		const key = `${c.indicator_id}|${c.basis}|${areaCode}|${c.period_start}`;
		let cell = sums.get(key);
		if (!cell) {
			cell = {
				indicator_id: c.indicator_id,
				area_code: areaCode,
				area_type: areaType,
				basis: c.basis,
				period_start: c.period_start,
				period_end: monthEnd(c.period_start),
				numerator: 0,
				denominator: 0,
				release: c.release,
				release_file: c.file
			};
			sums.set(key, cell);
		}
		cell.numerator += c.numerator;
		cell.denominator += c.denominator;
	};

	const newAreas = new Map<string, Area>();
	const unmappedProviders = new Map<string, Set<string>>();
	const hubs = new Map<string, Set<string>>();

	for (const c of unique.values()) {
		if (c.basis === 'provider') {
			if (!geo.areas.has(c.org_code) && !newAreas.has(c.org_code)) {
				newAreas.set(c.org_code, {
					code: c.org_code,
					name: c.org_name ?? c.org_code,
					type: 'trust',
					parent_code: null,
					variant: null
				});
			}
			const targets = rollUp(geo, 'trust', c.org_code);
			if (!targets.some((t) => t.type === 'alliance')) {
				const set = unmappedProviders.get(c.file) ?? new Set();
				set.add(c.org_code);
				unmappedProviders.set(c.file, set);
			}
			for (const t of targets) add(c, t.code, t.type);
		} else {
			const icb = geo.icbByOds.get(c.org_code);
			if (!icb) {
				// Commissioning hubs (specialised commissioning) pay for patients who live anywhere: England only.
				const set = hubs.get(c.file) ?? new Set();
				set.add(c.org_code);
				hubs.set(c.file, set);
				add(c, ENGLAND_CODE, 'england');
				continue;
			}
			for (const t of rollUp(geo, 'icb', icb)) add(c, t.code, t.type);
		}
	}

	for (const [file, codes] of unmappedProviders) {
		note(
			file,
			`${codes.size} providers with no alliance in ODS or the hand mapping, counted in England only: ${[...codes].sort().join(' ')}`
		);
	}
	for (const [file, codes] of hubs) {
		note(file, `${codes.size} commissioning hubs (not ICBs), counted in England only: ${[...codes].sort().join(' ')}`);
	}
	return { cells: [...sums.values()], newAreas: [...newAreas.values()], notes };
}
