/**
 * The email-your-MP contract between the panel (browser), the server endpoints and their tests.
 *   GET  /api/postcode/{postcode}  -> PostcodeAnswer (400 invalid, 404 unknown; JSON error { error: string })
 *   GET  /api/send                 -> { mode: 'smtp' | 'mailto' }  (smtp when the server has SMTP configured)
 *   POST /api/send  SendRequest    -> SendAnswer (JSON; same-origin only)
 *   GET  /confirm/{token}          -> page: sends the confirmed email to the MP, once
 *   POST /api/actions  MailtoRecord -> 204 (records that a supporter opened their own mail client)
 *   GET  /api/actions/summary      -> ActionsSummary (counts under 10 suppressed)
 */

export interface MpRecord {
	name: string;
	party: string;
	/** Only an address Parliament publishes; null where none is published. Never guessed. */
	email: string | null;
	memberId: number;
	profileUrl: string;
}

export interface PostcodeAnswer {
	postcode: string;
	country: 'England' | 'Scotland' | 'Wales' | 'Northern Ireland';
	/** 'point': the postcode's own point (mySociety), certain; 'ward': not in that table, candidates from the ward
	 *  with shares, uncertain; 'none': no seat known. */
	seat: 'point' | 'ward' | 'none';
	constituencies: {
		code: string;
		name: string;
		/** The candidate's share of the ward's postcodes for 'ward'; null for 'point'. */
		share: number | null;
		mp: MpRecord | null;
		/** Every Cancer Alliance the constituency reaches (>= 5% of its residents, 20-alliance view), largest first. */
		alliances: { code: string; name: string; share: number }[];
	}[];
	/** The postcode's own Cancer Alliance (20-alliance view): exactly one for a placed English postcode, else none. */
	alliances: { code: string; name: string }[];
	/** Plain-English notes, each once (today SW1A 0AA and SO43 7BB repeat theirs). */
	notes: string[];
	mpsAsOf: string;
}

/** Field length limits, checked in the browser and again on the server. */
export const LIMITS = {
	name: 100,
	email: 254,
	address: 200,
	subject: 150,
	body: 6000
} as const;

export interface SendRequest {
	postcode: string;
	constituencyCode: string;
	allianceCodes: string[];
	name: string;
	email: string;
	/** An address line, so the MP can confirm the sender is a constituent. */
	address: string;
	subject: string;
	body: string;
	/** Consent to further contact from the campaign: separate, unticked by default. */
	consent: boolean;
	/** Honeypot: a field people never see; anything in it marks the request as automated. */
	website: string;
}

export type SendAnswer =
	{ status: 'confirmation_sent'; message: string } | { status: 'refused'; field?: keyof SendRequest; message: string };

export interface MailtoRecord {
	constituencyCode: string;
	allianceCodes: string[];
	website: string;
}

export interface ActionsSummary {
	/** Counts of 1-9 are shown as null ("fewer than 10"). */
	alliances: { code: string; name: string; count: number | null }[];
	constituencies: { code: string; name: string; count: number | null }[];
	suppressedBelow: 10;
	asOf: string;
}
