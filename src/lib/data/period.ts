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
