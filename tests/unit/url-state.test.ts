import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState, type Catalogue } from '../../src/lib/url-state';
import type { Summary } from '../../src/lib/data/summary';

const summary = JSON.parse(readFileSync('static/data/summary.json', 'utf8')) as Summary;
const catalogue: Catalogue = {
	defaultIndicator: 'fds_breast_suspected',
	indicators: summary.indicators.map((i) => ({
		id: i.id,
		bases: i.bases.map((b) => ({ basis: b.basis, periods: b.periods }))
	})),
	areaCodes: new Set(['E56000011', 'E56000022'])
};
const decode = (q: string) => decodeState(new URLSearchParams(q), catalogue);

describe('URL state', () => {
	it('defaults to the latest commissioner FDS figure, coloured by comparison, 20 alliances, nothing selected', () => {
		expect(decode('')).toEqual({
			indicator: 'fds_breast_suspected',
			basis: 'commissioner',
			period: '2025-09-01',
			colouring: 'compare',
			variant: '20',
			area: null
		});
		expect(encodeState(decode(''), catalogue).toString()).toBe('');
	});

	it('writes only the values that differ from the defaults, and reads them back', () => {
		const state = {
			...defaultState(catalogue),
			indicator: 'cwt62_breast',
			basis: 'provider' as const,
			period: '2024-03-01',
			colouring: 'quintile' as const,
			area: 'E56000011'
		};
		const q = encodeState(state, catalogue).toString();
		expect(q).toBe('i=cwt62_breast&b=provider&p=2024-03&c=quintile&a=E56000011');
		expect(decode(q)).toEqual(state);
	});

	it('writes yearly periods as the year', () => {
		const state = { ...defaultState(catalogue, 'stage12_breast'), period: '2019-01-01' };
		expect(encodeState(state, catalogue).toString()).toBe('i=stage12_breast&p=2019');
		expect(decode('i=stage12_breast&p=2019').period).toBe('2019-01-01');
	});

	it('falls back to defaults for unknown or invalid values, one by one', () => {
		expect(decode('i=nonsense').indicator).toBe('fds_breast_suspected');
		expect(decode('i=stage12_breast&b=provider').basis).toBe('registry');
		expect(decode('p=1999-01').period).toBe('2025-09-01');
		expect(decode('i=cwt62_breast&b=provider&p=2021-05').period).toBe('2025-09-01'); // 62-day provider data start in April 2023
		expect(decode('c=rainbow').colouring).toBe('compare');
		expect(decode('v=22').variant).toBe('20');
		expect(decode('a=<script>').area).toBeNull();
		// A valid basis keeps its own latest period when the period is missing.
		expect(decode('i=breast_symptomatic_14d&b=provider').period).toBe('2025-09-01');
	});

	it('keeps the East of England halves in the 21-alliance view', () => {
		expect(decode('v=21&a=E56000022')).toMatchObject({ variant: '21', area: 'E56000022' });
	});
});
