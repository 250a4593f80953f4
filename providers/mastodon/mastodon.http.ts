/**
 * Mastodon HTTP client: JSON/multipart requests with timeouts and mapping of every failure into the
 * provider error taxonomy.
 */
import { DEFAULT_RETRY_AFTER_MS, ProviderError, parseResetHeader, parseRetryAfter, rateLimited } from '../errors.ts';
import type { FetchLike, RequestLike } from '../net/ssrf-guard.ts';

export const NETWORK = 'mastodon';

export interface MastodonHttpDeps {
  /** Streaming (the notification stream) needs a fetch body stream. */
  fetch: FetchLike;
  /** Every other call: one request, the whole answer as text. */
  request: RequestLike;
  now: () => Date;
  timeoutMs: number;
  userAgent: string;
}

export interface MastodonRequest {
  method: 'GET' | 'POST' | 'DELETE';
  baseUrl: string;
  path: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  /**
   * True when a lost response leaves the outcome unknowable (creating a status): a timeout after
   * sending then maps to `unknown_outcome` instead of `retry`.
   */
  outcomeSensitive?: boolean;
  signal?: AbortSignal;
}

export interface MastodonResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

// Errors raised before any byte reached the server: always safe to retry.
const CONNECT_PHASE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a fetch rejection (no HTTP response) into the taxonomy. */
export function mapTransportError(e: unknown, req: Pick<MastodonRequest, 'outcomeSensitive' | 'path'>, timedOut: boolean): ProviderError {
  const code = errorCode(e);
  if (code === 'ERR_SSRF_BLOCKED') {
    return new ProviderError({ kind: 'invalid', network: NETWORK, message: 'Instance address is not allowed (private network)', cause: e });
  }
  const beforeSend = code !== undefined && CONNECT_PHASE_CODES.has(code);
  if (!beforeSend && req.outcomeSensitive) {
    return new ProviderError({
      kind: 'unknown_outcome',
      network: NETWORK,
      message: `Mastodon did not answer ${req.path} (${timedOut ? 'timeout' : code ?? 'connection lost'}); the post may or may not exist`,
      cause: e,
    });
  }
  return new ProviderError({
    kind: 'retry',
    network: NETWORK,
    message: `Mastodon unreachable for ${req.path}: ${timedOut ? 'timeout' : code ?? (e as Error)?.message}`,
    retryAfterMs: DEFAULT_RETRY_AFTER_MS,
    cause: e,
  });
}

function serverMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const { error, error_description } = body as { error?: unknown; error_description?: unknown };
    if (typeof error_description === 'string' && error_description) return error_description;
    if (typeof error === 'string' && error) return error;
  }
  return fallback;
}

/** Maps a non-2xx Mastodon response into the taxonomy. */
export function mapErrorResponse(status: number, headers: Headers, body: unknown, now: Date, path: string): ProviderError {
  const msg = serverMessage(body, `HTTP ${status}`);
  if (status === 401 || status === 403) {
    return new ProviderError({ kind: 'reauth', network: NETWORK, status, networkMessage: msg, message: `Mastodon rejected the token: ${msg}` });
  }
  if (status === 429) {
    const reset = parseResetHeader(headers.get('x-ratelimit-reset'));
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
    const resetAt = reset ?? (retryAfter !== undefined ? new Date(now.getTime() + retryAfter) : undefined);
    return rateLimited(NETWORK, resetAt, now, msg);
  }
  if (status >= 500 || status === 408) {
    return new ProviderError({
      kind: 'retry',
      network: NETWORK,
      status,
      networkMessage: msg,
      message: `Mastodon server error ${status} on ${path}`,
      retryAfterMs: parseRetryAfter(headers.get('retry-after'), now) ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  return new ProviderError({ kind: 'invalid', network: NETWORK, status, networkMessage: msg, message: `Mastodon rejected the request: ${msg}` });
}

/** Performs one request; resolves with the parsed body for 2xx, rejects with `ProviderError` otherwise. */
export async function mastodonRequest<T>(deps: MastodonHttpDeps, req: MastodonRequest): Promise<MastodonResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': deps.userAgent, ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    // Encode the multipart body here: a FormData from one fetch implementation is not recognised by
    // another (Node's bundled undici vs. the undici package) and would be sent as "[object FormData]".
    const encoded = new Response(req.form);
    headers['content-type'] = encoded.headers.get('content-type')!;
    body = new Uint8Array(await encoded.arrayBuffer());
  }
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  let res: Awaited<ReturnType<RequestLike>>;
  try {
    res = await deps.request(new URL(req.path, req.baseUrl).toString(), { method: req.method, headers, body, signal });
  } catch (e) {
    throw mapTransportError(e, req, timeout.aborted);
  }
  const text = res.text;
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: text.slice(0, 200) };
    }
  }
  if (res.status < 200 || res.status >= 300) throw mapErrorResponse(res.status, res.headers, parsed, deps.now(), req.path);
  return { status: res.status, body: parsed as T, headers: res.headers };
}
