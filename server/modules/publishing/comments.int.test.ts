/**
 * Comments thread on the post and mentions notify: a reply to a reply joins its root's thread,
 * `@Name` and picked members are notified in the app and by e-mail (through the outbox), the post's
 * author hears about comments, and a mention of a non-member is refused naming the field.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, type TestClient } from '../../test/client.ts';
import { buildMember, buildUser, buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { mailOutbox, notifications } from '../notifications/notifications.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { users } from '../identity/identity.schema.ts';

let t: TestApp;
let author: TestClient, reviewer: TestClient;
let ws: string, postId: string;
let authorId: string, reviewerId: string, approverId: string, approverEmail: string, outsiderId: string;
const base = () => `/api/v1/workspaces/${ws}`;

beforeAll(async () => {
  t = await createTestApp();
  const w = await buildWorkspace(t.ctx.database);
  ws = w.workspace.id;
  const a = await buildMember(t.ctx.database, ws, ['editor']);
  const r = await buildMember(t.ctx.database, ws, ['editor']);
  const ap = await buildMember(t.ctx.database, ws, ['approver']);
  await t.ctx.database.db.update(users).set({ name: 'Maria Freigabe-Schulz' }).where(eq(users.id, ap.id));
  await t.ctx.database.db.update(users).set({ name: 'Rolf Redaktion' }).where(eq(users.id, r.id));
  outsiderId = (await buildUser(t.ctx.database)).id;
  [authorId, reviewerId, approverId, approverEmail] = [a.id, r.id, ap.id, ap.email];
  [author, reviewer] = await Promise.all([loggedIn(t.app, a.email), loggedIn(t.app, r.email)]);
  postId = (await author.post(`${base()}/posts`, { text: 'Entwurf zur Hitzewarnung' })).body.id;
});
afterAll(async () => t.close());

const noticesOf = (userId: string) => t.ctx.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.workspaceId, ws)));

describe('comments', () => {
  it('threads replies under their root comment', async () => {
    const root = await reviewer.post(`${base()}/posts/${postId}/comments`, { body: 'Quelle fehlt noch.' });
    expect(root.status).toBe(201);
    const reply = await author.post(`${base()}/posts/${postId}/comments`, { body: 'Ergänzt.', parentId: root.body.id });
    const replyToReply = await reviewer.post(`${base()}/posts/${postId}/comments`, { body: 'Danke!', parentId: reply.body.id });
    expect(reply.body.parentId).toBe(root.body.id);
    expect(replyToReply.body.parentId).toBe(root.body.id);
    const list = await author.get(`${base()}/posts/${postId}/comments`);
    expect(list.body.items.map((c: { body: string }) => c.body)).toEqual(['Quelle fehlt noch.', 'Ergänzt.', 'Danke!']);
    // The author was told about the reviewer's comments, not about their own.
    const notices = await noticesOf(authorId);
    expect(notices.filter((n) => n.kind === 'publishing.comment')).toHaveLength(2);
    expect(notices[0]!.link).toBe(`/calendar/posts/${postId}`);
    expect((await noticesOf(reviewerId)).filter((n) => n.kind === 'publishing.comment')).toHaveLength(0);
  });

  it('@Name and picked members are notified in the app and by e-mail', async () => {
    const r = await author.post(`${base()}/posts/${postId}/comments`, { body: '@maria freigabe-schulz bitte bis 14 Uhr freigeben', mentions: [reviewerId] });
    expect(r.status).toBe(201);
    expect(new Set(r.body.mentions)).toEqual(new Set([approverId, reviewerId]));
    const [notice] = (await noticesOf(approverId)).filter((n) => n.kind === 'publishing.mention');
    expect(notice!.body).toBe('@maria freigabe-schulz bitte bis 14 Uhr freigeben');
    expect(notice!.title).toContain('erwähnt');
    expect((await noticesOf(reviewerId)).some((n) => n.kind === 'publishing.mention')).toBe(true);
    const mails = await t.ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, approverEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/calendar/posts/${postId}`);
  });

  it('refuses a mention of someone outside the workspace and an unknown parent, naming the field', async () => {
    const r = await author.post(`${base()}/posts/${postId}/comments`, { body: 'Hallo', mentions: [outsiderId] });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ path: 'body.mentions.0', message: 'not a member of this workspace' }]);
    const p = await author.post(`${base()}/posts/${postId}/comments`, { body: 'Hallo', parentId: crypto.randomUUID() });
    expect(p.body.errors[0].path).toBe('body.parentId');
    expect((await t.ctx.database.db.select().from(memberships).where(eq(memberships.userId, outsiderId)))).toHaveLength(0);
    expect(await noticesOf(outsiderId)).toHaveLength(0);
  });
});
