/**
 * Background ingestion of every connected channel whose provider reads inbound items. Per channel:
 * a catch-up poll from the stored cursor (`readInbound`), then the live stream where the network
 * has one (`streamInbound`); when the stream ends or fails, the next tick polls again from the
 * stored cursor before reconnecting, so a disconnect loses nothing. Channels without a stream are
 * polled at the workspace's interval (inbox_settings.poll_interval_s, per-channel override).
 * A session advisory lock keeps a second worker process from polling the same channels; if this
 * process dies, PostgreSQL releases the lock and the other worker takes over at its next tick.
 * Running twice is harmless anyway: items are deduplicated and the cursor moves with them.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type pg from 'pg';
import type { Provider } from '../../../providers/contract.ts';
import { isProviderError } from '../../../providers/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { callContext } from '../publishing/publish-runner.ts';
import { publishingDeps } from '../publishing/provider-resolver.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { inboxCursors, inboxSettings } from './inbox.schema.ts';
import { ingestBatch, recordCursorError, type IngestChannel } from './ingest.service.ts';

const LOCK = 724370;
export const INBOUND_STREAM = 'inbound';
const MAX_BACKOFF_MS = 10 * 60_000;

interface ChannelState {
  nextPollAt: number;
  streaming: AbortController | null;
  streamUnsupported: boolean;
  failures: number;
}

export interface InboxWorkerOptions {
  tickMs?: number;
  /** Overrides the workspace setting (tests). */
  pollIntervalS?: number;
}

type ChannelRow = typeof channels.$inferSelect;

export class InboxIngestion {
  readonly #ctx: AppContext;
  readonly #opts: Required<Pick<InboxWorkerOptions, 'tickMs'>> & InboxWorkerOptions;
  readonly #state = new Map<string, ChannelState>();
  #lockClient: pg.PoolClient | null = null;
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<void> | null = null;
  #stopped = false;

  constructor(ctx: AppContext, opts: InboxWorkerOptions = {}) {
    this.#ctx = ctx;
    this.#opts = { tickMs: opts.tickMs ?? 5_000, ...opts };
  }

