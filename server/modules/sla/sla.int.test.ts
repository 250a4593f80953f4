/** SLA: settings API, the monitor (warning, breach, once per item and stage, two workers), the report and the KPI collector. */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { inboxItems, inboxReplies } from '../inbox/inbox.schema.ts';
import { insertItem, setSlaDueDates, upsertAuthor } from '../inbox/item-store.ts';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import { notifications } from '../notifications/notifications.schema.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { rosterAbsences, rosterShifts } from '../roster/roster.schema.ts';
import { kpiValues } from '../strategy/strategy.schema.ts';
import { runKpiCollectors, storeSamples } from '../strategy/kpi-collectors.ts';
import { slaMonitorTick } from './sla-monitor.ts';
import { slaDueDates } from './sla-targets.ts';
import { slaNotices } from './sla.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace } = await buildWorkspace(t.ctx.database);
const ws = workspace.id;
const cm = await buildMember(t.ctx.database, ws, ['community_manager']);
const cvd = await buildMember(t.ctx.database, ws, ['duty_editor']);
const [ch] = await db.insert(channels).values({ workspaceId: ws, network: 'bluesky', name: 'Amt auf Bluesky' }).returning();
// The CvD is on duty Mon–Fri 07:00–20:00.
await db.insert(rosterShifts).values([1, 2, 3, 4, 5].map((weekday) => ({ workspaceId: ws, userId: cvd.id, duty: 'duty_editor', recurrence: 'weekly', weekday, startTime: '07:00', endTime: '20:00' })));
const author = await upsertAuthor(db, ws, { network: 'bluesky', externalId: 'did:plc:buerger', handle: 'buerger.bsky.social' }, new Date());

let seq = 0;
async function item(receivedAt: Date, over: { assigneeId?: string; firstResponseAt?: Date } = {}) {
  const { item: row } = await insertItem(db, {
    workspaceId: ws, channelId: ch!.id, network: 'bluesky', externalId: `at://x/${++seq}`, kind: 'reply', text: `Frage Nummer ${seq} zur Förderung`,
    language: 'de', sentiment: 0, sentimentScore: 0, authorId: author, receivedAt, assigneeId: over.assigneeId ?? null,
  }, receivedAt);
  await setSlaDueDates(db, row.id, await slaDueDates(db, ws, { channelId: ch!.id, priority: 'normal', receivedAt }));
  if (over.firstResponseAt) await db.update(inboxItems).set({ firstResponseAt: over.firstResponseAt }).where(eq(inboxItems.id, row.id));
  return row;
}

