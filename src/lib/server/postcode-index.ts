/**
 * The server's postcode index: the ETL's shards (static/data/postcode-index/<AREA>.json) bundled at build time and
 * loaded lazily, one area at a time, on first use, then kept. No HTTP: the server never fetches its own static files
 * (SvelteKit's server-side fetch to itself needs ORIGIN). Used by GET /api/postcode/{postcode}.
 */
import {
	composePostcodeAnswer,
	lookupPostcode,
	type AnswerContext,
	type PostcodeIndexShard,
	type PostcodeResponse,
	type ShardLoader
} from '../mp/postcode-index';
import type { MpRecord } from '../mp/contract';
import { areaByCode, lookups, mps } from './data';

const shardFiles = import.meta.glob<PostcodeIndexShard>('../../../static/data/postcode-index/*.json', {
	import: 'default'
});
const shards = new Map<string, Promise<PostcodeIndexShard | null>>();

/** A postcode area's shard ("SW"), or null when there is none (no postcodes in that area). Cached per process. */
export const loadPostcodeIndexShard: ShardLoader = (area) => {
	const name = area.trim().toUpperCase();
	let shard = shards.get(name);
	if (!shard) {
		const load = /^[A-Z]{1,2}$/.test(name) ? shardFiles[`../../../static/data/postcode-index/${name}.json`] : undefined;
		shard = load ? load() : Promise.resolve(null);
		shard.catch(() => shards.delete(name)); // a failed load is retried next time
		shards.set(name, shard);
	}
	return shard;
};

/** Postcode areas with a shard, e.g. ["AB", "AL", ...]. */
export function postcodeIndexAreas(): string[] {
	return Object.keys(shardFiles)
		.map((p) => /([A-Z]{1,2})\.json$/.exec(p)?.[1])
		.filter((a): a is string => a !== undefined)
		.sort();
}

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
	context = {
		constituencyName: nameOf('constituency'),
		allianceName: nameOf('alliance'),
		mp: (code) => byCode.get(code) ?? null,
		constituencyAlliances: (code) =>
			lookups
				.filter((l) => l.relation === 'constituency_in_alliance' && l.child_code === code && l.variant !== '21')
				.map((l) => ({ code: l.parent_code, share: l.share ?? 0 }))
				.sort((a, b) => b.share - a.share),
		mpsAsOf:
			mps
				.map((m) => m.as_of)
				.sort()
				.at(-1) ?? ''
	};
	return context;
}

/** The answer of GET /api/postcode/{postcode}: PostcodeAnswer (200), or { error } with 400 or 404. */
export async function answerPostcode(
	postcode: string,
	loadShard: ShardLoader = loadPostcodeIndexShard
): Promise<PostcodeResponse> {
	return composePostcodeAnswer(await lookupPostcode(postcode, loadShard), answerContext());
}
