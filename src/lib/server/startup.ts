/**
 * Settings this server refuses to start with, checked once in the `init` hook (src/hooks.server.ts) so a
 * misconfigured deployment stops at start with one clear line, not at a supporter's first request.
 */
import { building, dev } from '$app/environment';
import { actionsStore, startStore, stopStore } from './actions';
import { queueFollowUps } from './followups';
import { clockProblem } from './clock';
import { configuredOrigin, emailHashSecret, legacyActionsDb, retryFirstMs, smtpConfigured } from './env';
import { importLegacyCounts, legacyMessage } from './store/legacy';
import { smtpRelay } from './mail';

/**
 * Why sending by SMTP may not run without a public origin: the confirmation link would otherwise be built from the
 * request's Host header, so a request with `Host: attacker.example` would make the campaign email a link to that
 * site. Null when the settings are safe.
 */
export function originProblem(smtp: boolean, origin: string | null): string | null {
	if (!smtp || origin) return null;
	return (
		'Refusing to start: SMTP_HOST is set but neither PUBLIC_ORIGIN nor ORIGIN is a valid http(s) address. ' +
		'Links in the emails this site sends must not come from the request, so set PUBLIC_ORIGIN to the ' +
		"site's public address (for example PUBLIC_ORIGIN=https://example.org)."
	);
}

/** Every reason not to start, from the environment. */
export function startupProblems(): string[] {
	return [originProblem(smtpConfigured(), configuredOrigin()), clockProblem(process.env)].filter(
		(p): p is string => p !== null
	);
}

/** Stops the server (exit code 1, the reasons on stderr) when the settings are unsafe; nothing while building. */
export function refuseUnsafeStart(): void {
	if (building) return;
	const problems = startupProblems();
	if (problems.length === 0) return;
	// Under `vite dev` an exception shows in the overlay and keeps the dev server; in production the process stops.
	if (dev) throw new Error(problems.join('\n'));
	for (const problem of problems) console.error(problem);
	process.exit(1);
}

/**
 * The store opens and can be written, and SMTP mode has the secret its email hashes need; the thrown message says
 * what to fix, and adapter-node exits with it.
 */
export async function startServer(): Promise<void> {
	const smtp = smtpConfigured();
	if (smtp) {
		const secret = emailHashSecret();
		if (!secret || secret.length < 32)
			throw new Error(
				'Refusing to start: SMTP_HOST is set but EMAIL_HASH_SECRET is not (or is shorter than 32 characters). Set it to a long random value, e.g. `openssl rand -base64 48`, and keep it out of the database.'
			);
	}
	try {
		const store = await startStore(smtp ? smtpRelay : null, {
			retryFirstMs: retryFirstMs(),
			// Each delivery pass first queues the follow-up surveys that are due.
			beforePass: (now) => actionsStore().then((opened) => queueFollowUps(opened, now))
		});
		console.log(`Action store: ${store.sql.label}${smtp ? ', delivering the outbox' : ''}.`);
		// The previous version's DuckDB file: its anonymous counts are copied in, and the operator told to delete it.
		const legacy = legacyActionsDb();
		await importLegacyCounts(store, legacy).then(
			(result) => result && console.warn(legacyMessage(result)),
			(error) =>
				console.error(
					`Could not read the previous version's action store ${legacy} (${error instanceof Error ? error.message : String(error)}): its counts are not copied. Stop any server of the previous version, then start this one again.`
				)
		);
		// Without this the open store keeps the process alive after SIGTERM (and the embedded store's lock held).
		process.once('sveltekit:shutdown' as 'beforeExit', () => {
			stopStore().catch((error) => console.error('Closing the action store:', error));
		});
	} catch (error) {
		throw new Error(
			`Refusing to start: the action store cannot be opened for writing: ${error instanceof Error ? error.message : String(error)}`,
			{ cause: error }
		);
	}
}
