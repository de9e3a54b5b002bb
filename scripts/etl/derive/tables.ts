/**
 * From parsed inputs to the contract's tables: geography first (every figure needs an area), then each source's
 * figures, then intervals, comparisons with England and provenance. Pure apart from reading the geography files.
 */
import type { Area, Indicator, Observation, Provenance } from '../../../src/lib/data/contract';
import { INDICATORS } from '../../../src/lib/data/indicators';
import { EtlError } from '../errors';
import { TRUST_HQ_POSTCODE_AREAS, type InputFile } from '../inputs';
import { readBoundaries, readGeographyInputs } from '../geography-inputs';
import type { ParsedInput } from '../parse-pool';
import {
	buildAllianceTopology,
	buildAreas,
	createGeographyIndex,
	straddlingTrustPostcodeAreas
} from '../sources/geography';
import type { CwtCount } from '../sources/cwt';
import type { NdrsStageRow } from '../sources/ndrs-stage';
import type { NdrsMortalityRow } from '../sources/ndrs-mortality';
import type { FingertipsRow } from '../sources/fingertips';
import type { CosdRow } from '../sources/cosd';
import type { CodePointSectorUnits } from '../sources/codepoint';
import { GEO_FILE_NAMES } from '../sources/geo-alliances';
import { buildPostcodeIndexFiles, POSTCODE_INDEX_FILES, type PostcodeIndexStats } from './postcode-index';
import { postcodeIndexProvenance } from './postcode-provenance';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { TableRows } from '../write';
import { deriveCwt, type CwtCountFromFile } from './cwt';
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
	topologies: Record<'20' | '21', unknown>;
	/** Postcode -> constituency and alliance, every postcode (static/data/postcode-index/<AREA>.json). */
	postcodeIndexFiles: Record<string, string>;
	postcodeIndexStats: PostcodeIndexStats;
	screening: ScreeningStats;
}

export async function deriveTables(input: {
	inputDir: string;
	parsed: ParsedInput[];
	geography: InputFile[];
	hashOf: Map<string, string>;
}): Promise<Derived> {
	// 1. Geography.
	const geography = buildAreas(await readGeographyInputs(input.inputDir));
	const needed = straddlingTrustPostcodeAreas(geography).map((a) => a.toLowerCase());
	const missing = needed.filter((a) => !(TRUST_HQ_POSTCODE_AREAS as readonly string[]).includes(a));
	if (missing.length > 0) {
		throw new Error(
			`trust HQs need Code-Point areas ${missing.join(', ')}: add them to TRUST_HQ_POSTCODE_AREAS in scripts/etl/inputs.ts`
		);
	}
	const geo = createGeographyIndex(geography);
	const boundaries = await readBoundaries(input.inputDir);
	const topologies = {
		'20': buildAllianceTopology(boundaries.subIcb, boundaries.lad, geography.mapping, '20'),
		'21': buildAllianceTopology(boundaries.subIcb, boundaries.lad, geography.mapping, '21')
	};
	const icbByName = new Map(geography.areas.filter((a) => a.type === 'icb').map((a) => [a.name, a.code]));

	// 2. Figures, source by source.
	const indicators: Indicator[] = [...INDICATORS];
	const counts: CwtCountFromFile[] = [];
	const cells: CountCell[] = [];
	const rates: RateCell[] = [];
	const published: Observation[] = [];
	const unitSectors: CodePointSectorUnits[] = [];
	const notesByFile = new Map<string, string[]>();
	const coverage: { file: string; rows: PracticeCoverageRow[] }[] = [];
	const population: { file: string; rows: PracticeWomenRow[] }[] = [];
	for (const p of input.parsed) {
		const file = p.input.rel;
		notesByFile.set(file, [...p.result.notes]);
		switch (p.input.kind) {
			case 'cwt-extract':
			case 'cwt-workbook':
			case 'cwt-fds-csv':
				for (const row of p.result.rows as CwtCount[]) counts.push({ ...row, file });
				break;
			case 'ndrs-stage':
				cells.push(...deriveStage(file, p.result.rows as NdrsStageRow[], geo, icbByName));
				break;
			case 'ndrs-mortality':
				rates.push(...deriveMortality(file, p.result.rows as NdrsMortalityRow[], geo));
				break;
			case 'fingertips': {
				const extra = deriveFingertips(file, p.result.rows as FingertipsRow[], geo);
				addIndicators(indicators, extra.indicators, file);
				published.push(...extra.observations);
				notesByFile.get(file)!.push(...extra.notes);
				break;
			}
			case 'codepoint':
				unitSectors.push(...(p.result.rows as CodePointSectorUnits[]));
				break;
			case 'screening-coverage':
				coverage.push({ file, rows: p.result.rows as PracticeCoverageRow[] });
				break;
			case 'gp-population':
				population.push({ file, rows: p.result.rows as PracticeWomenRow[] });
				break;
			case 'cosd': {
				const extra = deriveCosd(file, p.result.rows as CosdRow[], geo);
				addIndicators(indicators, extra.indicators, file);
				cells.push(...extra.cells);
				break;
			}
		}
	}
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
	const cwt = deriveCwt(counts, geo);
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
			lookups: geography.lookups,
			takenCodes: new Set([...geography.areas, ...cwt.newAreas].map((a) => a.code))
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
	const areas: Area[] = [...geography.areas, ...cwt.newAreas, ...screening.areas].sort(
		(a, b) => a.type.localeCompare(b.type) || a.code.localeCompare(b.code)
	);

	// 3. Provenance: every file read, with its hash and what happened to its rows.
	const provenance: Provenance[] = input.parsed.map((p) => ({
		file: p.input.rel,
		sha256: p.sha256,
		rows_read: p.result.rowsRead,
		rows_kept: (p.result.rowsKept ?? p.result.rows.length) - (screening.dropped.get(p.input.rel) ?? 0),
		rows_rejected: p.result.rowsRejected + (screening.dropped.get(p.input.rel) ?? 0),
		notes: notesByFile.get(p.input.rel)!.join(' ')
	}));
	const geoStats = new Map(
		[...geography.sources, ...postcodeIndexProvenance(postcodeIndex.stats)].map((s) => [s.file, s])
	);
	for (const g of input.geography) {
		const s = geoStats.get(g.rel);
		const notes = s?.notes ?? (g.rel.endsWith('.geojson') ? 'boundaries for the alliance TopoJSON' : 'lookup');
		// A file can be read twice (Code-Point areas also place trust headquarters): one row, both uses noted.
		const already = provenance.find((p) => p.file === g.rel);
		if (already) {
			already.notes = `${already.notes} Also read by the geography step: ${s ? notes : 'trust headquarters postcodes'}.`;
			continue;
		}
		provenance.push({
			file: g.rel,
			sha256: input.hashOf.get(g.rel)!,
			rows_read: s?.rows_read ?? 0,
			rows_kept: s?.rows_kept ?? 0,
			rows_rejected: s?.rows_rejected ?? 0,
			notes
		});
	}
	provenance.sort((a, b) => a.file.localeCompare(b.file));

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
		topologies,
		postcodeIndexFiles: postcodeIndex.files,
		postcodeIndexStats: postcodeIndex.stats,
		screening: screening.stats
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
