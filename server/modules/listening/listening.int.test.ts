import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.schema.ts';
import { recountAllScopes } from './store/scope-rollups.ts';
import { loggedIn, TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let c: TestClient;
let base: string;
let workspaceId: string;
const now = new Date('2026-03-16T12:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(now);
  const { workspace, owner } = await buildWorkspace(t.ctx.database);
  workspaceId = workspace.id;
  c = await loggedIn(t.app, owner.email);
  base = `/api/v1/workspaces/${workspace.id}/listening`;
});
afterAll(async () => t.close());

const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const at = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

describe('query check and saved queries', () => {
  it('normalises a valid query and reports the column of an error', async () => {
    const ok = await c.post(`${base}/queries:check`, { query: 'klimaschutz   OR  #klima' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, error: null });
    expect(ok.body.normalized).toContain('OR');
    const bad = await c.post(`${base}/queries:check`, { query: '(klima OR' });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error.column).toBeGreaterThan(0);
  });

  it('refuses to save an invalid query, naming the column', async () => {
    const r = await c.post(`${base}/queries`, { name: 'x', query: '*a' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ path: 'body.query' });
    expect(r.body.errors[0].message).toMatch(/^error at column 1: /);
  });

  it('lets an editor read but not manage queries', async () => {
    const editor = await buildMember(t.ctx.database, workspaceId, ['editor']);
    const v = await loggedIn(t.app, editor.email);
    expect((await v.get(`${base}/queries`)).status).toBe(200);
    expect((await v.post(`${base}/queries`, { name: 'x', query: 'klima' })).status).toBe(403);
  });
});

