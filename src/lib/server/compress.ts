/**
 * Gzip for what the server renders (pages, JSON): adapter-node sends it uncompressed, and on a phone's connection
 * the home page's HTML is most of the wait (171 KB raw, 58 KB gzip). Static files are not touched here.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|ld\+json)|image\/svg\+xml)/;
/** Under this, gzip's header and a round of work cost more than they save. */
const MIN_BYTES = 1024;

export function acceptsGzip(request: Request): boolean {
	return /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
}

/** The response gzipped when the browser accepts it and the body is text worth compressing; otherwise unchanged. */
export function compressed(request: Request, response: Response): Response {
	if (!response.body || response.headers.has('content-encoding') || !acceptsGzip(request)) return response;
	if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return response;
	const length = Number(response.headers.get('content-length') ?? NaN);
	if (length < MIN_BYTES) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