describe('SLA settings API', () => {
  it('reads defaults, replaces parts, audits, and names wrong fields', async () => {
    const c = await loggedIn(t.app, cvd.email);
    const url = `/api/v1/workspaces/${ws}/sla/settings`;
    const d = await c.get(url);
    expect(d.body).toMatchObject({ firstResponseMinutes: 60, warnAtPercent: 80, federalState: null, policies: [] });
    const put = await c.put(url, { federalState: 'BE', policies: [{ channelId: ch!.id, priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: null }], closedDays: [{ date: '2025-12-24', label: 'Heiligabend' }] });
    expect(put.status).toBe(200);
    expect(put.body.policies).toHaveLength(1);
    const bad = await c.put(url, { hours: { 1: [{ start: '18:00', end: '08:00' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^body\.hours\.1\.0/);
    const badState = await c.put(url, { federalState: 'XX' });
    expect(badState.body.errors[0].path).toBe('body.federalState');
    const cmc = await loggedIn(t.app, cm.email);
    expect((await cmc.put(url, { warnAtPercent: 50 })).status).toBe(403);
    await c.put(url, { federalState: null, policies: [], closedDays: [] });
  });
});

describe('SLA monitor', () => {
  it('warns the assignee and the CvD at 80 %, then notifies the breach, each once, with e-mail', async () => {
    // Wednesday 2025-01-15 10:00 CET: due 11:00, warning 10:48.
    const it1 = await item(new Date('2025-01-15T09:00:00Z'), { assigneeId: cm.id });
    expect(await slaMonitorTick(t.ctx, new Date('2025-01-15T09:40:00Z'))).toEqual({ warnings: 0, breaches: 0 });
    expect(await slaMonitorTick(t.ctx, new Date('2025-01-15T09:50:00Z'))).toEqual({ warnings: 1, breaches: 0 });
    expect(await slaMonitorTick(t.ctx, new Date('2025-01-15T09:55:00Z'))).toEqual({ warnings: 0, breaches: 0 });
    expect(await slaMonitorTick(t.ctx, new Date('2025-01-15T10:01:00Z'))).toEqual({ warnings: 0, breaches: 1 });
    expect(await slaMonitorTick(t.ctx, new Date('2025-01-15T10:30:00Z'))).toEqual({ warnings: 0, breaches: 0 });
    const notes = await db.select().from(notifications).where(eq(notifications.objectId, it1.id));
    expect(notes.map((n) => `${n.kind}:${n.userId === cm.id ? 'cm' : n.userId === cvd.id ? 'cvd' : '?'}`).sort()).toEqual(['sla.breached:cm', 'sla.breached:cvd', 'sla.warning:cm', 'sla.warning:cvd']);
    await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now());
    expect(t.mails.filter((m) => /Reaktionszeit überschritten/.test(m.subject ?? '')).map((m) => m.to).sort()).toEqual([cm.email, cvd.email].sort());
  });

  it('tells an absent assignee\'s substitute instead of the absent person', async () => {
    const away = await buildMember(t.ctx.database, ws, ['community_manager']);
    const stand = await buildMember(t.ctx.database, ws, ['community_manager']);
    await db.insert(rosterAbsences).values({ workspaceId: ws, userId: away.id, substituteId: stand.id, startsAt: new Date('2025-01-17T00:00:00Z'), endsAt: new Date('2025-01-18T00:00:00Z') });
    const it5 = await item(new Date('2025-01-17T09:00:00Z'), { assigneeId: away.id });
    expect((await slaMonitorTick(t.ctx, new Date('2025-01-17T10:05:00Z'))).breaches).toBe(1);
    const notes = await db.select().from(notifications).where(and(eq(notifications.objectId, it5.id), eq(notifications.kind, 'sla.breached')));
    expect(notes.map((n) => n.userId).sort()).toEqual([stand.id, cvd.id].sort());
  });

  it('two monitors running at once send each notice once', async () => {
    const it2 = await item(new Date('2025-01-16T09:00:00Z'));
    const at = new Date('2025-01-16T10:05:00Z');
    const [a, b] = await Promise.all([slaMonitorTick(t.ctx, at), slaMonitorTick(t.ctx, at)]);
    expect(a.breaches + b.breaches).toBe(1);
    expect(a.warnings + b.warnings).toBe(0); // already breached when first seen: the warning is superseded
    const rows = await db.select().from(slaNotices).where(eq(slaNotices.itemId, it2.id));
    expect(rows.map((r) => r.kind).sort()).toEqual(['breach', 'warning']);
    // Unassigned: the CvD on duty hears of it.
    const notes = await db.select().from(notifications).where(and(eq(notifications.objectId, it2.id), eq(notifications.kind, 'sla.breached')));
    expect(notes.map((n) => n.userId)).toEqual([cvd.id]);
  });

  it('answered items move to the resolution clock; done items are left alone', async () => {
    const it3 = await item(new Date('2025-01-20T09:00:00Z'), { firstResponseAt: new Date('2025-01-20T09:30:00Z') });
    expect((await slaMonitorTick(t.ctx, new Date('2025-01-20T10:30:00Z'))).breaches).toBe(0);
    // Resolution 1200 service minutes from Mon 10:00: 8 h Monday, 10 h Tuesday, 2 h Wednesday → Wed 10:00 CET.
    expect((await slaMonitorTick(t.ctx, new Date('2025-01-22T08:59:00Z'))).breaches).toBe(0);
    expect((await slaMonitorTick(t.ctx, new Date('2025-01-22T09:01:00Z'))).breaches).toBe(1);
    const rows = await db.select().from(slaNotices).where(eq(slaNotices.itemId, it3.id));
    expect(rows.map((r) => `${r.stage}:${r.kind}`).sort()).toEqual(['resolution:breach', 'resolution:warning']);
    const it4 = await item(new Date('2025-01-22T09:00:00Z'));
    await db.update(inboxItems).set({ status: 'done', resolvedAt: new Date('2025-01-22T09:10:00Z') }).where(eq(inboxItems.id, it4.id));
    await slaMonitorTick(t.ctx, new Date('2025-01-23T12:00:00Z'));
    expect(await db.select().from(slaNotices).where(eq(slaNotices.itemId, it4.id))).toHaveLength(0);
  });
});

describe('SLA report and KPI collector', () => {
  it('reports median, p90 and share within target by channel, person and week; CSV too', async () => {
    const base = new Date('2025-02-03T08:00:00Z'); // Monday 09:00 CET
    const minutes = [10, 20, 30, 40, 90];
    for (const [k, m] of minutes.entries()) {
      const row = await item(new Date(base.getTime() + k * 60_000), { firstResponseAt: new Date(base.getTime() + k * 60_000 + m * 60_000) });
      await db.insert(inboxReplies).values({ workspaceId: ws, itemId: row.id, authorId: cm.id, text: 'Danke!', contentHash: 'h', state: 'sent', sentAt: row.firstResponseAt ?? new Date() });
      await db.update(inboxItems).set({ firstResponseAt: new Date(base.getTime() + k * 60_000 + m * 60_000) }).where(eq(inboxItems.id, row.id));
    }
    const c = await loggedIn(t.app, cm.email);
    t.clock.set(new Date('2025-02-10T12:00:00Z'));
    const r = await c.get(`/api/v1/workspaces/${ws}/sla/report?from=2025-02-03&to=2025-02-09&groupBy=person`);
    expect(r.status).toBe(200);
    expect(r.body.total).toMatchObject({ items: 5, answered: 5, medianMinutes: 30, withinTargetShare: 80 });
    expect(r.body.total.p90Minutes).toBe(70);
    expect(r.body.rows).toEqual([expect.objectContaining({ key: cm.id, label: cm.name, answered: 5 })]);
    const w = await c.get(`/api/v1/workspaces/${ws}/sla/report?from=2025-02-03&to=2025-02-09&groupBy=week`);
    expect(w.text).toContain('rows');
    expect(w.body.rows.map((x: { key: string }) => x.key)).toEqual(['2025-W06']);
    const csv = await c.get(`/api/v1/workspaces/${ws}/sla/report.csv?from=2025-02-03&to=2025-02-09&groupBy=channel`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('key,label,items,answered,medianMinutes,p90Minutes,withinTargetShare,breachedOpen');
    expect(csv.text).toContain(`${ch!.id},Amt auf Bluesky,5,5,30,70,80,0`);
    const bad = await c.get(`/api/v1/workspaces/${ws}/sla/report?from=2025-02-09&to=2025-02-03`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.to');
  });

  it('feeds the strategy KPI series (median minutes, share within target)', async () => {
    const runs = await runKpiCollectors({ ctx: t.ctx, workspaceId: ws, from: '2025-02-03', to: '2025-02-03' }, storeSamples(ws, new Date()));
    expect(runs.find((r) => r.id === 'inbox.sla')).toMatchObject({ error: null });
    const vals = await db.select().from(kpiValues).where(and(eq(kpiValues.workspaceId, ws), eq(kpiValues.date, '2025-02-03')));
    expect(vals.find((v) => v.metric === 'inbox_first_response_minutes' && v.channel === '')?.value).toBe(30);
    expect(vals.find((v) => v.metric === 'inbox_within_target_share' && v.channel === ch!.id)?.value).toBe(80);
  });
});
