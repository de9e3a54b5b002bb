/**
 * The one lock helper (src/lib/server/lock-file.ts) behind the embedded store and the ETL: refused while a live
 * process holds it, its own lock retaken only when asked, a dead process's lock taken over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LockHeld, takeLock } from '../../src/lib/server/lock-file';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'lock-file-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});
const busy = (holder: number) => `held by ${holder}`;

describe('takeLock', () => {
	it('writes the pid, refuses a second take by this process unless takeOwn, and frees the file on release', async () => {
		const file = path.join(dir, 'a.lock');
		const release = await takeLock(file, busy);
		expect(await readFile(file, 'utf8')).toBe(String(process.pid));
		const second = takeLock(file, busy);
		await expect(second).rejects.toBeInstanceOf(LockHeld);
		await expect(second).rejects.toThrow(`held by ${process.pid}`);
		const retaken = await takeLock(file, busy, { takeOwn: true });
		await retaken();
		await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
		await release(); // releasing twice is harmless
	});

	it('refuses while another live process holds it, and takes over the lock of a process that is gone', async () => {
		const file = path.join(dir, 'b.lock');
		await writeFile(file, String(process.ppid)); // the test runner's parent: alive
		await expect(takeLock(file, busy)).rejects.toMatchObject({ holder: process.ppid });
		const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
		await writeFile(file, gone);
		const release = await takeLock(file, busy);
		expect(await readFile(file, 'utf8')).toBe(String(process.pid));
		await release();
	});
});
