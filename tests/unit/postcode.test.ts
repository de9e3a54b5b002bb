/** Postcode entry: what a person types -> a normalised postcode or a message; and the index's file names. */
import { describe, expect, it } from 'vitest';
import { normalisePostcode } from '../../src/lib/postcode/postcode';
import { shardName, shardPath, shardUrl } from '../../src/lib/postcode/index-format';

describe('normalisePostcode', () => {
	it('accepts any case and spacing', () => {
		for (const input of ['SW1A 2AA', 'sw1a2aa', '  Sw1a   2aA ', 'S W 1 A 2 A A', 'sw1a\t2aa']) {
			expect(normalisePostcode(input)).toEqual({
				ok: true,
				postcode: 'SW1A 2AA',
				outward: 'SW1A',
				sector: 'SW1A 2',
				area: 'SW'
			});
		}
		expect(normalisePostcode('tr210ab')).toEqual({
			ok: true,
			postcode: 'TR21 0AB',
			outward: 'TR21',
			sector: 'TR21 0',
			area: 'TR'
		});
		expect(normalisePostcode('e16an')).toMatchObject({ ok: true, postcode: 'E1 6AN', sector: 'E1 6', area: 'E' });
	});

	it('asks for a postcode when the box is empty', () => {
		for (const input of ['', '   '])
			expect(normalisePostcode(input)).toEqual({ ok: false, message: 'Enter a full postcode, like SW1A 2AA' });
	});

	it('asks for the rest of the postcode when only the first half is given', () => {
		for (const input of ['SW1A', 'sw1a', 'E1', 'SW1A 2', 'TR21 0A']) {
			expect(normalisePostcode(input)).toEqual({
				ok: false,
				message: 'Enter your full postcode, including the last three characters'
			});
		}
	});

	it('says plainly when the text is not a postcode, suggesting a fix where one is obvious', () => {
		expect(normalisePostcode('XYZ')).toEqual({
			ok: false,
			message: '"XYZ" is not a UK postcode. Check it and try again, like SW1A 2AA.'
		});
		expect(normalisePostcode('SWIA 2AA')).toEqual({
			ok: false,
			message: '"SWIA 2AA" is not a UK postcode. Did you mean SW1A 2AA?'
		});
		const long = normalisePostcode('this is not a postcode at all');
		expect(long.ok).toBe(false);
		if (!long.ok) expect(long.message).toContain('…" is not a UK postcode');
	});

	it("names the index's files by postcode area", () => {
		expect(shardName('sw')).toBe('SW');
		expect(shardName('E')).toBe('E');
		expect(shardPath('sw')).toBe('postcode-index/SW.json');
		expect(shardUrl('tr')).toBe('/data/postcode-index/TR.json');
		expect(() => shardName('S1')).toThrow(/not a postcode area/);
	});
});
