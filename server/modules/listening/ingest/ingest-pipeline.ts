/**
 * source → normalise → analyse → match → store, in batches. The queue is bounded: `push` waits
 * while it is full, so a slow or unavailable database slows the sources down (WebSocket reads
 * pause, polls wait) instead of growing memory. A failed batch is retried with backoff and its
 * items are acknowledged (cursor advanced) only after they are committed.
 */
import type { Database } from '../../../db/client.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import type { Clock } from '../../../http/context.ts';
import type { SentimentAnalyzer } from '../nlp/sentiment-analyzer.ts';
import { storeBatch, type MatchedMention, type StoreResult } from '../store/mention-store.ts';
import type { WorkspaceMatcher } from '../workspace-matcher.ts';
import { analyseMention } from './mention-analysis.ts';
import type { NormalizedMention } from './mention-input.ts';

export interface IngestItem {
  mention: NormalizedMention;
  /** Called once the mention is committed (or found to be a duplicate): sources advance cursors here. */
  ack?: () => void;
}

export interface PipelineOptions {
  database: Database;
  analyzer: SentimentAnalyzer;
  matcher: WorkspaceMatcher;
  clock: Clock;
  capacity?: number;
  batchSize?: number;
  flushMs?: number;
  onError?: (err: unknown) => void;
  onStored?: (r: StoreResult) => void;
  /** Announces newly stored mentions to the workspace's browsers (dashboards refresh live). */
  events?: EventBus;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Analyses and matches a batch, then stores it; shared by the queue worker and direct imports. */
export async function processBatch(opts: Pick<PipelineOptions, 'database' | 'analyzer' | 'matcher' | 'clock' | 'events'>, mentions: NormalizedMention[]): Promise<StoreResult> {
  const matched: MatchedMention[] = [];
  for (const m of mentions) {
    const mention = await analyseMention(m, opts.analyzer);
    matched.push({ mention, queryIds: await opts.matcher.match(m.workspaceId, mention.post) });
  }
  const client = await opts.database.pool.connect();
  try {
    const result = await storeBatch(client, matched, opts.clock.now());
    if (result.bySource.size > 0) {
      const ids = [...result.bySource.keys()];
      await client.query(
        `UPDATE listening_sources s SET stored_total = s.stored_total + v.st, duplicates_total = s.duplicates_total + v.du,
           received_total = s.received_total + v.st + v.du, last_event_at = $4
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS v(id, st, du) WHERE s.id = v.id`,
        [ids, ids.map((i) => result.bySource.get(i)!.stored), ids.map((i) => result.bySource.get(i)!.duplicates), opts.clock.now()],
      );
    }
    if (opts.events) await announce(opts.events, opts.database, mentions, result);
    return result;
  } finally {
    client.release();
  }
}

/** One hint per workspace and batch with new mentions (committed already, so NOTIFY right away). */
async function announce(events: EventBus, database: Database, mentions: NormalizedMention[], result: StoreResult): Promise<void> {
  const workspaceOf = new Map(mentions.map((m) => [m.sourceId, m.workspaceId]));
  const stored = new Map<string, number>();
  for (const [sourceId, r] of result.bySource) {
    const ws = workspaceOf.get(sourceId);
    if (ws && r.stored > 0) stored.set(ws, (stored.get(ws) ?? 0) + r.stored);
  }
  for (const [workspaceId, n] of stored) {
    // A lost hint costs freshness only; it must never fail a batch that is already stored.
    await events.emit(database.db, { workspaceId, type: 'listening.mentions.stored', permission: 'listening.read', data: { stored: n } }).catch(() => undefined);
  }
}

export class IngestPipeline {
  readonly #opts: Required<Omit<PipelineOptions, 'onError' | 'onStored' | 'events'>> & Pick<PipelineOptions, 'onError' | 'onStored' | 'events'>;
  readonly #queue: IngestItem[] = [];
  #waitingProducers: (() => void)[] = [];
  #wakeConsumer: (() => void) | null = null;
  #running = false;
  #loop: Promise<void> | null = null;
  /** High-water mark of the queue, for tests and metrics. */
  maxQueued = 0;

  constructor(opts: PipelineOptions) {
    this.#opts = { capacity: 2000, batchSize: 200, flushMs: 200, ...opts };
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Enqueues a mention; resolves once there is room (back-pressure). */
  async push(item: IngestItem): Promise<void> {
    while (this.#queue.length >= this.#opts.capacity) await new Promise<void>((r) => this.#waitingProducers.push(r));
    this.#queue.push(item);
    if (this.#queue.length > this.maxQueued) this.maxQueued = this.#queue.length;
    if (this.#queue.length >= this.#opts.batchSize) this.#wakeConsumer?.();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops after storing what is queued. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wakeConsumer?.();
    await this.#loop;
  }

  /** Resolves when everything pushed so far is stored (tests, imports). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#busy) {
      this.#wakeConsumer?.();
      await sleep(5);
    }
  }

  #busy = false;

  async #run(): Promise<void> {
    let failures = 0;
    while (this.#running || this.#queue.length > 0) {
      if (this.#queue.length < this.#opts.batchSize && this.#running) {
        await new Promise<void>((r) => {
          this.#wakeConsumer = r;
          setTimeout(r, this.#opts.flushMs);
        });
        this.#wakeConsumer = null;
      }
      if (this.#queue.length === 0) continue;
      this.#busy = true;
      const batch = this.#queue.slice(0, this.#opts.batchSize);
      try {
        const result = await processBatch(this.#opts, batch.map((b) => b.mention));
        this.#queue.splice(0, batch.length);
        failures = 0;
        for (const b of batch) b.ack?.();
        this.#opts.onStored?.(result);
        const waiting = this.#waitingProducers;
        this.#waitingProducers = [];
        for (const w of waiting) w();
      } catch (err) {
        // The batch stays queued; producers stay blocked while the database is away.
        failures++;
        this.#opts.onError?.(err);
        await sleep(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
        if (!this.#running && failures > 3) break;
      } finally {
        this.#busy = false;
      }
    }
  }
}
