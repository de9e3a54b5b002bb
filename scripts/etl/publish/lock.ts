/** One ETL run at a time per releases folder (the lock helper: src/lib/server/lock-file.ts). */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { takeLock } from '../../../src/lib/server/lock-file';

export async function acquireLock(releasesDir: string): Promise<() => Promise<void>> {
	await mkdir(releasesDir, { recursive: true });
	return takeLock(
		path.join(releasesDir, '.lock'),
		(holder) => `another ETL run (process ${holder}) is building ${releasesDir}; wait for it to finish`,
		{ takeOwn: true }
	);
}
