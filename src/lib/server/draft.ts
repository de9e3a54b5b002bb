/**
 * The letter we generate for a supporter, from their seat's alliances and real figures: one composition for the
 * panel's draft (./journey.ts) and for the server's comparison of letters to the same MP (./send.ts), so "what the
 * supporter wrote themselves" is measured against exactly the text they were given.
 */
import { composeLetter, type Letter } from '../mp/letter';
import type { JourneySeat } from '../mp/journey';
import { allianceFacts } from './area';

export interface DraftInput {
	seat: JourneySeat;
	/** The postcode's own alliance first, then any other the seat reaches. */
	alliances: { code: string; name: string }[];
	supporter: { name: string; address: string; postcode: string };
	story: string;
	/** The site's origin, for the links to each alliance's page. */
	origin: string;
}

export function draftFor({ seat, alliances, supporter, story, origin }: DraftInput): Letter {
	return composeLetter({
		mp: seat.mp,
		constituencyName: seat.name,
		constituencyCode: seat.code,
		alliances: alliances.map((a) => ({
			...a,
			share: seat.alliances.find((b) => b.code === a.code)?.share ?? null,
			facts: allianceFacts(a.code) ?? []
		})),
		supporter,
		story,
		siteUrl: origin
	});
}
