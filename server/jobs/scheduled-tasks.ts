/**
 * The built-in scheduled jobs (graphile-worker cron, UTC). Each one's idempotency is explained
 * where its work is done:
 * - `kpi.collect_daily` 21:45 UTC (late evening in Europe, so network counts are near the end of
 *   the day): reporting/kpi-daily.ts — upserts, a re-run overwrites;
 * - `reports.dispatch` hourly: reporting/report-dispatch.ts — one delivery per report and period
 *   by a unique index;
 * - `enablement.remind` 07:00 UTC: enablement/reminders.ts — one reminder per member, item and
 *   ISO week by a primary key.
 */
import type { AppContext } from '../http/context.ts';
import { sendEnablementReminders } from '../modules/enablement/reminders.ts';
import { collectAllWorkspaces } from '../modules/reporting/kpi-daily.ts';
import { dispatchDueReports } from '../modules/reporting/report-dispatch.ts';
import { registriesReady } from '../modules/reporting/reporting.routes.ts';
import { registerScheduledTask, startScheduledJobs } from './scheduled.ts';

const HOUR = 3_600_000;

/**
 * KPI collectors and readiness checks are registered when modules register their routes. In a
 * process that serves no HTTP (`resonanz worker`) the app is built once, without listening, so the
 * jobs see the same collectors and checks as the web process.
 */
let prepared: Promise<unknown> | null = null;
async function prepare(ctx: AppContext): Promise<void> {
  if (registriesReady()) return;
  prepared ??= import('../http/app.ts').then((m) => m.buildApp(ctx, { logger: false }));
  await prepared;
}

registerScheduledTask({ id: 'kpi.collect_daily', match: '45 21 * * *', backfillMs: 20 * HOUR, run: async (ctx) => { await prepare(ctx); return collectAllWorkspaces(ctx); } });
registerScheduledTask({
  id: 'reports.dispatch', match: '5 * * * *', backfillMs: 2 * HOUR,
  run: async (ctx) => { await prepare(ctx); return dispatchDueReports({ database: ctx.database, clock: ctx.clock, publicUrl: ctx.config.publicUrl }); },
});
registerScheduledTask({ id: 'enablement.remind', match: '0 7 * * *', backfillMs: 12 * HOUR, run: (ctx) => sendEnablementReminders(ctx) });

export { startScheduledJobs };
