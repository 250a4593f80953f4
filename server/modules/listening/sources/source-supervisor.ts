/**
 * Runs the streaming and polling sources of all workspaces: one loop per enabled source that
 * reconnects with exponential backoff, writes health (status, last event, errors, reconnects) to
 * `listening_sources`, and persists cursors once the pipeline has stored the events they follow.
 * A session advisory lock keeps a second worker process from running the same sources twice.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { AppContext } from '../../../http/context.ts';
import type { IngestPipeline } from '../ingest/ingest-pipeline.ts';
import { listeningSources } from '../listening.schema.ts';
import { feedSource } from './feed.source.ts';
import { firehoseSource } from './firehose.source.ts';
import { jetstreamSource } from './jetstream.source.ts';
import { mastodonSource } from './mastodon.source.ts';
import { backoffMs, type Source, type SourceEnv, type SourceRow } from './source-types.ts';
import { createFetch, guardedSocketOptions } from '../../../../providers/net/ssrf-guard.ts';
import { publishingDeps } from '../../publishing/provider-resolver.ts';

const LOCK = 724362;
export const RUNNABLE: Record<string, Source> = { bluesky_jetstream: jetstreamSource, bluesky_firehose: firehoseSource, mastodon: mastodonSource, feed: feedSource };

interface Running {
  abort: AbortController;
  done: Promise<void>;
  cursor: string | null;
  savedCursor: string | null;
  configKey: string;
}

export interface SupervisorOptions {
  fetch?: typeof fetch;
  rescanMs?: number;
  /** Backoff base for reconnects (tests use a few ms). */
  backoffBaseMs?: number;
}

