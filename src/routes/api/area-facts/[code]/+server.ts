/**
 * GET /api/area-facts/{allianceCode}: the alliance's latest figure for each indicator, against England, as the
 * IndicatorFact[] the letter composer takes (the same figures as the alliance's page: built by areaPage). Each fact's
 * `outside` lists the constituencies whose residents here are counted in another alliance's figure on that measure
 * (Swindon's and Bassetlaw's waiting times, for example), so the letter can leave it out and say why. Prerendered for
 * every alliance, so the email panel can fetch a second alliance's figures when a constituency straddles two.
 */
import { error, json } from '@sveltejs/kit';
import type { IndicatorFact } from '$lib/wording/figures';
import { areaByCode } from '$lib/server/data';
import { allianceCodes, areaPage } from '$lib/server/area';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => allianceCodes().map((code) => ({ code }));

export const GET: RequestHandler = ({ params }) => {
	const area = areaByCode.get(params.code);
	if (!area || area.type !== 'alliance') error(404, 'There is no Cancer Alliance with this code.');
	const facts: IndicatorFact[] = areaPage(area).panels.map((p) => ({
		indicator: p.indicator,
		basis: p.basis,
		period_label: p.period_label,
		area: p.area,
		england: p.england,
		outside: p.outside
	}));
	return json(facts);
};
