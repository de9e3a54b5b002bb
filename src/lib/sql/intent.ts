/**
 * DuckDB-WASM started before it is asked for: when someone points at or tabs to a link to /explore (the engine then
 * downloads, compiles and loads its tables while they click, and the page, reached without a reload, finds it open),
 * and, on /compare, its files fetched into the browser's cache when the page is idle while an analyst uses it. Light on purpose: the engine
 * itself is imported dynamically, only when one of these happens, so no page carries it for nothing.
 */

let started = false;

/** Opens the page's one database (the same one /explore and own-data use) in the background. */
export function warmEngine(): void {
	if (started) return;
	started = true;
	import('./index').then((m) => m.openDatabase()).catch(() => (started = false)); // the page that needs it reports the failure
}

const toExplore = (target: EventTarget | null) =>
	target instanceof Element && target.closest('a[href="/explore"], a[href^="/explore?"]') !== null;

/** Watches the whole document for intent on a link to /explore; returns the function that stops watching. */
export function watchForSqlIntent(): () => void {
	const onIntent = (event: Event) => {
		if (toExplore(event.target)) warmEngine();
	};
	document.addEventListener('pointerover', onIntent, { passive: true });
	document.addEventListener('focusin', onIntent);
	return () => {
		document.removeEventListener('pointerover', onIntent);
		document.removeEventListener('focusin', onIntent);
	};
}

/**
 * The engine's files into the HTTP cache (immutable, so a later /explore visit reuses them) when the page is next idle
 * after someone first uses it (a click, a key, a scroll): a page left open by a crawler or an audit fetches nothing.
 */
export function prefetchEngineWhenIdle(): () => void {
	const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
	let handle: number | undefined;
	const prefetch = () => {
		void import('./engine-files').then(({ ENGINE_FILES }) =>
			Promise.all(
				ENGINE_FILES.map((url) =>
					fetch(url, { priority: 'low' } as RequestInit)
						.then((r) => r.body?.pipeTo(new WritableStream()))
						.catch(() => {})
				)
			)
		);
	};
	const onUse = () => {
		stopListening();
		handle = window.requestIdleCallback
			? window.requestIdleCallback(prefetch, { timeout: 5000 })
			: window.setTimeout(prefetch, 1000);
	};
	const stopListening = () => events.forEach((e) => window.removeEventListener(e, onUse));
	events.forEach((e) => window.addEventListener(e, onUse, { passive: true, once: true }));
	return () => {
		stopListening();
		if (handle !== undefined) (window.cancelIdleCallback ?? window.clearTimeout)(handle);
	};
}
