/**
 * Fault injection for the publishing tests: with ETL_KILL_AT=<stage>, the process kills itself with SIGKILL (as
 * `kill -9` would) when it reaches that stage, so a test can check that the served release stays whole and the next
 * run repairs the rest. Never set outside tests.
 */
export const KILL_STAGES = ['staging', 'validated', 'renamed', 'switched', 'database', 'cleanup'] as const;
export type KillStage = (typeof KILL_STAGES)[number];

export function killPoint(stage: KillStage): void {
	if (process.env.ETL_KILL_AT === stage) process.kill(process.pid, 'SIGKILL');
}
