/**
 * Reading the geography inputs from the raw folder: one place for the ETL and the tests that build areas,
 * boundaries or postcode indexes from the real files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EtlError } from './errors';
import { GEOGRAPHY_FILES, TRUST_HQ_POSTCODE_AREAS } from './inputs';
import type { GeographyInputs } from './derive/geography/areas';

function reader(inputDir: string) {
	const read = (rel: string) => readFile(path.join(inputDir, rel));
	const text = async (rel: string) => (await read(rel)).toString('utf8');
	const json = async (rel: string) => {
		try {
			return JSON.parse(await text(rel)) as unknown;
		} catch (error) {
			throw new EtlError({ file: rel }, `is not valid JSON (${(error as Error).message}); is it truncated?`);
		}
	};
	return { read, text, json };
}

export async function readGeographyInputs(inputDir: string): Promise<GeographyInputs> {
	const { read, text, json } = reader(inputDir);
	const f = GEOGRAPHY_FILES;
	const lsoaLookup = await read(f.lsoaLookup);
	return {
		ncpesMapping: await text(f.ncpesMapping),
		sicbl22Lookup: await text(f.sicbl22Lookup),
		cal24Names: await json(f.cal24Names),
		icb23Names: await json(f.icb23Names),
		sicblNames: await json(f.sicblNames),
		lsoaLookup: new Uint8Array(lsoaLookup.buffer, lsoaLookup.byteOffset, lsoaLookup.byteLength),
		lsoaPopulation: await text(f.lsoaPopulation),
		odsTrusts: await text(f.odsTrusts),
		randProviders: await text(f.randProviders),
		pconNames: await json(f.pconNames),
		mpLookup: await text(f.mpLookup),
		currentMps: await text(f.currentMps),
		pconAlliance20: await text(f.pconAlliance20),
		pconAlliance21: await text(f.pconAlliance21),
		pconIds: await text(f.pconIds),
		codepo: await Promise.all(TRUST_HQ_POSTCODE_AREAS.map((a) => text(f[`codepo_${a}`]!)))
	};
}

export async function readBoundaries(inputDir: string): Promise<{ subIcb: unknown; lad: unknown }> {
	const { json } = reader(inputDir);
	return { subIcb: await json(GEOGRAPHY_FILES.subIcbBoundaries), lad: await json(GEOGRAPHY_FILES.ladBoundaries) };
}
