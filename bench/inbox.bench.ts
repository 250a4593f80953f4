/**
 * Inbox benchmarks.
 * 1. List API with BENCH_ITEMS (default 1,000,000) items in one workspace, generated in SQL (half
 *    a year of traffic, ~3 % still open with SLA due dates; secondary indexes built after the load).
 *    The real HTTP app runs in a child process on loopback (session cookie, as the browser does);
 *    autocannon drives BENCH_CONNECTIONS (default 50) concurrent clients for BENCH_DURATION_S
 *    (default 15) per view: `default` (open items by SLA urgency, the page everyone opens),
 *    `search` (full-text "antrag" over all statuses, newest first), `filtered` (open, negative,
 *    unassigned, one channel, SLA breached), `distinct` (the default view with a different page size
 *    per client, so no two concurrent requests are alike and none share a query).
 * 2. Ingestion: a replayed Mastodon notification stream (BENCH_INGEST, default 5000 notifications,
 *    normalised by the provider's own mapping) through the ingest service in batches of 50, with
 *    five routing rules (boolean queries, sentiment, language, on duty via the roster) and SLA due dates.
 * BENCH_VIEWS=a,b runs only those views. Prints `BENCH inbox.list {...}` per view and `BENCH inbox.ingest {"items_per_s":…}`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { notificationToItem, type MastodonNotification } from '../providers/mastodon/mastodon.inbound.ts';
import { sha256 } from '../server/crypto/secrets.ts';
import { sessions } from '../server/modules/identity/identity.schema.ts';
import { inboxRoutingRules } from '../server/modules/inbox/inbox.schema.ts';
import { ingestBatch } from '../server/modules/inbox/ingest.service.ts';
import { channels } from '../server/modules/publishing/publishing.schema.ts';
import { rosterShifts } from '../server/modules/roster/roster.schema.ts';
import { buildMember, buildWorkspace } from '../server/test/factories.ts';
import { loadItems, VOCAB_A, VOCAB_B, VOCAB_C } from './inbox-load.ts';
import { benchContext, openBenchDb } from './listening-bench-db.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const INGEST = Number(process.env.BENCH_INGEST ?? 5000);
const end = new Date('2026-03-16T10:00:00Z');

const pct = (r: autocannon.Result, p: 50 | 99) => Math.round((p === 50 ? r.latency.p50 : r.latency.p99) * 100) / 100;

async function startServer(url: string): Promise<{ port: number; stop(): Promise<void> }> {
  const prof = process.env.BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, 'bench/inbox-bench-server.ts'], { env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_NOW: end.toISOString(), BENCH_POOL: '10' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`bench server exited with ${c}`)));
  });
  return { port, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

async function main(): Promise<void> {
  const bench = await openBenchDb();
  const { pool, db } = bench.database;
  const url = (pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const ctx = benchContext(bench.database, { now: () => end });
  const { workspace, owner } = await buildWorkspace(bench.database, 'bench');
  const ws = workspace.id;
  const cm = await buildMember(bench.database, ws, ['community_manager']);
  const [ch1, ch2] = await db.insert(channels).values([
    { workspaceId: ws, network: 'bluesky', name: 'Bluesky', status: 'connected' },
    { workspaceId: ws, network: 'mastodon', name: 'Mastodon', status: 'connected', serviceUrl: 'https://social.example' },
  ]).returning();

  await loadItems(pool, ws, ch1!.id, ch2!.id, cm.id, ITEMS, end);

  // A browser session of the community manager.
  const sid = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({ idHash: sha256(sid), userId: cm.id, expiresAt: new Date(end.getTime() + 86_400_000), lastSeenAt: end, createdAt: end });
  const server = await startServer(url);
  const base = `http://127.0.0.1:${server.port}/api/v1/workspaces/${ws}/inbox/items`;
  const views: Record<string, string> = {
    ...(process.env.BENCH_BASELINE ? { healthz: `http://127.0.0.1:${server.port}/healthz`, settings: `http://127.0.0.1:${server.port}/api/v1/workspaces/${ws}/inbox/settings` } : {}),
    default: base,
    search: `${base}?q=antrag&status=new,assigned,waiting,done,spam&sort=newest`,
    filtered: `${base}?channelId=${ch1!.id}&sentiment=negative&assignee=none&sla=breached`,
    // The default view, but no two clients ask the same thing (page sizes 26–75, 50 on average):
    // nothing is collapsed, so this is the cost of a list request on its own.
    distinct: base,
  };
  const distinctPath = (i: number) => `${new URL(base).pathname}?limit=${26 + (i % 50)}`;
  const rows: string[][] = [];
  try {
  const only = process.env.BENCH_VIEWS?.split(',');
  for (const [view, u] of Object.entries(views).filter(([v]) => !only || only.includes(v))) {
    const probe = await fetch(u, { headers: { cookie: `rz_session=${sid}` } });
    const body = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || (!body.items?.length && !process.env.BENCH_BASELINE)) {
      throw new Error(`view ${view}: HTTP ${probe.status}, ${JSON.stringify(body).slice(0, 500)}`);
    }
    let client = 0;
    const setupClient = view === 'distinct' ? (c: autocannon.Client) => c.setRequests([{ method: 'GET', path: distinctPath(client++), headers: { cookie: `rz_session=${sid}` } }]) : undefined;
    await autocannon({ url: u, connections: CONNECTIONS, duration: 2, headers: { cookie: `rz_session=${sid}` }, setupClient }); // warm-up
    const r = await autocannon({ url: u, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie: `rz_session=${sid}` }, setupClient });
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`view ${view}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    const line = { view, items: ITEMS, concurrency: CONNECTIONS, p50_ms: pct(r, 50), p99_ms: pct(r, 99), rps: Math.round(r.requests.average), page: body.items?.length ?? 0 };
    rows.push([view, String(line.p50_ms), String(line.p99_ms), String(line.rps)]);
    console.log(`BENCH inbox.list ${JSON.stringify(line)}`);
  }
  } finally {
    await server.stop();
  }

  // 2. Ingestion of a replayed notification stream with routing rules.
  const { workspace: iws } = await buildWorkspace(bench.database, 'bench-ingest');
  const duty = await buildMember(bench.database, iws.id, ['community_manager']);
  const [ich] = await db.insert(channels).values({ workspaceId: iws.id, network: 'mastodon', name: 'Mastodon', status: 'connected', serviceUrl: 'https://social.example' }).returning();
  await db.insert(rosterShifts).values({ workspaceId: iws.id, duty: 'channel', channelId: ich!.id, userId: duty.id, recurrence: 'once', startsAt: new Date(end.getTime() - 3_600_000), endsAt: new Date(end.getTime() + 86_400_000) });
  await db.insert(inboxRoutingRules).values([
    { workspaceId: iws.id, name: 'Beschwerden', position: 0, conditions: { sentiments: ['negative'] }, actions: { assign: { type: 'on_duty' }, priority: 'high', tags: ['beschwerde'] } },
    { workspaceId: iws.id, name: 'Anträge', position: 1, conditions: { query: '(antrag OR beispielgeld OR formular) -spam' }, actions: { tags: ['antrag'], assign: { type: 'user', userId: owner.id } } },
    { workspaceId: iws.id, name: 'Pass', position: 2, conditions: { query: 'reisepass NEAR/3 (dauert OR wartezeit)' }, actions: { priority: 'urgent' } },
    { workspaceId: iws.id, name: 'Englisch', position: 3, conditions: { languages: ['en'] }, actions: { tags: ['en'] } },
    { workspaceId: iws.id, name: 'Große Accounts', position: 4, conditions: { minFollowers: 1000 }, actions: { tags: ['reichweite'] } },
  ]);
  const own = { accountId: '1', instanceUrl: 'https://social.example' };
  const stream: MastodonNotification[] = Array.from({ length: INGEST }, (_, i) => {
    const text = `${VOCAB_A[i % VOCAB_A.length]} ${VOCAB_B[(i * 7) % VOCAB_B.length]} ${VOCAB_C[(i * 3) % VOCAB_C.length]}`;
    const account = { id: String(100 + (i % 3000)), acct: `person${i % 3000}@mastodon.example`, username: `person${i % 3000}`, display_name: `Person ${i % 3000}`, followers_count: (i * 13) % 4000 };
    return { id: String(10_000 + i), type: 'mention', created_at: new Date(end.getTime() - (INGEST - i) * 1000).toISOString(), account,
      status: { id: String(200_000 + i), uri: `https://mastodon.example/statuses/${i}`, created_at: new Date(end.getTime() - (INGEST - i) * 1000).toISOString(), content: `<p>${text}</p>`, visibility: 'public', language: i % 6 === 0 ? 'en' : 'de', in_reply_to_id: '9', in_reply_to_account_id: '1', account } };
  });
  const chInfo = { id: ich!.id, workspaceId: iws.id, network: 'mastodon', serviceUrl: 'https://social.example', name: 'Mastodon' };
  const tI = performance.now();
  for (let i = 0; i < stream.length; i += 50) {
    const slice = stream.slice(i, i + 50);
    await ingestBatch(ctx, chInfo, 'inbound', { items: slice.map((n) => notificationToItem(n, own)!), cursor: slice.at(-1)!.id }, { instanceUrl: own.instanceUrl });
  }
  const seconds = (performance.now() - tI) / 1000;
  const stored = (await pool.query('SELECT count(*)::int AS n, count(*) FILTER (WHERE assignee_id IS NOT NULL)::int AS routed FROM inbox_items WHERE workspace_id = $1', [iws.id])).rows[0] as { n: number; routed: number };
  if (stored.n !== INGEST) throw new Error(`ingested ${stored.n} of ${INGEST}`);
  const itemsPerS = Math.round(INGEST / seconds);
  console.log('\nview       p50 ms   p99 ms   req/s');
  for (const r of rows) console.log(`${r[0]!.padEnd(10)} ${r[1]!.padStart(7)} ${r[2]!.padStart(8)} ${r[3]!.padStart(7)}`);
  console.log(`ingest     ${INGEST} notifications in ${seconds.toFixed(1)} s (${stored.routed} routed to a person)\n`);
  console.log(`BENCH inbox.ingest ${JSON.stringify({ items_per_s: itemsPerS, items: INGEST, rules: 5 })}`);
  await ctx.events.close();
  await bench.close();
}

await main();
