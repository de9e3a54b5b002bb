/**
 * How a letter greets an MP, following UK Parliament's forms of address for Members of the House of Commons: a knight
 * is "Sir" with his first name ("Dear Sir Julian"), a dame "Dame" with hers ("Dear Dame Meg"); a doctor, and a Member
 * listed with Mr, Mrs, Ms or Miss, take the title with the surname ("Dear Dr Allin-Khan", "Dear Mr Rand"). Otherwise the
 * letter uses the name exactly as Parliament lists it ("Dear Lauren Edwards"). Pure and browser-safe.
 */

/** Titles that take the first name, as Parliament lists them before the name. */
const FIRST_NAME_TITLES = ['Sir', 'Dame'] as const;
/** Titles that take the surname. */
const SURNAME_TITLES = ['Dr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Professor', 'Prof'] as const;

/**
 * The salutation's name for an MP listed by Parliament as `name` (the Members API's display name, e.g. "Sir Julian
 * Lewis", "Dr Rosena Allin-Khan", "Lauren Edwards"): "Sir Julian", "Dr Allin-Khan", "Lauren Edwards".
 * Where the surname cannot be told for certain (a title with more than a first name and one surname, e.g. "Mr
 * Tanmanjeet Singh Dhesi"), the whole name is kept rather than guessed.
 */
export function addressAs(name: string): string {
	const words = name.trim().replace(/\s+/g, ' ').split(' ').filter(Boolean);
	if (words.length < 3) return words.join(' ');
	const [title, first, ...rest] = words as [string, string, ...string[]];
	if ((FIRST_NAME_TITLES as readonly string[]).includes(title)) return `${title} ${first}`;
	if ((SURNAME_TITLES as readonly string[]).includes(title) && rest.length === 1) return `${title} ${rest[0]}`;
	return words.join(' ');
}

/** "Dear Sir Julian," or, with no MP known, "Dear Member of Parliament,". */
export function salutation(mpName: string | null | undefined): string {
	const name = addressAs(mpName ?? '');
	return name ? `Dear ${name},` : 'Dear Member of Parliament,';
}
