/**
 * The HTTP server of the inbox benchmark, in its own process so the load generator does not share
 * its event loop: the real app (buildApp) on loopback against BENCH_DATABASE_URL, the clock fixed
 * at BENCH_NOW. Prints `PORT <n>` when listening; exits on SIGTERM.
 */
import { buildApp } from '../server/http/app.ts';
import { connect } from '../server/db/client.ts';
import { benchContext } from './listening-bench-db.ts';

const database = connect(process.env.BENCH_DATABASE_URL!, Number(process.env.BENCH_POOL ?? 10));
const now = new Date(process.env.BENCH_NOW!);
const ctx = benchContext(database, { now: () => now });
const app = await buildApp(ctx, { logger: false });
// A failing request must not hide behind a silent logger: the benchmark would measure error pages.
// (Requests still on the wire at shutdown fail once the pool is closed: not a measured error.)
let closing = false;
app.addHook('onError', async (_req, _reply, err) => {
  if (!closing) console.error(err);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}`);
process.on('SIGTERM', () => {
  closing = true;
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