  start(): void {
    const loop = () => {
      if (this.#stopped) return;
      this.#ticking = this.tick().catch((err: unknown) => this.#ctx.log.error({ err }, 'inbox ingestion tick failed')).finally(() => {
        this.#ticking = null;
        if (!this.#stopped) this.#timer = setTimeout(loop, this.#opts.tickMs).unref();
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const s of this.#state.values()) s.streaming?.abort();
    await this.#ticking;
    if (this.#lockClient) {
      await this.#lockClient.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
      this.#lockClient.release();
      this.#lockClient = null;
    }
  }

  /** One pass over the channels (public for tests). Returns without work when another worker holds the lock. */
  async tick(): Promise<void> {
    if (!this.#lockClient) {
      const client = await this.#ctx.database.pool.connect();
      const r = await client.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK]);
      if (!r.rows[0].ok) {
        client.release();
        return;
      }
      this.#lockClient = client;
    }
    const { providers } = publishingDeps(this.#ctx);
    const rows = await this.#ctx.database.db.select().from(channels)
      .where(and(eq(channels.status, 'connected'), isNotNull(channels.credentialsSealed), inArray(channels.network, ['bluesky', 'mastodon'])));
    const settings = await this.#ctx.database.db.select().from(inboxSettings);
    const intervalOf = (ch: ChannelRow) => {
      if (this.#opts.pollIntervalS) return this.#opts.pollIntervalS;
      const s = settings.find((x) => x.workspaceId === ch.workspaceId);
      return (s?.channelIntervals as Record<string, number> | undefined)?.[ch.id] ?? s?.pollIntervalS ?? 60;
    };
    const now = Date.now();
    for (const ch of rows) {
      if (this.#stopped) return;
      const provider = providers(ch.network);
      if (!provider?.inbound || !provider.descriptor.capabilities.includes('inbound')) continue;
      const st = this.#state.get(ch.id) ?? { nextPollAt: 0, streaming: null, streamUnsupported: false, failures: 0 };
      this.#state.set(ch.id, st);
      if (st.streaming || now < st.nextPollAt) continue;
      await this.#poll(ch, provider, st, intervalOf(ch));
    }
  }

  async #cursor(channelId: string): Promise<string | null> {
    const [row] = await this.#ctx.database.db.select({ cursor: inboxCursors.cursor }).from(inboxCursors)
      .where(and(eq(inboxCursors.channelId, channelId), eq(inboxCursors.stream, INBOUND_STREAM)));
    return row?.cursor ?? null;
  }

  #channel(ch: ChannelRow): IngestChannel {
    return { id: ch.id, workspaceId: ch.workspaceId, network: ch.network, serviceUrl: ch.serviceUrl, name: ch.name };
  }

  async #poll(ch: ChannelRow, provider: Provider, st: ChannelState, intervalS: number): Promise<void> {
    const deps = { database: this.#ctx.database, secrets: this.#ctx.secrets };
    const info = this.#channel(ch);
    const instanceUrl = (c: Record<string, unknown>) => (typeof c.instanceUrl === 'string' ? c.instanceUrl : null);
    try {
      const call = callContext(deps, ch);
      const batch = await provider.inbound!.readInbound(call, await this.#cursor(ch.id));
      await ingestBatch(this.#ctx, info, INBOUND_STREAM, batch, { instanceUrl: instanceUrl(call.credentials) });
      st.failures = 0;
      st.nextPollAt = Date.now() + intervalS * 1000;
      if (provider.inbound!.streamInbound && !st.streamUnsupported) this.#stream(ch, provider, st, batch.cursor);
    } catch (err) {
      await this.#failed(info, st, err);
    }
  }

  #stream(ch: ChannelRow, provider: Provider, st: ChannelState, cursor: string | null): void {
    const ac = new AbortController();
    st.streaming = ac;
    const call = callContext({ database: this.#ctx.database, secrets: this.#ctx.secrets }, ch, ac.signal);
    const info = this.#channel(ch);
    const instanceUrl = typeof call.credentials.instanceUrl === 'string' ? call.credentials.instanceUrl : null;
    void provider.inbound!.streamInbound!(call, cursor, async (batch) => {
      await ingestBatch(this.#ctx, info, INBOUND_STREAM, batch, { instanceUrl });
    }).then(
      () => {
        st.nextPollAt = 0; // the stream ended: catch up by polling right away, then reconnect
      },
      async (err: unknown) => {
        if (isProviderError(err) && err.kind === 'unsupported') {
          st.streamUnsupported = true;
          return;
        }
        if (!ac.signal.aborted) await this.#failed(info, st, err);
      },
    ).finally(() => {
      st.streaming = null;
    });
  }

  async #failed(ch: IngestChannel, st: ChannelState, err: unknown): Promise<void> {
    st.failures++;
    const retryAfter = isProviderError(err) && err.retryAfterMs ? err.retryAfterMs : 0;
    // Full jitter on a capped exponential backoff.
    const backoff = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.min(st.failures - 1, 10));
    st.nextPollAt = Date.now() + Math.max(retryAfter, Math.random() * backoff);
    const message = err instanceof Error ? err.message : String(err);
    this.#ctx.log.warn({ channelId: ch.id, err: message }, 'inbox ingestion failed; will retry');
    await recordCursorError(this.#ctx.database.db, ch, INBOUND_STREAM, message, this.#ctx.clock.now()).catch(() => undefined);
  }
}

/** Starts ingestion; the returned function stops it (streams aborted, lock released). */
export function startInbox(ctx: AppContext, opts: InboxWorkerOptions = {}): () => Promise<void> {
  const ingestion = new InboxIngestion(ctx, opts);
  ingestion.start();
  return () => ingestion.stop();
}
