/** England's figures as the currently served release published them, for the series checks (checks/series.ts). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENGLAND_CODE } from '../../../src/lib/data/contract';
import type { Series } from '../../../src/lib/data/series';
import type { PreviousRelease } from '../checks/series';

export async function readPreviousRelease(releaseDir: string | null): Promise<PreviousRelease | null> {
	if (!releaseDir) return null;
	const dir = path.join(releaseDir, 'series');
	const out: PreviousRelease = new Map();
	for (const name of await readdir(dir).catch(() => [] as string[])) {
		if (!name.endsWith('.json')) continue;
		const series = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Series;
		const column = series.areas.indexOf(ENGLAND_CODE);
		if (column < 0) continue;
		out.set(
			`${series.indicator_id}|${series.basis}`,
			series.periods.flatMap((p, i) => {
				const cell = series.cells[i]?.[column];
				return cell ? [{ start: p.start, end: p.end, value: cell[0], denominator: cell[4] }] : [];
			})
		);
	}
	return out;
}
