/**
 * Background side of crisis mode, started once per process with the other workers: registers the
 * hooks (approval override, spike-alert proposals) and, every 30 seconds, escalates unacknowledged
 * calls to substitutes and checks inbox volume triggers. Each tick is idempotent: escalation marks
 * a contact once; a second proposal while one is open only adds a signal to its timeline.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';
import type { AppContext } from '../../http/context.ts';
import { crises, crisisPlaybooks } from './crisis.schema.ts';
import { inboxAdapter } from './crisis-inbox.ts';
import { escalateOverdue } from './contact-chain.ts';
import { proposeForSignal, registerCrisisHooks } from './crisis-hooks.ts';

export async function crisisTick(ctx: AppContext, now: Date): Promise<{ escalated: number; proposed: number }> {
  const escalated = await ctx.database.db.transaction((tx) => escalateOverdue(tx, ctx, now));
  let proposed = 0;
  const inbox = inboxAdapter();
  if (inbox) {
    const rows = await ctx.database.db.select({ workspaceId: crisisPlaybooks.workspaceId, content: crisisPlaybooks.content, archived: crisisPlaybooks.archived }).from(crisisPlaybooks).where(eq(crisisPlaybooks.archived, false));
    const watched = new Set(rows.filter((r) => (r.content as PlaybookContent).levels.some((l) => l.triggers.some((t) => t.kind === 'inbox_volume'))).map((r) => r.workspaceId));
    for (const ws of watched) {
      // One inbox-volume proposal per hour at most; a dismissed one is not re-proposed every tick.
      const [recent] = await ctx.database.db.select({ id: crises.id }).from(crises)
        .where(and(eq(crises.workspaceId, ws), sql`${crises.trigger}->>'kind' = 'inbox_volume'`, gt(crises.createdAt, new Date(now.getTime() - 3_600_000)))).limit(1);
      if (recent) continue;
      const perHour = await inbox.countSince(ctx.database.db, ws, new Date(now.getTime() - 3_600_000));
      const id = await proposeForSignal(ctx, ws, { kind: 'inbox_volume', perHour }, { kind: 'inbox_volume', perHour },
        { de: `Ungewöhnlich viele Eingänge im Posteingang: ${perHour} in der letzten Stunde`, en: `Unusual inbox volume: ${perHour} items in the last hour` }, now);
      if (id) proposed++;
    }
  }
  return { escalated, proposed };
}

export function startCrisisWorker(ctx: AppContext, intervalMs = 30_000): () => void {
  registerCrisisHooks();
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    crisisTick(ctx, ctx.clock.now())
      .then((r) => { if (r.escalated || r.proposed) ctx.log.info(r, 'crisis worker'); })
      .catch((err: unknown) => ctx.log.error({ err }, 'crisis worker tick failed'))
      .finally(() => { running = false; });
  }, intervalMs);
  t.unref();
  return () => clearInterval(t);
}
