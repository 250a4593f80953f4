import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createFakeNetwork, type FakeNetwork } from '../publishing/fake-provider.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { posts, publishingSettings } from '../publishing/publishing.schema.ts';
import { crisisDrillItems } from './crisis.schema.ts';
import { buildCrisisTeam, connectedChannel, preparedPlaybook, type CrisisTeam } from './crisis-fixtures.ts';

let t: TestApp;
let team: CrisisTeam;
let net: FakeNetwork;
let base: string;
let channelId: string;
let prepared: Awaited<ReturnType<typeof preparedPlaybook>>;
const providerCalls: string[] = [];
const start = new Date('2026-05-04T09:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(start);
  net = createFakeNetwork('bluesky');
  // Any provider lookup is recorded: a drill must never even ask for one.
  setPublishingDeps(t.ctx, { providers: (n) => (providerCalls.push(n), net.provider) });
  team = await buildCrisisTeam(t.app, t.ctx.database);
  base = `/api/v1/workspaces/${team.workspaceId}`;
  prepared = await preparedPlaybook(team);
  channelId = (await connectedChannel(t.ctx.database, t.ctx.secrets, team.workspaceId)).id;
});
afterAll(async () => t.close());

describe('drills', () => {
  let drillId: string;

  it('needs crisis.prepare and injects a rising, negative German scenario into the sandbox only', async () => {
    expect((await team.as.editor.post(`${base}/drills`, { playbookId: prepared.playbookId })).status).toBe(403);
    const r = await team.as.strategist.post(`${base}/drills`, { playbookId: prepared.playbookId, durationMinutes: 30 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ drill: true, state: 'active' });
    drillId = r.body.id;
    const again = await team.as.strategist.post(`${base}/drills`, { playbookId: prepared.playbookId });
    expect(again.body.code).toBe('drill_already_active');

    const items = await t.ctx.database.db.select().from(crisisDrillItems).where(eq(crisisDrillItems.crisisId, drillId));
    expect(items.length).toBeGreaterThan(30);
    const firstThird = items.filter((i) => i.at.getTime() < start.getTime() + 10 * 60_000).length;
    const lastThird = items.filter((i) => i.at.getTime() >= start.getTime() + 20 * 60_000).length;
    expect(lastThird).toBeGreaterThan(3 * firstThird);
    expect(items.filter((i) => i.sentiment < 0).length / items.length).toBeGreaterThan(0.6);
    expect(items.some((i) => i.kind === 'comment')).toBe(true);
    // A drill is no system state: publishing is not paused, the approval path is the normal one.
    const [s] = await t.ctx.database.db.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, team.workspaceId));
    expect(s?.paused ?? false).toBe(false);
    const post = await team.as.editor.post(`${base}/posts`, { text: 'Normaler Beitrag', channelIds: [channelId] });
    expect(post.body.approval.steps[0].name).toBe('Redaktion');
  });

  it('is marked as a drill: visible to the crisis team, not to everyone; the room shows only what has arrived', async () => {
    expect((await team.as.employee.get(`${base}/crisis/state`)).body).toMatchObject({ active: null, drill: null });
    const state = (await team.as.cvd.get(`${base}/crisis/state`)).body;
    expect(state.drill.id).toBe(drillId);
    expect(state.myContact).toMatchObject({ crisisId: drillId });
    const early = (await team.as.cvd.get(`${base}/crises/${drillId}/room`)).body;
    t.clock.set(new Date(start.getTime() + 25 * 60_000));
    const later = (await team.as.cvd.get(`${base}/crises/${drillId}/room`)).body;
    expect(later.feed.length).toBeGreaterThan(early.feed.length);
    expect(later.timeline.reduce((n: number, b: { volume: number }) => n + b.volume, 0)).toBe(later.feed.length);
  });

  it('never publishes: releasing a drill statement is refused before publishing or any provider is touched', async () => {
    const postsBefore = (await t.ctx.database.db.select().from(posts).where(eq(posts.workspaceId, team.workspaceId))).length;
    const s = await team.as.cvd.post(`${base}/crises/${drillId}/statements`, { holdingStatementId: prepared.holdingId, channelIds: [channelId] });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ postId: null, preApproved: true, targets: [] });
    const rel = await team.as.cvd.post(`${base}/crises/${drillId}/statements/${s.body.id}/release`);
    expect(rel.status).toBe(409);
    expect(rel.body.code).toBe('drill_no_publish');
    expect((await t.ctx.database.db.select().from(posts).where(eq(posts.workspaceId, team.workspaceId))).length).toBe(postsBefore);
    expect(providerCalls).toEqual([]);
    expect(net.sent).toEqual([]);
    expect((await team.as.cvd.post(`${base}/crises/${drillId}/end`, { summary: 'x', heldBack: 'review' })).body.code).toBe('is_a_drill');
  });

  it('ends with a drill report: response times of acknowledgements and handled comments; readiness counts it', async () => {
    t.clock.set(new Date(start.getTime() + 26 * 60_000));
    await team.as.cvd.post(`${base}/crises/${drillId}/acknowledge`);
    const rm = (await team.as.cvd.get(`${base}/crises/${drillId}/room`)).body;
    const item = rm.feed.find((f: { kind: string }) => f.kind === 'comment');
    expect((await team.as.analyst.post(`${base}/crises/${drillId}/drill-items/${item.id}/handle`)).status).toBe(200);
    const end = await team.as.strategist.post(`${base}/drills/${drillId}/end`, { summary: 'Gut geübt.' });
    expect(end.status).toBe(200);
    const report = (await team.as.cvd.get(`${base}/crises/${drillId}/report`)).body;
    expect(report.crisis.drill).toBe(true);
    expect(report.responseTimes.acknowledgements.find((a: { minutes: number | null }) => a.minutes !== null).minutes).toBe(26);
    expect(report.responseTimes.medianHandleMinutes).toBeGreaterThan(0);
    expect(report.totals.handled).toBe(1);
    expect(report.statements).toHaveLength(1);
    expect(report.statements[0].published).toBe(false);
    const pdf = await t.app.inject({ method: 'GET', url: `${base}/crises/${drillId}/report.pdf?lang=en`, headers: { cookie: team.as.cvd.cookie } });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const readiness = (await team.as.owner.get(`${base}/readiness`)).body;
    const items = readiness.areas.find((a: { key: string }) => a.key === 'crisis').items;
    expect(items.find((i: { id: string }) => i.id === 'crisis.drill').status).toBe('done');
    expect(items.find((i: { id: string }) => i.id === 'crisis.playbook')).toMatchObject({ status: 'done' });
    expect(items.find((i: { id: string }) => i.id === 'crisis.playbook').reason.de).toContain('Letzte Übung: 2026-05-04');
  });
});
