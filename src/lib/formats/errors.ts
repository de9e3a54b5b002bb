/**
 * An input problem, located precisely enough for a person to open the file and fix it. Shared by the ETL (which
 * re-exports the class as `EtlError`) and the browser's "your own data" loader, so both say the same thing.
 */
export interface Location {
	file: string;
	sheet?: string;
	/** 1-based row as a spreadsheet or text editor shows it. */
	row?: number;
	column?: string;
}

export class InputError extends Error {
	constructor(
		readonly location: Location,
		readonly problem: string
	) {
		super(`${formatLocation(location)}: ${problem}`);
		this.name = 'InputError';
	}
}

export function formatLocation({ file, sheet, row, column }: Location): string {
	const parts = [file];
	if (sheet !== undefined) parts.push(`sheet "${sheet}"`);
	if (row !== undefined) parts.push(`row ${row}`);
	if (column !== undefined) parts.push(`column "${column}"`);
	return parts.join(', ');
}
