/**
 * The daily KPI collection for every workspace: yesterday and today in the workspace's time zone
 * (yesterday completes the counts of the day before; the networks are read for today).
 * Idempotent: collectors upsert one value per (metric, channel, day), so a retried or repeated
 * run overwrites the same rows.
 */
import { addDays } from '../../../common/local-date.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { runKpiCollectors, storeSamples } from '../strategy/kpi-collectors.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export async function collectAllWorkspaces(ctx: AppContext): Promise<{ workspaces: number; stored: number; failed: number }> {
  const now = ctx.clock.now();
  const list = await ctx.database.db.select({ id: workspaces.id, tz: workspaces.timezone }).from(workspaces);
  let stored = 0;
  let failed = 0;
  for (const ws of list) {
    const to = dayIn(now, ws.tz);
    const from = addDays(to, -1);
    const runs = await runKpiCollectors({ ctx, workspaceId: ws.id, from, to }, storeSamples(ws.id, now));
    stored += runs.reduce((s, r) => s + r.stored, 0);
    failed += runs.filter((r) => r.error).length;
    if (runs.some((r) => r.stored > 0 || r.error)) {
      await ctx.database.db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { workspaceId: ws.id, action: 'kpi.collected', objectType: 'kpi', objectId: null, after: { from, to, trigger: 'schedule', collectors: runs } }, now));
    }
  }
  return { workspaces: list.length, stored, failed };
}
