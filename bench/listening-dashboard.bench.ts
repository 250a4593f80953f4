/**
 * Dashboard latency at 10 million mentions. Mentions, their query links, hourly (set) rollups and daily
 * facet counts are generated in SQL (generate_series; secondary indexes built after the load),
 * then the dashboard (series, totals, share of voice, top authors/hashtags/terms, languages) and
 * the first page of the mention list are timed for random queries, groups and ranges.
 * Env: BENCH_MENTIONS (default 10000000), BENCH_ITERATIONS (default 200).
 * Prints `BENCH listening.dashboard {"mentions":…,"p99_ms":…}`.
 */
import { performance } from 'node:perf_hooks';
import { SYSTEM_ACTOR } from '../server/modules/audit/audit.service.ts';
import { dashboard, resolveScope } from '../server/modules/listening/dashboard/dashboard.service.ts';
import { listMentions } from '../server/modules/listening/dashboard/mention-list.ts';
import { listeningTopicGroups } from '../server/modules/listening/listening.schema.ts';
import { createQuery } from '../server/modules/listening/query.service.ts';
import { rebuildSetRollups, recountAllScopes } from '../server/modules/listening/store/scope-rollups.ts';
import { buildWorkspace } from '../server/test/factories.ts';
import { benchContext, openBenchDb } from './listening-bench-db.ts';

