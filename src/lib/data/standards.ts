/**
 * An indicator's reference lines in words: one operational standard, or a programme's two thresholds (acceptable and
 * achievable, as breast screening coverage has). Every chart and sentence that draws a standard labels it from here.
 */
import type { Indicator } from './contract';

export interface Level {
	value: number;
	/** "standard", "acceptable level", "achievable level". */
	label: string;
}

export function levelsOf(indicator: Pick<Indicator, 'standard' | 'achievable'>): Level[] {
	if (indicator.standard === null) return [];
	if (indicator.achievable === null || indicator.achievable === undefined) return [{ value: indicator.standard, label: 'standard' }];
	return [
		{ value: indicator.standard, label: 'acceptable level' },
		{ value: indicator.achievable, label: 'achievable level' }
	];
}
