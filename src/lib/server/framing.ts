/**
 * Which pages another site may show in an <iframe>. Only the embeddable views (issue 16: /embed/...) may be framed;
 * every other page refuses, so a hostile page cannot overlay the email form (clickjacking). One rule, used by the
 * response headers in src/hooks.server.ts.
 */
const FRAMEABLE_PREFIX = '/embed/';

export function frameableRoute(pathname: string): boolean {
	return pathname.startsWith(FRAMEABLE_PREFIX);
}

/** The headers that state a page's frame rule: any site may frame an embed; nothing else is framed at all. */
export function frameHeaders(pathname: string): Record<string, string> {
	if (frameableRoute(pathname)) return { 'content-security-policy': 'frame-ancestors *' };
	return { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" };
}
