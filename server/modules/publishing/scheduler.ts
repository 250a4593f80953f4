/**
 * The publishing worker: graphile-worker runs one job per due target (`publish_target`), plus a
 * periodic sweep/reconcile loop. Runs inside `resonanz start` and as `resonanz worker`; any number
 * of processes may run against one database — the atomic claim in publish-claim.ts, not the queue,
 * is what guarantees that a target is sent once. Jobs are fetched and completed in batches (the
 * queue's local queue) and handed to the dispatcher, which claims and settles them in batches.
 */
import { EventEmitter } from 'node:events';
import { Logger, run, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { loadConfig } from '../../config.ts';
import { createSecrets, loadMasterKey, type Secrets } from '../../crypto/secrets.ts';
import type { Database } from '../../db/client.ts';
import { systemClock, type Clock } from '../../http/context.ts';
import { defaultProviderResolver, type ProviderResolver } from './provider-resolver.ts';
import { jobKeyFor, PUBLISH_TASK, WORKER_SESSION_PREFIX } from './publish-queue.ts';
import { SLOTS_FREED_CHANNEL } from './publish-cycle.ts';
import { createDispatcher, type DispatcherStats } from './publish-dispatcher.ts';
import { createPauseGate } from './publish-gate.ts';
import type { RunnerDeps } from './publish-types.ts';
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
  /** Jobs fetched (and locked) per queue round trip; default 2 × concurrency. */
  fetchBatch?: number;
  /** Staleness bound of the pause check before each network call (ms). */
  pauseCheckMs?: number;
  /** Receives the dispatcher's counters twice a second (benchmarks, diagnostics). */
  onStats?: (stats: DispatcherStats) => void;
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
  const base: RunnerDeps = {
    database: opts.database,
    secrets: opts.secrets ?? secretsFromEnv(),
    clock: opts.clock ?? systemClock,
    providers: opts.providers ?? defaultProviderResolver({ allowPrivateNetwork: env.RESONANZ_ALLOW_PRIVATE_NETWORK === 'true' }),
    leaseMs: opts.leaseMs ?? num(env.PUBLISH_LEASE_MS, 90_000),
    maxAttempts: opts.maxAttempts ?? 8,
    log: (m, d) => opts.log.info(d ?? {}, m),
  };
  const deps = { ...base, gate: createPauseGate(base.database, base.clock, opts.pauseCheckMs ?? 200) };
  // Jobs mostly wait on the network (and for a free channel slot): many may run at once cheaply.
  const concurrency = opts.concurrency ?? num(env.PUBLISH_CONCURRENCY, 64);
  const dispatcher = createDispatcher(deps);
  const statsTimer = opts.onStats ? setInterval(() => opts.onStats!(dispatcher.stats()), 500) : null;
  statsTimer?.unref();
  const sweepIntervalMs = opts.sweepIntervalMs ?? num(env.PUBLISH_SWEEP_MS, 15_000);
  const lookaheadMs = opts.lookaheadMs ?? 10 * 60_000;
  // The queue gets its own small pool: its LISTEN connections and job fetches must not starve requests.
  const queuePool = new pg.Pool({ ...(opts.database.pool as unknown as { options: pg.PoolConfig }).options, max: 5, application_name: 'resonanz-queue' });
  queuePool.on('error', () => undefined);
  queuePool.on('connect', (client) => client.on('error', () => undefined));

  const task: Task = async (payload, helpers) => {
    const { targetId, channelId } = (payload ?? {}) as { targetId?: unknown; channelId?: unknown };
    if (typeof targetId !== 'string') return;
    const hint = typeof channelId === 'string' ? channelId : undefined;
    const r = await dispatcher.run(targetId, hint);
    if (r.kind === 'defer' || r.kind === 'retry') await helpers.addJob(PUBLISH_TASK, { targetId, ...(hint ? { channelId: hint } : {}) }, { jobKey: jobKeyFor(targetId), runAt: r.runAt, maxAttempts: 5 });
  };

  let runner: Runner | null = null;
  let stopped = false;
  let poolId: string | null = null;
  const events = new EventEmitter() as WorkerEvents;
  events.on('pool:create', ({ workerPool }) => void (poolId = workerPool.id));
  let timer: NodeJS.Timeout | null = null;
  let looping: Promise<void> = Promise.resolve();

  // Slots freed by other workers (publish-cycle.ts notifies at commit): their waiters here ask at once.
  let listener: pg.PoolClient | null = null;
  const listen = async (): Promise<void> => {
    if (stopped) return;
    try {
      const client = await queuePool.connect();
      client.on('notification', (m) => {
        if (m.channel === SLOTS_FREED_CHANNEL && m.payload) dispatcher.slotsFreed(m.payload.split(','));
      });
      client.once('error', () => {
        // Missed notifications only cost a poll interval; listen again.
        client.release(true);
        if (listener === client) listener = null;
        if (!stopped) setTimeout(() => void listen(), 1000).unref();
      });
      await client.query(`LISTEN ${SLOTS_FREED_CHANNEL}`);
      // This session also tells other workers' sweepers that the jobs our pool locked are alive.
      if (poolId) await client.query(`SELECT set_config('application_name', $1, false)`, [`${WORKER_SESSION_PREFIX}${poolId}`]);
      if (stopped) return client.release();
      listener = client;
    } catch {
      if (!stopped) setTimeout(() => void listen(), 1000).unref();
    }
  };

  const loop = async () => {
    try {
      const t0 = performance.now();
      const enqueued = await sweep(deps, { lookaheadMs, staleMs: Math.max(2 * sweepIntervalMs, 5_000) });
      if (enqueued > 0) opts.log.info({ enqueued, ms: Math.round(performance.now() - t0) }, 'sweeper enqueued publish jobs');
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
    events,
    preset: {
      worker: {
        // Fetch many due jobs per query and complete them in batches: one round trip per job
        // was the queue's share of the cost of a burst. A job completed late after a crash is
        // simply run again — its target is no longer `scheduled`, the claim skips it.
        localQueue: { size: opts.fetchBatch ?? 2 * concurrency },
        completeJobBatchDelay: 20,
        failJobBatchDelay: 20,
      },
    },
  }).then((r) => {
    runner = r;
    looping = loop();
    void listen();
    opts.log.info({ concurrency }, 'publishing worker running');
  }).catch((err: unknown) => opts.log.error({ err: String(err) }, 'publishing worker failed to start'));

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (statsTimer) clearInterval(statsTimer);
    dispatcher.stop();
    await started;
    await looping.catch(() => undefined);
    await (runner as Runner | null)?.stop().catch(() => undefined);
    (listener as pg.PoolClient | null)?.release();
    await queuePool.end().catch(() => undefined);
  };
}
