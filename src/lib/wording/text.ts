/**
 * The small pieces every sentence about a figure is built from, shared by the area page and the letter to an MP:
 * numbers with their units, published figures, lists and capitals. Pure and browser-safe.
 */
import type { Unit } from '../data/contract';
import type { Figure } from '../data/series';

/** z for a two-sided 95% interval: se = (upper - lower) / (2 × Z95). */
export const Z95 = 1.959964;

/** A number present and finite. */
export const has = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** Figure usable as a number: present, not suppressed, with a value. */
export function published(f: Figure | null | undefined): f is Figure & { value: number } {
	return f !== null && f !== undefined && !f.suppressed && has(f.value);
}

export function isEngland(areaName: string): boolean {
	return areaName.trim().toLowerCase() === 'england';
}

/** "82.2%", "12.5 per 100,000": a value with its unit. */
export function num(x: number, dp: number, unit: Unit): string {
	const s = x.toFixed(dp);
	if (unit === '%') return `${s}%`;
	return unit === 'per 100,000' ? `${s} per 100,000` : s;
}

/** An operational standard as written in a sentence: "85%", "12.5 per 100,000" (no needless decimals). */
export function standardText(x: number, unit: Unit): string {
	const s = Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
	if (unit === '%') return `${s}%`;
	return unit === 'per 100,000' ? `${s} per 100,000` : s;
}

export function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "a", "a and b", "a, b and c" */
export function listOf(items: string[], conjunction = 'and'): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** The standard error behind a 95% interval, or null without one. */
export function standardError(f: Figure | null | undefined): number | null {
	if (!f || !has(f.lower95) || !has(f.upper95)) return null;
	return (f.upper95 - f.lower95) / (2 * Z95);
}
