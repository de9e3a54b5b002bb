/** Number formatting shared by pages and downloads: one decimal for percentages and rates, grouped counts. */
import type { Unit } from './data/contract';

export function formatValue(value: number | null, unit: Unit): string {
	if (value === null) return 'not available';
	if (unit === '%') return `${value.toFixed(1)}%`;
	if (unit === 'per 100,000') return `${value.toFixed(1)} per 100,000`;
	return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(1);
}

export function formatInterval(lower: number | null, upper: number | null, unit: Unit): string {
	if (lower === null || upper === null) return '';
	const suffix = unit === '%' ? '%' : '';
	return `${lower.toFixed(1)}${suffix} to ${upper.toFixed(1)}${suffix}`;
}

export function formatCount(n: number | null): string {
	if (n === null) return '–';
	return n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

export const BASIS_LABEL = {
	commissioner: 'where patients live (commissioner basis)',
	provider: 'where patients were treated (provider basis)',
	registry: 'cancer registry'
} as const;
