/**
 * Evaluates spike alerts for every alert-enabled query once a minute. History (hourly rollups of
 * four weeks) is cached per query and hour; the recent windows are counted from `mention_matches`
 * (a short index range per query). An advisory lock lets one process evaluate at a time; a query
 * alarms at most once per kind within the cool-down.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../../../http/context.ts';
import { listeningAlerts, listeningQueries } from '../listening.schema.ts';
import { notifyAlert, type FetchLike } from './alert-notifier.ts';
import { runAlertHooks } from './alert-hooks.ts';
import { detectSpikes, type HourlyCount, type Sensitivity } from './spike-detector.ts';

const LOCK = 724361;
const HOUR = 3_600_000;
export const WINDOWS_MIN = [5, 15] as const;

export interface AlertRunnerDeps {
  fetch?: FetchLike;
}

interface HistoryCache {
  hour: number;
  byQuery: Map<string, HourlyCount[]>;
}

export class AlertEvaluator {
  readonly #ctx: AppContext;
  readonly #deps: AlertRunnerDeps;
  #cache: HistoryCache = { hour: -1, byQuery: new Map() };

  constructor(ctx: AppContext, deps: AlertRunnerDeps = {}) {
    this.#ctx = ctx;
    this.#deps = deps;
  }

  /** One evaluation at `now`; returns the ids of the alerts raised. */
  async evaluate(now: Date): Promise<string[]> {
    const { pool, db } = this.#ctx.database;
    const client = await pool.connect();
    try {
      const lock = await client.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK]);
      if (!lock.rows[0].ok) return [];
      try {
        const queries = await db.select().from(listeningQueries).where(and(eq(listeningQueries.enabled, true), eq(listeningQueries.alertEnabled, true)));
        if (queries.length === 0) return [];
        const ids = queries.map((q) => q.id);
        const hour = Math.floor(now.getTime() / HOUR) * HOUR;
        if (this.#cache.hour !== hour) {
          const r = await client.query(
            'SELECT query_id, bucket, volume, negative FROM listening_rollups WHERE query_id = ANY($1::uuid[]) AND bucket >= $2 AND bucket < $3',
            [ids, new Date(hour - 29 * 24 * HOUR), new Date(hour)],
          );
          const byQuery = new Map<string, HourlyCount[]>();
          for (const row of r.rows as { query_id: string; bucket: Date; volume: number; negative: number }[]) {
            let list = byQuery.get(row.query_id);
            if (!list) byQuery.set(row.query_id, (list = []));
            list.push({ bucket: row.bucket, volume: row.volume, negative: row.negative });
          }
          this.#cache = { hour, byQuery };
        }
        const longest = Math.max(...WINDOWS_MIN);
        const counts = await client.query(
          `SELECT query_id, ${WINDOWS_MIN.map((w, i) => `count(*) FILTER (WHERE published_at >= $${3 + i}) AS v${i}, count(*) FILTER (WHERE published_at >= $${3 + i} AND sentiment < 0) AS n${i}`).join(', ')}
           FROM mention_matches WHERE query_id = ANY($1::uuid[]) AND published_at >= $2 AND published_at <= $${3 + WINDOWS_MIN.length} GROUP BY query_id`,
          [ids, new Date(now.getTime() - longest * 60_000), ...WINDOWS_MIN.map((w) => new Date(now.getTime() - w * 60_000)), now],
        );
        const windowsOf = new Map((counts.rows as Record<string, number | string>[]).map((r) => [r.query_id as string, WINDOWS_MIN.map((w, i) => ({ minutes: w, volume: Number(r[`v${i}`]), negative: Number(r[`n${i}`]) }))]));
        const raised: string[] = [];
        for (const q of queries) {
          const windows = windowsOf.get(q.id);
          if (!windows) continue;
          const anomalies = detectSpikes({
            now, windows, history: this.#cache.byQuery.get(q.id) ?? [], historyStart: q.createdAt,
            sensitivity: q.alertSensitivity as Sensitivity, minMentions: q.alertMinMentions,
          });
          for (const a of anomalies) {
            const [recent] = await db.select({ id: listeningAlerts.id }).from(listeningAlerts)
              .where(and(eq(listeningAlerts.queryId, q.id), eq(listeningAlerts.kind, a.kind), gt(listeningAlerts.createdAt, new Date(now.getTime() - this.#ctx.config.LISTENING_ALERT_COOLDOWN_MIN * 60_000)))).limit(1);
            if (recent) continue;
            const windowStart = new Date(now.getTime() - a.windowMinutes * 60_000);
            const [row] = await db.insert(listeningAlerts).values({
              workspaceId: q.workspaceId, queryId: q.id, kind: a.kind, windowStart, windowEnd: now, observed: a.observed, expected: a.expected,
              score: a.score, sensitivity: q.alertSensitivity, createdAt: now,
            }).returning();
            raised.push(row!.id);
            const message = {
              alertId: row!.id, workspaceId: q.workspaceId, queryId: q.id, queryName: q.name, kind: a.kind, observed: a.observed, expected: a.expected,
              score: a.score, windowStart: windowStart.toISOString(), windowEnd: now.toISOString(),
              link: `${this.#ctx.config.publicUrl}/monitoring/alerts?alert=${row!.id}`,
            };
            await runAlertHooks(this.#ctx, message, now);
            await notifyAlert(this.#ctx, message, this.#deps.fetch);
          }
        }
        return raised;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      }
    } finally {
      client.release();
    }
  }
}

/** Evaluates every `intervalMs` (default one minute); returns a stop function. */
export function startAlertRunner(ctx: AppContext, intervalMs = 60_000, deps: AlertRunnerDeps = {}): () => void {
  const evaluator = new AlertEvaluator(ctx, deps);
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    evaluator.evaluate(ctx.clock.now())
      .then((ids) => { if (ids.length) ctx.log.info({ alerts: ids }, 'listening alerts raised'); })
      .catch((err: unknown) => ctx.log.error({ err }, 'listening alert evaluation failed'))
      .finally(() => { running = false; });
  };
  const t = setInterval(tick, intervalMs);
  t.unref();
  return () => clearInterval(t);
}
