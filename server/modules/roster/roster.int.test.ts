/** Roster API: shifts and absences with audit rows, field-named errors, permissions, the calendar view and the iCal feed. */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { dutyEditorAt, rosterSubstitute } from '../crisis/roster-lookup.ts';
import { channels } from '../publishing/publishing.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const cm = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
const cm2 = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
const cvd = await buildMember(t.ctx.database, workspace.id, ['duty_editor']);
const stranger = (await buildWorkspace(t.ctx.database)).owner;
const [ch] = await db.insert(channels).values({ workspaceId: workspace.id, network: 'bluesky', name: 'Amt auf Bluesky' }).returning();
const base = `/api/v1/workspaces/${workspace.id}/roster`;
const boss = await loggedIn(t.app, cvd.email);

describe('roster API', () => {
  it('creates weekly shifts and writes an audit row', async () => {
    const r = await boss.post(`${base}/shifts`, { duty: 'channel', channelId: ch!.id, userId: cm.id, recurrence: 'weekly', weekday: 1, startTime: '08:00', endTime: '16:00' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ duty: 'channel', channelId: ch!.id, weekday: 1, startTime: '08:00' });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'roster.shift.created'), eq(auditLog.objectId, r.body.id)));
    expect(audit).toHaveLength(1);
    expect((await boss.post(`${base}/shifts`, { duty: 'duty_editor', userId: cvd.id, recurrence: 'weekly', weekday: 1, startTime: '07:00', endTime: '19:00' })).status).toBe(201);
  });

  it('names the wrong field', async () => {
    const noEnd = await boss.post(`${base}/shifts`, { duty: 'channel', userId: cm.id, recurrence: 'once', startsAt: '2025-01-18T08:00:00Z' });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.errors.map((e: { path: string }) => e.path)).toContain('body.endsAt');
    const badDay = await boss.post(`${base}/shifts`, { duty: 'channel', userId: cm.id, recurrence: 'weekly', weekday: 8, startTime: '08:00', endTime: '16:00' });
    expect(badDay.body.errors.map((e: { path: string }) => e.path)).toContain('body.weekday');
    const badTime = await boss.post(`${base}/shifts`, { duty: 'channel', userId: cm.id, recurrence: 'weekly', weekday: 2, startTime: '25:00', endTime: '16:00' });
    expect(badTime.body.errors.map((e: { path: string }) => e.path)).toContain('body.startTime');
    const cvdChannel = await boss.post(`${base}/shifts`, { duty: 'duty_editor', channelId: ch!.id, userId: cvd.id, recurrence: 'weekly', weekday: 2, startTime: '08:00', endTime: '16:00' });
    expect(cvdChannel.body.errors.map((e: { path: string }) => e.path)).toContain('body.channelId');
    const outsider = await boss.post(`${base}/shifts`, { duty: 'channel', userId: stranger.id, recurrence: 'weekly', weekday: 2, startTime: '08:00', endTime: '16:00' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.errors).toEqual([{ path: 'body.userId', message: 'not a member of this workspace' }]);
    const backwards = await boss.post(`${base}/absences`, { userId: cm.id, startsAt: '2025-01-14T00:00:00Z', endsAt: '2025-01-13T00:00:00Z' });
    expect(backwards.body.errors.map((e: { path: string }) => e.path)).toContain('body.endsAt');
  });

  it('only roles with community.manage change the roster; community managers read it', async () => {
    const c = await loggedIn(t.app, cm.email);
    expect((await c.post(`${base}/shifts`, { duty: 'channel', userId: cm.id, recurrence: 'weekly', weekday: 3, startTime: '08:00', endTime: '16:00' })).status).toBe(403);
    expect((await c.get(`${base}/shifts`)).status).toBe(200);
  });

  it('the calendar shows who covers each shift, the substitute during an absence', async () => {
    const abs = await boss.post(`${base}/absences`, { userId: cm.id, substituteId: cm2.id, startsAt: '2025-01-20T00:00:00+01:00', endsAt: '2025-01-25T00:00:00+01:00', note: 'Urlaub' });
    expect(abs.status).toBe(201);
    const cal = await boss.get(`${base}/calendar?from=2025-01-13T00:00:00Z&to=2025-01-27T00:00:00Z`);
    expect(cal.status).toBe(200);
    const channelShifts = cal.body.events.filter((e: { duty: string }) => e.duty === 'channel');
    expect(channelShifts.map((e: { start: string; coveredBy: string }) => [e.start, e.coveredBy])).toEqual([
      ['2025-01-13T07:00:00.000Z', cm.id],
      ['2025-01-20T07:00:00.000Z', cm2.id],
    ]);
    expect(cal.body.absences).toHaveLength(1);
    const tooLong = await boss.get(`${base}/calendar?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe('querystring.to');
  });

  it('answers who is on duty and feeds the crisis contact chain', async () => {
    const now = await boss.get(`${base}/on-duty?channelId=${ch!.id}&at=2025-01-20T09:00:00Z`);
    // cm is on leave (20–25 Jan, Berlin time) with cm2 standing in: the assignee picker shows it.
    expect(now.body).toEqual({ at: '2025-01-20T09:00:00.000Z', userIds: [cm2.id], dutyEditorIds: [cvd.id], absent: [{ userId: cm.id, until: '2025-01-24T23:00:00.000Z', substituteId: cm2.id }] });
    const before = await boss.get(`${base}/on-duty?at=2025-01-19T22:59:00Z`);
    expect(before.body.absent).toEqual([]);
    expect(await dutyEditorAt(db, workspace.id, new Date('2025-01-20T09:00:00Z'))).toBe(cvd.id);
    expect(await rosterSubstitute(db, workspace.id, cm.id, new Date('2025-01-20T09:00:00Z'))).toBe(cm2.id);
  });

  it('exports the roster as an iCal feed with the substitute named', async () => {
    t.clock.set(new Date('2025-01-15T12:00:00Z'));
    const c = await loggedIn(t.app, cm2.email);
    const created = await c.post(`/api/v1/workspaces/${workspace.id}/calendar-feeds`, { kind: 'roster' });
    expect(created.status).toBe(201);
    const feed = await t.app.inject({ method: 'GET', url: new URL(created.body.url).pathname });
    expect(feed.statusCode).toBe(200);
    const ics = feed.body.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('DTSTART:20250120T070000Z');
    expect(ics).toContain(`SUMMARY:★ Amt auf Bluesky: ${cm2.name}`);
    expect(ics).toContain(`Vertretung für ${cm.name}`);
  });

  it('deletes shifts and absences, 404 for foreign ids', async () => {
    const list = (await boss.get(`${base}/shifts`)).body.items;
    expect((await boss.delete(`${base}/shifts/${list[0].id}`)).status).toBe(200);
    expect((await boss.delete(`${base}/shifts/${list[0].id}`)).status).toBe(404);
    const o = await loggedIn(t.app, owner.email);
    expect((await o.get(`${base}/shifts`)).body.items).toHaveLength(list.length - 1);
  });
});
