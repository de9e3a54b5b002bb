/**
 * Approved reply excerpts for an area page: the key sentences of MPs' replies that supporters shared and an operator
 * approved (`npm run replies`), with the MP's name, constituency and the date it was shared; never the supporter.
 * A store that does not answer costs the page nothing: the section is left out.
 */
import { actionsStore } from './actions';
import { areaByCode, mps } from './data';

export interface PublishedExcerpt {
	id: string;
	text: string;
	mpName: string;
	constituencyName: string;
	/** When the supporter shared it, e.g. "6 December 2026". */
	shared: string;
}

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

export async function approvedExcerpts(allianceCode: string): Promise<PublishedExcerpt[]> {
	try {
		const excerpts = await (await actionsStore()).followUps.approvedFor(allianceCode, 5);
		return excerpts.map((e) => ({
			id: e.id,
			text: e.text,
			mpName: mps.find((m) => m.constituency_code === e.constituencyCode)?.name || 'The MP',
			constituencyName: areaByCode.get(e.constituencyCode)?.name ?? e.constituencyCode,
			shared: day.format(new Date(e.createdAt))
		}));
	} catch (error) {
		console.error('Area page: reply excerpts are not available:', error instanceof Error ? error.message : error);
		return [];
	}
}
