/** whoIsOnDuty and slaDueDates against real PostgreSQL: shifts, absences with substitutes, the CvD, targets from policies and the strategy. */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { slaDueDates } from '../sla/sla-targets.ts';
import { slaClosedDays, slaPolicies, slaSettings } from '../sla/sla.schema.ts';
import { strategyPlatforms } from '../strategy/strategy.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { substituteAt, whoIsOnDuty } from './duty.ts';
import { rosterAbsences, rosterShifts } from './roster.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace } = await buildWorkspace(t.ctx.database);
const other = await buildWorkspace(t.ctx.database);
const [anna, ben, cem, cvd, cvd2] = await Promise.all([
  buildMember(t.ctx.database, workspace.id, ['community_manager']),
  buildMember(t.ctx.database, workspace.id, ['community_manager']),
  buildMember(t.ctx.database, workspace.id, ['community_manager']),
  buildMember(t.ctx.database, workspace.id, ['duty_editor']),
  buildMember(t.ctx.database, workspace.id, ['duty_editor']),
]);
const [bsky] = await db.insert(channels).values({ workspaceId: workspace.id, network: 'bluesky', name: 'Bluesky' }).returning();
const [masto] = await db.insert(channels).values({ workspaceId: workspace.id, network: 'mastodon', name: 'Mastodon' }).returning();
const ws = workspace.id;
const weekly = (userId: string, duty: string, channelId: string | null, weekday: number, startTime: string, endTime: string) =>
  ({ workspaceId: ws, userId, duty, channelId, recurrence: 'weekly', weekday, startTime, endTime });
await db.insert(rosterShifts).values([
  weekly(anna.id, 'channel', bsky!.id, 1, '08:00', '16:00'),
  weekly(ben.id, 'channel', masto!.id, 1, '08:00', '16:00'),
  weekly(cem.id, 'channel', null, 1, '12:00', '20:00'),
  weekly(cvd.id, 'duty_editor', null, 1, '06:00', '22:00'),
  { workspaceId: ws, userId: cvd2.id, duty: 'duty_editor', recurrence: 'once', startsAt: new Date('2025-01-18T08:00:00Z'), endsAt: new Date('2025-01-18T16:00:00Z') },
]);
// Monday 2025-01-13 10:00 CET
const mon10 = new Date('2025-01-13T09:00:00Z');

describe('whoIsOnDuty', () => {
  it('names the people on the channel’s shifts and the duty editor', async () => {
    expect(await whoIsOnDuty(db, ws, bsky!.id, mon10)).toEqual({ userIds: [anna.id], dutyEditorIds: [cvd.id] });
    expect(await whoIsOnDuty(db, ws, masto!.id, mon10)).toEqual({ userIds: [ben.id], dutyEditorIds: [cvd.id] });
  });

  it('adds shifts for all channels, and answers for any channel when the item has none', async () => {
    const mon13 = new Date('2025-01-13T12:00:00Z');
    expect((await whoIsOnDuty(db, ws, bsky!.id, mon13)).userIds).toEqual([anna.id, cem.id]);
    expect(new Set((await whoIsOnDuty(db, ws, null, mon13)).userIds)).toEqual(new Set([anna.id, ben.id, cem.id]));
    expect((await whoIsOnDuty(db, ws, null, mon13)).userIds[2]).toBe(cem.id);
  });

  it('a one-off shift counts on its day only; nobody is on duty outside shifts', async () => {
    expect(await whoIsOnDuty(db, ws, bsky!.id, new Date('2025-01-18T10:00:00Z'))).toEqual({ userIds: [], dutyEditorIds: [cvd2.id] });
    expect(await whoIsOnDuty(db, ws, bsky!.id, new Date('2025-01-14T10:00:00Z'))).toEqual({ userIds: [], dutyEditorIds: [] });
  });

  it('gives an absent person’s shifts to their substitute (Vertretung), also for the CvD', async () => {
    const [a1] = await db.insert(rosterAbsences).values([
      { workspaceId: ws, userId: anna.id, substituteId: cem.id, startsAt: new Date('2025-01-13T00:00:00Z'), endsAt: new Date('2025-01-14T00:00:00Z') },
      { workspaceId: ws, userId: cvd.id, substituteId: cvd2.id, startsAt: new Date('2025-01-13T00:00:00Z'), endsAt: new Date('2025-01-14T00:00:00Z') },
    ]).returning();
    expect(await whoIsOnDuty(db, ws, bsky!.id, mon10)).toEqual({ userIds: [cem.id], dutyEditorIds: [cvd2.id] });
    expect(await substituteAt(db, ws, anna.id, mon10)).toBe(cem.id);
    expect(await substituteAt(db, ws, ben.id, mon10)).toBeNull();
    // The week after, anna is back.
    expect((await whoIsOnDuty(db, ws, bsky!.id, new Date('2025-01-20T09:00:00Z'))).userIds).toEqual([anna.id]);
    await db.delete(rosterAbsences).where(eq(rosterAbsences.workspaceId, ws));
    expect(a1).toBeDefined();
  });

  it('leaves out people who are no longer members', async () => {
    await db.delete(memberships).where(eq(memberships.userId, ben.id));
    expect((await whoIsOnDuty(db, ws, masto!.id, mon10)).userIds).toEqual([]);
  });

  it('does not see another workspace’s roster', async () => {
    expect(await whoIsOnDuty(db, other.workspace.id, null, mon10)).toEqual({ userIds: [], dutyEditorIds: [] });
  });
});

