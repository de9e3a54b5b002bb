/** Start the built app (`node build`) on a free localhost port for a benchmark, and stop it afterwards. */
import { startApp } from '../app/start';

/** The app with `env` (its own store in a temporary folder: scripts/app/start.ts), once it answers `/`. */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<{ base: string; stop: () => void }> {
	const app = await startApp(env, { ready: '/' });
	return { base: app.url, stop: () => void app.stop() };
}
