/**
 * Postcode entry: turn what a person typed into a normalised postcode, or a message they can act on.
 * Runs in the browser and on the server (no Node APIs). Syntax only (the `postcode` package); whether the postcode
 * exists is for the lookup (./lookup.ts) to say.
 */
import { fix, isValid, OUTCODE_REGEX, parse } from 'postcode';

export type NormalisedPostcode =
	| {
			ok: true;
			/** e.g. "SW1A 2AA" */
			postcode: string;
			/** The outward code, e.g. "SW1A" */
			outward: string;
			/** The postcode sector, e.g. "SW1A 2" */
			sector: string;
			/** The postcode area, e.g. "SW" */
			area: string;
	  }
	| { ok: false; message: string };

export const EXAMPLE_POSTCODE = 'SW1A 2AA';

/** Accepts any case and any spacing ("sw1a2aa", " SW1A  2AA "). */
export function normalisePostcode(input: string): NormalisedPostcode {
	const typed = input.trim();
	if (typed === '') return { ok: false, message: `Enter a full postcode, like ${EXAMPLE_POSTCODE}` };
	const compact = typed.replace(/\s+/g, '').toUpperCase();

	if (compact.length >= 5) {
		const candidate = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
		if (isValid(candidate)) {
			const p = parse(candidate);
			if (p.valid) return { ok: true, postcode: p.postcode, outward: p.outcode, sector: p.sector, area: p.area };
		}
	}
	// Only the first half ("SW1A"), or the first half and one more character ("SW1A 2").
	if (OUTCODE_REGEX.test(compact) || /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]?$/.test(compact)) {
		return { ok: false, message: 'Enter your full postcode, including the last three characters' };
	}
	const shown = typed.length > 20 ? `${typed.slice(0, 20)}…` : typed;
	const fixed = fix(compact.length >= 5 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact);
	const suggestion = isValid(fixed) ? ` Did you mean ${fixed}?` : '';
	return {
		ok: false,
		message: `"${shown}" is not a UK postcode.${suggestion || ` Check it and try again, like ${EXAMPLE_POSTCODE}.`}`
	};
}