const MENTIONS = Number(process.env.BENCH_MENTIONS ?? 10_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const QUERIES = 20;
const DAYS = 90;
const end = Date.parse('2026-03-16T00:00:00Z');
const start = end - DAYS * 86_400_000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const round = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const bench = await openBenchDb();
  const { pool, db } = bench.database;
  const ctx = benchContext(bench.database, { now: () => new Date(end) });
  const { workspace } = await buildWorkspace(bench.database, 'bench');
  const ws = workspace.id;
  const [org] = await db.insert(listeningTopicGroups).values({ workspaceId: ws, name: 'Amt', kind: 'org' }).returning();
  const [c1] = await db.insert(listeningTopicGroups).values({ workspaceId: ws, name: 'Konkurrenz A', kind: 'competitor' }).returning();
  const [c2] = await db.insert(listeningTopicGroups).values({ workspaceId: ws, name: 'Konkurrenz B', kind: 'competitor' }).returning();
  const groups = [org!.id, c1!.id, c2!.id];
  const queryIds: string[] = [];
  for (let i = 0; i < QUERIES; i++) queryIds.push((await createQuery(ctx, SYSTEM_ACTOR, ws, { name: `q${i}`, query: `thema${i}`, groupId: i < 9 ? groups[i % 3]! : null })).id);

  const t0 = performance.now();
  const step = (DAYS * 86_400) / MENTIONS;
  // Bulk load on one connection without per-row foreign-key triggers (the generated rows are consistent by construction).
  const load = await pool.connect();
  await load.query("SET session_replication_role = replica").catch(() => undefined);
  await pool.query('DROP INDEX mentions_dedupe_uq, mentions_ws_published_idx');
  await pool.query('ALTER TABLE mention_matches DROP CONSTRAINT mention_matches_query_id_published_at_mention_id_pk');
  await load.query(
    `INSERT INTO mentions (id, workspace_id, network, external_id, author, text, lang, sentiment, sentiment_score, hashtags, published_at, ingested_at)
     OVERRIDING SYSTEM VALUE
     SELECT g, $1, 'bluesky', 'at://did:plc:bench/app.bsky.feed.post/' || g, 'user' || (g % 50000) || '.bsky.social',
       'Synthetische Erwähnung ' || g || ' zum thema' || (g % ${QUERIES}), CASE WHEN g % 5 = 0 THEN 'en' ELSE 'de' END,
       (g % 3) - 1, 0, '{}', $2::timestamptz + make_interval(secs => g * $3::float8), $2::timestamptz + make_interval(secs => g * $3::float8)
     FROM generate_series(1, $4::int) g`,
    [ws, new Date(start), step, MENTIONS],
  );
  // Every mention matches its topic query; one in seven also matches the next one (overlap).
  await load.query(
    `INSERT INTO mention_matches (query_id, published_at, mention_id, workspace_id, sentiment, lang)
     SELECT (ARRAY[${queryIds.map((q) => `'${q}'::uuid`).join(',')}])[1 + ((m.id + k) % ${QUERIES})], m.published_at, m.id, m.workspace_id, m.sentiment, m.lang
     FROM mentions m CROSS JOIN LATERAL (SELECT 0 AS k UNION ALL SELECT 1 WHERE m.id % 7 = 0) kk`,
  );
  await load.query('RESET session_replication_role');
  load.release();
  const tLoad = performance.now();
  await Promise.all([
    pool.query('CREATE UNIQUE INDEX mentions_dedupe_uq ON mentions (workspace_id, network, external_id)'),
    pool.query('ALTER TABLE mention_matches ADD CONSTRAINT mention_matches_query_id_published_at_mention_id_pk PRIMARY KEY (query_id, published_at, mention_id)'),
  ]);
  await pool.query('CREATE INDEX mentions_ws_published_idx ON mentions (workspace_id, published_at)');
  await pool.query(
    `INSERT INTO listening_rollups (query_id, bucket, volume, negative, neutral, positive)
     SELECT query_id, date_trunc('hour', published_at), count(*), count(*) FILTER (WHERE sentiment < 0), count(*) FILTER (WHERE sentiment = 0), count(*) FILTER (WHERE sentiment > 0)
     FROM mention_matches GROUP BY 1, 2`,
  );
  // Set rollups (one row per hour and set of co-matching queries), then the group and workspace scopes.
  await rebuildSetRollups(pool, ws);
  await recountAllScopes(db, ws);
  // Facets: per query and day 300 authors, 60 hashtags, 400 terms, 3 languages (Zipf-like counts).
  await pool.query(
    `INSERT INTO listening_facets (query_id, facet, day, key, count)
     SELECT q, f.facet, d, f.prefix || k, greatest(1, (400 / k)::int)
     FROM unnest($1::uuid[]) q, generate_series($2::timestamptz, $3::timestamptz - interval '1 day', interval '1 day') d,
       (VALUES ('author', 'user', 300), ('hashtag', 'tag', 60), ('term', 'wort', 400), ('lang', 'l', 3)) AS f(facet, prefix, n),
       LATERAL generate_series(1, f.n) k`,
    [queryIds, new Date(start), new Date(end)],
  );
  await pool.query('ANALYZE');
  const tReady = performance.now();

  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const dash: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const days = [1, 7, 30, 90][Math.floor(rand() * 4)]!;
    const to = new Date(end - Math.floor(rand() * 10) * 86_400_000);
    const from = new Date(Math.max(start, to.getTime() - days * 86_400_000));
    const byGroup = rand() < 0.4;
    const sel = byGroup ? { groupId: groups[Math.floor(rand() * 3)]! } : { queryIds: queryIds[Math.floor(rand() * QUERIES)]! };
    const interval = days <= 1 ? 'hour' : days <= 30 ? 'day' : 'week';
    let t = performance.now();
    const scope = await resolveScope(bench.database, ws, sel);
    const d = await dashboard(bench.database, ws, scope, { from, to, interval, tz: 'Europe/Berlin' });
    dash.push(performance.now() - t);
    if (d.total === 0) throw new Error('empty dashboard');
    t = performance.now();
    const page = await listMentions(bench.database, scope.queryIds, { from, to, limit: 25, sentiment: rand() < 0.3 ? 'negative' : undefined });
    list.push(performance.now() - t);
    if (page.items.length === 0) throw new Error('empty mention list');
  }
  const size = (await pool.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s as string;
  console.table([{
    mentions: MENTIONS, 'dashboard p50 ms': round(pct(dash, 50)), 'dashboard p99 ms': round(pct(dash, 99)), 'mention list p50 ms': round(pct(list, 50)), 'mention list p99 ms': round(pct(list, 99)),
    iterations: ITERATIONS, queries: QUERIES, days: DAYS, 'load s': Math.round((tLoad - t0) / 1000), 'indexes and rollups s': Math.round((tReady - tLoad) / 1000), 'database size': size,
  }]);
  // Exactly the fields the issue names; the table above has the context.
  console.log(`BENCH listening.dashboard ${JSON.stringify({ mentions: MENTIONS, p99_ms: round(pct(dash, 99)) })}`);
  await bench.close();
}

await main();
