/**
 * How the operator's commands (`npm run outbox`, `npm run replies`) reach the store: they open it themselves
 * (PostgreSQL, or the embedded store when no server holds it), or, while a server holds the embedded store (PGlite is
 * one process's), they ask that server through its admin endpoint (POST /admin/<name>, src/routes/admin/) with
 * ADMIN_TOKEN, at ADMIN_URL or http://127.0.0.1:$PORT. Without the token they say how to go on.
 */
import { randomBytes } from 'node:crypto';
import { LockHeld } from '../../src/lib/server/lock-file';
import { openStore } from '../../src/lib/server/store/open';
import type { Store } from '../../src/lib/server/store/store';

/** Posts one command to the running server's endpoint; its JSON answer (throws with a message on any refusal). */
export type ServerCall = (body: Record<string, unknown>) => Promise<Record<string, unknown>>;

function serverCall(name: string, base: string, token: string): ServerCall {
	return async (body) => {
		let response: Response;
		try {
			response = await fetch(new URL(`/admin/${name}`, base), {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		} catch (error) {
			throw new Error(`could not reach the server at ${base} (set ADMIN_URL to its address): ${String(error)}`, {
				cause: error
			});
		}
		const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
		if (response.status === 404)
			throw new Error(
				`the server at ${base} has no admin endpoint: start it with the same ADMIN_TOKEN as this command`
			);
		if (!response.ok) throw new Error(`the server at ${base} answered ${response.status}: ${String(answer.message)}`);
		return answer;
	};
}

/**
 * Runs a command on the store directly (`local`) or, when a server holds the embedded store, through that server
 * (`remote`); sets the process's exit code from what the command returns (1 on any failure to reach either).
 */
export async function runOnStoreOrServer(
	name: string,
	local: (store: Store) => Promise<number>,
	remote: (call: ServerCall) => Promise<number>
): Promise<void> {
	const dir = process.env.ACTIONS_DIR?.trim() || 'data/actions';
	let store: Store;
	try {
		store = await openStore({
			databaseUrl: process.env.DATABASE_URL?.trim() || null,
			dir,
			secret: randomBytes(32).toString('base64url') // the commands hash no address
		});
	} catch (error) {
		if (!(error instanceof LockHeld)) throw error;
		const token = process.env.ADMIN_TOKEN?.trim();
		const base = process.env.ADMIN_URL?.trim() || `http://127.0.0.1:${process.env.PORT?.trim() || '3000'}`;
		if (!token) {
			console.error(
				`The embedded store at ${dir} is held by a running server (pid ${error.holder}), and only one process can open it.\n` +
					`Either stop that server and run this again, or start the server with ADMIN_TOKEN set (32+ random characters,\n` +
					`e.g. \`openssl rand -base64 48\`) and run this with the same ADMIN_TOKEN (and ADMIN_URL=http://127.0.0.1:<port>\n` +
					`if it does not listen on ${base}): the command then asks the server.`
			);
			process.exit(1);
		}
		console.error(`(the embedded store is held by the server, pid ${error.holder}: asking it at ${base})`);
		try {
			process.exitCode = await remote(serverCall(name, base, token));
		} catch (failure) {
			console.error(`npm run ${name}: ${failure instanceof Error ? failure.message : String(failure)}`);
			process.exit(1);
		}
		return;
	}
	try {
		process.exitCode = await local(store);
	} finally {
		await store.close();
	}
}
