/**
 * Durable scheduled jobs on graphile-worker's cron: KPI collection (daily), report dispatch
 * (hourly) and guideline/training reminders (daily). graphile-worker records each cron tick in
 * `known_crontabs` and enqueues its job in the same transaction, so with several worker processes
 * a tick becomes exactly one job; ticks missed while no worker ran are back-filled (bounded by
 * `backfillPeriod`). Jobs are retried with back-off when they throw. Each job is safe to run twice
 * on its own: see the idempotency note at the top of the function it calls.
 *
 * The runner has its own small pool (its LISTEN connection must not take one from requests) and
 * only fetches the tasks below, so it shares graphile-worker's tables with the publishing queue
 * without taking its jobs.
 */
import { Logger, parseCronItems, run, type Runner, type Task } from 'graphile-worker';
import pg from 'pg';
import type { AppContext } from '../http/context.ts';

export interface ScheduledTask {
  /** graphile-worker task identifier (also the cron identifier). */
  id: string;
  /** Cron pattern in UTC. */
  match: string;
  /** How far back a missed tick is run after downtime (ms); 0 = never. */
  backfillMs: number;
  run(ctx: AppContext): Promise<Record<string, unknown> | void>;
}

const tasks = new Map<string, ScheduledTask>();

/** Modules add their scheduled work here (at import; the list below imports the built-in ones). */
export function registerScheduledTask(t: ScheduledTask): void {
  tasks.set(t.id, t);
}
export function scheduledTasks(): ScheduledTask[] {
  return [...tasks.values()];
}

/** graphile-worker task functions for `ctx` (also used by tests with `runOnce`). */
export function scheduledTaskList(ctx: AppContext): Record<string, Task> {
  return Object.fromEntries(scheduledTasks().map((t) => [t.id, async () => {
    const result = await t.run(ctx);
    if (result && Object.values(result).some((v) => typeof v === 'number' && v > 0)) ctx.log.info({ job: t.id, ...result }, 'scheduled job done');
  }]));
}

/** Starts the cron runner; returns an async stop function (running jobs finish first). */
export function startScheduledJobs(ctx: AppContext): () => Promise<void> {
  const pool = new pg.Pool({ ...(ctx.database.pool as unknown as { options: pg.PoolConfig }).options, max: 2, application_name: 'resonanz-cron' });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const logger = new Logger(() => (level, message) => {
    if (level === 'error') ctx.log.error({ cron: true }, message);
    else if (level === 'warning') ctx.log.warn({ cron: true }, message);
  });
  let runner: Runner | null = null;
  const started = run({
    pgPool: pool,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 10_000,
    logger,
    taskList: scheduledTaskList(ctx),
    parsedCronItems: parseCronItems(scheduledTasks().map((t) => ({
      task: t.id, identifier: t.id, match: t.match, options: { backfillPeriod: t.backfillMs, maxAttempts: 5, jobKey: t.id, jobKeyMode: 'preserve_run_at' },
    }))),
  }).then((r) => {
    runner = r;
  }).catch((err: unknown) => ctx.log.error({ err: String(err) }, 'scheduled jobs failed to start'));
  return async () => {
    await started;
    await (runner as Runner | null)?.stop();
    await pool.end().catch(() => undefined);
  };
}
