/**
 * Parses input files on all cores, reusing a cached result when the file's content hash and the ETL code are
 * unchanged, so a rebuild after one new month re-parses only that month.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { EtlError, type Location } from './errors';
import type { InputFile } from './inputs';
import type { ParseJob } from './parse-worker';
import type { ParseResult } from './sources/types';
import type { Progress } from './progress';

export interface ParsedInput<T = unknown> {
	input: InputFile;
	sha256: string;
	result: ParseResult<T>;
	cached: boolean;
}

interface WorkerReply {
	id: number;
	result?: ParseResult<unknown>;
	error?: { message: string; etl: boolean; location?: Location; problem?: string };
}

export async function parseAll(
	inputs: { input: InputFile; sha256: string }[],
	opts: { cacheDir: string; codeHash: string; progress: Progress }
): Promise<ParsedInput[]> {
	await mkdir(opts.cacheDir, { recursive: true });
	const out: ParsedInput[] = new Array(inputs.length);
	const todo: number[] = [];
	const cacheFile = (i: number) => {
		const { input, sha256 } = inputs[i]!;
		return path.join(opts.cacheDir, `${input.kind}-${sha256.slice(0, 20)}-${opts.codeHash.slice(0, 12)}.json`);
	};
	opts.progress.start('parsing', inputs.length);
	for (let i = 0; i < inputs.length; i++) {
		try {
			const result = JSON.parse(await readFile(cacheFile(i), 'utf8')) as ParseResult<unknown>;
			out[i] = { ...inputs[i]!, result, cached: true };
			opts.progress.tick(`${inputs[i]!.input.rel} (cached)`);
		} catch {
			todo.push(i);
		}
	}
	if (todo.length > 0) {
		// Largest first, so the two workers finish at about the same time.
		todo.sort((a, b) => weight(inputs[b]!.input) - weight(inputs[a]!.input));
		const workers = Math.max(1, Math.min(os.availableParallelism(), todo.length));
		const entry = new URL('./parse-worker.ts', import.meta.url).href;
		let next = 0;
		let failure: Error | null = null;
		await Promise.all(
			Array.from({ length: workers }, async () => {
				const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { entry } });
				try {
					while (next < todo.length && !failure) {
						const i = todo[next++]!;
						const { input } = inputs[i]!;
						const reply = await runJob(worker, { id: i, kind: input.kind, rel: input.rel, abs: input.abs });
						if (reply.error) {
							failure =
								reply.error.etl && reply.error.location
									? new EtlError(reply.error.location, reply.error.problem ?? reply.error.message)
									: new EtlError({ file: input.rel }, reply.error.message);
							break;
						}
						out[i] = { ...inputs[i]!, result: reply.result!, cached: false };
						const tmp = `${cacheFile(i)}.tmp`;
						await writeFile(tmp, JSON.stringify(reply.result));
						await rename(tmp, cacheFile(i));
						opts.progress.tick(input.rel);
					}
				} finally {
					await worker.terminate();
				}
			})
		);
		if (failure) {
			opts.progress.stop();
			throw failure;
		}
	}
	opts.progress.stop();
	return out;
}

function runJob(worker: Worker, job: ParseJob): Promise<WorkerReply> {
	return new Promise((resolve, reject) => {
		const onMessage = (reply: WorkerReply) => {
			if (reply.id !== job.id) return;
			worker.off('message', onMessage);
			worker.off('error', onError);
			resolve(reply);
		};
		const onError = (error: Error) => {
			worker.off('message', onMessage);
			reject(new EtlError({ file: job.rel }, `parser crashed: ${error.message}`));
		};
		worker.on('message', onMessage);
		worker.once('error', onError);
		worker.postMessage(job);
	});
}

function weight(input: InputFile): number {
	return input.kind === 'cwt-extract'
		? 10
		: input.kind === 'ndrs-mortality'
			? 8
			: input.kind === 'cwt-workbook'
				? 2
				: 1;
}
