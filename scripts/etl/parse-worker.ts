/** Runs in a worker thread: reads one input file and hands it to its parser. */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { PARSERS, type ParseKind } from './parsers';
import { EtlError } from './errors';

export interface ParseJob {
	id: number;
	kind: ParseKind;
	rel: string;
	abs: string;
}

parentPort!.on('message', async (job: ParseJob) => {
	try {
		const data = await readFile(job.abs);
		const result = PARSERS[job.kind as keyof typeof PARSERS](
			job.rel,
			new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
		);
		parentPort!.postMessage({ id: job.id, result });
	} catch (error) {
		const e = error as Error;
		parentPort!.postMessage({
			id: job.id,
			error: {
				message: e.message,
				etl: e instanceof EtlError,
				location: e instanceof EtlError ? e.location : undefined,
				problem: e instanceof EtlError ? e.problem : undefined
			}
		});
	}
});
