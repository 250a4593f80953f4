/**
 * Every /api/v1 operation of the OpenAPI document gets malformed input derived from its own schema
 * (wrong types, missing fields, huge values, unknown fields, broken JSON, wrong content types, bad
 * path ids and query values), sent by a signed-in owner with a valid CSRF token. Nothing may end
 * in a 5xx; every error is problem+json; a validation error names the failing field. New routes
 * are covered as soon as they appear in the document.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test/client.ts';
import { buildMember, buildWorkspace } from '../test/factories.ts';
import { createTestApp } from '../test/harness.ts';
import {
  apiOperations, buildPath, pathParams, queryParams, sample, typeOf, withQuery, wrongTypeValues, type JsonSchema, type Operation,
} from '../test/openapi.ts';

const t = await createTestApp();
afterAll(async () => t.close());

const { workspace, owner } = await buildWorkspace(t.ctx.database);
const member = await buildMember(t.ctx.database, workspace.id, ['editor']);
const client = new TestClient(t.app);
await client.login(owner.email);
const invitation = await client.post(`/api/v1/workspaces/${workspace.id}/invitations`, { email: 'invitee@example.org', roles: ['editor'] });
const token = await client.post('/api/v1/tokens', { name: 'robustness', workspaceId: workspace.id, roles: ['owner'] });
if (invitation.status !== 201 || token.status !== 201) throw new Error(`fixtures failed: ${invitation.text} ${token.text}`);

/**
 * Real ids by parameter name, so that only the one mutated part of a request is wrong. Parameters
 * of routes added later get a well-formed id that matches nothing.
 */
const knownIds: Record<string, string> = {
  workspaceId: workspace.id,
  userId: member.id,
  invitationId: invitation.body.id,
  tokenId: token.body.id,
  token: 'x'.repeat(43),
};
const ops = apiOperations(t.app);
const realIds: Record<string, string> = {
  ...Object.fromEntries(ops.flatMap(pathParams).map((p) => [p.name, randomUUID()])),
  ...knownIds,
};

interface Sent {
  label: string;
  method: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

async function send(s: Sent) {
  const headers: Record<string, string> = { cookie: client.cookie, 'x-csrf-token': client.csrf, ...s.headers };
  const res = await t.app.inject({ method: s.method as 'GET', url: s.url, headers, ...(s.payload !== undefined ? { payload: s.payload } : {}) });
  let body: { code?: string; status?: number; errors?: { path: string; message: string }[] } | undefined;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body };
}

/**
 * Sends `s` and returns what is wrong with the answer (empty when fine). `field`: the path a 400
 * must name; `expect400`: the input is invalid by schema, so anything but 400 is a failure.
 */
async function check(s: Sent, opts: { field?: string; expect400?: boolean; statuses?: number[] } = {}): Promise<string[]> {
  const r = await send(s);
  const where = `${s.label} → ${r.status}`;
  const problems: string[] = [];
  if (r.status >= 500) return [`${where}: server error ${JSON.stringify(r.body)}`];
  if (r.status >= 400) {
    if (!r.type.startsWith('application/problem+json')) problems.push(`${where}: content type ${r.type}`);
    if (typeof r.body?.code !== 'string' || r.body.status !== r.status) problems.push(`${where}: not a problem body ${JSON.stringify(r.body)?.slice(0, 200)}`);
  }
  if (opts.statuses && !opts.statuses.includes(r.status)) problems.push(`${where}: expected ${opts.statuses.join('/')}`);
  if (opts.expect400 && r.status !== 400) problems.push(`${where}: expected 400 ${JSON.stringify(r.body)?.slice(0, 200)}`);
  if (r.status === 400 && r.body?.code === 'validation_failed' && opts.field) {
    const paths = (r.body.errors ?? []).map((e) => e.path);
    if (!paths.some((p) => p === opts.field || p.startsWith(`${opts.field}.`))) problems.push(`${where}: errors ${JSON.stringify(paths)} do not name ${opts.field}`);
  }
  return problems;
}

const json = (v: unknown) => ({ payload: JSON.stringify(v), headers: { 'content-type': 'application/json' } });
const HUGE = 'x'.repeat(100_000);
const NUL = 'ab\u0000cd';
const BAD_IDS = ['not-a-uuid', "1' OR '1'='1", '1; DROP TABLE users; --', 'ümläut-😀-ﬀ', '-1', '0', 'null', '{{workspaceId}}', '2f1d3a4e-8b1c-4d2e-9f3a-5b6c7d8e9f0Z'];
const RAW_IDS = ['..%2F..%2Fetc%2Fpasswd', '%00', '%ZZ', '%E0%A4%A', '%uD800'];
const BAD_QUERY = ['', 'abc', '-1', '1.5', '1e999', "' OR 1=1 --", '😀', NUL, HUGE, '99999999999999999999999'];

