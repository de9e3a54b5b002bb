/**
 * What a supporter sees after typing a postcode in the home page's box, shared by the in-page finder (browser) and
 * /postcode (the same box without JavaScript): its Cancer Alliance, through the one postcode reader (./lookup.ts), or
 * a message. A postcode lies in one alliance, so there is nothing to choose.
 */
import { lookupPostcode, noAllianceMessage, type ShardLoader } from './lookup';
import { shardUrl, type PostcodeIndexShard } from './index-format';

export type PostcodeOutcome =
	{ kind: 'go'; code: string; postcode: string } | { kind: 'message'; postcode: string | null; message: string };

/** In the browser: fetch the area's index file from /data/postcode-index. */
export function shardFetcher(fetcher: typeof fetch): ShardLoader {
	return async (area) => {
		const response = await fetcher(shardUrl(area));
		return response.ok ? ((await response.json()) as PostcodeIndexShard) : null;
	};
}

const HEALTH_SERVICE = {
	Scotland: 'the Scottish Government (NHS Scotland)',
	Wales: 'the Welsh Government (NHS Wales)',
	'Northern Ireland': 'Health and Social Care Northern Ireland'
} as const;

/** The alliance of the home page's current view ('21': East of England North and South), or why there is none. */
export async function postcodeOutcome(
	input: string,
	loadShard: ShardLoader,
	variant: '20' | '21' = '20'
): Promise<PostcodeOutcome> {
	const r = await lookupPostcode(input, loadShard);
	if (r.status === 'invalid') return { kind: 'message', postcode: null, message: r.message };
	if (r.status === 'not_found') return { kind: 'message', postcode: r.postcode, message: r.message };
	const country = r.status === 'northern_ireland' ? 'Northern Ireland' : r.country;
	if (country !== 'England') {
		return {
			kind: 'message',
			postcode: r.postcode,
			message: `${r.postcode} is in ${country}. Health services there are run by ${HEALTH_SERVICE[country]}, so NHS England's Cancer Alliances do not cover it and this map has no figures for it.`
		};
	}
	const code = r.status === 'ok' ? (variant === '21' ? r.alliance21 : r.alliance) : null;
	if (code) return { kind: 'go', code, postcode: r.postcode };
	return { kind: 'message', postcode: r.postcode, message: noAllianceMessage(r.postcode) };
}
