/** notify(): recipients by id and permission, languages, the live event, and the mail outbox. */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildUser, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { drainMailOutbox, retryDelayMs } from './mail-outbox.ts';
import { mailOutbox } from './notifications.schema.ts';
import { notify } from './notify.service.ts';
import type { RealtimeEvent } from '../realtime/event-bus.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const approver = await buildMember(t.ctx.database, workspace.id, ['approver']);
const english = await buildUser(t.ctx.database, { locale: 'en' });
await db.insert(memberships).values({ workspaceId: workspace.id, userId: english.id, roles: ['duty_editor'] });
const employee = await buildMember(t.ctx.database, workspace.id, ['employee']);
const stranger = await buildUser(t.ctx.database);

const msg = { kind: 'test.kind', title: { de: 'Freigabe erbeten', en: 'Approval requested' }, body: { de: 'Bitte prüfen', en: 'Please review' }, link: '/calendar/posts/1' };

describe('notify', () => {
  it('reaches the members holding a permission, except the actor, each in their language, with a live event', async () => {
    const seen: RealtimeEvent[] = [];
    const off = t.ctx.events.subscribe(workspace.id, (e) => seen.push(e));
    await t.ctx.events.listening();
    const ids = await db.transaction((tx) => notify(tx, t.ctx, { workspaceId: workspace.id, permission: 'posts.approve', exceptUserIds: [owner.id], ...msg }));
    expect(new Set(ids)).toEqual(new Set([approver.id, english.id]));
    const c = new TestClient(t.app);
    await c.login(english.email);
    const list = await c.get(`/api/v1/workspaces/${workspace.id}/notifications`);
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ title: 'Approval requested', body: 'Please review', link: '/calendar/posts/1', readAt: null });
    const ca = new TestClient(t.app);
    await ca.login(approver.email);
    expect((await ca.get(`/api/v1/workspaces/${workspace.id}/notifications`)).body.items[0].title).toBe('Freigabe erbeten');
    for (let i = 0; i < 50 && !seen.length; i++) await new Promise((r) => setTimeout(r, 20));
    off();
    expect(seen[0]).toMatchObject({ type: 'notification.created', userIds: expect.arrayContaining([approver.id, english.id]) });
  });

  it('ignores user ids that are not members and sends nothing when the change rolls back', async () => {
    const ids = await db.transaction((tx) => notify(tx, t.ctx, { workspaceId: workspace.id, userIds: [employee.id, stranger.id], ...msg }));
    expect(ids).toEqual([employee.id]);
    await db.transaction(async (tx) => {
      await notify(tx, t.ctx, { workspaceId: workspace.id, userIds: [employee.id], email: true, ...msg, kind: 'test.rolled_back' });
      tx.rollback();
    }).catch(() => undefined);
    const c = new TestClient(t.app);
    await c.login(employee.email);
    const items = (await c.get(`/api/v1/workspaces/${workspace.id}/notifications`)).body.items;
    expect(items.map((n: { title: string }) => n.title)).toEqual(['Freigabe erbeten']);
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, employee.email))).toEqual([]);
  });

  it('marks own notifications read and cannot touch another member’s', async () => {
    const c = new TestClient(t.app);
    await c.login(employee.email);
    const mine = (await c.get(`/api/v1/workspaces/${workspace.id}/notifications`)).body.items;
    const cOwner = new TestClient(t.app);
    await cOwner.login(owner.email);
    expect((await cOwner.post(`/api/v1/workspaces/${workspace.id}/notifications/read`, { ids: [mine[0].id] })).status).toBe(200);
    expect((await c.get(`/api/v1/workspaces/${workspace.id}/notifications?unread=true`)).body.unread).toBe(1);
    expect((await c.post(`/api/v1/workspaces/${workspace.id}/notifications/read`, {})).status).toBe(200);
    expect((await c.get(`/api/v1/workspaces/${workspace.id}/notifications?unread=true`)).body).toEqual({ items: [], unread: 0 });
  });
});

describe('mail outbox', () => {
  it('sends queued mails once, in the recipient’s language, with the absolute link', async () => {
    await db.transaction((tx) => notify(tx, t.ctx, { workspaceId: workspace.id, userIds: [english.id, approver.id], email: true, ...msg }));
    const before = t.mails.length;
    expect(await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now())).toEqual({ sent: 2, failed: 0 });
    const sent = t.mails.slice(before);
    const en = sent.find((m) => m.to === english.email)!;
    expect(en.subject).toBe('Resonanz: Approval requested');
    expect(en.text).toContain(`${t.ctx.config.publicUrl}/calendar/posts/1`);
    expect(sent.find((m) => m.to === approver.email)!.subject).toBe('Resonanz: Freigabe erbeten');
    expect(await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now())).toEqual({ sent: 0, failed: 0 });
  });

  it('retries a failing SMTP server with back-off and keeps the error', async () => {
    await db.transaction((tx) => notify(tx, t.ctx, { workspaceId: workspace.id, userIds: [approver.id], email: true, ...msg }));
    const broken = { devMailbox: false, send: async () => { throw new Error('421 try again later'); } };
    const now = t.clock.now();
    expect(await drainMailOutbox(t.ctx.database, broken, now)).toEqual({ sent: 0, failed: 1 });
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.lastError, '421 try again later'));
    expect(row!.attempts).toBe(1);
    expect(row!.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(await drainMailOutbox(t.ctx.database, t.ctx.mailer, now)).toEqual({ sent: 0, failed: 0 });
    expect(await drainMailOutbox(t.ctx.database, t.ctx.mailer, new Date(now.getTime() + retryDelayMs(1)))).toEqual({ sent: 1, failed: 0 });
  });
});
