/** Periods are ISO date pairs; people read them as "April 2025", "2022" or "2023/24". */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthEnd(periodStart: string): string {
	const [y, m] = periodStart.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

export function formatPeriod(start: string, end: string): string {
	const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
	const [ey, em] = end.split('-').map(Number) as [number, number];
	if (sd === 1 && sm === 1 && ey === sy && em === 12) return String(sy);
	if (sd === 1 && sm === 1 && em === 12) return `${sy} to ${ey}`;
	if (sd === 1 && sm === 4 && ey === sy + 1 && em === 3) return `${sy}/${String(ey).slice(2)}`;
	if (sy === ey && sm === em) return `${MONTHS[sm - 1]} ${sy}`;
	return `${MONTHS[sm - 1]} ${sy} to ${MONTHS[em - 1]} ${ey}`;
}

/**
 * How a period is written in a URL (the one codec the map, /compare and their period lists share): the year alone
 * when every period of the series starts on 1 January (`2022`), else the month (`2025-09`).
 */
export function periodParam(iso: string, periods: readonly string[]): string {
	return periods.every((p) => p.endsWith('-01-01')) ? iso.slice(0, 4) : iso.slice(0, 7);
}

/** A URL's period back to its ISO start, or null when it is malformed or not one of `periods`. */
export function periodFromParam(param: string | null, periods: readonly string[]): string | null {
	if (!param) return null;
	const iso = /^\d{4}$/.test(param) ? `${param}-01-01` : /^\d{4}-\d{2}$/.test(param) ? `${param}-01` : null;
	return iso && periods.includes(iso) ? iso : null;
}
