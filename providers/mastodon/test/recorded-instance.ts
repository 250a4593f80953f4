/**
 * A Mastodon instance made of recorded exchanges (undici MockAgent, network disabled). Every recorded
 * response and every JSON request is checked against the documented API; unmatched requests fail.
 */
import { MockAgent } from 'undici';
import { createFetch, type FetchLike } from '../../net/ssrf-guard.ts';
import { checkJsonRequest, checkResponse } from './openapi-validator.ts';

export interface Exchange {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Simulate a server that accepted the request but answers too late. */
  delayMs?: number;
  /** Fail at transport level instead of answering (e.g. ECONNREFUSED). */
  transportError?: NodeJS.ErrnoException;
  /** A non-JSON body sent as is (an event stream); the caller validates its payloads. */
  raw?: string;
}

export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  json: unknown;
}

function normaliseHeaders(h: unknown): Record<string, string> {
  if (!h) return {};
  if (h instanceof Headers || typeof (h as Headers).forEach === 'function') {
    const out: Record<string, string> = {};
    (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
    return out;
  }
  return Object.fromEntries(Object.entries(h as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

async function bodyText(body: unknown): Promise<string> {
  if (body == null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('latin1');
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
    return Buffer.concat(chunks).toString('latin1');
  }
  return String(body);
}

export class RecordedInstance {
  readonly agent: MockAgent;
  readonly fetch: FetchLike;
  readonly requests: CapturedRequest[] = [];
  /** Spec violations found in requests the provider sent. */
  readonly violations: string[] = [];
  private readonly origin: string;

  constructor(origin: string) {
    this.origin = origin;
    this.agent = new MockAgent();
    this.agent.disableNetConnect();
    this.fetch = createFetch({ dispatcher: this.agent });
  }

  /** Registers one expected exchange; throws at once if the recorded response drifts from the spec. */
  expect(ex: Exchange): this {
    if (!ex.transportError) {
      const problem = checkResponse(ex.method, ex.path, ex.status, ex.body);
      if (problem) throw new Error(`Recording does not follow the Mastodon API: ${problem}`);
    }
    const interceptor = this.agent.get(this.origin).intercept({ path: ex.path, method: ex.method });
    if (ex.transportError) {
      interceptor.replyWithError(ex.transportError);
      return this;
    }
    const scope = interceptor.reply(async (opts) => {
      const text = await bodyText(opts.body);
      const headers = normaliseHeaders(opts.headers);
      let json: unknown = undefined;
      if (headers['content-type']?.startsWith('application/json')) {
        json = JSON.parse(text);
        const problem = checkJsonRequest(ex.method, ex.path, json);
        if (problem) this.violations.push(problem);
      }
      this.requests.push({ method: opts.method, path: opts.path, headers, body: text, json });
      return {
        statusCode: ex.status,
        data: ex.raw ?? (ex.body === undefined ? '' : JSON.stringify(ex.body)),
        responseOptions: { headers: { 'content-type': 'application/json; charset=utf-8', ...ex.headers } },
      };
    });
    if (ex.delayMs) scope.delay(ex.delayMs);
    return this;
  }

  /** Fails when a recorded exchange was not used or a request broke the documented API. */
  async verify(): Promise<void> {
    this.agent.assertNoPendingInterceptors();
    if (this.violations.length > 0) throw new Error(`Requests do not follow the Mastodon API:\n${this.violations.join('\n')}`);
    await this.agent.close();
  }
}
