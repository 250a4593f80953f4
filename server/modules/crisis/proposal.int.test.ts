import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { AlertEvaluator } from '../listening/alerts/alert-runner.ts';
import { processBatch } from '../listening/ingest/ingest-pipeline.ts';
import { listeningQueries } from '../listening/listening.schema.ts';
import { createAnalyzer } from '../listening/nlp/sentiment-analyzer.ts';
import { matcherFor } from '../listening/workspace-matcher.ts';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import { notifications } from '../notifications/notifications.schema.ts';
import { inboxItems } from '../inbox/inbox.schema.ts';
import { crisisContacts } from './crisis.schema.ts';
import { buildCrisisTeam, preparedPlaybook, type CrisisTeam } from './crisis-fixtures.ts';
import { crisisInboxPolicy, crisisSlaTargets } from './crisis-inbox.ts';
import { proposeForSignal } from './crisis-hooks.ts';
import { flushCrisisDeliveries, setCrisisWebhookFetch } from './crisis-webhooks.ts';
import { crisisTick } from './crisis.worker.ts';

let t: TestApp;
let team: CrisisTeam;
let base: string;
let queryId: string;
let playbookId: string;
const now = new Date('2026-03-16T10:30:00Z');
const hooks: { url: string; body: string; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(now);
  setCrisisWebhookFetch(async (url, init) => {
    hooks.push({ url, body: init.body, headers: init.headers });
    return { ok: true, status: 200 };
  });
  team = await buildCrisisTeam(t.app, t.ctx.database);
  base = `/api/v1/workspaces/${team.workspaceId}`;
  const q = await team.as.owner.post(`${base}/listening/queries`, { name: 'Amt', query: 'beispielwesen', alertSensitivity: 'medium', alertMinMentions: 10 });
  queryId = q.body.id;
  await t.ctx.database.db.update(listeningQueries).set({ createdAt: new Date(now.getTime() - 40 * 86_400_000) }).where(eq(listeningQueries.id, queryId));
  await t.ctx.database.pool.query(
    `INSERT INTO listening_rollups (query_id, bucket, volume, negative, neutral, positive)
     SELECT $1, b, 12, 3, 6, 3 FROM generate_series(date_trunc('hour', $2::timestamptz) - interval '29 days', date_trunc('hour', $2::timestamptz) - interval '1 hour', interval '1 hour') b`,
    [queryId, now],
  );
  const trigger = { kind: 'listening_spike', queryId, alertKinds: ['volume', 'negative_share'], minScore: 0 };
  playbookId = (await preparedPlaybook(team, {
    queryId,
    levels: [
      { level: 1, name: 'Beobachten', description: '', triggers: [] },
      { level: 2, name: 'Krise', description: '', triggers: [trigger as never] },
      { level: 3, name: 'Großlage', description: '', triggers: [{ ...trigger, minScore: 90 } as never] },
    ],
    team: [{ label: 'CvD', member: { kind: 'duty_editor' }, substituteUserId: team.ids.owner, escalateAfterMinutes: 10 }],
  })).playbookId;
  const wh = await team.as.cvd.post(`${base}/crisis/webhooks`, { name: 'Krisenstab', format: 'slack', url: 'https://hooks.example.org/crisis', secret: 'a-crisis-webhook-secret' });
  expect(wh.status).toBe(201);
  expect(wh.body).toMatchObject({ host: 'hooks.example.org', signed: true });
  expect(JSON.stringify(wh.body)).not.toContain('/crisis');
});
afterAll(async () => {
  setCrisisWebhookFetch(null);
  await t.close();
});

