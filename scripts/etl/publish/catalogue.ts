/** What each exported table and column means: the data package's descriptions (and so the manifest's). */
import type { TableName } from '../../../src/lib/data/contract';
import { OGL_V3 } from '../../../src/lib/data/attribution';

export const TABLE_INFO: Record<TableName, { title: string; description: string; source: string; licence: string }> = {
	areas: {
		title: 'Areas',
		description:
			'England, Cancer Alliances (20 of April 2024, plus East of England North and South for the 21-alliance view), ICBs, Sub-ICBs, NHS trusts, 2024 constituencies and GP practices (type gp_practice, ODS code, parent = Sub-ICB; names as Fingertips publishes them).',
		source:
			'ONS Open Geography Portal (codes and names); NHS Organisation Data Service (trusts); OHID Fingertips (GP practices)',
		licence: OGL_V3
	},
	area_lookups: {
		title: 'Area lookups',
		description:
			'Memberships with shares: constituency to alliance by population, ICBs touching more than one alliance, trusts placed by a third-party hand mapping (flagged).',
		source: 'ONS lookups; mySociety population overlaps (CC BY 4.0); RAND hand mapping (third party, not official)',
		licence: `${OGL_V3}; CC BY 4.0 where stated`
	},
	indicators: {
		title: 'Indicators',
		description:
			'Each indicator: definition, unit, which direction is better, the operational standard (and, where a programme sets two thresholds, the higher achievable level), publisher, licence and download address.',
		source: 'NHS England; NDRS; OHID Fingertips',
		licence: OGL_V3
	},
	observations: {
		title: 'Observations',
		description:
			'Every figure: area, basis (provider, commissioner or registry), period, counts, value, 95% and 99.8% intervals, comparison with England, whether small counts were suppressed, and the release (final, provisional or revised) and input file it comes from.',
		source:
			'NHS England Cancer Waiting Times; NDRS stage at diagnosis 2013-2022; NDRS cancer mortality 2020; OHID Fingertips breast screening coverage by GP practice 2023/24 (counts above practice level estimated from NHS England GP list sizes, April 2026)',
		licence: OGL_V3
	},
	provenance: {
		title: 'Provenance',
		description:
			'For every input file: its SHA-256, rows read, kept and rejected, its release status and why, and what was left out.',
		source: 'This ETL',
		licence: OGL_V3
	},
	mps: {
		title: 'MPs',
		description:
			'The MP for each 2024 constituency, with the email address Parliament publishes (null where none is published).',
		source: 'UK Parliament Members API, via a daily published extract',
		licence: 'Open Parliament Licence v3.0'
	}
};

/** One sentence per column. A column missing here fails the build (publish/descriptor.ts). */
export const COLUMN_DESCRIPTIONS: { [T in TableName]: Record<string, string> } = {
	areas: {
		code: 'ONS code (E92 England, E56 alliance, E54 ICB, E38 Sub-ICB, E14 constituency) or ODS code (trusts, GP practices).',
		name: 'Name as published.',
		type: 'england, alliance, icb, sub_icb, trust, constituency or gp_practice.',
		parent_code: 'The area it belongs to (an ICB for a Sub-ICB, a Sub-ICB for a GP practice); empty where none.',
		variant: '20 for the merged East of England alliance, 21 for its North and South halves; empty for areas in both.'
	},
	area_lookups: {
		child_code: 'The member area.',
		parent_code: 'The area it belongs to.',
		relation: 'What kind of membership, e.g. constituency_in_alliance, icb_touches_alliance, trust_in_alliance.',
		variant: '20 or 21 where the membership differs between the alliance views; empty otherwise.',
		share: "The member's population share in the parent (0 to 1), where it is split; empty when whole.",
		source: 'Where the membership comes from.',
		note: 'A caveat, e.g. a third-party hand mapping.'
	},
	indicators: {
		id: "Stable identifier, used in observations.indicator_id and in the app's links.",
		name: 'Short name.',
		description: 'What is counted, and how.',
		unit: '% (a proportion), per 100,000 (a rate) or value.',
		polarity: 'higher or lower when that direction is better; none when neither is.',
		standard: 'The operational standard, in the unit, where one is in force.',
		achievable: 'A second, higher level where a programme sets two (breast screening: 80%).',
		source: 'The publication.',
		publisher: 'Who publishes it.',
		licence: 'Its licence.',
		url: 'Where to download newer editions.'
	},
	observations: {
		indicator_id: 'The indicator (indicators.id).',
		area_code: 'The area (areas.code).',
		basis: 'commissioner (where patients live), provider (where they were treated) or registry (NDRS).',
		period_start: 'First day of the period (a month, a calendar year or a financial year).',
		period_end: 'Last day of the period.',
		numerator:
			'Patients within the standard (or deaths, for rates); halves occur in 62-day counts; estimated above GP practice level for screening.',
		denominator: 'Patients counted (or women eligible, for screening).',
		value: 'The figure: a percentage, or a rate per 100,000.',
		lower95: "Lower end of the 95% interval (Wilson for proportions; the registry's own for rates).",
		upper95: 'Upper end of the 95% interval.',
		lower998: 'Lower end of the 99.8% interval.',
		upper998: 'Upper end of the 99.8% interval.',
		comparison:
			"Against England's value in the same period and basis: better, worse, similar, higher, lower or not compared.",
		suppressed: 'true when counts of 1 to 7 below national level were withheld (no value shown).',
		release:
			'final, provisional (the publisher will replace it) or revised (it replaced a final figure): the status of the release the figure was read from.',
		release_file:
			'The input file the figure was read from (provenance.file), or the folder (ending in /) when it sums several files.'
	},
	provenance: {
		file: 'The input file, relative to the raw folder.',
		sha256: "The file's SHA-256.",
		rows_read: 'Data rows read.',
		rows_kept: 'Rows used.',
		rows_rejected: 'Rows left out (see notes for why: replaced by a later release, duplicates, and so on).',
		notes: 'Its release status and why, what was left out, and the checks it passed.'
	},
	mps: {
		constituency_code: '2024 constituency (ONS E14/S14/W07/N05 code).',
		name: "MP's name.",
		party: 'Party.',
		email: 'The address Parliament publishes; empty where none is. Never guessed.',
		member_id: 'Parliament Members API id.',
		profile_url: "The MP's page on the Parliament website.",
		as_of: 'Date of the MP list.'
	}
};
