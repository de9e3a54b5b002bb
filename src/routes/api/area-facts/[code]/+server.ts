/**
 * GET /api/area-facts/{allianceCode}: the alliance's latest figure for each indicator, against England, as the
 * IndicatorFact[] the letter composer takes (the same figures as the alliance's page: built by areaPage). Each fact's
 * `outside` lists the constituencies whose residents here are counted in another alliance's figure on that measure
 * (Swindon's and Bassetlaw's waiting times, for example), so the letter can leave it out and say why. Prerendered for
 * every alliance.
 */
import { error, json } from '@sveltejs/kit';
import { allianceCodes, allianceFacts } from '$lib/server/area';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => allianceCodes().map((code) => ({ code }));

export const GET: RequestHandler = ({ params }) => {
	const facts = allianceFacts(params.code);
	if (!facts) error(404, 'There is no Cancer Alliance with this code.');
	return json(facts);
};
