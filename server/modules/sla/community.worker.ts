/**
 * Background side of community management, started with the other workers: the SLA monitor
 * (every minute), the moderation rule scan (every minute) and the privacy retention job (hourly
 * per workspace).
 * Each job's header says what happens when it runs twice or in two workers; each loop skips a tick
 * while its previous one still runs.
 */
import type { AppContext } from '../../http/context.ts';
import { moderationScanTick } from '../moderation/moderation-rules.ts';
import { retentionTick } from '../privacy/retention.ts';
import { startSlaMonitor } from './sla-monitor.ts';

type Stopper = () => void;
const extra: ((ctx: AppContext) => Stopper)[] = [];

/** Other community jobs (privacy retention) add their starter here. */
export function addCommunityJob(start: (ctx: AppContext) => Stopper): void {
  extra.push(start);
}

/** Runs `tick` every `ms`, never overlapping with itself. */
export function every(ctx: AppContext, name: string, ms: number, tick: () => Promise<unknown>): Stopper {
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    tick().catch((err: unknown) => ctx.log.error({ err }, `${name} failed`)).finally(() => { running = false; });
  }, ms);
  t.unref();
  return () => clearInterval(t);
}

export function startCommunityWorker(ctx: AppContext): Stopper {
  const stops = [
    startSlaMonitor(ctx),
    every(ctx, 'moderation rule scan', 60_000, async () => {
      const r = await moderationScanTick(ctx);
      if (r.flagged) ctx.log.info(r, 'moderation rule scan');
    }),
    // Each workspace is processed at most once an hour; the tick only looks for due workspaces.
    every(ctx, 'privacy retention', 5 * 60_000, () => retentionTick(ctx, ctx.clock.now())),
    ...extra.map((s) => s(ctx)),
  ];
  return () => stops.forEach((s) => s());
}
