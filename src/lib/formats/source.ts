/** Where a layout's figures come from: shown beside every figure and listed in the ETL's manifest. */
export interface SourceInfo {
	id: string;
	title: string;
	publisher: string;
	licence: string;
	/** Official address where a user with internet can download a newer edition. */
	downloadUrl: string;
}
