/**
 * SSRF guard: users type instance/PDS URLs, so the server must not be tricked into calling its own
 * network (metadata endpoints, databases, admin UIs). Checked twice: once up front for a clear error,
 * and again at connect time inside the dispatcher so DNS rebinding cannot slip past the first check.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, buildConnector, fetch as undiciFetch, request as undiciRequest, type Dispatcher } from 'undici';
import { ProviderError } from '../errors.ts';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** True for loopback, private, link-local, CGNAT, documentation, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // IPv4-mapped IPv6 (::ffff:10.0.0.1) must be judged by its IPv4 part.
    const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true; // not an IP at all: refuse rather than guess
}

export type LookupAll = (hostname: string) => Promise<LookupAddress[]>;

const systemLookupAll: LookupAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

export interface GuardOptions {
  allowPrivateNetwork?: boolean;
  /** Injectable for tests. */
  lookupAll?: LookupAll;
  network?: string;
}

/**
 * Validates a user-supplied server URL and returns its normalised origin (no path, no trailing slash).
 * Rejects with `invalid` for malformed URLs, non-http(s) schemes, credentials in the URL, unresolvable
 * hosts and (unless `allowPrivateNetwork`) hosts resolving to private or loopback addresses.
 */
export async function assertPublicServerUrl(raw: string, opts: GuardOptions = {}): Promise<string> {
  const network = opts.network ?? 'network';
  const fail = (message: string, cause?: unknown) =>
    new ProviderError({ kind: 'invalid', network, message, networkMessage: message, cause });
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch (e) {
    throw fail(`Not a valid server URL: ${raw}`, e);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && opts.allowPrivateNetwork)) {
    throw fail(`Server URL must use https: ${raw}`);
  }
  if (url.username || url.password) throw fail('Server URL must not contain credentials');
  const origin = url.origin;
  if (opts.allowPrivateNetwork) return origin;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (opts.lookupAll ?? systemLookupAll)(host);
  } catch (e) {
    throw fail(`Server ${url.hostname} could not be resolved`, e);
  }
  if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
    throw fail(`Server ${url.hostname} resolves to a private or loopback address, which is not allowed`);
  }
  return origin;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that refuses private addresses (defeats DNS rebinding). */
function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad || addresses.length === 0) return callback(blockedError(hostname), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}

/**
 * Connect-time options for clients that open their own sockets (WebSockets through `ws`, which hands
 * them to http(s).request): the same guard as the dispatcher — private IP literals are refused here,
 * host names at every connect by the lookup, so DNS rebinding cannot slip past either.
 */
export function guardedSocketOptions(url: string, opts: { allowPrivateNetwork?: boolean } = {}): { lookup?: typeof guardedLookup } {
  if (opts.allowPrivateNetwork) return {};
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host)) throw blockedError(host);
  return { lookup: guardedLookup };
}

let guardedAgent: Agent | undefined;

function blockedError(host: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`Refusing to connect to private address ${host}`);
  e.code = 'ERR_SSRF_BLOCKED';
  return e;
}

/** The process-wide dispatcher that enforces the SSRF guard at connect time. */
export function guardedDispatcher(): Dispatcher {
  if (!guardedAgent) {
    const base = buildConnector({ lookup: guardedLookup as never });
    // net.connect skips `lookup` for IP literals, so those are checked here.
    const connect: buildConnector.connector = (opts, callback) => {
      const host = opts.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && isPrivateAddress(host)) return callback(blockedError(host), null);
      base(opts, callback);
    };
    guardedAgent = new Agent({ connect });
  }
  return guardedAgent;
}

export type FetchLike = typeof globalThis.fetch;

/**
 * undici fetch bound to a dispatcher; the default for providers (guarded unless private networks are
 * allowed). Accepts global `Request` objects too (@atproto/api passes them), which undici's own fetch
 * would not recognise as requests.
 */
export function createFetch(opts: { allowPrivateNetwork?: boolean; dispatcher?: Dispatcher } = {}): FetchLike {
  const dispatcher = opts.dispatcher ?? (opts.allowPrivateNetwork ? undefined : guardedDispatcher());
  const extra = dispatcher ? { dispatcher } : {};
  return (async (input: string | URL | Request, init?: RequestInit) => {
    if (typeof input === 'object' && !(input instanceof URL)) {
      const req = input;
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      return undiciFetch(req.url, {
        method: req.method,
        headers: [...req.headers.entries()],
        body: hasBody ? new Uint8Array(await req.arrayBuffer()) : undefined,
        signal: req.signal,
        ...(init as object),
        ...extra,
      } as never);
    }
    return undiciFetch(String(input), { ...(init as object), ...extra } as never);
  }) as unknown as FetchLike;
}

/** A plain request/response exchange: what JSON API clients need, without a WHATWG `Response`. */
export interface HttpExchange {
  status: number;
  headers: Headers;
  text: string;
}
export type RequestLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string | Uint8Array; signal?: AbortSignal }) => Promise<HttpExchange>;

/**
 * undici's `request` bound to the same dispatcher as `createFetch`. Publishing bursts showed the
 * WHATWG `fetch` layer (its streams, Headers and abort plumbing) as the largest CPU share of a worker;
 * `request` reaches the same connection pool and SSRF guard at a fraction of the cost.
 */
export function createRequest(opts: { allowPrivateNetwork?: boolean; dispatcher?: Dispatcher } = {}): RequestLike {
  const dispatcher = opts.dispatcher ?? (opts.allowPrivateNetwork ? undefined : guardedDispatcher());
  return async (url, init) => {
    const res = await undiciRequest(url, { method: init.method as Dispatcher.HttpMethod, headers: init.headers, body: init.body, signal: init.signal, ...(dispatcher ? { dispatcher } : {}) });
    const text = await res.body.text();
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (Array.isArray(v)) for (const x of v) headers.append(k, x);
      else if (v !== undefined) headers.set(k, v);
    }
    return { status: res.statusCode, headers, text };
  };
}

/** The same exchange over any fetch (tests that inject a fetch, @atproto-style callers). */
export function requestOverFetch(fetchImpl: FetchLike): RequestLike {
  return async (url, init) => {
    const res = await fetchImpl(url, { method: init.method, headers: init.headers, body: init.body as BodyInit | undefined, signal: init.signal });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}
