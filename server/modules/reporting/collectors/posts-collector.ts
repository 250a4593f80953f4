/**
 * `posts_published` from the editorial plan's publish targets: posts that reached the network
 * (state `published`), per day of `published_at` in the workspace time zone, per channel, per
 * network and for the workspace. Days without a post are stored as 0, so "nothing was published"
 * is a measurement, not a gap. Computable for any past range; a re-run overwrites the same rows.
 */
import { sql } from 'drizzle-orm';
import { addDays, daysBetween } from '../../../../common/local-date.ts';
import type { KpiCollector } from '../../strategy/kpi-collectors.ts';
import type { KpiSample } from '../../strategy/kpi-series.ts';

export const postsCollector: KpiCollector = {
  id: 'publishing.posts',
  metrics: ['posts_published'],
  async collect({ ctx, workspaceId, from, to }) {
    const db = ctx.database.db;
    const channels = (await db.execute<{ id: string; network: string }>(sql`SELECT id::text, network FROM channels WHERE workspace_id = ${workspaceId}`)).rows;
    const counts = (await db.execute<{ day: string; channel: string; n: number }>(sql`
      WITH ws AS (SELECT timezone AS tz FROM workspaces WHERE id = ${workspaceId})
      SELECT to_char(t.published_at AT TIME ZONE ws.tz, 'YYYY-MM-DD') AS day, t.channel_id::text AS channel, count(*)::int AS n
      FROM publish_targets t, ws
      WHERE t.workspace_id = ${workspaceId} AND t.state = 'published' AND t.published_at IS NOT NULL
        AND t.published_at >= (${from}::date::timestamp AT TIME ZONE ws.tz) AND t.published_at < (${addDays(to, 1)}::date::timestamp AT TIME ZONE ws.tz)
      GROUP BY 1, 2`)).rows;
    const samples: KpiSample[] = [];
    const networks = [...new Set(channels.map((c) => c.network))];
    for (let i = 0; i <= daysBetween(from, to); i++) {
      const date = addDays(from, i);
      const of = (channel: string) => counts.filter((c) => c.day === date && c.channel === channel).reduce((s, c) => s + Number(c.n), 0);
      for (const c of channels) samples.push({ metric: 'posts_published', channel: c.id, date, value: of(c.id) });
      for (const n of networks) samples.push({ metric: 'posts_published', channel: n, date, value: channels.filter((c) => c.network === n).reduce((s, c) => s + of(c.id), 0) });
      samples.push({ metric: 'posts_published', channel: null, date, value: counts.filter((c) => c.day === date).reduce((s, c) => s + Number(c.n), 0) });
    }
    return samples;
  },
};
