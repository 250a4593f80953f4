/**
 * The publishing worker: graphile-worker runs one job per due target (`publish_target`), plus a
 * periodic sweep/reconcile loop. Runs inside `resonanz start` and as `resonanz worker`; any number
 * of processes may run against one database — the atomic claim in publish-runner.ts, not the queue,
 * is what guarantees that a target is sent once.
 */
import { Logger, run, type Runner, type Task } from 'graphile-worker';
import pg from 'pg';
import { loadConfig } from '../../config.ts';
import { createSecrets, loadMasterKey, type Secrets } from '../../crypto/secrets.ts';
import type { Database } from '../../db/client.ts';
import { systemClock, type Clock } from '../../http/context.ts';
import { defaultProviderResolver, type ProviderResolver } from './provider-resolver.ts';
import { jobKeyFor, PUBLISH_TASK } from './publish-queue.ts';
import { runPublishTarget, type RunnerDeps } from './publish-runner.ts';
import { reconcile, sweep } from './reconciler.ts';

export interface PublishingWorkerOptions {
  database: Database;
  log: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
  secrets?: Secrets;
  clock?: Clock;
  providers?: ProviderResolver;
  concurrency?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  sweepIntervalMs?: number;
  lookaheadMs?: number;
  maxAttempts?: number;
}

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);

function secretsFromEnv(): Secrets {
  const config = loadConfig();
  return createSecrets(loadMasterKey(config.RESONANZ_SECRET, config.dataDir));
}

/**
 * Starts the publish queue worker and the sweep/reconcile loop. Returns an async stop function
 * (graceful: running jobs finish, nothing is left locked).
 */
export function startPublishing(opts: PublishingWorkerOptions): () => Promise<void> {
  const env = process.env;
  const deps: RunnerDeps = {
    database: opts.database,
    secrets: opts.secrets ?? secretsFromEnv(),
    clock: opts.clock ?? systemClock,
    providers: opts.providers ?? defaultProviderResolver({ allowPrivateNetwork: env.RESONANZ_ALLOW_PRIVATE_NETWORK === 'true' }),
    leaseMs: opts.leaseMs ?? num(env.PUBLISH_LEASE_MS, 90_000),
    maxAttempts: opts.maxAttempts ?? 8,
    log: (m, d) => opts.log.info(d ?? {}, m),
  };
  const concurrency = opts.concurrency ?? num(env.PUBLISH_CONCURRENCY, 8);
  const sweepIntervalMs = opts.sweepIntervalMs ?? num(env.PUBLISH_SWEEP_MS, 15_000);
  const lookaheadMs = opts.lookaheadMs ?? 10 * 60_000;
  // The queue gets its own small pool: its LISTEN connection and job fetches must not starve requests.
  const queuePool = new pg.Pool({ ...(opts.database.pool as unknown as { options: pg.PoolConfig }).options, max: 4, application_name: 'resonanz-queue' });
  queuePool.on('error', () => undefined);

  const task: Task = async (payload, helpers) => {
    const targetId = (payload as { targetId?: unknown })?.targetId;
    if (typeof targetId !== 'string') return;
    const r = await runPublishTarget(deps, targetId);
    if (r.kind === 'defer' || r.kind === 'retry') await helpers.addJob(PUBLISH_TASK, { targetId }, { jobKey: jobKeyFor(targetId), runAt: r.runAt, maxAttempts: 5 });
  };

  let runner: Runner | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let looping: Promise<void> = Promise.resolve();
  const loop = async () => {
    try {
      await sweep(deps, { lookaheadMs, staleMs: Math.max(2 * sweepIntervalMs, 5_000) });
      const r = await reconcile(deps);
      if (r.taken > 0) opts.log.warn(r, 'reconciled targets left in publishing');
    } catch (err) {
      opts.log.error({ err: String(err) }, 'publishing sweep failed');
    }
    if (!stopped) timer = setTimeout(() => void (looping = loop()), sweepIntervalMs);
  };

  const logger = new Logger(() => (level, message) => {
    if (level === 'error') opts.log.error({ queue: true }, message);
    else if (level === 'warning') opts.log.warn({ queue: true }, message);
  });
  const started = run({
    pgPool: queuePool,
    concurrency,
    noHandleSignals: true,
    pollInterval: opts.pollIntervalMs ?? num(env.PUBLISH_POLL_MS, 1000),
    taskList: { [PUBLISH_TASK]: task },
    logger,
  }).then((r) => {
    runner = r;
    looping = loop();
    opts.log.info({ concurrency }, 'publishing worker running');
  }).catch((err: unknown) => opts.log.error({ err: String(err) }, 'publishing worker failed to start'));

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await started;
    await looping.catch(() => undefined);
    await (runner as Runner | null)?.stop().catch(() => undefined);
    await queuePool.end().catch(() => undefined);
  };
}