describe('slaDueDates', () => {
  // Friday 2025-01-17 17:30 CET
  const fri1730 = new Date('2025-01-17T16:30:00Z');

  it('defaults to 60 service minutes first response over the Mon–Fri 08–18 calendar', async () => {
    const d = await slaDueDates(db, ws, { channelId: bsky!.id, priority: 'normal', receivedAt: fri1730 });
    expect(d.firstResponseDueAt?.toISOString()).toBe('2025-01-20T07:30:00.000Z');
    expect(d.resolutionDueAt?.toISOString()).toBe('2025-01-21T16:30:00.000Z'); // 1200 service minutes
  });

  it('uses the platform strategy’s response time as the channel’s default, and policies above it', async () => {
    await db.insert(strategyPlatforms).values({ workspaceId: ws, network: 'bluesky', channelId: bsky!.id, responseTimeMinutes: 120 });
    expect((await slaDueDates(db, ws, { channelId: bsky!.id, priority: 'normal', receivedAt: fri1730 })).firstResponseMinutes).toBe(120);
    await db.insert(slaPolicies).values({ workspaceId: ws, channelId: bsky!.id, priority: 'urgent', firstResponseMinutes: 15 });
    expect((await slaDueDates(db, ws, { channelId: bsky!.id, priority: 'urgent', receivedAt: fri1730 })).firstResponseMinutes).toBe(15);
    expect((await slaDueDates(db, ws, { channelId: masto!.id, priority: 'urgent', receivedAt: fri1730 })).firstResponseMinutes).toBe(60);
  });

  it('closes on the state’s holidays and on custom closed days', async () => {
    await db.insert(slaSettings).values({ workspaceId: ws, federalState: 'BY' });
    // Friday 2025-01-03 17:30 → Monday 6th is a holiday in Bavaria → Tuesday 08:30
    const d = await slaDueDates(db, ws, { channelId: masto!.id, priority: null, receivedAt: new Date('2025-01-03T16:30:00Z') });
    expect(d.firstResponseDueAt?.toISOString()).toBe('2025-01-07T07:30:00.000Z');
    await db.insert(slaClosedDays).values({ workspaceId: ws, date: '2025-01-07', label: 'Betriebsausflug' });
    const d2 = await slaDueDates(db, ws, { channelId: masto!.id, priority: null, receivedAt: new Date('2025-01-03T16:30:00Z') });
    expect(d2.firstResponseDueAt?.toISOString()).toBe('2025-01-08T07:30:00.000Z');
  });
});
