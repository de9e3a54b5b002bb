/**
 * From parsed inputs to the contract's tables: geography first (every figure needs an area), then each source's
 * figures, then intervals, comparisons with England and provenance. Pure apart from reading the geography files.
 */
import type { Area, Indicator, Mp, Observation } from '../../../src/lib/data/contract';
import { INDICATORS } from '../../../src/lib/data/indicators';
import { EtlError } from '../errors';
import { TRUST_HQ_POSTCODE_AREAS, type InputFile } from '../inputs';
import { readBoundaries, readGeographyInputs } from '../geography-inputs';
import type { ParsedInput } from '../parse-pool';
import { buildAreas, createGeographyIndex, straddlingTrustPostcodeAreas } from './geography/areas';
import { buildAllianceTopology } from './geography/topology';
import type { CwtCount } from '../sources/cwt';
import type { NdrsStageRow } from '../sources/ndrs-stage';
import type { NdrsMortalityRow } from '../sources/ndrs-mortality';
import type { FingertipsRow } from '../sources/fingertips';
import type { CosdRow } from '../sources/cosd';
import type { CodePointSectorUnits } from '../sources/codepoint';
import { GEO_FILE_NAMES } from './geography/alliances';
import { buildPostcodeIndexFiles, POSTCODE_INDEX_FILES, type PostcodeIndexStats } from './postcode-index';
import { postcodeIndexProvenance } from './postcode-provenance';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { TableRows } from '../write';
import { deriveCwt } from './cwt';
import { fileRelease } from '../release/status';
import { selectReleases, type ReleasedCount } from '../release/select';
import type { Exceptions } from '../checks/exceptions';
import { checkOrganisations } from '../checks/organisations';
import { reconcileEngland, reconcileFiles, type FileTotals } from '../checks/reconcile';
import { locator, type Locate } from '../checks/locate';
import { buildProvenance } from './provenance';
import { sha256 } from '../hash';
import type { StageCache } from './stage-cache';
import { deriveMortality, deriveStage } from './registry';
import { deriveCosd, deriveFingertips } from './extras';
import { compareAll, countObservations, rateObservations, type CountCell, type RateCell } from './observation';
import { deriveScreening, screeningObservations, type ScreeningStats } from './screening';
import type { PracticeCoverageRow } from '../sources/screening-coverage';
import type { PracticeWomenRow } from '../sources/gp-population';
import { SCREENING_INDICATOR_ID } from '../../../src/lib/screening/estimate';

export interface Derived {
	tables: TableRows;
	indicators: Indicator[];
	observations: Observation[];
	areas: Area[];
	mps: Mp[];
	topologies: Record<'20' | '21', unknown>;
	/** Postcode -> constituency and alliance, every postcode (static/data/postcode-index/<AREA>.json). */
	postcodeIndexFiles: Record<string, string>;
	postcodeIndexStats: PostcodeIndexStats;
	/** A hash of everything the postcode files are built from: they are published once per key (publish/shared.ts). */
	postcodeKey: string;
	screening: ScreeningStats;
	/** Where each figure's period and England's own figure were read, for the series checks' messages. */
	locate: Locate;
}

