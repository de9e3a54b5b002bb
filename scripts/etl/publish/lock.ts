/**
 * One ETL run at a time per releases folder: a lock file holding the run's process id. A lock left by a run that was
 * killed (its process is gone) is taken over, so a `kill -9` never blocks the next run.
 */
import { open, readFile, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export async function acquireLock(releasesDir: string): Promise<() => Promise<void>> {
	await mkdir(releasesDir, { recursive: true });
	const file = path.join(releasesDir, '.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(file, 'wx');
			await handle.writeFile(String(process.pid));
			await handle.close();
			return () => rm(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
			if (holder && holder !== process.pid && alive(holder)) {
				throw new Error(`another ETL run (process ${holder}) is building ${releasesDir}; wait for it to finish`, {
					cause: error
				});
			}
			await rm(file, { force: true }); // left by a run that was killed
		}
	}
	throw new Error(`could not lock ${releasesDir}`);
}
