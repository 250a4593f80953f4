import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, type TestClient } from '../../../test/client.ts';
import { buildWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { processBatch } from '../ingest/ingest-pipeline.ts';
import { listeningQueries } from '../listening.schema.ts';
import { createAnalyzer } from '../nlp/sentiment-analyzer.ts';
import { matcherFor } from '../workspace-matcher.ts';
import { AlertEvaluator } from './alert-runner.ts';

let t: TestApp;
let c: TestClient;
let ws: string;
const now = new Date('2026-03-16T10:30:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(now);
  const { workspace, owner } = await buildWorkspace(t.ctx.database);
  ws = workspace.id;
  c = await loggedIn(t.app, owner.email);
});
afterAll(async () => t.close());

describe('spike alerts', () => {
  it('raises one alert for an injected spike and notifies in-app, by e-mail and by webhook', async () => {
    const base = `/api/v1/workspaces/${ws}/listening`;
    const q = (await c.post(`${base}/queries`, { name: 'Amt', query: 'beispielwesen', alertSensitivity: 'medium', alertMinMentions: 10 })).body;
    await t.ctx.database.db.update(listeningQueries).set({ createdAt: new Date(now.getTime() - 40 * 86_400_000) }).where(eq(listeningQueries.id, q.id));
    // Four weeks of quiet history: 12 mentions an hour, a quarter of them negative.
    await t.ctx.database.pool.query(
      `INSERT INTO listening_rollups (query_id, bucket, volume, negative, neutral, positive)
       SELECT $1, b, 12, 3, 6, 3 FROM generate_series(date_trunc('hour', $2::timestamptz) - interval '29 days', date_trunc('hour', $2::timestamptz) - interval '1 hour', interval '1 hour') b`,
      [q.id, now],
    );
    expect((await c.post(`${base}/alert-channels`, { kind: 'email', name: 'Lage', target: 'lage@example.org' })).status).toBe(201);
    expect((await c.post(`${base}/alert-channels`, { kind: 'webhook', name: 'Slack', target: 'https://hooks.example.org/x', format: 'slack', secret: 'a-webhook-secret-1234' })).status).toBe(201);
    const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
    const evaluator = new AlertEvaluator(t.ctx, { fetch: async (url, init) => { calls.push({ url, headers: init.headers, body: init.body }); return { ok: true, status: 200 }; } });

    expect(await evaluator.evaluate(now)).toEqual([]);
    const spike = Array.from({ length: 30 }, (_, i) => ({
      workspaceId: ws, sourceId: null, network: 'import', externalId: `s${i}`, url: null, author: `u${i}`, authorName: null, title: null,
      text: `Das Beispielwesen ist eine Katastrophe, furchtbar! ${i}`, lang: 'de', publishedAt: new Date(now.getTime() - 2 * 60_000 + i * 1000),
    }));
    await processBatch({ database: t.ctx.database, analyzer: createAnalyzer(), matcher: matcherFor(t.ctx.database), clock: t.ctx.clock }, spike);
    const raised = await evaluator.evaluate(now);
    expect(raised.length).toBeGreaterThanOrEqual(1);
    // Cool-down: the next minute does not alarm again.
    expect(await evaluator.evaluate(new Date(now.getTime() + 60_000))).toEqual([]);

    const alerts = (await c.get(`${base}/alerts`)).body.items;
    expect(alerts.map((a: { kind: string }) => a.kind)).toContain('volume');
    const vol = alerts.find((a: { kind: string }) => a.kind === 'volume');
    expect(vol.observed).toBe(30);
    expect(vol.deliveries.every((d: { ok: boolean }) => d.ok)).toBe(true);
    const notes = (await c.get(`${base.replace('/listening', '')}/notifications?unread=true`)).body.items;
    expect(notes.length).toBe(raised.length);
    expect(notes[0].body).toMatch(/Amt/);
    expect(t.mails.filter((m) => m.to === 'lage@example.org').length).toBe(raised.length);
    expect(calls.length).toBe(raised.length);
    const slack = JSON.parse(calls[0]!.body);
    expect(slack.text).toMatch(/Amt/);
    expect(calls[0]!.headers['x-resonanz-signature']).toBe(`sha256=${createHmac('sha256', 'a-webhook-secret-1234').update(calls[0]!.body).digest('hex')}`);
    expect((await c.post(`${base.replace('/listening', '')}/notifications/read`, {})).status).toBe(200);
    expect((await c.get(`${base.replace('/listening', '')}/notifications?unread=true`)).body.items).toEqual([]);
  });
});
