/**
 * Listening KPIs per day (workspace time zone), for the whole workspace:
 * - `mentions`: distinct mentions matched by the queries of the organisation's topic groups
 *   (kind `org`; all queries when no such group exists);
 * - `sentiment_positive_share` / `sentiment_negative_share`: their shares, in percent;
 * - `share_of_voice`: the organisation's mentions (each once) against organisation + comparison actors
 *   (kind `competitor`), as the listening dashboard computes it.
 * Computable for past days; days without mentions store `mentions = 0` and no shares (a share of
 * nothing is not 0 %). A re-run overwrites the same rows.
 */
import { sql } from 'drizzle-orm';
import { addDays, daysBetween } from '../../../../common/local-date.ts';
import type { Tx } from '../../../db/client.ts';
import type { KpiCollector } from '../../strategy/kpi-collectors.ts';
import type { KpiSample } from '../../strategy/kpi-series.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The samples for `[from, to]`; also used by the demo seed inside its transaction. */
export async function listeningSamples(db: Tx, workspaceId: string, from: string, to: string): Promise<KpiSample[]> {
  const scope = (await db.execute<{ n: number; orgs: number }>(sql`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE g.kind = 'org')::int AS orgs
    FROM listening_queries q LEFT JOIN listening_topic_groups g ON g.id = q.group_id WHERE q.workspace_id = ${workspaceId}`)).rows[0]!;
  if (!Number(scope.n)) return [];
  const onlyOrg = Number(scope.orgs) > 0;
  const daily = (await db.execute<{ day: string; total: number; positive: number; negative: number }>(sql`
    WITH ws AS (SELECT timezone AS tz FROM workspaces WHERE id = ${workspaceId}),
    qs AS (SELECT q.id FROM listening_queries q LEFT JOIN listening_topic_groups g ON g.id = q.group_id
           WHERE q.workspace_id = ${workspaceId} AND (${!onlyOrg} OR g.kind = 'org')),
    m AS (SELECT DISTINCT ON (mm.mention_id) mm.mention_id, mm.sentiment, to_char(mm.published_at AT TIME ZONE ws.tz, 'YYYY-MM-DD') AS day
          FROM mention_matches mm, ws
          WHERE mm.query_id IN (SELECT id FROM qs)
            AND mm.published_at >= (${from}::date::timestamp AT TIME ZONE ws.tz) AND mm.published_at < (${addDays(to, 1)}::date::timestamp AT TIME ZONE ws.tz))
    SELECT day, count(*)::int AS total, count(*) FILTER (WHERE sentiment > 0)::int AS positive, count(*) FILTER (WHERE sentiment < 0)::int AS negative
    FROM m GROUP BY day`)).rows;
  const voice = (await db.execute<{ day: string; org: number; other: number }>(sql`
    WITH ws AS (SELECT timezone AS tz FROM workspaces WHERE id = ${workspaceId})
    SELECT to_char(r.bucket AT TIME ZONE ws.tz, 'YYYY-MM-DD') AS day,
      coalesce(sum(r.volume) FILTER (WHERE g.kind = 'org'), 0)::int AS org, coalesce(sum(r.volume) FILTER (WHERE g.kind = 'competitor'), 0)::int AS other
    FROM listening_scope_rollups r JOIN listening_topic_groups g ON g.id = r.scope_id, ws
    WHERE g.workspace_id = ${workspaceId} AND g.kind IN ('org', 'competitor')
      AND r.bucket >= (${from}::date::timestamp AT TIME ZONE ws.tz) AND r.bucket < (${addDays(to, 1)}::date::timestamp AT TIME ZONE ws.tz)
    GROUP BY 1`)).rows;
  const samples: KpiSample[] = [];
  for (let i = 0; i <= daysBetween(from, to); i++) {
    const date = addDays(from, i);
    const d = daily.find((x) => x.day === date);
    const total = Number(d?.total ?? 0);
    samples.push({ metric: 'mentions', date, value: total });
    if (total > 0) {
      samples.push({ metric: 'sentiment_positive_share', date, value: round1((Number(d!.positive) / total) * 100) });
      samples.push({ metric: 'sentiment_negative_share', date, value: round1((Number(d!.negative) / total) * 100) });
    }
    const v = voice.find((x) => x.day === date);
    const all = Number(v?.org ?? 0) + Number(v?.other ?? 0);
    if (all > 0) samples.push({ metric: 'share_of_voice', date, value: round1((Number(v!.org) / all) * 100) });
  }
  return samples;
}

export const listeningCollector: KpiCollector = {
  id: 'listening.mentions',
  metrics: ['mentions', 'sentiment_positive_share', 'sentiment_negative_share', 'share_of_voice'],
  collect: ({ ctx, workspaceId, from, to }) => listeningSamples(ctx.database.db, workspaceId, from, to),
};
