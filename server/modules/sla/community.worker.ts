/**
 * Background side of community management, started with the other workers: the SLA monitor
 * (every minute) and the privacy retention job (every hour; see privacy/retention.ts for its
 * idempotency story). Each tick guards against overlapping with itself.
 */
import type { AppContext } from '../../http/context.ts';
import { startSlaMonitor } from './sla-monitor.ts';

type Stopper = () => void;
const extra: ((ctx: AppContext) => Stopper)[] = [];

/** Other community jobs (privacy retention) add their starter here. */
export function addCommunityJob(start: (ctx: AppContext) => Stopper): void {
  extra.push(start);
}

export function startCommunityWorker(ctx: AppContext): Stopper {
  const stops = [startSlaMonitor(ctx), ...extra.map((s) => s(ctx))];
  return () => stops.forEach((s) => s());
}