export class SourceSupervisor {
  readonly #ctx: AppContext;
  readonly #pipeline: IngestPipeline;
  readonly #opts: Required<SupervisorOptions>;
  readonly #connectOptions: SourceEnv['connectOptions'];
  readonly #running = new Map<string, Running>();
  #lockClient: pg.PoolClient | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(ctx: AppContext, pipeline: IngestPipeline, opts: SupervisorOptions = {}) {
    this.#ctx = ctx;
    this.#pipeline = pipeline;
    // Source URLs are typed by members: feed and Mastodon requests and the WebSockets of Jetstream and
    // firehose sources all go through the SSRF guard.
    const allowPrivateNetwork = publishingDeps(ctx).allowPrivateNetwork;
    this.#connectOptions = (url) => guardedSocketOptions(url, { allowPrivateNetwork });
    const guarded = createFetch({ allowPrivateNetwork }) as unknown as typeof fetch;
    this.#opts = { fetch: opts.fetch ?? guarded, rescanMs: opts.rescanMs ?? 30_000, backoffBaseMs: opts.backoffBaseMs ?? 1000 };
  }

  start(): void {
    const tick = () => {
      this.#flushCursors()
        .then(() => this.rescan())
        .catch((err: unknown) => this.#ctx.log.error({ err }, 'listening source rescan failed'));
    };
    tick();
    this.#timer = setInterval(tick, Math.min(this.#opts.rescanMs, 5000));
    this.#timer.unref();
  }

  #lastScan = 0;

  /** Starts new or changed sources, stops removed or disabled ones. */
  async rescan(force = false): Promise<void> {
    if (this.#stopped) return;
    if (!this.#lockClient) {
      const client = await this.#ctx.database.pool.connect();
      const r = await client.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK]);
      if (!r.rows[0].ok) {
        client.release();
        return;
      }
      this.#lockClient = client;
    }
    if (!force && Date.now() - this.#lastScan < this.#opts.rescanMs) return;
    this.#lastScan = Date.now();
    const rows = await this.#ctx.database.db.select().from(listeningSources)
      .where(and(eq(listeningSources.enabled, true), inArray(listeningSources.kind, Object.keys(RUNNABLE))));
    const wanted = new Map(rows.map((r) => [r.id, r]));
    for (const [id, run] of this.#running) {
      const row = wanted.get(id);
      if (!row || JSON.stringify(row.config) !== run.configKey) await this.#stopOne(id);
    }
    for (const row of rows) {
      if (!this.#running.has(row.id)) this.#startOne({ id: row.id, workspaceId: row.workspaceId, kind: row.kind, config: row.config as Record<string, unknown>, cursor: row.cursor });
    }
  }

  async #health(id: string, set: Record<string, unknown>): Promise<void> {
    await this.#ctx.database.db.update(listeningSources).set({ ...set, updatedAt: this.#ctx.clock.now() }).where(eq(listeningSources.id, id));
  }

  #startOne(row: SourceRow): void {
    const abort = new AbortController();
    const state: Running = { abort, done: Promise.resolve(), cursor: row.cursor, savedCursor: row.cursor, configKey: JSON.stringify(row.config) };
    const sleep = (ms: number) => new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
    });
    const env: SourceEnv = {
      source: row,
      emit: (mention, cursor) => this.#pipeline.push({ mention, ack: cursor === undefined ? undefined : () => { state.cursor = cursor; } }),
      saveCursor: (cursor) => { state.cursor = cursor; },
      setStatus: (status, reason = null) => void this.#health(row.id, { status, statusReason: reason }).catch(() => undefined),
      signal: abort.signal,
      now: () => this.#ctx.clock.now(),
      fetch: this.#opts.fetch,
      connectOptions: this.#connectOptions,
      sleep,
    };
    const source = RUNNABLE[row.kind]!;
    state.done = (async () => {
      let attempt = 0;
      while (!abort.signal.aborted) {
        const started = Date.now();
        let reason: string;
        try {
          await source.run({ ...env, source: { ...row, cursor: state.cursor } });
          reason = 'connection closed';
        } catch (e) {
          reason = e instanceof Error ? e.message : String(e);
        }
        if (abort.signal.aborted) break;
        // A connection that lived a while resets the backoff; a flapping one keeps growing it.
        if (Date.now() - started > 60_000) attempt = 0;
        const wait = backoffMs(attempt++, this.#opts.backoffBaseMs);
        await this.#health(row.id, {
          status: 'backoff', statusReason: `${reason.slice(0, 300)}; retrying in ${Math.round(wait / 1000)} s`, lastErrorAt: this.#ctx.clock.now(),
          reconnects: sql`${listeningSources.reconnects} + 1`, errorsTotal: sql`${listeningSources.errorsTotal} + 1`,
        }).catch(() => undefined);
        await this.#flushCursors().catch(() => undefined);
        await sleep(wait);
      }
    })();
    this.#running.set(row.id, state);
  }

  async #stopOne(id: string): Promise<void> {
    const run = this.#running.get(id);
    if (!run) return;
    run.abort.abort();
    await run.done;
    this.#running.delete(id);
    await this.#flushCursors([id]);
    await this.#health(id, { status: 'idle', statusReason: null }).catch(() => undefined);
  }

  async #flushCursors(only?: string[]): Promise<void> {
    for (const [id, run] of this.#running) {
      if (only && !only.includes(id)) continue;
      if (run.cursor !== run.savedCursor) {
        const c = run.cursor;
        await this.#ctx.database.db.update(listeningSources).set({ cursor: c }).where(eq(listeningSources.id, id));
        run.savedCursor = c;
      }
    }
  }

  /** Stops all sources; the caller drains the pipeline afterwards and calls {@link flush}. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    for (const run of this.#running.values()) run.abort.abort();
    await Promise.all([...this.#running.values()].map((r) => r.done));
  }

  /** Persists the cursors acknowledged so far and releases the lock. */
  async flush(): Promise<void> {
    await this.#flushCursors();
    for (const id of this.#running.keys()) await this.#health(id, { status: 'idle', statusReason: null }).catch(() => undefined);
    this.#running.clear();
    if (this.#lockClient) {
      await this.#lockClient.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
      this.#lockClient.release();
      this.#lockClient = null;
    }
  }
}
