/**
 * One process at a time on a folder: a lock file holding the holder's process id, made with O_EXCL. A lock left by a
 * process that is gone (killed with -9) is taken over, so a crash never blocks the next start. Used by the embedded
 * store (one server per store) and the ETL (one run per releases folder).
 */
import { open, readFile, rm } from 'node:fs/promises';

/** The lock is held by another live process. */
export class LockHeld extends Error {
	constructor(
		message: string,
		readonly holder: number,
		options?: ErrorOptions
	) {
		super(message, options);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Takes `file` for this process, flushed to disk; resolves with the function that releases it. Throws LockHeld with
 * `busy(pid)` as its message while a live process holds it: another one, or this one too unless `takeOwn` (the ETL
 * retakes its own; the store refuses a second open in one process as it refuses a second process).
 */
export async function takeLock(
	file: string,
	busy: (holder: number) => string,
	options: { takeOwn?: boolean } = {}
): Promise<() => Promise<void>> {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const handle = await open(file, 'wx');
			await handle.writeFile(String(process.pid));
			await handle.sync();
			await handle.close();
			return () => rm(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
			if (holder && !(options.takeOwn && holder === process.pid) && alive(holder))
				throw new LockHeld(busy(holder), holder, { cause: error });
			await rm(file, { force: true }); // left by a process that died
		}
	}
	throw new Error(`could not take the lock ${file}`);
}
