/**
 * The server's side of the one postcode reader: the ETL's index files (static/data/postcode-index/<AREA>.json)
 * bundled at build time and loaded lazily, one area at a time, on first use, then kept. No HTTP: the server never
 * fetches its own static files (SvelteKit's server-side fetch to itself needs ORIGIN). Used by GET /api/postcode,
 * /postcode (the home page's box without JavaScript) and the send endpoint.
 */
import { lookupPostcode, type ShardLoader } from '../postcode/lookup';
import { shardName, type PostcodeIndexShard } from '../postcode/index-format';
import { composePostcodeAnswer, type AnswerContext, type PostcodeResponse } from '../mp/postcode-answer';
import type { MpRecord } from '../mp/contract';
import { areaByCode, lookups, mps } from './data';

const shardFiles = import.meta.glob<PostcodeIndexShard>('../../../static/data/postcode-index/*.json', {
	import: 'default'
});
const shards = new Map<string, Promise<PostcodeIndexShard | null>>();

/** A postcode area's index file ("SW"), or null when there is none (no postcodes in that area). Cached per process. */
export const loadPostcodeIndexShard: ShardLoader = (area) => {
	const name = /^[A-Za-z]{1,2}$/.test(area.trim()) ? shardName(area) : '';
	let shard = shards.get(name);
	if (!shard) {
		const load = name ? shardFiles[`../../../static/data/postcode-index/${name}.json`] : undefined;
		shard = load ? load() : Promise.resolve(null);
		shard.catch(() => shards.delete(name)); // a failed load is retried next time
		shards.set(name, shard);
	}
	return shard;
};

let context: AnswerContext | null = null;
function answerContext(): AnswerContext {
	if (context) return context;
	const byCode = new Map<string, MpRecord>(
		mps.map((m) => [
			m.constituency_code,
			{ name: m.name, party: m.party, email: m.email || null, memberId: m.member_id, profileUrl: m.profile_url }
		])
	);
	const nameOf = (type: string) => (code: string) => {
		const a = areaByCode.get(code);
		return a && a.type === type ? a.name : undefined;
	};
	const shares = new Map<string, { code: string; share: number }[]>();
	for (const l of lookups) {
		if (l.relation !== 'constituency_in_alliance' || l.variant === '21') continue;
		shares.set(l.child_code, [...(shares.get(l.child_code) ?? []), { code: l.parent_code, share: l.share ?? 0 }]);
	}
	context = {
		constituencyName: nameOf('constituency'),
		allianceName: nameOf('alliance'),
		mp: (code) => byCode.get(code) ?? null,
		constituencyAlliances: (code) => shares.get(code) ?? [],
		mpsAsOf:
			mps
				.map((m) => m.as_of)
				.sort()
				.at(-1) ?? ''
	};
	return context;
}

/**
 * The whole answer for a postcode, as GET /api/postcode/{postcode} gives it: PostcodeAnswer (200), or { error } with
 * 400 or 404. The send endpoint calls this too, so the constituency, MP and alliance always come from the postcode.
 */
export async function answerPostcode(
	postcode: string,
	loadShard: ShardLoader = loadPostcodeIndexShard
): Promise<PostcodeResponse> {
	return composePostcodeAnswer(await lookupPostcode(postcode, loadShard), answerContext());
}
