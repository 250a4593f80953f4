/**
 * Regenerates `mastodon-openapi.subset.json` from the full Mastodon OpenAPI document
 * (abraham/mastodon-openapi, GFDL-1.3 / MIT): only the operations the provider calls, the schemas they
 * reference, no prose. Usage: npx node providers/mastodon/test/extract-openapi-subset.ts <full-spec.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const USED_OPERATIONS: ReadonlyArray<readonly [string, string]> = [
  ['post', '/api/v1/apps'],
  ['post', '/oauth/token'],
  ['get', '/api/v1/accounts/verify_credentials'],
  ['get', '/api/v2/instance'],
  ['post', '/api/v2/media'],
  ['get', '/api/v1/media/{id}'],
  ['post', '/api/v1/statuses'],
  ['get', '/api/v1/statuses/{id}'],
  // metrics: several statuses at once (Mastodon 4.3+)
  ['get', '/api/v1/statuses'],
  ['delete', '/api/v1/statuses/{id}'],
  // inbound (the inbox): notifications with cursors, the user stream, DMs, like/boost
  ['get', '/api/v1/notifications'],
  ['get', '/api/v1/streaming/user/notification'],
  ['get', '/api/v1/conversations'],
  ['post', '/api/v1/statuses/{id}/favourite'],
  ['post', '/api/v1/statuses/{id}/reblog'],
  // moderation: block (and unblock), mute and report an account (hiding or deleting someone else's reply is not in the API)
  ['post', '/api/v1/accounts/{id}/block'],
  ['post', '/api/v1/accounts/{id}/unblock'],
  ['post', '/api/v1/accounts/{id}/mute'],
  ['post', '/api/v1/reports'],
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'description' && typeof v === 'string') continue;
      if (k === 'examples' || k === 'example' || k === 'summary' || k === 'externalDocs') continue;
      out[k] = strip(v);
    }
    return out;
  }
  return node;
}

function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectRefs(n, into));
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else collectRefs(v, into);
    }
  }
}

const src = process.argv[2];
if (src) {
  const full = JSON.parse(readFileSync(src, 'utf8')) as { info: Json; paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };
  const paths: Record<string, Record<string, Json>> = {};
  for (const [method, path] of USED_OPERATIONS) {
    const op = full.paths[path]?.[method];
    if (!op) throw new Error(`missing ${method} ${path}`);
    (paths[path] ??= {})[method] = strip(op);
  }
  const components: Record<string, Record<string, Json>> = {};
  const seen = new Set<string>();
  const queue = new Set<string>();
  collectRefs(paths as Json, queue);
  while (queue.size > 0) {
    const ref = queue.values().next().value as string;
    queue.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , kind, name] = ref.split('/');
    if (!kind || !name || kind === 'examples') continue;
    const node = strip(full.components[kind]![name]!);
    (components[kind] ??= {})[name] = node;
    const next = new Set<string>();
    collectRefs(node, next);
    for (const r of next) if (!seen.has(r)) queue.add(r);
  }
  // Status.quote is documented as oneOf(Quote, ShallowQuote, null), but both object branches only
  // require `state`, so every real quote matches two branches; the API means "any of them".
  const quote = (components.schemas?.Status as { properties?: Record<string, { oneOf?: Json; anyOf?: Json }> } | undefined)?.properties?.quote;
  if (quote?.oneOf) {
    quote.anyOf = quote.oneOf;
    delete quote.oneOf;
  }
  const out = { openapi: '3.1.0', info: full.info, 'x-subset-of': 'abraham/mastodon-openapi (see providers/README.md)', paths, components };
  writeFileSync(new URL('./mastodon-openapi.subset.json', import.meta.url), JSON.stringify(out) + '\n');
  console.log(`wrote ${Object.keys(components.schemas ?? {}).length} schemas`);
}
