/**
 * What the server checks before it takes a request (src/hooks.server.ts, init): the store opens and can be written,
 * and SMTP mode has the secret its email hashes need. A server that cannot keep what it acknowledges must not start;
 * the thrown message says what to fix, and adapter-node exits with it.
 */
import { startStore, stopStore } from './actions';
import { emailHashSecret, retryFirstMs, smtpConfigured } from './env';
import { smtpRelay } from './mail';

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
		const store = await startStore(smtp ? smtpRelay : null, { retryFirstMs: retryFirstMs() });
		console.log(`Action store: ${store.sql.label}${smtp ? ', delivering the outbox' : ''}.`);
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
