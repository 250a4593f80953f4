/**
 * Publishing benchmark: burst (10,000 targets due at once), crash (worker SIGKILLed 5× and restarted)
 * and two worker processes, against a local Mastodon stub with 50 ms latency. Uses DATABASE_URL or
 * an embedded PostgreSQL. Env: BENCH_TARGETS (default 10000), BENCH_CONCURRENCY (default 64).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMastodonProvider } from '../providers/mastodon/mastodon.provider.ts';
import { createSecrets } from '../server/crypto/secrets.ts';
import { connect } from '../server/db/client.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { runMigrations } from '../server/db/migrate.ts';
import { startMastodonStub } from '../server/modules/publishing/mastodon-stub.ts';
import { startPublishing } from '../server/modules/publishing/scheduler.ts';
import type { Provider } from '../providers/contract.ts';

const SECRET = Buffer.alloc(32, 9);
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--worker') {
  const database = connect(process.env.BENCH_DB!, 24); // jobs mostly wait on HTTP; embedded PG allows 100 clients
  const provider = createMastodonProvider({ allowPrivateNetwork: true, timeoutMs: 3000 }) as unknown as Provider;
  const quiet = { info() {}, warn() {}, error: (o: object, m?: string) => console.error(m, o) };
  startPublishing({ database, log: quiet, secrets: createSecrets(SECRET), providers: () => provider, concurrency: Number(process.env.BENCH_CONCURRENCY ?? 64), leaseMs: 5000, pollIntervalMs: 200, sweepIntervalMs: 1000, lookaheadMs: 120_000 });
  setInterval(() => process.send?.({ rss: process.memoryUsage().rss }), 250);
} else {
  await main();
}

async function main() {
  const N = Number(process.env.BENCH_TARGETS ?? 10_000);
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'rz-bench-')), maxConnections: 500 });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const database = connect(url, 8);
  await runMigrations(database);
  const secrets = createSecrets(SECRET);
  const stub = await startMastodonStub({ latencyMs: 50 });
  const pool = database.pool;
  const ws = (await pool.query(`WITH o AS (INSERT INTO organisations(name) VALUES ('Bench') RETURNING id)
    INSERT INTO workspaces(organisation_id, name, slug) SELECT id, 'Bench', 'bench-' || extract(epoch from now())::bigint FROM o RETURNING id`)).rows[0].id as string;
  const creds = secrets.seal(JSON.stringify({ instanceUrl: stub.url, accessToken: 't', clientId: 'c', clientSecret: 's', scope: 'read', accountId: '1' }));

  /** n targets over 100 channels, all due at `dueAt`. */
  async function seed(n: number, dueAt: Date, tag: string) {
    const ch = await pool.query(`INSERT INTO channels(workspace_id, network, name, status, credentials_sealed, max_concurrency)
      SELECT $1, 'mastodon', 'c' || g, 'connected', $2, 4 FROM generate_series(1, 100) g RETURNING id`, [ws, creds]);
    const ids = ch.rows.map((r) => r.id as string);
    await pool.query(`WITH p AS (INSERT INTO posts(workspace_id, text, content_hash, scheduled_at, language)
        SELECT $1, $4 || ' Beitrag ' || g, 'h', $2, 'de' FROM generate_series(1, $3::int) g RETURNING id, text)
      INSERT INTO publish_targets(workspace_id, post_id, channel_id, state, scheduled_at)
      SELECT $1, p.id, ($5::uuid[])[1 + (row_number() OVER () % 100)], 'scheduled', $2 FROM p`, [ws, dueAt, n, tag, ids]);
  }
  const counts = async (tag: string) => (await pool.query(`SELECT t.state, count(*)::int n FROM publish_targets t JOIN posts p ON p.id = t.post_id WHERE p.text LIKE $1 GROUP BY 1`, [`${tag} %`])).rows as { state: string; n: number }[];
  const spawnWorker = (peak: { rss: number }): ChildProcess => {
    const c = spawn(process.execPath, [self, '--worker'], { env: { ...process.env, BENCH_DB: url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    c.on('message', (m: { rss: number }) => (peak.rss = Math.max(peak.rss, m.rss)));
    return c;
  };
  const waitDone = async (tag: string, n: number, limitMs: number, onTick?: () => Promise<void>) => {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs) {
      const c = await counts(tag);
      if ((c.find((x) => x.state === 'published')?.n ?? 0) >= n) return;
      await onTick?.();
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const statsFor = (tag: string, dueAt: Date) => {
    const mine = stub.statuses.filter((s) => s.text.startsWith(`${tag} `));
    const lateness = mine.map((s) => (s.at - dueAt.getTime()) / 1000).sort((a, b) => a - b);
    const q = (p: number) => lateness[Math.min(lateness.length - 1, Math.floor(p * lateness.length))] ?? NaN;
    const unique = new Set(mine.map((s) => s.text)).size;
    return { mine, unique, dup: mine.length - unique, p50: q(0.5), p99: q(0.99), last: lateness.at(-1) ?? NaN };
  };
  const round = (x: number) => Math.round(x * 100) / 100;
  const kill = (c: ChildProcess) => new Promise<void>((r) => { c.once('exit', () => r()); c.kill('SIGKILL'); });

  // 1. Burst
  const peak = { rss: 0 };
  const w1 = spawnWorker(peak);
  const due1 = new Date(Date.now() + 8000);
  await seed(N, due1, 'burst');
  await waitDone('burst', N, 180_000);
  const b = statsFor('burst', due1);
  await kill(w1);
  const c1 = await counts('burst');
  const burst = { targets: N, drain_s: round(b.last), lateness_p50_s: round(b.p50), lateness_p99_s: round(b.p99), duplicates: b.dup, lost: N - b.unique, rss_mb: Math.round(peak.rss / 1048576) };

  // 2. Crash: kill the worker at 5 random moments while draining, restart each time.
  const NC = Math.min(N, 3000);
  const due2 = new Date(Date.now() + 3000);
  await seed(NC, due2, 'crash');
  let w2 = spawnWorker({ rss: 0 });
  let kills = 0;
  const t2 = Date.now();
  const killAt = Array.from({ length: 5 }, () => 3000 + Math.random() * 8000).sort((a, b) => a - b);
  await waitDone('crash', NC, 240_000, async () => {
    if (kills < 5 && Date.now() - t2 > killAt[kills]!) {
      await kill(w2);
      kills++;
      w2 = spawnWorker({ rss: 0 });
    }
  });
  await new Promise((r) => setTimeout(r, 2000));
  await kill(w2);
  const c2 = await counts('crash');
  const cs = statsFor('crash', due2);
  const crash = { targets: NC, kills, duplicates: cs.dup, lost: NC - cs.unique, stuck: c2.filter((x) => x.state === 'publishing').reduce((a, x) => a + x.n, 0) };

  // 3. Two workers
  const N3 = Math.min(N, 5000);
  const pk = { rss: 0 };
  const ws3 = [spawnWorker(pk), spawnWorker(pk)];
  const due3 = new Date(Date.now() + 8000);
  await seed(N3, due3, 'two');
  await waitDone('two', N3, 180_000);
  for (const w of ws3) await kill(w);
  const s3 = statsFor('two', due3);
  const oneRate = N / Math.max(0.001, b.last);
  const twoRate = N3 / Math.max(0.001, s3.last);
  const two = { targets: N3, drain_s: round(s3.last), duplicates: s3.dup, speedup: round(twoRate / oneRate) };

  console.log('\n| scenario | targets | drain s | p50 s | p99 s | duplicates | lost | stuck | rss MB |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(`| burst | ${N} | ${burst.drain_s} | ${burst.lateness_p50_s} | ${burst.lateness_p99_s} | ${burst.duplicates} | ${burst.lost} | – | ${burst.rss_mb} |`);
  console.log(`| crash (${kills} kills) | ${NC} | ${round(cs.last)} | ${round(cs.p50)} | ${round(cs.p99)} | ${crash.duplicates} | ${crash.lost} | ${crash.stuck} | – |`);
  console.log(`| two workers | ${N3} | ${two.drain_s} | ${round(s3.p50)} | ${round(s3.p99)} | ${two.duplicates} | ${N3 - s3.unique} | – | ${Math.round(pk.rss / 1048576)} |`);
  console.log(`states burst ${JSON.stringify(c1)} crash ${JSON.stringify(c2)}`);
  console.log(`BENCH publish.burst ${JSON.stringify(burst)}`);
  console.log(`BENCH publish.crash ${JSON.stringify(crash)}`);
  console.log(`BENCH publish.two_workers ${JSON.stringify(two)}`);
  await stub.close();
  await database.close();
  await embedded?.stop();
}
