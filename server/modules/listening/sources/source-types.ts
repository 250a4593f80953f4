/** The contract between a source implementation and the supervisor that runs it. */
import type { NormalizedMention } from '../ingest/mention-input.ts';

export interface SourceRow {
  id: string;
  workspaceId: string;
  kind: string;
  config: Record<string, unknown>;
  cursor: string | null;
}

export interface SourceEnv {
  source: SourceRow;
  /** Hands a mention to the pipeline; waits while it is full. `cursor` is persisted once stored. */
  emit(mention: NormalizedMention, cursor?: string): Promise<void>;
  /** Saves a resume position that does not belong to a mention (e.g. a feed's ETag after a 304). */
  saveCursor(cursor: string): void;
  /** `running` once connected and receiving; the supervisor sets `backoff`/`error` itself. */
  setStatus(status: 'connecting' | 'running', reason?: string | null): void;
  signal: AbortSignal;
  now(): Date;
  fetch: typeof fetch;
  /** Socket options for a WebSocket to `url` (the SSRF guard); throws for a private address. */
  connectOptions(url: string): { lookup?: (...args: never[]) => void };
  /** Resolves after `ms`, or early when the source is stopped. */
  sleep(ms: number): Promise<void>;
}

/** A source runs until it loses its connection (throws or returns); the supervisor reconnects. */
export interface Source {
  run(env: SourceEnv): Promise<void>;
}

/** Exponential backoff with full jitter, capped. `random` is injectable for tests. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000, random = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Mastodon and snowflake ids: numeric strings compared by length, then lexically. */
export function idGreater(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