export async function deriveTables(input: {
	inputDir: string;
	parsed: ParsedInput[];
	geography: InputFile[];
	hashOf: Map<string, string>;
	exceptions: Exceptions;
	codeHash: string;
	cache: StageCache;
}): Promise<Derived> {
	// 1. Geography: cached by its input files' hashes and the code, since it changes rarely.
	const hashes = (files: readonly { rel: string }[]) =>
		files.map((f) => `${f.rel}:${input.hashOf.get(f.rel)}`).join('\n');
	const geoKey = `${input.codeHash}\n${hashes(input.geography)}`;
	const { geography, topologies } = await input.cache('geography', geoKey, async () => {
		const geography = buildAreas(await readGeographyInputs(input.inputDir));
		const boundaries = await readBoundaries(input.inputDir);
		const topologies = {
			'20': buildAllianceTopology(boundaries.subIcb, boundaries.lad, geography.mapping, '20'),
			'21': buildAllianceTopology(boundaries.subIcb, boundaries.lad, geography.mapping, '21')
		};
		return { geography, topologies };
	});
	const needed = straddlingTrustPostcodeAreas(geography).map((a) => a.toLowerCase());
	const missing = needed.filter((a) => !(TRUST_HQ_POSTCODE_AREAS as readonly string[]).includes(a));
	if (missing.length > 0) {
		throw new Error(
			`trust HQs need Code-Point areas ${missing.join(', ')}: add them to TRUST_HQ_POSTCODE_AREAS in scripts/etl/inputs.ts`
		);
	}
	const geo = createGeographyIndex(geography);
	const icbByName = new Map(geography.areas.filter((a) => a.type === 'icb').map((a) => [a.name, a.code]));

	// 2. Figures, source by source.
	const indicators: Indicator[] = [...INDICATORS];
	const counts: ReleasedCount[] = [];
	const fileTotals: FileTotals[] = [];
	const releaseOf = new Map(input.parsed.map((p) => [p.input.rel, fileRelease(p.input.rel, p.input.kind)]));
	const from = (file: string) => ({ release: releaseOf.get(file)!.status, release_file: file });
	const cells: CountCell[] = [];
	const rates: RateCell[] = [];
	const published: Observation[] = [];
	const unitSectors: CodePointSectorUnits[] = [];
	const codepointFiles: InputFile[] = [];
	const notesByFile = new Map<string, string[]>();
	const coverage: { file: string; rows: PracticeCoverageRow[] }[] = [];
	const population: { file: string; rows: PracticeWomenRow[] }[] = [];
	for (const p of input.parsed) {
		const file = p.input.rel;
		notesByFile.set(file, [...p.result.notes]);
		switch (p.input.kind) {
			case 'cwt-extract':
			case 'cwt-workbook':
			case 'cwt-fds-csv': {
				const rows = p.result.rows as CwtCount[];
				for (const row of rows) counts.push({ ...row, file, release: releaseOf.get(file)!.status });
				fileTotals.push({ file, counts: rows, totals: p.result.englandTotals ?? [] });
				break;
			}
			case 'ndrs-stage':
				cells.push(...deriveStage(file, p.result.rows as NdrsStageRow[], geo, icbByName, from(file)));
				break;
			case 'ndrs-mortality':
				rates.push(...deriveMortality(file, p.result.rows as NdrsMortalityRow[], geo, from(file)));
				break;
			case 'fingertips': {
				const extra = deriveFingertips(file, p.result.rows as FingertipsRow[], geo, from(file));
				addIndicators(indicators, extra.indicators, file);
				published.push(...extra.observations);
				notesByFile.get(file)!.push(...extra.notes);
				break;
			}
			case 'codepoint':
				codepointFiles.push(p.input);
				for (const row of p.result.rows as CodePointSectorUnits[]) unitSectors.push(row);
				break;
			case 'screening-coverage':
				coverage.push({ file, rows: p.result.rows as PracticeCoverageRow[] });
				break;
			case 'gp-population':
				population.push({ file, rows: p.result.rows as PracticeWomenRow[] });
				break;
			case 'cosd': {
				const extra = deriveCosd(file, p.result.rows as CosdRow[], geo, from(file));
				addIndicators(indicators, extra.indicators, file);
				cells.push(...extra.cells);
				break;
			}
		}
	}
	// Postcodes: cached by their inputs' hashes (Code-Point, the lookups and the geography), like the geography.
	const postcodeKey = `${geoKey}\n${hashes(codepointFiles)}`;
	const postcodeOutputs = await input.cache('postcodes', postcodeKey, async () => {
		const boundaries = await readBoundaries(input.inputDir);
		const raw = (rel: string) => readFile(path.join(input.inputDir, rel), 'utf8');
		const rawJson = async (rel: string) => {
			try {
				return JSON.parse(await raw(rel)) as unknown;
			} catch (error) {
				throw new EtlError({ file: rel }, `is not valid JSON (${(error as Error).message}); is it truncated?`);
			}
		};
		const postcodeIndex = buildPostcodeIndexFiles({
			sectors: unitSectors,
			wardMapping: await raw(POSTCODE_INDEX_FILES.wardMapping),
			pconNames: await rawJson(POSTCODE_INDEX_FILES.pconNames),
			ranges: await rawJson(POSTCODE_INDEX_FILES.ranges),
			rangeSeats: await rawJson(POSTCODE_INDEX_FILES.rangeSeats),
			entries: geography.mapping.entries,
			districtParts: geography.districtParts,
			lookups: geography.lookups,
			subIcbs: boundaries.subIcb as FeatureCollection,
			subIcbFile: GEO_FILE_NAMES.subIcbBoundaries
		});
		return { files: postcodeIndex.files, stats: postcodeIndex.stats };
	});
	// Cancer Waiting Times: every code known (or a reviewed exception), every file agreeing with its own England rows,
	// then one release per indicator, basis and month.
	checkOrganisations(counts, geo, input.exceptions.organisations);
	for (const [file, note] of reconcileFiles(fileTotals)) notesByFile.get(file)?.push(note);
	const selection = selectReleases(counts);
	for (const [file, notes] of selection.notes) notesByFile.get(file)?.push(...notes);
	const cwt = deriveCwt(selection.counts, geo);
	cells.push(...cwt.cells);
	for (const [file, notes] of cwt.notes) notesByFile.get(file)?.push(...notes);

	// Breast screening: practices -> Sub-ICB -> ICB -> alliance -> England (estimated counts; see derive/screening.ts).
	const screeningIndex = indicators.findIndex((i) => i.id === SCREENING_INDICATOR_ID);
	const screening = deriveScreening(
		{
			coverage,
			population,
			subIcbs: geography.mapping.subIcbs,
			icbs: geography.mapping.icbs,
			geo,
			takenCodes: new Set([...geography.areas, ...cwt.newAreas].map((a) => a.code)),
			release: (file) => releaseOf.get(file)!.status
		},
		indicators[screeningIndex]!
	);
	indicators[screeningIndex] = screening.indicator;
	for (const [file, notes] of screening.notes) notesByFile.get(file)?.push(...notes);

	const observations = compareAll(
		[...countObservations(cells), ...rateObservations(rates), ...published, ...screeningObservations(screening)],
		indicators
	).sort(
		(a, b) =>
			a.indicator_id.localeCompare(b.indicator_id) ||
			a.basis.localeCompare(b.basis) ||
			a.area_code.localeCompare(b.area_code) ||
			a.period_start.localeCompare(b.period_start)
	);
	reconcileEngland(observations, selection.origins, fileTotals);
	const areas: Area[] = [...geography.areas, ...cwt.newAreas, ...screening.areas].sort(
		(a, b) => a.type.localeCompare(b.type) || a.code.localeCompare(b.code)
	);

	// 3. Provenance: every file read, with its hash and what happened to its rows.
	const provenance = buildProvenance({
		parsed: input.parsed,
		geography: input.geography,
		geographySources: [...geography.sources, ...postcodeIndexProvenance(postcodeOutputs.stats)],
		hashOf: input.hashOf,
		notesByFile,
		release: (file) => releaseOf.get(file)!,
		leftOut: (file) => (screening.dropped.get(file) ?? 0) + (selection.replacedRows.get(file) ?? 0)
	});

	return {
		tables: {
			areas: areas as unknown as Record<string, unknown>[],
			area_lookups: geography.lookups as unknown as Record<string, unknown>[],
			indicators: indicators as unknown as Record<string, unknown>[],
			observations: observations as unknown as Record<string, unknown>[],
			provenance: provenance as unknown as Record<string, unknown>[],
			mps: geography.mps as unknown as Record<string, unknown>[]
		},
		indicators,
		observations,
		areas,
		mps: geography.mps,
		topologies,
		postcodeIndexFiles: postcodeOutputs.files,
		postcodeIndexStats: postcodeOutputs.stats,
		postcodeKey: sha256(postcodeKey),
		screening: screening.stats,
		locate: locator(selection.origins, fileTotals, observations)
	};
}

function addIndicators(all: Indicator[], extra: Indicator[], file: string): void {
	for (const indicator of extra) {
		if (all.some((i) => i.id === indicator.id)) {
			throw new EtlError(
				{ file },
				`indicator ${indicator.id} is already defined by another file; each indicator may come from one file`
			);
		}
		all.push(indicator);
	}
}