describe('ingest, dashboard and mention list', () => {
  let orgQ: string;
  let compQ: string;
  let topicGroup: string;
  let topicA: string;
  let compGroup: string;
  let importSource: string;

  it('imports NDJSON and CSV, matches saved queries, dedupes and reports bad lines', async () => {
    const org = await c.post(`${base}/topic-groups`, { name: 'Bundesamt', kind: 'org' });
    const comp = await c.post(`${base}/topic-groups`, { name: 'Musterbehörde', kind: 'competitor' });
    compGroup = comp.body.id;
    orgQ = (await c.post(`${base}/queries`, { name: 'Amt', query: 'beispielwesen OR "bundesamt für beispielwesen"', groupId: org.body.id })).body.id;
    compQ = (await c.post(`${base}/queries`, { name: 'Muster', query: 'musterbehörde', groupId: comp.body.id })).body.id;
    // A topic group whose two queries both match mention 1 (a group counts it once).
    topicGroup = (await c.post(`${base}/topic-groups`, { name: 'Service', kind: 'topic' })).body.id;
    topicA = (await c.post(`${base}/queries`, { name: 'Dank und Ärger', query: 'danke OR kaputt', groupId: topicGroup })).body.id;
    await c.post(`${base}/queries`, { name: 'Hilfe', query: 'hilfe', groupId: topicGroup });
    const src = await c.post(`${base}/sources`, { kind: 'import', name: 'Upload', config: {} });
    expect(src.status).toBe(201);
    importSource = src.body.id;
    const rows = [
      { id: '1', text: 'Das Bundesamt für Beispielwesen ist großartig, danke für die schnelle Hilfe! #lob', author: 'anna', publishedAt: at(30) },
      { id: '2', text: 'Beispielwesen: schon wieder kaputt, furchtbar und ärgerlich.', author: 'ben', publishedAt: at(5) },
      { id: '3', text: 'Die Musterbehörde hat neue Öffnungszeiten.', author: 'carla', publishedAt: at(4) },
      { id: '4', text: 'The Beispielwesen office is terrible, worst service ever', author: 'anna', lang: 'en', publishedAt: at(3) },
      { id: '5', text: 'Nothing relevant here', author: 'dora', publishedAt: at(2) },
    ];
    // Open dashboards hear about new mentions (a live event per stored batch, none for duplicates).
    const live: { type: string; data?: Record<string, unknown>; permission?: string }[] = [];
    const unsubscribe = t.ctx.events.subscribe(workspaceId, (e) => live.push(e));
    await t.ctx.events.listening();
    const r = await c.request('POST', `${base}/sources/${importSource}/import`, ndjson(rows) + '\n{not json\n', { 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 6, stored: 5, duplicates: 0 });
    await expect.poll(() => live.filter((e) => e.type === 'listening.mentions.stored').length).toBe(1);
    expect(live.find((e) => e.type === 'listening.mentions.stored')).toMatchObject({ permission: 'listening.read', data: { stored: 5 } });
    expect(r.body.rejected).toEqual([{ line: 6, message: 'not valid JSON' }]);
    const again = await c.request('POST', `${base}/sources/${importSource}/import`, ndjson(rows.slice(0, 2)), { 'content-type': 'application/x-ndjson' });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(live.filter((e) => e.type === 'listening.mentions.stored')).toHaveLength(1);
    unsubscribe();
    const csv = `id,text,author,published_at\n6,"Musterbehörde und Beispielwesen, beide ""okay""",erik,${at(1)}\n7,,x,${at(1)}\n`;
    const rc = await c.request('POST', `${base}/sources/${importSource}/import`, csv, { 'content-type': 'text/csv' });
    expect(rc.body).toMatchObject({ stored: 1 });
    expect(rc.body.rejected[0].line).toBe(3);
    const health = await c.get(`${base}/sources/${importSource}`);
    expect(health.body.health).toMatchObject({ stored: 6, duplicates: 2 });
    // Each upload is audited: who, which format, how much came in and what became of it.
    const audits = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, importSource), eq(auditLog.action, 'listening_source.imported'))).orderBy(auditLog.id);
    expect(audits.map((a) => a.after)).toEqual([
      expect.objectContaining({ format: 'ndjson', received: 6, stored: 5, duplicates: 0, rejected: 1 }),
      expect.objectContaining({ format: 'ndjson', received: 2, stored: 0, duplicates: 2, rejected: 0 }),
      expect.objectContaining({ format: 'csv', received: 2, stored: 1, duplicates: 0, rejected: 1 }),
    ]);
    expect(audits.every((a) => a.actorUserId !== null)).toBe(true);
  });

  it('serves the dashboard from rollups: volume, sentiment, share of voice, top lists, languages', async () => {
    const d = await c.get(`${base}/dashboard?queryIds=${orgQ}&interval=day&from=${at(48)}&to=${now.toISOString()}`);
    expect(d.status).toBe(200);
    expect(d.body.total).toBe(4);
    expect(d.body.sentiment.negative).toBeGreaterThanOrEqual(2);
    expect(d.body.series.reduce((s: number, p: { volume: number }) => s + p.volume, 0)).toBe(4);
    expect(d.body.topAuthors[0]).toEqual({ key: 'anna', count: 2 });
    expect(d.body.topHashtags).toEqual([{ key: 'lob', count: 1 }]);
    expect(d.body.languages.map((l: { key: string }) => l.key).sort()).toEqual(['de', 'en']);
    const sov = Object.fromEntries(d.body.shareOfVoice.map((s: { kind: string; share: number }) => [s.kind, s.share]));
    expect(sov.competitor).toBeCloseTo(2 / 6, 3);
    const all = await c.get(`${base}/dashboard?interval=hour&tz=Europe/Berlin&from=${at(48)}`);
    expect(all.body.series.length).toBeGreaterThan(3);
    // Each mention once, however many queries matched it: 1, 2, 3, 4 and 6 (per-query sums would say 9).
    expect(all.body.total).toBe(5);
    expect(all.body.series.reduce((s: number, p: { volume: number }) => s + p.volume, 0)).toBe(5);
    const group = await c.get(`${base}/dashboard?groupId=${topicGroup}&interval=day&from=${at(48)}`);
    expect(group.body.total).toBe(2);
    expect(group.body.sentiment.positive + group.body.sentiment.neutral + group.body.sentiment.negative).toBe(2);
    expect(group.body.shareOfVoice.find((s: { kind: string }) => s.kind === 'selection')).toMatchObject({ volume: 2 });
    expect((await c.get(`${base}/dashboard?tz=Mars/Olympus`)).status).toBe(400);
  });

  it('keeps the set and scope rollups equal to what migration 0019 backfills from the query links', async () => {
    const rows = (sql: string) => t.ctx.database.pool.query(sql, [workspaceId]).then((r) => r.rows.map((x) => JSON.stringify(x)).sort());
    const sets = () => rows(`SELECT bucket, query_ids::text[] AS ids, volume, negative, neutral, positive FROM listening_set_rollups WHERE workspace_id = $1`);
    const scopes = () => rows(`SELECT scope_id, bucket, volume, negative, neutral, positive FROM listening_scope_rollups WHERE workspace_id = $1`);
    const [setsByIngest, scopesByIngest] = [await sets(), await scopes()];
    expect(setsByIngest.length).toBeGreaterThan(4);
    expect(scopesByIngest.length).toBeGreaterThan(4);
    // A recount from the sets (what a membership change runs) gives the same scope rows.
    await t.ctx.database.db.transaction((tx) => recountAllScopes(tx, workspaceId));
    expect(await scopes()).toEqual(scopesByIngest);
    // The migration's backfill statements, run on this test's own database, give the same rows.
    const migration = readFileSync(new URL('../../db/migrations/0019_listening_set_rollups.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').map((x) => x.trim()).filter((x) => x.startsWith('-- Backfill'));
    expect(backfill).toHaveLength(2);
    await t.ctx.database.pool.query('DELETE FROM listening_scope_rollups');
    await t.ctx.database.pool.query('DELETE FROM listening_set_rollups');
    for (const statement of backfill) await t.ctx.database.pool.query(statement);
    expect(await sets()).toEqual(setsByIngest);
    expect(await scopes()).toEqual(scopesByIngest);
  });

  it('lists mentions newest first with filters and a cursor', async () => {
    const p1 = await c.get(`${base}/mentions?queryIds=${orgQ},${compQ}&limit=2&from=${at(48)}`);
    expect(p1.body.items.map((m: { externalId: string }) => m.externalId.split(':')[1])).toEqual(['6', '4']);
    expect(p1.body.items[0].queryIds.sort()).toEqual([orgQ, compQ].sort());
    const p2 = await c.get(`${base}/mentions?queryIds=${orgQ},${compQ}&limit=2&from=${at(48)}&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((m: { externalId: string }) => m.externalId.split(':')[1])).toEqual(['3', '2']);
    const neg = await c.get(`${base}/mentions?queryIds=${orgQ}&sentiment=negative&lang=en&from=${at(48)}`);
    expect(neg.body.items.map((m: { externalId: string }) => m.externalId.split(':')[1])).toEqual(['4']);
    expect((await c.get(`${base}/mentions?cursor=%%%`)).status).toBe(400);
  });

  it('previews an unsaved query against stored mentions', async () => {
    const r = await c.post(`${base}/queries:preview`, { query: 'musterbehörde NOT beispielwesen', days: 7 });
    expect(r.status).toBe(200);
    expect(r.body.matched).toBe(1);
    expect(r.body.items[0].text).toContain('Öffnungszeiten');
    expect((await c.post(`${base}/queries:preview`, { query: 'NOT x' })).status).toBe(400);
  });

  it('recounts the groups and "all queries" when a query moves to another group or is deleted', async () => {
    const total = async (scope: string) => (await c.get(`${base}/dashboard?${scope}&interval=day&from=${at(48)}`)).body.total as number;
    expect(await total(`groupId=${compGroup}`)).toBe(2);
    // 'Dank und Ärger' (mentions 1 and 2) joins the competitor group; mention 1 stays in the topic group through 'Hilfe'.
    expect((await c.patch(`${base}/queries/${topicA}`, { groupId: compGroup })).status).toBe(200);
    expect(await total(`groupId=${compGroup}`)).toBe(4);
    expect(await total(`groupId=${topicGroup}`)).toBe(1);
    const d = await c.get(`${base}/dashboard?groupId=${compGroup}&interval=day&from=${at(48)}`);
    expect(d.body.shareOfVoice.find((s: { kind: string }) => s.kind === 'competitor')).toMatchObject({ volume: 4 });
    // Deleting 'Muster' takes mention 3 (only it matched) out of "all queries"; mention 6 stays through 'Amt'.
    expect((await c.delete(`${base}/queries/${compQ}`)).status).toBe(200);
    expect(await total('')).toBe(4);
    expect(await total(`groupId=${compGroup}`)).toBe(2);
    // A deleted group's counts go with it.
    expect((await c.delete(`${base}/topic-groups/${topicGroup}`)).status).toBe(200);
    const left = await t.ctx.database.pool.query('SELECT count(*)::int AS n FROM listening_scope_rollups WHERE scope_id = $1', [topicGroup]);
    expect(left.rows[0].n).toBe(0);
  });
});

describe('webhook source', () => {
  it('accepts HMAC-signed deliveries and rejects wrong signatures; bearer mode', async () => {
    const s = await c.post(`${base}/sources`, { kind: 'webhook', name: 'Partner', config: { auth: 'hmac' } });
    expect(s.body.secret).toHaveLength(43);
    const url = `/api/v1/listening/hooks/${s.body.id}`;
    const body = JSON.stringify({ items: [{ id: 'w1', text: 'Beispielwesen im Radio', author: 'radio' }] });
    const sig = `sha256=${createHmac('sha256', s.body.secret).update(body).digest('hex')}`;
    const anon = new TestClient(t.app);
    const ok = await anon.request('POST', url, body, { 'content-type': 'application/json', 'x-resonanz-signature': sig });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ received: 1, stored: 1 });
    const bad = await anon.request('POST', url, body.replace('Radio', 'TV'), { 'content-type': 'application/json', 'x-resonanz-signature': sig });
    expect(bad.status).toBe(401);
    const b = await c.post(`${base}/sources`, { kind: 'webhook', name: 'Bearer', config: { auth: 'bearer' } });
    const one = JSON.stringify({ id: 'b1', text: 'hallo' });
    expect((await anon.request('POST', `/api/v1/listening/hooks/${b.body.id}`, one, { 'content-type': 'application/json', authorization: `Bearer ${b.body.secret}` })).status).toBe(200);
    expect((await anon.request('POST', `/api/v1/listening/hooks/${b.body.id}`, one, { 'content-type': 'application/json', authorization: 'Bearer nope' })).status).toBe(401);
    const list = await c.get(`${base}/sources`);
    expect(list.body.items.every((x: Record<string, unknown>) => !('secret' in x))).toBe(true);
  });
});