function baseRequest(op: Operation, ids: Record<string, string> = realIds) {
  return {
    url: withQuery(buildPath(op, ids), Object.fromEntries(queryParams(op).filter((q) => q.required).map((q) => [q.name, String(ids[q.name] ?? sample(q.schema))]))),
    body: op.body ? sample(op.body, { uuid: workspace.id }) : undefined,
  };
}

async function pathMutations(op: Operation): Promise<string[]> {
  const out: string[] = [];
  const base = baseRequest(op);
  const body = base.body === undefined ? {} : json(base.body);
  const query = base.url.includes('?') ? base.url.slice(base.url.indexOf('?')) : '';
  for (const p of pathParams(op)) {
    const isUuid = p.schema.format === 'uuid';
    for (const bad of BAD_IDS) {
      const url = buildPath(op, { ...realIds, [p.name]: bad }) + query;
      // A malformed workspace id is refused by access control (404: no such workspace of yours)
      // before validation; other malformed ids by validation, naming the parameter.
      const expectation = p.name === 'workspaceId' ? { statuses: [404] } : isUuid ? { expect400: true, field: `params.${p.name}` } : {};
      out.push(...(await check({ label: `path ${p.name}=${bad}`, method: op.method, url, ...body }, expectation)));
    }
    for (const raw of RAW_IDS) {
      const url = buildPath(op, { ...Object.fromEntries(Object.entries(realIds).map(([k, v]) => [k, encodeURIComponent(v)])), [p.name]: raw }, true) + query;
      out.push(...(await check({ label: `raw path ${p.name}=${raw}`, method: op.method, url, ...body }, { statuses: [400, 404] })));
    }
    const tooLong = buildPath(op, { ...realIds, [p.name]: 'a'.repeat(5000) }) + query;
    out.push(...(await check({ label: `path ${p.name} 5000 chars`, method: op.method, url: tooLong, ...body }, { statuses: [400, 404, 414] })));
    if (isUuid) {
      // Well-formed but unknown: the lookup must answer 404, not fail.
      const url = buildPath(op, { ...realIds, [p.name]: randomUUID() }) + query;
      // (A webhook authenticated by its signature answers 401 before it looks the source up.)
      out.push(...(await check({ label: `path ${p.name}=<unknown uuid>`, method: op.method, url, ...body }, { statuses: op.path.startsWith('/api/v1/listening/hooks/') ? [401, 404] : [404] })));
    }
  }
  return out;
}

async function queryMutations(op: Operation): Promise<string[]> {
  const out: string[] = [];
  const path = buildPath(op, realIds);
  const body = op.body ? json(sample(op.body, { uuid: workspace.id })) : {};
  const valid = Object.fromEntries(queryParams(op).filter((q) => q.required).map((q) => [q.name, realIds[q.name] ?? String(sample(q.schema))]));
  for (const q of queryParams(op)) {
    if (q.required) {
      const rest = { ...valid };
      delete rest[q.name];
      // `?workspaceId=` is the workspace of access control: missing means "no workspace of yours" (404).
      const missing = q.name === 'workspaceId' ? { statuses: [404] } : { expect400: true, field: `querystring.${q.name}` };
      out.push(...(await check({ label: `query ${q.name} missing`, method: op.method, url: withQuery(path, rest), ...body }, missing)));
    }
    const values: (string | string[])[] = [...BAD_QUERY, ['1', '2'], 'x'.repeat((q.schema.maxLength ?? 50) + 1)];
    if (q.schema.maxLength) values.push('9'.repeat(q.schema.maxLength));
    for (const v of values) {
      const label = `query ${q.name}=${JSON.stringify(v).slice(0, 40)}`;
      out.push(...(await check({ label, method: op.method, url: withQuery(path, { ...valid, [q.name]: v }), ...body }, { field: `querystring.${q.name}` })));
    }
  }
  if (op.method === 'GET') {
    const url = withQuery(path, { ...valid, zzUnknown: '1', 'a[b]': NUL, __proto__x: 'y' });
    out.push(...(await check({ label: 'unknown query params', method: op.method, url })));
  }
  return out;
}

/**
 * Routes addressed to a sub-resource we have no fixture for (an unknown id) may refuse the request
 * with 404 — or 401 for signature-authenticated webhooks — before they read the body. That is
 * correct; the body expectations then only require "no 5xx, problem+json".
 */
function lenient(op: Operation, opts: Parameters<typeof check>[1] = {}): Parameters<typeof check>[1] {
  if (!pathParams(op).some((p) => !(p.name in knownIds))) return opts;
  const statuses = [...new Set([...(opts?.statuses ?? (opts?.expect400 ? [400] : [])), 401, 404])];
  return { field: opts?.field, statuses: opts?.statuses || opts?.expect400 ? statuses : undefined };
}

