/** What the postcode index did with each of its lookup inputs, for the provenance table (one row per input file). */
import { GEO_FILE_NAMES } from './geography/alliances';
import type { GeographySourceStats } from './geography/areas';
import { POSTCODE_INDEX_FILES, type PostcodeIndexStats } from './postcode-index';

export function postcodeIndexProvenance(stats: PostcodeIndexStats): GeographySourceStats[] {
	const n = (x: number) => x.toLocaleString('en-GB');
	const { seats, alliances: a } = stats;
	const row = (file: string, notes: string, rows = 0): GeographySourceStats => ({
		file,
		rows_read: rows,
		rows_kept: rows,
		rows_rejected: 0,
		notes
	});
	return [
		row(
			POSTCODE_INDEX_FILES.ranges,
			`postcode index: the 2024 constituency of ${n(seats.point)} of ${n(stats.postcodes)} Code-Point postcodes, from each postcode's own point (mySociety, CC BY 4.0); ${n(seats.ward + seats.none)} are not covered`,
			stats.inputRows.ranges
		),
		row(POSTCODE_INDEX_FILES.rangeSeats, "postcode index: mySociety's constituency ids -> PCON24 codes"),
		row(
			POSTCODE_INDEX_FILES.wardMapping,
			`postcode index: candidate seats, with their shares of the ward's postcodes, for the ${n(seats.ward)} postcodes mySociety's table does not cover (${seats.wardPostcodes.join(', ')})`,
			stats.inputRows.wards
		),
		row(
			GEO_FILE_NAMES.subIcbBoundaries,
			`boundaries for the alliance TopoJSON; and the postcode index's ward rule: ${n(a.rule.wardPostcodes)} postcodes of ${n(a.rule.wardsPlaced)} wards in ${a.rule.districtsByWard.length} districts not wholly in one alliance were placed in these Sub-ICBs, each ward taking its majority alliance (${a.rule.wardsSplit} wards split, ${n(a.rule.postcodesOutsideWardMajority)} postcodes outside their ward's majority)`
		)
	];
}