describe('a spike proposes a crisis; a person confirms', () => {
  let crisisId: string;

  it('turns a spike alert that matches a playbook trigger into a proposal for the duty editor (in-app, e-mail, webhook)', async () => {
    const evaluator = new AlertEvaluator(t.ctx, { fetch: async () => ({ ok: true, status: 200 }) });
    const spike = Array.from({ length: 40 }, (_, i) => ({
      workspaceId: team.workspaceId, sourceId: null, network: 'import', externalId: `s${i}`, url: null, author: `u${i}`, authorName: null, title: null,
      text: `Das Beispielwesen lügt, eine Katastrophe! ${i}`, lang: 'de', publishedAt: new Date(now.getTime() - 3 * 60_000 + i * 2000),
    }));
    await processBatch({ database: t.ctx.database, analyzer: createAnalyzer(), matcher: matcherFor(t.ctx.database), clock: t.ctx.clock }, spike);
    expect((await evaluator.evaluate(now)).length).toBeGreaterThanOrEqual(1);

    const state = await team.as.cvd.get(`${base}/crisis/state`);
    expect(state.body.active).toBeNull();
    expect(state.body.proposal).toMatchObject({ state: 'proposed', severity: 2, playbookId, queryId, trigger: { kind: 'listening_alert', queryId } });
    crisisId = state.body.proposal.id;
    // Employees see no proposal (only the banner of an active crisis).
    expect((await team.as.employee.get(`${base}/crisis/state`)).body.proposal).toBeNull();

    const notes = await t.ctx.database.db.select().from(notifications).where(and(eq(notifications.workspaceId, team.workspaceId), eq(notifications.kind, 'crisis.proposed')));
    expect(notes.map((n) => n.userId).sort()).toEqual([team.ids.cvd, team.ids.owner].sort());
    await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now());
    expect(t.mails.some((m) => m.subject.startsWith('Resonanz: Krisenfall vorgeschlagen'))).toBe(true);
    await flushCrisisDeliveries();
    const slack = hooks.find((h) => JSON.parse(h.body).text?.includes('Falschmeldung'))!;
    expect(slack.url).toBe('https://hooks.example.org/crisis');
    expect(JSON.parse(slack.body).blocks[2].elements[0].url).toBe(`${t.ctx.config.publicUrl}/crisis/${crisisId}`);
    expect(slack.headers['x-resonanz-signature']).toBe(`sha256=${createHmac('sha256', 'a-crisis-webhook-secret').update(slack.body).digest('hex')}`);
  });

  it('adds a further signal to the open proposal instead of proposing again', async () => {
    const again = await proposeForSignal(t.ctx, team.workspaceId, { kind: 'listening_spike', queryId, alertKind: 'volume', score: 9 }, { kind: 'test' }, { de: 'noch ein Ausschlag', en: 'another spike' }, now);
    expect(again).toBeNull();
    const rm = (await team.as.cvd.get(`${base}/crises/${crisisId}/room`)).body;
    expect(rm.events.map((e: { kind: string }) => e.kind)).toContain('signal');
  });

  it('is confirmed only by a person who may declare a crisis', async () => {
    expect((await team.as.approver.post(`${base}/crises/${crisisId}/confirm`, { reason: 'x' })).status).toBe(403);
    const ok = await team.as.cvd.post(`${base}/crises/${crisisId}/confirm`, { reason: 'Falschmeldung bestätigt' });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('active');
    expect(ok.body.pauseEffectiveMs).toBeGreaterThanOrEqual(0);
    const twice = await team.as.owner.post(`${base}/crises/${crisisId}/confirm`, { reason: 'y' });
    expect(twice.body.code).toBe('crisis_already_active');
  });

  it('routes matching inbox items to the crisis team with crisis SLA targets', async () => {
    const policy = await crisisInboxPolicy(t.ctx.database.db, team.workspaceId);
    expect(policy).toMatchObject({ crisisId, priority: 'crisis', teamUserIds: [team.ids.cvd], sla: { firstResponseMinutes: 15, resolutionMinutes: 120 } });
    expect(policy!.matches({ text: 'Was ist beim Beispielwesen los?' })).toBe(true);
    expect(policy!.matches({ text: 'Schönes Wetter heute' })).toBe(false);
    expect(await crisisSlaTargets(t.ctx.database.db, team.workspaceId, { text: 'Schönes Wetter' })).toBeNull();
    expect(await crisisSlaTargets(t.ctx.database.db, team.workspaceId, { text: '#Beispielwesen antwortet nicht' })).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 120 });
  });

  it('shows the inbox items the inbox marked as crisis items in the room', async () => {
    const item = (id: string, priority: string) => ({
      workspaceId: team.workspaceId, network: 'bluesky', externalId: id, dedupeKey: `bluesky:${id}`, kind: 'comment', text: `Was ist beim Beispielwesen los? ${id}`,
      conversationKey: id, receivedAt: new Date(now.getTime() - 60_000), priority, sentiment: -1,
    });
    await t.ctx.database.db.insert(inboxItems).values([item('crisis-1', 'crisis'), item('normal-1', 'normal')]);
    const rm = (await team.as.cvd.get(`${base}/crises/${crisisId}/room`)).body;
    expect(rm.inboxConnected).toBe(true);
    const inbox = rm.feed.filter((f: { kind: string }) => f.kind === 'inbox');
    expect(inbox.map((f: { text: string }) => f.text)).toEqual(['Was ist beim Beispielwesen los? crisis-1']);
    expect(inbox[0].sentiment).toBe('negative');
  });

  it('escalates an unacknowledged call to the substitute', async () => {
    expect((await crisisTick(t.ctx, new Date(now.getTime() + 5 * 60_000))).escalated).toBe(0);
    expect((await crisisTick(t.ctx, new Date(now.getTime() + 11 * 60_000))).escalated).toBe(1);
    expect((await crisisTick(t.ctx, new Date(now.getTime() + 12 * 60_000))).escalated).toBe(0);
    const contacts = await t.ctx.database.db.select().from(crisisContacts).where(eq(crisisContacts.crisisId, crisisId));
    expect(contacts.map((k) => [k.userId, k.substituteFor])).toEqual(expect.arrayContaining([[team.ids.cvd, null], [team.ids.owner, team.ids.cvd]]));
  });

  it('ends, and a dismissed proposal is no crisis', async () => {
    expect((await team.as.cvd.post(`${base}/crises/${crisisId}/end`, { summary: 'vorbei', heldBack: 'review' })).status).toBe(200);
    expect(await crisisInboxPolicy(t.ctx.database.db, team.workspaceId)).toBeNull();
    const id = await proposeForSignal(t.ctx, team.workspaceId, { kind: 'listening_spike', queryId, alertKind: 'negative_share', score: 5 }, { kind: 'test' }, { de: 'wieder', en: 'again' }, now);
    expect(id).not.toBeNull();
    expect((await team.as.cvd.post(`${base}/crises/${id}/end`, { summary: 'x', heldBack: 'review' })).body.code).toBe('crisis_not_active');
    const d = await team.as.cvd.post(`${base}/crises/${id}/dismiss`, { reason: 'Einzelstimmen, kein Krisenfall' });
    expect(d.body.state).toBe('dismissed');
    expect((await team.as.cvd.post(`${base}/crises/${id}/confirm`, { reason: 'doch' })).body.code).toBe('crisis_not_proposed');
    // No trigger matches a query the playbooks do not watch.
    expect(await proposeForSignal(t.ctx, team.workspaceId, { kind: 'listening_spike', queryId: team.workspaceId, alertKind: 'volume', score: 50 }, {}, { de: '', en: '' }, now)).toBeNull();
  });
});
