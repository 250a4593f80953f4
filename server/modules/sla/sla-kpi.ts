/**
 * The inbox's KPI collector for the strategy module: per day (workspace time zone) of the first
 * reply, the median first-response minutes and the share answered within target, per channel
 * and for the whole workspace. Re-running overwrites the same rows (the collector contract).
 */
import { sql } from 'drizzle-orm';
import { registerKpiCollector } from '../strategy/kpi-collectors.ts';
import type { KpiSample } from '../strategy/kpi-series.ts';
import { addDays } from '../../../common/local-date.ts';

type Daily = { day: string; channel: string | null; median: number | null; within: number; decided: number };

let done = false;
export function registerSlaKpiCollector(): void {
  if (done) return;
  done = true;
  registerKpiCollector({
    id: 'inbox.sla',
    metrics: ['inbox_first_response_minutes', 'inbox_within_target_share'],
    async collect({ ctx, workspaceId, from, to }) {
      const r = await ctx.database.db.execute<Daily>(sql`
        WITH ws AS (SELECT timezone AS tz FROM workspaces WHERE id = ${workspaceId}),
        answered AS (
          SELECT to_char(i.first_response_at AT TIME ZONE ws.tz, 'YYYY-MM-DD') AS day, i.channel_id::text AS channel,
            extract(epoch FROM i.first_response_at - i.received_at) / 60 AS minutes,
            i.sla_first_due_at IS NOT NULL AS decided, i.sla_first_due_at IS NOT NULL AND i.first_response_at <= i.sla_first_due_at AS within
          FROM inbox_items i, ws
          WHERE i.workspace_id = ${workspaceId} AND i.first_response_at IS NOT NULL AND i.status <> 'spam'
            AND i.first_response_at >= (${from}::date::timestamp AT TIME ZONE ws.tz) AND i.first_response_at < (${addDays(to, 1)}::date::timestamp AT TIME ZONE ws.tz))
        SELECT day, channel, percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
          count(*) FILTER (WHERE within)::int AS within, count(*) FILTER (WHERE decided)::int AS decided
        FROM answered GROUP BY GROUPING SETS ((day, channel), (day))`);
      const samples: KpiSample[] = [];
      for (const d of r.rows) {
        if (d.median !== null) samples.push({ metric: 'inbox_first_response_minutes', channel: d.channel, date: d.day, value: Math.round(Number(d.median) * 10) / 10 });
        if (Number(d.decided) > 0) samples.push({ metric: 'inbox_within_target_share', channel: d.channel, date: d.day, value: Math.round((Number(d.within) / Number(d.decided)) * 1000) / 10 });
      }
      return samples;
    },
  });
}
