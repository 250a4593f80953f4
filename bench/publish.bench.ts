/**
 * Publishing benchmark: burst (N targets due in the same instant), crash (the worker SIGKILLed at 5
 * random moments while draining, restarted each time) and two worker processes, all with N targets,
 * published through the real Mastodon provider to a local Mastodon stub with 50 ms latency. Uses
 * DATABASE_URL or an embedded PostgreSQL.
 * Env: BENCH_TARGETS (default 10000), BENCH_CONCURRENCY (jobs per worker, default 1000), BENCH_FETCH
 * (jobs fetched per queue query, default 2 × concurrency), BENCH_ONLY (comma list of burst,crash,two),
 * BENCH_PROFILE=dir (CPU profiles of the workers), BENCH_NODE_FLAGS (extra flags for the workers),
 * BENCH_DEBUG=1 (dispatcher counters and worker logs on stderr).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
const CHANNELS = 100;
const PER_CHANNEL = 4;

if (process.argv[2] === '--worker') {
  const database = connect(process.env.BENCH_DB!, 8);
  const provider = createMastodonProvider({ allowPrivateNetwork: true, timeoutMs: 3000 }) as unknown as Provider;
  const debug = process.env.BENCH_DEBUG ? (o: object, m?: string) => console.error(m, JSON.stringify(o)) : () => undefined;
  const quiet = { info: debug, warn: debug, error: (o: object, m?: string) => console.error(m, o) };
  const onStats = process.env.BENCH_DEBUG ? (s: object) => console.error(JSON.stringify(s)) : undefined;
  startPublishing({ database, log: quiet, secrets: createSecrets(SECRET), providers: () => provider, concurrency: Number(process.env.BENCH_CONCURRENCY ?? 1000), fetchBatch: process.env.BENCH_FETCH ? Number(process.env.BENCH_FETCH) : undefined, leaseMs: 5000, pollIntervalMs: 200, sweepIntervalMs: 1000, lookaheadMs: 120_000, onStats });
  // Memory and CPU time (user + system) for the parent's table.
  setInterval(() => {
    const cpu = process.cpuUsage();
    process.send?.({ rss: process.memoryUsage().rss, cpu: (cpu.user + cpu.system) / 1e6 });
  }, 100);
  // A profile is written on a normal exit only: the parent asks with SIGTERM when profiling.
  process.on('SIGTERM', () => process.exit(0));
} else {
  await main();
}

async function main() {
  const N = Number(process.env.BENCH_TARGETS ?? 10_000);
  const only = new Set((process.env.BENCH_ONLY ?? 'burst,crash,two').split(','));
  const profileDir = process.env.BENCH_PROFILE;
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'rz-bench-')), maxConnections: 500 });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const database = connect(url, 4);
  await runMigrations(database);
  const secrets = createSecrets(SECRET);
  const stub = await startMastodonStub({ latencyMs: 50 });
  const pool = database.pool;
  const ws = (await pool.query(`WITH o AS (INSERT INTO organisations(name) VALUES ('Bench') RETURNING id)
    INSERT INTO workspaces(organisation_id, name, slug) SELECT id, 'Bench', 'bench-' || extract(epoch from now())::bigint FROM o RETURNING id`)).rows[0].id as string;
  const creds = secrets.seal(JSON.stringify({ instanceUrl: stub.url, accessToken: 't', clientId: 'c', clientSecret: 's', scope: 'read', accountId: '1' }));

  /** n targets over 100 channels (4 calls in flight each), all due at `dueAt`. */
  async function seed(n: number, dueAt: Date, tag: string) {
    const ch = await pool.query(`INSERT INTO channels(workspace_id, network, name, status, credentials_sealed, max_concurrency)
      SELECT $1, 'mastodon', 'c' || g, 'connected', $2, $3 FROM generate_series(1, $4::int) g RETURNING id`, [ws, creds, PER_CHANNEL, CHANNELS]);
    const ids = ch.rows.map((r) => r.id as string);
    await pool.query(`WITH p AS (INSERT INTO posts(workspace_id, text, content_hash, scheduled_at, language)
        SELECT $1, $4 || ' Beitrag ' || g, 'h', $2, 'de' FROM generate_series(1, $3::int) g RETURNING id, text)
      INSERT INTO publish_targets(workspace_id, post_id, channel_id, state, scheduled_at)
      SELECT $1, p.id, ($5::uuid[])[1 + (row_number() OVER () % $6)], 'scheduled', $2 FROM p`, [ws, dueAt, n, tag, ids, CHANNELS]);
    // A production database has statistics; a freshly seeded one must not be planned as empty.
    await pool.query('ANALYZE publish_targets, posts, channels, audit_log');
  }
  const states = async (tag: string) => (await pool.query(`SELECT t.state, count(*)::int n FROM publish_targets t JOIN posts p ON p.id = t.post_id WHERE p.text LIKE $1 GROUP BY 1 ORDER BY 1`, [`${tag} %`])).rows as { state: string; n: number }[];
  const published = async (tag: string) => (await states(tag)).find((x) => x.state === 'published')?.n ?? 0;
  /** The sweeper enqueues ahead of time; wait until every target has its job (before it is due). */
  const enqueued = async (tag: string, n: number, dueAt: Date) => {
    while (Date.now() < dueAt.getTime() - 500) {
      const r = await pool.query(`SELECT count(*)::int n FROM publish_targets t JOIN posts p ON p.id = t.post_id WHERE p.text LIKE $1 AND t.enqueued_at IS NOT NULL`, [`${tag} %`]);
      if (r.rows[0].n >= n) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  };
  let workerNo = 0;
  const spawnWorker = (peak: { rss: number; cpu?: number }): ChildProcess => {
    const prof = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `worker-${++workerNo}.cpuprofile`] : [];
    const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const c = spawn(process.execPath, [...flags, ...prof, self, '--worker'], { env: { ...process.env, BENCH_DB: url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let lastCpu = NaN;
    c.on('message', (m: { rss: number; cpu: number }) => {
      peak.rss = Math.max(peak.rss, m.rss);
      // CPU spent after start-up (from the first report on), summed over the scenario's workers.
      if (!Number.isNaN(lastCpu)) peak.cpu = (peak.cpu ?? 0) + m.cpu - lastCpu;
      lastCpu = m.cpu;
    });
    return c;
  };
  /** Statuses of this scenario at the stub (a status arrives before its 50 ms answer). */
  const atStub = (tag: string) => stub.statuses.filter((s) => s.text.startsWith(`${tag} `));
  // Counted incrementally: the monitor must not eat the CPU the benchmark measures.
  const seenTexts = new Map<string, Set<string>>();
  let scanned = 0;
  const uniqueAtStub = (tag: string) => {
    for (; scanned < stub.statuses.length; scanned++) {
      const text = stub.statuses[scanned]!.text;
      const t = text.slice(0, text.indexOf(' '));
      (seenTexts.get(t) ?? seenTexts.set(t, new Set()).get(t)!).add(text);
    }
    return seenTexts.get(tag)?.size ?? 0;
  };
  /** Until every target is at the stub and recorded `published` (or the limit passes). */
  const waitDone = async (tag: string, n: number, limitMs: number, onTick?: () => Promise<void>) => {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs) {
      if (uniqueAtStub(tag) >= n && (await published(tag)) >= n) return;
      await onTick?.();
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const statsFor = (tag: string, dueAt: Date) => {
    const mine = atStub(tag);
    const lateness = mine.map((s) => (s.at - dueAt.getTime()) / 1000).sort((a, b) => a - b);
    const q = (p: number) => lateness[Math.min(lateness.length - 1, Math.floor(p * lateness.length))] ?? NaN;
    const unique = new Set(mine.map((s) => s.text)).size;
    return { unique, dup: mine.length - unique, p50: q(0.5), p99: q(0.99), last: lateness.at(-1) ?? NaN };
  };
  const round = (x: number) => Math.round(x * 100) / 100;
  const stop = (c: ChildProcess, signal: NodeJS.Signals) => new Promise<void>((r) => {
    if (c.exitCode !== null || c.signalCode !== null) return r();
    c.once('exit', () => r());
    c.kill(signal);
  });
  // A graceful stop when profiling (the profile is written on exit); a kill otherwise.
  const finish = (c: ChildProcess) => stop(c, profileDir ? 'SIGTERM' : 'SIGKILL');
  const lead = 10_000; // seeding and enqueueing happen before the due time
  const load: string[] = [];
  const noteLoad = (name: string) => load.push(`${name}: load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const rows: string[] = [];
  const lines: string[] = [];
  let oneRate = NaN;

  // 1. Burst
  if (only.has('burst')) {
    const peak: { rss: number; cpu?: number } = { rss: 0 };
    const w = spawnWorker(peak);
    const due = new Date(Date.now() + lead);
    await seed(N, due, 'burst');
    const ready = await enqueued('burst', N, due);
    await pool.query('ANALYZE graphile_worker._private_jobs');
    await waitDone('burst', N, 300_000);
    const s = statsFor('burst', due);
    await finish(w);
    noteLoad('burst');
    oneRate = N / Math.max(0.001, s.last);
    const burst = { targets: N, drain_s: round(s.last), lateness_p50_s: round(s.p50), lateness_p99_s: round(s.p99), duplicates: s.dup, lost: N - s.unique, rss_mb: Math.round(peak.rss / 1048576) };
    rows.push(`| burst | ${N} | ${burst.drain_s} | ${burst.lateness_p50_s} | ${burst.lateness_p99_s} | ${burst.duplicates} | ${burst.lost} | – | ${burst.rss_mb} | ${round(peak.cpu ?? NaN)} |`);
    lines.push(`BENCH publish.burst ${JSON.stringify(burst)}`);
    console.log(`burst: enqueued before due ${ready}; states ${JSON.stringify(await states('burst'))}`);
  }

  // 2. Crash: SIGKILL at 5 random moments while draining (each 0.3–2 s after the restarted worker
  // delivered its first status), restart each time.
  if (only.has('crash')) {
    const due = new Date(Date.now() + lead);
    await seed(N, due, 'crash');
    const usage: { rss: number; cpu?: number } = { rss: 0 };
    let w = spawnWorker(usage);
    await enqueued('crash', N, due);
    await pool.query('ANALYZE graphile_worker._private_jobs');
    let kills = 0;
    let killAt = Infinity;
    let seenAtRestart = 0;
    const killMoments: number[] = [];
    await waitDone('crash', N, 600_000, async () => {
      if (kills >= 5) return;
      const seen = uniqueAtStub('crash');
      if (seen >= N) return;
      if (killAt === Infinity && seen > seenAtRestart) killAt = Date.now() + 300 + Math.random() * 1700;
      if (Date.now() >= killAt) {
        await stop(w, 'SIGKILL');
        kills++;
        killMoments.push(round((Date.now() - due.getTime()) / 1000));
        seenAtRestart = uniqueAtStub('crash');
        killAt = Infinity;
        w = spawnWorker(usage);
      }
    });
    await new Promise((r) => setTimeout(r, 2000));
    await finish(w);
    noteLoad('crash');
    const st = await states('crash');
    const s = statsFor('crash', due);
    const crash = { targets: N, kills, duplicates: s.dup, lost: N - s.unique, stuck: st.filter((x) => x.state === 'publishing').reduce((a, x) => a + x.n, 0) };
    rows.push(`| crash (${kills} kills at ${killMoments.join(', ')} s) | ${N} | ${round(s.last)} | ${round(s.p50)} | ${round(s.p99)} | ${crash.duplicates} | ${crash.lost} | ${crash.stuck} | ${Math.round(usage.rss / 1048576)} | ${round(usage.cpu ?? NaN)} |`);
    lines.push(`BENCH publish.crash ${JSON.stringify(crash)}`);
    console.log(`crash: states ${JSON.stringify(st)}`);
  }

  // 3. Two workers on one queue
  if (only.has('two')) {
    const peak: { rss: number; cpu?: number } = { rss: 0 };
    const workers = [spawnWorker(peak), spawnWorker(peak)];
    const due = new Date(Date.now() + lead);
    await seed(N, due, 'two');
    await enqueued('two', N, due);
    await pool.query('ANALYZE graphile_worker._private_jobs');
    await waitDone('two', N, 300_000);
    for (const w of workers) await finish(w);
    noteLoad('two workers');
    const s = statsFor('two', due);
    const two = { targets: N, drain_s: round(s.last), duplicates: s.dup, speedup: round(N / Math.max(0.001, s.last) / oneRate) };
    rows.push(`| two workers | ${N} | ${two.drain_s} | ${round(s.p50)} | ${round(s.p99)} | ${two.duplicates} | ${N - s.unique} | – | ${Math.round(peak.rss / 1048576)} (each) | ${round(peak.cpu ?? NaN)} (both) |`);
    lines.push(`BENCH publish.two_workers ${JSON.stringify(two)}`);
  }

  console.log('\n| scenario | targets | drain s | p50 s | p99 s | duplicates | lost | stuck | rss MB | worker CPU s |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\n${load.join('; ')} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'}, stub ${stub.duplicates} duplicate texts)`);
  for (const l of lines) console.log(l);
  await stub.close();
  await database.close();
  await embedded?.stop();
}
