// ESLint flat config: JavaScript and TypeScript recommended rules, Svelte's own, and Prettier last (formatting is
// Prettier's job, not ESLint's). The layer rules (what may import what) live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build',
			'builds/',
			'build-*/',
			'.svelte-kit/',
			'static/',
			'data/',
			'node_modules/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			// An unused argument named _x is deliberate (a callback's shape).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The app is served at the site's root (no `paths.base`), so links need no resolve().
			'svelte/no-navigation-without-resolve': 'off',
			// {' '} keeps a space that Svelte would trim at the edge of a block.
			'svelte/no-useless-mustaches': 'off'
		}
	}
);
