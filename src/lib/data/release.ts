/**
 * Release status: which publication a figure comes from. NHS England publishes Cancer Waiting Times first as
 * provisional figures and later as final ones (and, rarely, revises a final month); a figure keeps the status of
 * the release it was read from, and the file it was read from, so analysts can tell them apart.
 */

/** `final`: the publisher's final release; `provisional`: an earlier release that a final one will replace; `revised`: a release that replaced a final one. */
export const RELEASE_STATUSES = ['final', 'provisional', 'revised'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** Which release wins when two cover the same figure: a revision replaces a final release, which replaces a provisional one. */
export const RELEASE_PRECEDENCE: Record<ReleaseStatus, number> = { provisional: 0, final: 1, revised: 2 };

/** How a status reads beside a figure: nothing for final figures, a word for the others. */
export const RELEASE_WORD: Record<ReleaseStatus, string | null> = {
	final: null,
	provisional: 'provisional',
	revised: 'revised'
};

/** One sentence for a figure's note or a download's `release` column. */
export function releaseSentence(status: ReleaseStatus): string {
	if (status === 'provisional') return 'Provisional: the publisher will replace this figure with a final one.';
	if (status === 'revised') return 'Revised: the publisher replaced its final figure with this one.';
	return 'Final.';
}

/** A period as people read it, with its status when that is not final: "April 2025 (provisional)". */
export function labelWithRelease(label: string, status: ReleaseStatus): string {
	const word = RELEASE_WORD[status];
	return word ? `${label} (${word})` : label;
}

/** The note shown under provisional or revised figures, naming the file they come from. */
export function releaseNote(status: ReleaseStatus, file: string | null): string | null {
	if (status === 'final') return null;
	const from = file ? ` They come from ${file.split('/').pop()}.` : '';
	return status === 'provisional'
		? `These are provisional figures: the publisher will replace them with final ones, which can differ.${from}`
		: `These are revised figures: the publisher replaced its final figures with these.${from}`;
}
