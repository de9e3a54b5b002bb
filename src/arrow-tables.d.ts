/** Made by scripts/arrow/plugin.ts: each table's Arrow IPC file in the browser's build; empty in dev and on the server. */
declare module 'virtual:arrow-tables' {
	export const ARROW_TABLES: Record<string, string>;
}
