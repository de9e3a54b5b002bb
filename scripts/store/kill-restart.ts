/**
 * kill -9 and restart with the queue resumed, as one process of its own (run by tests/e2e/outbox.e2e.test.ts; inside
 * the test runner's worker the restarted server's deliveries were never seen, while the same steps in a plain process
 * pass every time). With the relay down, the app acknowledges `n` sends, is killed with SIGKILL, the relay comes up, the
 * app starts again on the same store: prints { acknowledged, delivered, distinctMessageIds } as JSON.
 *
 *   npx tsx scripts/store/kill-restart.ts ACTIONS_DIR [n=6]
 */
import { call, client, Relay, sendBody, smtpEnv, startApp } from './harness';

const [dir, count = '6'] = process.argv.slice(2);
if (!dir) throw new Error('usage: kill-restart.ts ACTIONS_DIR [n]');
const relay = await Relay.create();
const env = smtpEnv(relay, { ACTIONS_DIR: dir });
const first = await startApp(env);
const acknowledged: string[] = [];
for (let i = 0; i < Number(count); i++) {
	const email = `killed-${i}@example.org`;
	const answer = await call(first.url, 'POST', '/api/send', { json: sendBody(email), from: client(500 + i) });
	if (answer.status === 200) acknowledged.push(email);
}
await first.stop('SIGKILL');
await relay.start();
const second = await startApp(env);
try {
	await relay.waitFor(() => true, acknowledged.length, 120_000).catch(() => {});
	await new Promise((r) => setTimeout(r, 1000)); // anything sent twice would arrive by now
	const delivered = acknowledged.filter((e) => relay.mails.some((m) => m.to.includes(e))).length;
	console.log(
		JSON.stringify({
			acknowledged: acknowledged.length,
			delivered,
			mails: relay.mails.length,
			distinctMessageIds: new Set(relay.mails.map((m) => m.messageId)).size
		})
	);
} finally {
	await second.stop('SIGKILL');
	await relay.stop();
}
