/** Which older releases the ETL keeps for pinned embeds (scripts/etl/publish/pinned.ts), and what it trims. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptReleases, PINNED_FILES, trimToPinned } from '../../scripts/etl/publish/pinned';

const id = (month: number) => `2026${String(month).padStart(2, '0')}01T000000Z-0000000${month % 10}`;

describe('releases kept for pinned embeds', () => {
	it('keeps the newest older releases up to the limit, never a newer folder a killed run left', () => {
		const names = ['current', 'shared', '.lock', '.staging-12', id(1), id(2), id(3), id(4), id(5), id(6)];
		expect(keptReleases(names, id(5), 3)).toEqual([id(4), id(3), id(2)]);
		expect(keptReleases(names, id(5), 12)).toEqual([id(4), id(3), id(2), id(1)]);
		expect(keptReleases(names, null)).toEqual([]);
	});

	it('trims a kept release to the files an embed reads', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'pinned-'));
		try {
			await mkdir(path.join(dir, 'series'));
			await mkdir(path.join(dir, 'csv'));
			for (const f of ['summary.json', 'manifest.json', 'datapackage.json', 'alliances-20.topo.json'])
				await writeFile(path.join(dir, f), '{}');
			const trimmed = (await trimToPinned(dir)).map((p) => path.basename(p)).sort();
			expect(trimmed).toEqual(['csv', 'datapackage.json']);
			expect(PINNED_FILES.has('series')).toBe(true);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
