/**
 * Validates recorded Mastodon exchanges against the documented API (OpenAPI 3.1 subset), so that test
 * recordings cannot drift from what real instances send and accept.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

interface Operation {
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Spec { paths: Record<string, Record<string, Operation>>; components: unknown }

const spec = JSON.parse(readFileSync(new URL('./mastodon-openapi.subset.json', import.meta.url), 'utf8')) as Spec;

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uri', (s: string) => URL.canParse(s) || s.startsWith('urn:'));
ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
ajv.addSchema({ $id: 'mastodon', components: spec.components });

// Refs in the document are local (#/components/...); rewrite them to the registered document id.
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `mastodon${v}` : rebase(v)]),
    );
  }
  return node;
}

const cache = new Map<string, ValidateFunction>();
function compile(key: string, schema: unknown): ValidateFunction {
  let fn = cache.get(key);
  if (!fn) {
    fn = ajv.compile(rebase(schema) as object);
    cache.set(key, fn);
  }
  return fn;
}

/** Maps a concrete path (`/api/v1/statuses/123`) to its documented template (`/api/v1/statuses/{id}`). */
export function templateFor(path: string): string {
  const bare = path.split('?')[0]!;
  for (const template of Object.keys(spec.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(bare)) return template;
  }
  throw new Error(`Path ${path} is not in the Mastodon OpenAPI subset; add it to extract-openapi-subset.ts`);
}

function operation(method: string, path: string): Operation {
  const template = templateFor(path);
  const op = spec.paths[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${template} is not documented`);
  return op;
}

function describe(fn: ValidateFunction): string {
  return (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).slice(0, 8).join('; ');
}

/** Returns an error message when `body` does not match the documented response, else null. */
export function checkResponse(method: string, path: string, status: number, body: unknown): string | null {
  const op = operation(method, path);
  const response = op.responses[String(status)];
  if (!response) return `${method} ${path}: status ${status} is not documented`;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return body === undefined || body === null || body === '' ? null : `${method} ${path} ${status}: no body documented`;
  const fn = compile(`res ${method} ${path} ${status}`, schema);
  return fn(body) ? null : `${method} ${templateFor(path)} ${status} response: ${describe(fn)}`;
}

/** Returns an error message when a JSON request body does not match the documented request, else null. */
export function checkJsonRequest(method: string, path: string, body: unknown): string | null {
  const op = operation(method, path);
  let schema = op.requestBody?.content['application/json']?.schema as Record<string, unknown> | undefined;
  if (!schema) return `${method} ${path}: no JSON request body documented`;
  // The statuses body is documented as oneOf(Text, Media, Poll), but a status with text *and* media
  // matches two branches; the API accepts any of them, so validate as anyOf.
  if (Array.isArray(schema.oneOf)) schema = { anyOf: schema.oneOf };
  const fn = compile(`req ${method} ${templateFor(path)}`, schema);
  return fn(body) ? null : `${method} ${templateFor(path)} request: ${describe(fn)}`;
}
