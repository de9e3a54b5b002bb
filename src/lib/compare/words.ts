/**
 * Plain words for the compare page's headline numbers: what a patient in the numerator has that one outside it has
 * not ("been told within 28 days"), so a gap can be said as "about 120 more patients would have been told ...".
 */
import type { GapEstimate } from './model';

const OUTCOMES: Record<string, string> = {
	fds_breast_suspected: 'been told whether they had cancer within 28 days',
	fds_breast_symptomatic: 'been told the outcome within 28 days',
	cwt31_breast: 'started treatment within 31 days of the decision to treat',
	cwt62_breast: 'started treatment within 62 days of referral',
	breast_symptomatic_14d: 'been seen within 14 days',
	stage12_breast: 'been diagnosed at an early stage (1 or 2)',
	stage_completeness_breast: 'had their cancer’s stage recorded',
	screening_breast_coverage: 'been screened in the last three years'
};

/** "been told the outcome within 28 days"; a neutral phrase for indicators without one. */
export function outcomeWords(indicatorId: string): string {
	return OUTCOMES[indicatorId] ?? 'met this measure';
}

/** Whole people for display: gaps are estimates, so round to the nearest person. */
export function patients(n: number, indicatorId = ''): string {
	const r = Math.round(n);
	const who = peopleWords(indicatorId);
	return `${r.toLocaleString('en-GB')} ${Math.abs(r) === 1 ? who.one : who.many}`;
}

/** Who a measure counts: patients, except screening, which counts women invited whether or not they are ill. */
export function peopleWords(indicatorId: string): { one: string; many: string } {
	return indicatorId.startsWith('screening_') ? { one: 'woman', many: 'women' } : { one: 'patient', many: 'patients' };
}

/** "475 more patients", "1 more woman". */
export function morePatients(n: number, indicatorId = ''): string {
	const r = Math.round(n);
	const who = peopleWords(indicatorId);
	return `${r.toLocaleString('en-GB')} more ${Math.abs(r) === 1 ? who.one : who.many}`;
}

/** "120 (95% interval 80 to 160)" with negative lower ends shown as 0 would hide the truth, so they are kept. */
export function gapText(gap: GapEstimate): string {
	const f = (x: number) => Math.round(x).toLocaleString('en-GB');
	return `${f(gap.value)} (95% interval ${f(gap.lower)} to ${f(gap.upper)})`;
}
