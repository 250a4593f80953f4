/**
 * Reads the app's own OpenAPI document for tests that must cover every route without a hand-kept
 * list: the operations under /api/v1, a valid sample for a JSON schema, and URL building.
 */
import type { App } from '../http/app.ts';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI form: `/api/v1/workspaces/{workspaceId}`. */
  path: string;
  /** Fastify form: `/api/v1/workspaces/:workspaceId`. */
  route: string;
  params: Parameter[];
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** The operation takes multipart/form-data (uploads). */
  multipart: boolean;
}

interface Doc {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> } }>>;
}

/** Every operation of the OpenAPI document under /api/v1, in document order. */
export function apiOperations(app: App): Operation[] {
  const doc = app.swagger() as unknown as Doc;
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(byMethod)) {
      const json = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        params: op.parameters ?? [],
        body: json,
        bodyRequired: Boolean(op.requestBody?.required),
        multipart: Boolean(op.requestBody?.content?.['multipart/form-data']),
      });
    }
  }
  return ops;
}

export const pathParams = (op: Operation) => op.params.filter((p) => p.in === 'path');
export const queryParams = (op: Operation) => op.params.filter((p) => p.in === 'query');
export const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** `/a/{x}/b` with values for the placeholders (URL-encoded unless `raw`). */
export function buildPath(op: Operation, values: Record<string, string>, raw = false): string {
  return op.path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`no value for path parameter ${k} of ${op.method} ${op.path}`);
    return raw ? v : encodeURIComponent(v);
  });
}

export function withQuery(url: string, query: Record<string, string | string[]>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) qs.append(k, x);
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

export interface SampleHints {
  /** Value for `format: uuid` strings (a real id makes the request reach the handler's lookups). */
  uuid?: string;
  /** Fill optional object properties too (a PATCH with every field set really changes something). */
  optional?: boolean;
}

/**
 * A value that satisfies `schema` for the shapes our zod schemas produce. Enums take their last
 * value (for roles: `employee`, which no business rule treats specially).
 */
export function sample(schema: JsonSchema, hints: SampleHints = {}): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[schema.enum.length - 1];
  if (schema.default !== undefined && typeOf(schema) === 'string') return schema.default;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return sample(alt.find((s) => s.type !== 'null') ?? alt[0]!, hints);
  if (schema.allOf?.length) return sample(schema.allOf[0]!, hints);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (hints.optional || schema.required?.includes(k)) out[k] = sample(s, hints);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(1, schema.minItems ?? 0);
      const items = schema.items ?? { type: 'string' };
      // Distinct items where an enum allows it (schemas may require unique values).
      return Array.from({ length: n }, (_, i) => (items.enum ? items.enum[items.enum.length - 1 - (i % items.enum.length)] : sample(items, hints)));
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string':
      return sampleString(schema, hints);
    default:
      return 'x';
  }
}

function sampleString(s: JsonSchema, hints: SampleHints): string {
  switch (s.format) {
    case 'uuid':
      return hints.uuid ?? '2f1d3a4e-8b1c-4d2e-9f3a-5b6c7d8e9f01';
    case 'email':
      return 'sample.person@example.org';
    case 'date-time':
      return '2030-01-02T03:04:05.000Z';
    case 'date':
      return '2030-01-02';
    case 'uri':
      return 'https://example.org/';
  }
  if (s.pattern === '^\\d+$') return '1';
  const len = Math.min(Math.max(s.minLength ?? 0, 12), s.maxLength ?? 12);
  return 'Sample-value-x'.padEnd(len, 'x').slice(0, len);
}

/** Values of the wrong JSON type for `schema` (each rejected by validation); none for untyped schemas. */
export function wrongTypeValues(schema: JsonSchema): unknown[] {
  const t = typeOf(schema);
  if (!t) return [];
  const nullable = (Array.isArray(schema.type) && schema.type.includes('null')) || Boolean((schema.anyOf ?? schema.oneOf)?.some((s) => s.type === 'null'));
  const all: [string, unknown][] = [['string', 'not-this-type'], ['number', 12.5], ['integer', 7], ['boolean', false], ['object', { nested: true }], ['array', [1, 'two']], ['null', null]];
  const fits = (k: string) => k === t || (t === 'number' && k === 'integer') || (k === 'null' && nullable);
  return all.filter(([k]) => !fits(k)).map(([, v]) => v);
}

/** The OpenAPI operation of a Fastify route (`/x/:id`), or a bare one for routes hidden from the document. */
export function operationFor(ops: readonly Operation[], method: string, route: string): Operation {
  const found = ops.find((o) => o.method === method && o.route === route);
  if (found) return found;
  // `::` is Fastify's escaped literal colon (e.g. `queries::check`), not a parameter.
  const params = [...route.matchAll(/(?<!:):(\w+)/g)].filter((m) => route[m.index! - 1] !== ':').map((m): Parameter => ({ name: m[1]!, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }));
  const path = route.replace(/::/g, '\u0000').replace(/:(\w+)/g, '{$1}').replace(/\u0000/g, ':');
  return { method, path, route, params, body: null, bodyRequired: false, multipart: false };
}
