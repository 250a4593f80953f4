/**
 * Recorded Mastodon exchanges for the listening source, served by a local HTTP server, and
 * validated against the vendored OpenAPI subset so recordings cannot drift from the real API.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body?: unknown;
  sse?: string;
}
export const recording = JSON.parse(readFileSync(new URL('./mastodon-recording.json', import.meta.url), 'utf8')) as { instance: string; exchanges: Exchange[] };

interface Spec { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> } }>; components: { schemas: Record<string, unknown> } }
const spec = JSON.parse(readFileSync(new URL('./mastodon-listening.subset.json', import.meta.url), 'utf8')) as Spec;
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
const rebase = (n: unknown): unknown =>
  Array.isArray(n) ? n.map(rebase) : n && typeof n === 'object' ? Object.fromEntries(Object.entries(n).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `mastodon${v}` : rebase(v)])) : n;
ajv.addSchema({ $id: 'mastodon', components: rebase(spec.components) });
const cache = new Map<string, ValidateFunction>();
const compile = (key: string, schema: unknown) => {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = ajv.compile(rebase(schema) as object)));
  return f;
};

export function templateFor(path: string): string {
  const bare = path.split('?')[0]!;
  const t = Object.keys(spec.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  if (!t) throw new Error(`${bare} is not in the subset`);
  return t;
}

/** Schema errors of one exchange (empty = conforms): JSON bodies by status, SSE `update` payloads as Status. */
export function validateExchange(x: Exchange): string[] {
  const op = spec.paths[templateFor(x.path)]!.get;
  const res = op.responses[String(x.status)];
  if (!res) return [`status ${x.status} is not documented for ${x.path}`];
  const errors: string[] = [];
  const check = (key: string, schema: unknown, value: unknown) => {
    const f = compile(key, schema);
    if (!f(value)) errors.push(...(f.errors ?? []).map((e) => `${x.path} ${e.instancePath} ${e.message}`));
  };
  if (x.sse !== undefined) {
    if (!res.content?.['text/event-stream']) errors.push('not an event stream');
    for (const block of x.sse.split('\n\n')) {
      if (!block.startsWith('event: update\n')) continue;
      check('Status', { $ref: '#/components/schemas/Status' }, JSON.parse(block.slice(block.indexOf('data: ') + 6)));
    }
  } else {
    const schema = res.content?.['application/json']?.schema;
    if (schema) check(`${x.path}#${x.status}`, schema, x.body);
  }
  return errors;
}

/** Serves the recording; every request is logged; unknown requests get 404. */
export async function serveRecording(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const x = recording.exchanges.find((e) => e.method === req.method && e.path === req.url);
    if (!x) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Record not found"}');
      return;
    }
    res.writeHead(x.status, { 'content-type': x.contentType });
    if (x.sse === undefined) return void res.end(JSON.stringify(x.body));
    // Stream in two chunks split inside an event, as proxies do.
    const cut = Math.floor(x.sse.length / 2);
    res.write(x.sse.slice(0, cut));
    setTimeout(() => res.end(x.sse!.slice(cut)), 10);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}
