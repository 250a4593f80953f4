/**
 * Alert delay and false alarms on a replayed stream, in simulated time with the real evaluation
 * cadence (one evaluation per simulated minute) and the real pipeline (analyse → match → store →
 * rollups). Four weeks of hour-of-week-shaped history; then (a) 24 spike-free hours, counting
 * alarms, and (b) two normal hours followed by a spike (a shitstorm: +20 negative mentions per
 * minute) starting 30 s after an evaluation, measuring the delay to the first notification.
 * Prints `BENCH listening.alert {"delay_s":…,"false_alarms":…}`.
 */
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../server/modules/audit/audit.service.ts';
import { AlertEvaluator } from '../server/modules/listening/alerts/alert-runner.ts';
import { processBatch } from '../server/modules/listening/ingest/ingest-pipeline.ts';
import type { NormalizedMention } from '../server/modules/listening/ingest/mention-input.ts';
import { listeningAlertChannels, listeningQueries } from '../server/modules/listening/listening.schema.ts';
import { createAnalyzer } from '../server/modules/listening/nlp/sentiment-analyzer.ts';
import { createQuery } from '../server/modules/listening/query.service.ts';
import { matcherFor } from '../server/modules/listening/workspace-matcher.ts';
import { buildWorkspace } from '../server/test/factories.ts';
import { benchContext, openBenchDb } from './listening-bench-db.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
function poisson(lambda: number): number {
  let k = 0;
  let p = 1;
  const l = Math.exp(-lambda);
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}
/** Mentions per hour by hour of week (UTC): busy weekday office hours, quieter evenings and weekends. */
function rate(t: number): number {
  const d = new Date(t);
  const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
  const h = d.getUTCHours();
  const office = h >= 7 && h <= 16;
  return weekday ? (office ? 120 : h >= 5 && h <= 20 ? 50 : 15) : office ? 40 : 15;
}
const NORMAL = ['Termin beim Beispielwesen heute', 'Das Beispielwesen hat neue Öffnungszeiten', 'Beispielwesen: Formular B-17 online', 'Danke an das Beispielwesen für die schnelle Antwort', 'Beispielwesen informiert über Fristen'];
const ANGRY = ['Beispielwesen ist eine Katastrophe, furchtbar!', 'Skandal beim Beispielwesen, absolut enttäuschend', 'Das Beispielwesen lügt, unfassbar schlecht'];

async function main(): Promise<void> {
  const bench = await openBenchDb();
  let simNow = Date.parse('2026-03-02T00:00:00Z');
  const clock = { now: () => new Date(simNow) };
  const ctx = benchContext(bench.database, clock);
  const notifiedAt = new Map<string, number>();
  const evaluator = new AlertEvaluator(ctx, { fetch: async (_url, init) => {
    const body = JSON.parse(init.body) as { alert: { queryId: string } };
    if (!notifiedAt.has(body.alert.queryId)) notifiedAt.set(body.alert.queryId, simNow);
    return { ok: true, status: 200 };
  } });
  const analyzer = createAnalyzer();
  const pipe = { database: bench.database, analyzer, matcher: matcherFor(bench.database), clock };
  // History must say what the analyzer says about normal traffic, or every hour looks "more negative".
  const negShare = (await Promise.all(NORMAL.map((t) => analyzer.analyze(t, 'de')))).filter((r) => r.sentiment === 'negative').length / NORMAL.length;

  async function setup(label: string) {
    const { workspace } = await buildWorkspace(bench.database, label);
    const q = await createQuery(ctx, SYSTEM_ACTOR, workspace.id, { name: label, query: 'beispielwesen' });
    await bench.database.db.update(listeningQueries).set({ createdAt: new Date(simNow - 30 * 24 * HOUR) }).where(eq(listeningQueries.id, q.id));
    await bench.database.db.insert(listeningAlertChannels).values({ workspaceId: workspace.id, kind: 'webhook', name: 'hook', target: 'https://hooks.example/x', format: 'json' });
    const buckets: Date[] = [];
    const vol: number[] = [];
    const neg: number[] = [];
    for (let t = simNow - 28 * 24 * HOUR; t < simNow; t += HOUR) {
      const v = poisson(rate(t));
      buckets.push(new Date(t));
      vol.push(v);
      neg.push(Math.round(v * negShare));
    }
    await bench.database.pool.query(
      `INSERT INTO listening_rollups (query_id, bucket, volume, negative, neutral, positive) SELECT $1, b, v, n, v - n, 0 FROM unnest($2::timestamptz[], $3::int[], $4::int[]) AS x(b, v, n)`,
      [q.id, buckets, vol, neg],
    );
    return { workspaceId: workspace.id, queryId: q.id };
  }

  let n = 0;
  const mention = (ws: string, t: number, text: string): NormalizedMention => ({
    workspaceId: ws, sourceId: null, network: 'import', externalId: `m${n++}`, url: null, author: `user${Math.floor(rand() * 500)}`, authorName: null, title: null, text, lang: 'de', publishedAt: new Date(t),
  });

  /** Replays `minutes` of stream from simNow; evaluates at every full minute. */
  async function replay(ws: string, minutes: number, spikeStart: number | null): Promise<number> {
    let alarms = 0;
    const end = simNow + minutes * MIN;
    while (simNow < end) {
      const from = simNow;
      const batch: NormalizedMention[] = [];
      for (let i = poisson(rate(from) / 60); i > 0; i--) batch.push(mention(ws, from + rand() * MIN, NORMAL[Math.floor(rand() * NORMAL.length)]!));
      if (spikeStart !== null && from + MIN > spikeStart) {
        const spikeFrom = Math.max(from, spikeStart);
        for (let i = 0; i < Math.round((20 * (from + MIN - spikeFrom)) / MIN); i++) batch.push(mention(ws, spikeFrom + rand() * (from + MIN - spikeFrom), ANGRY[i % ANGRY.length]!));
      }
      // Posts arrive as they are published: store those of the minute, then evaluate at its end.
      batch.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
      await processBatch(pipe, batch);
      simNow = from + MIN;
      alarms += (await evaluator.evaluate(new Date(simNow))).length;
    }
    return alarms;
  }

  const quiet = await setup('quiet');
  const falseAlarms = await replay(quiet.workspaceId, 24 * 60, null);
  if (process.env.BENCH_DEBUG) console.log((await bench.database.pool.query('SELECT kind, window_start, window_end, observed, expected, score FROM listening_alerts')).rows);
  const spiky = await setup('spiky');
  await replay(spiky.workspaceId, 120, null);
  const spikeStart = simNow + 30_000;
  await replay(spiky.workspaceId, 30, spikeStart);
  const at = notifiedAt.get(spiky.queryId);
  const delay = at === undefined ? null : Math.round((at - spikeStart) / 1000);
  console.table([{ 'delay s': delay, 'false alarms': falseAlarms, 'spike-free hours': 24, 'evaluation interval s': 60, 'mentions replayed': n }]);
  // The BENCH line carries exactly the fields the issue names; the table above has the context.
  console.log(`BENCH listening.alert ${JSON.stringify({ delay_s: delay, false_alarms: falseAlarms })}`);
  await bench.close();
}

await main();
