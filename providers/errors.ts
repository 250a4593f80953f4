/**
 * One error taxonomy for every network. The scheduler decides what to do from `kind` alone:
 * - `retry`: transient (5xx, connection refused before sending) — safe to try again after `retryAfterMs`.
 * - `rate_limited`: the network asked us to slow down — wait until `resetAt` / `retryAfterMs`.
 * - `reauth`: token expired or revoked — flag the channel, do not retry.
 * - `invalid`: the network rejected the content — show `networkMessage` to the author, do not retry.
 * - `unknown_outcome`: the request may or may not have taken effect (timeout after sending) —
 *   reconcile before retrying, never blindly re-post.
 * - `unsupported`: the provider does not implement the requested capability (a programming error).
 */
export type ProviderErrorKind = 'retry' | 'rate_limited' | 'reauth' | 'invalid' | 'unknown_outcome' | 'unsupported';

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  message: string;
  network: string;
  /** The network's own message (shown to authors for `invalid`). */
  networkMessage?: string;
  status?: number;
  retryAfterMs?: number;
  /** When a rate limit window resets (absolute time). */
  resetAt?: Date;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly network: string;
  readonly networkMessage: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly resetAt: Date | undefined;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.network = init.network;
    this.networkMessage = init.networkMessage;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.resetAt = init.resetAt;
  }

  /** True when the scheduler may try the same call again later without reconciling first. */
  get retryable(): boolean {
    return this.kind === 'retry' || this.kind === 'rate_limited';
  }
}

/** Narrowing helper usable across module boundaries (instanceof breaks with duplicated modules). */
export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ProviderError');
}

/** Default back-off for transient errors when the network gives no hint. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/**
 * Parses an HTTP `Retry-After` value (delta-seconds or HTTP-date) into milliseconds from `now`.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * Parses a rate-limit reset header. Mastodon sends an ISO 8601 timestamp; AT Protocol PDSes send
 * epoch seconds. Returns undefined when the value is unusable.
 */
export function parseResetHeader(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    // Epoch seconds vs. milliseconds: anything below year ~2286 in seconds is < 1e10.
    return new Date(n < 1e10 ? n * 1000 : n);
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** Builds the `rate_limited` error from a reset time, never returning a negative wait. */
export function rateLimited(network: string, resetAt: Date | undefined, now: Date, networkMessage?: string): ProviderError {
  const retryAfterMs = resetAt ? Math.max(0, resetAt.getTime() - now.getTime()) : DEFAULT_RETRY_AFTER_MS;
  return new ProviderError({
    kind: 'rate_limited',
    network,
    message: `${network}: rate limited, retry after ${Math.ceil(retryAfterMs / 1000)} s`,
    status: 429,
    retryAfterMs,
    resetAt,
    networkMessage,
  });
}
