/**
 * Maps AT Protocol (XRPC) failures into the provider error taxonomy.
 */
import { XRPCError } from '@atproto/api';
import { DEFAULT_RETRY_AFTER_MS, ProviderError, isProviderError, parseResetHeader, rateLimited } from '../errors.ts';

export const NETWORK = 'bluesky';

const REAUTH_ERRORS = new Set(['ExpiredToken', 'InvalidToken', 'AuthenticationRequired', 'AccountTakedown', 'AccountDeactivated', 'AuthFactorTokenRequired']);

function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

/** Converts anything thrown by @atproto/api into a `ProviderError` (passes ProviderErrors through). */
export function mapAtprotoError(e: unknown, now: Date, action: string): ProviderError {
  if (isProviderError(e)) return e;
  if (!(e instanceof XRPCError)) {
    // Thrown before/without an XRPC response (DNS, refused connection, aborted fetch). Bluesky writes
    // use deterministic record keys, so repeating them is safe: no unknown_outcome needed.
    return new ProviderError({ kind: 'retry', network: NETWORK, message: `Bluesky ${action} failed: ${(e as Error)?.message ?? e}`, retryAfterMs: DEFAULT_RETRY_AFTER_MS, cause: e });
  }
  const message = e.message || e.error;
  if (REAUTH_ERRORS.has(e.error) || e.status === 401) {
    return new ProviderError({ kind: 'reauth', network: NETWORK, status: e.status, networkMessage: message, message: `Bluesky session rejected (${e.error}): ${message}`, cause: e });
  }
  if (e.status === 429) {
    return rateLimited(NETWORK, parseResetHeader(header(e.headers, 'ratelimit-reset')), now, message);
  }
  if (e.status >= 500 || e.status === 1 || e.status === 2) {
    return new ProviderError({ kind: 'retry', network: NETWORK, status: e.status, networkMessage: message, message: `Bluesky ${action} failed (${e.error}): ${message}`, retryAfterMs: DEFAULT_RETRY_AFTER_MS, cause: e });
  }
  return new ProviderError({ kind: 'invalid', network: NETWORK, status: e.status, networkMessage: message, message: `Bluesky rejected ${action} (${e.error}): ${message}`, cause: e });
}
