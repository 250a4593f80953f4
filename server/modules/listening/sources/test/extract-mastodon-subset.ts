/**
 * Regenerates `mastodon-listening.subset.json` from the full Mastodon OpenAPI document
 * (abraham/mastodon-openapi): only the timeline and streaming operations the listening source
 * calls and the schemas they reference, without prose. Usage:
 * npx node server/modules/listening/sources/test/extract-mastodon-subset.ts <full-spec.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const USED_OPERATIONS = ['/api/v1/timelines/tag/{hashtag}', '/api/v1/timelines/public', '/api/v1/streaming/hashtag', '/api/v1/streaming/public', '/api/v1/streaming/public/local'] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const DROP = new Set(['description', 'examples', 'example', 'summary', 'externalDocs']);

function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(DROP.has(k) && (k !== 'description' || typeof v === 'string'))).map(([k, v]) => [k, strip(v)]));
  return node;
}

function refs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => refs(n, into));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) k === '$ref' && typeof v === 'string' ? into.add(v) : refs(v, into);
}

const src = process.argv[2];
if (src) {
  const full = JSON.parse(readFileSync(src, 'utf8')) as { info: Json; paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };
  const paths: Record<string, Record<string, Json>> = {};
  for (const p of USED_OPERATIONS) paths[p] = { get: strip(full.paths[p]!.get!) };
  const components: Record<string, Record<string, Json>> = {};
  const seen = new Set<string>();
  const todo = new Set<string>();
  refs(paths as unknown as Json, todo);
  while (todo.size) {
    const ref = todo.values().next().value!;
    todo.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , section, name] = ref.split('/') as [string, string, string, string];
    const node = strip(full.components[section]![name]!);
    (components[section] ??= {})[name] = node;
    const more = new Set<string>();
    refs(node, more);
    for (const m of more) if (!seen.has(m)) todo.add(m);
  }
  writeFileSync(new URL('./mastodon-listening.subset.json', import.meta.url), JSON.stringify({ openapi: '3.1.0', info: full.info, 'x-subset-of': 'abraham/mastodon-openapi', paths, components }, null, 1) + '\n');
}