async function bodyMutations(op: Operation): Promise<string[]> {
  const out: string[] = [];
  const url = baseRequest(op).url;
  const c = (label: string, payload: string | Buffer, contentType: string | null, opts: Parameters<typeof check>[1] = {}) =>
    check({ label, method: op.method, url, payload, headers: contentType ? { 'content-type': contentType } : {} }, lenient(op, opts)).then((p) => out.push(...p));

  // GET and HEAD bodies are never read.
  if (op.method === 'GET') return out;
  // Broken transport-level input: refused before any handler runs, so it is safe for every route.
  await c('malformed JSON', '{"a":', 'application/json', { statuses: [400] });
  await c('JSON with single quotes', "{'a': 1}", 'application/json', { statuses: [400] });
  await c('prototype pollution', '{"__proto__": {"polluted": true}}', 'application/json', { statuses: [400] });
  await c('constructor pollution', '{"constructor": {"prototype": {"polluted": true}}}', 'application/json', { statuses: [400] });
  await c('1 MB+ body', JSON.stringify({ filler: 'x'.repeat(1_100_000) }), 'application/json', { statuses: [413] });
  await c('XML body', '<a>1</a>', 'application/xml', { statuses: [415] });
  // Uploads read multipart themselves: one without a file part is a 400 naming the file.
  await c('multipart body', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x', op.multipart ? { statuses: [400], field: 'body.file' } : { statuses: [415] });
  if (!op.body) return out;
  await c('deeply nested JSON', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'application/json', { expect400: true });

  const schema = op.body;
  const valid = sample(schema, { uuid: workspace.id }) as Record<string, unknown>;
  await c('form body', 'a=1', 'application/x-www-form-urlencoded', { statuses: [400, 415] });
  await c('text body', 'hello', 'text/plain', { expect400: true });
  await c('empty JSON body', '', 'application/json', { statuses: [400] });
  await c('body without content type', JSON.stringify(valid), null, { statuses: [400, 415] });
  for (const v of [[], 'a string', 42, null, true]) await c(`body ${JSON.stringify(v)}`, JSON.stringify(v), 'application/json', { expect400: true });

  if (typeOf(schema) !== 'object') return out;
  await c('empty object', '{}', 'application/json', schema.required?.length ? { expect400: true, field: `body.${schema.required[0]}` } : {});
  for (const k of schema.required ?? []) {
    const { [k]: _, ...rest } = valid;
    await c(`missing ${k}`, JSON.stringify(rest), 'application/json', { expect400: true, field: `body.${k}` });
  }
  for (const [k, prop] of Object.entries(schema.properties ?? {})) {
    for (const w of wrongTypeValues(prop)) {
      await c(`${k}=${JSON.stringify(w)}`, JSON.stringify({ ...valid, [k]: w }), 'application/json', { expect400: true, field: `body.${k}` });
    }
    if (typeOf(prop) === 'array' && prop.items) {
      for (const w of wrongTypeValues(prop.items).slice(0, 3)) {
        await c(`${k}[0]=${JSON.stringify(w)}`, JSON.stringify({ ...valid, [k]: [w] }), 'application/json', { expect400: true, field: `body.${k}.0` });
      }
    }
    if (typeOf(prop) === 'string' && !prop.enum) await stringMutations(k, prop);
  }
  if (schema.additionalProperties === false) {
    await c('unknown field', JSON.stringify({ ...valid, zzUnknown: 1 }), 'application/json', { expect400: true, field: 'body.zzUnknown' });
  }
  return out;

  async function stringMutations(k: string, prop: JsonSchema) {
    await c(`${k} 100k chars`, JSON.stringify({ ...valid, [k]: HUGE }), 'application/json', prop.maxLength ? { expect400: true, field: `body.${k}` } : {});
    await c(`${k} with NUL`, JSON.stringify({ ...valid, [k]: NUL }), 'application/json', { field: `body.${k}` });
    await c(`${k} with lone surrogate`, `{${Object.entries({ ...valid, [k]: 'PLACEHOLDER' }).map(([kk, v]) => `${JSON.stringify(kk)}:${kk === k ? '"\\ud800x"' : JSON.stringify(v)}`).join(',')}}`, 'application/json', { field: `body.${k}` });
    await c(`${k} SQL`, JSON.stringify({ ...valid, [k]: "Robert'); DROP TABLE users;--" }), 'application/json', { field: `body.${k}` });
  }
}

describe('malformed input to every /api/v1 operation', () => {
  it('finds the operations in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.some((o) => o.path.includes('{workspaceId}'))).toBe(true);
  });

  it.each(ops.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', async (_name, op) => {
    const problems = [...(await pathMutations(op)), ...(await queryMutations(op)), ...(await bodyMutations(op))];
    // Some routes (logout) end the session when they succeed; keep the next operation signed in.
    if ((await client.get('/api/v1/auth/me')).status !== 200) await client.login(owner.email);
    expect(problems).toEqual([]);
  });

  it('leaves the owner signed in and still the owner after the barrage', async () => {
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.workspaces[0].roles).toEqual(['owner']);
  });
});
