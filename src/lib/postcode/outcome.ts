/**
 * What a supporter sees after typing a postcode, shared by the in-page finder and the /postcode page (no JavaScript).
 * One alliance: go there. Several (a postcode sector on an alliance boundary): offer each. Scotland or Wales: explain.
 */
import type { LookupResult, PostcodeShard } from './lookup';
import { lookupAlliances } from './lookup';
import { shardUrl } from './postcode';

export type PostcodeOutcome =
	| { kind: 'go'; code: string; postcode: string }
	| { kind: 'choose'; postcode: string; options: { code: string; name: string; share: number }[] }
	| { kind: 'message'; postcode: string | null; message: string };

/** In the browser: fetch the shard from static/data/postcodes. */
export function shardFetcher(fetcher: typeof fetch): (area: string) => Promise<PostcodeShard | null> {
	return async (area) => {
		const response = await fetcher(shardUrl(area));
		return response.ok ? ((await response.json()) as PostcodeShard) : null;
	};
}

export async function postcodeOutcome(
	input: string,
	loadShard: (area: string) => Promise<PostcodeShard | null>,
	allianceName: (code: string) => string | undefined,
	variant: '20' | '21' = '20'
): Promise<PostcodeOutcome> {
	const result: LookupResult = await lookupAlliances(input, loadShard);
	if (!result.ok) return { kind: 'message', postcode: null, message: result.message };
	const alliances = variant === '21' ? result.alliances21 : result.alliances;
	if (result.country !== 'England' && alliances.length === 0) {
		return {
			kind: 'message',
			postcode: result.postcode,
			message: `${result.postcode} is in ${result.country}. Health services there are run by the ${result.country === 'Scotland' ? 'Scottish' : 'Welsh'} Government, so NHS England's Cancer Alliances do not cover it and this map has no figures for it.`
		};
	}
	if (alliances.length === 1) return { kind: 'go', code: alliances[0]!.code, postcode: result.postcode };
	return {
		kind: 'choose',
		postcode: result.postcode,
		options: alliances.map((a) => ({ code: a.code, name: allianceName(a.code) ?? a.code, share: a.share }))
	};
}
