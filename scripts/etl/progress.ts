/** Progress on stderr: a bar on a terminal, plain lines in CI logs; silent with --quiet. */
import cliProgress from 'cli-progress';

export interface Progress {
	step(message: string): void;
	start(label: string, total: number): void;
	tick(detail?: string): void;
	stop(): void;
}

export function createProgress(quiet: boolean): Progress {
	if (quiet) return { step() {}, start() {}, tick() {}, stop() {} };
	const tty = process.stderr.isTTY === true;
	let bar: cliProgress.SingleBar | null = null;
	let label = '';
	let done = 0;
	let total = 0;
	return {
		step(message) {
			process.stderr.write(`etl: ${message}\n`);
		},
		start(l, t) {
			label = l;
			done = 0;
			total = t;
			if (tty) {
				bar = new cliProgress.SingleBar(
					{ format: `etl: ${l} [{bar}] {value}/{total} {detail}`, stream: process.stderr, clearOnComplete: false },
					cliProgress.Presets.shades_classic
				);
				bar.start(t, 0, { detail: '' });
			}
		},
		tick(detail = '') {
			done++;
			if (bar) bar.increment(1, { detail });
			else process.stderr.write(`etl: ${label} ${done}/${total} ${detail}\n`);
		},
		stop() {
			bar?.stop();
			bar = null;
		}
	};
}
