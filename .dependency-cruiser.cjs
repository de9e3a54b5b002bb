/**
 * The layer rules of docs/architecture.md, checked by `npm run lint` (depcruise). A wrong import fails the build.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'Import cycles make modules impossible to read (or test) one at a time.',
			from: {},
			to: { circular: true }
		},
		{
			name: 'src-not-scripts',
			severity: 'error',
			comment: 'The app never imports the ETL: shared logic lives in src/lib and the ETL imports it.',
			from: { path: '^src/' },
			to: { path: '^scripts/' }
		},
		{
			name: 'stats-imports-nothing',
			severity: 'error',
			comment: 'src/lib/stats is pure maths: it imports nothing but itself.',
			from: { path: '^src/lib/stats/' },
			to: { pathNot: '^src/lib/stats/' }
		},
		{
			name: 'logic-knows-no-screen',
			severity: 'error',
			comment: 'Modules in src/lib (outside components) are plain TypeScript: they never import a Svelte component.',
			from: { path: '^src/lib/', pathNot: '^src/lib/components/' },
			to: { path: '\\.svelte$' }
		},
		{
			name: 'server-code-stays-on-the-server',
			severity: 'error',
			comment: 'src/lib/server is for +page.server.ts, +server.ts, hooks and other server code only.',
			from: {
				path: '^src/',
				pathNot: [
					'^src/lib/server/',
					'^src/routes/.*(\\+page\\.server|\\+layout\\.server|\\+server)\\.ts$',
					'^src/hooks\\.server\\.ts$'
				]
			},
			to: { path: '^src/lib/server/' }
		},
		{
			name: 'components-not-server',
			severity: 'error',
			comment: 'Components run in the browser: no server code, no Node built-ins.',
			from: { path: '^src/lib/components/' },
			to: { path: ['^src/lib/server/', '^node:', '^(fs|path|crypto|os|child_process)$'] }
		},
		{
			name: 'mp-not-area',
			severity: 'error',
			comment:
				'The letter (src/lib/mp) and the area page (src/lib/area) share wording through src/lib/wording, not each other.',
			from: { path: '^src/lib/mp/' },
			to: { path: '^src/lib/area/' }
		},
		{
			name: 'tests-not-imported',
			severity: 'error',
			comment: 'Product code never imports test code.',
			from: { pathNot: '^tests/' },
			to: { path: '^tests/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^\\.svelte-kit/', '^build/', '^node_modules/'] },
		// SvelteKit's $lib alias with a baseUrl, which the resolver needs (.svelte-kit/tsconfig.json has none).
		tsConfig: { fileName: '.dependency-cruiser.tsconfig.json' },
		tsPreCompilationDeps: true,
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte', '.json']
		},
		reporterOptions: { text: { highlightFocused: true } }
	}
};
