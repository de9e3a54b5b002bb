/**
 * Settings this server refuses to start with, checked once in the `init` hook (src/hooks.server.ts) so a
 * misconfigured deployment stops at start with one clear line, not at a supporter's first request.
 */
import { building, dev } from '$app/environment';
import { configuredOrigin, smtpConfigured } from './env';

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
	return [originProblem(smtpConfigured(), configuredOrigin())].filter((p): p is string => p !== null);
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
