/** Who hears about a review step: the next approvers (in-app + e-mail), the author on changes and on completion. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, type TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import { notifications } from '../notifications/notifications.schema.ts';

let t: TestApp;
let author: TestClient, editor2: TestClient, approver: TestClient;
let ids: { author: string; editor2: string; approver: string; approverEmail: string };
let ws: string;
let channelId: string;
const base = () => `/api/v1/workspaces/${ws}`;
const kindsOf = async (userId: string) => (await t.ctx.database.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind);

beforeAll(async () => {
  t = await createTestApp();
  const w = await buildWorkspace(t.ctx.database);
  ws = w.workspace.id;
  const a = await buildMember(t.ctx.database, ws, ['editor']);
  const e = await buildMember(t.ctx.database, ws, ['editor']);
  const ap = await buildMember(t.ctx.database, ws, ['approver']);
  ids = { author: a.id, editor2: e.id, approver: ap.id, approverEmail: ap.email };
  const owner = await loggedIn(t.app, w.owner.email);
  [author, editor2, approver] = await Promise.all([loggedIn(t.app, a.email), loggedIn(t.app, e.email), loggedIn(t.app, ap.email)]);
  channelId = (await owner.post(`${base()}/channels`, { network: 'mastodon', name: 'Mastodon Amt' })).body.id;
});
afterAll(async () => t.close());

describe('approval notices', () => {
  it('tells the next step’s approvers in turn, and the author when the chain completes', async () => {
    const at = new Date(t.ctx.clock.now().getTime() + 3600_000).toISOString();
    const p = (await author.post(`${base()}/posts`, { text: 'Sprechstunde am Donnerstag', channelIds: [channelId], schedule: { at } })).body;
    await author.post(`${base()}/posts/${p.id}/submit`);
    expect(await kindsOf(ids.editor2)).toEqual(['publishing.review_requested']);
    expect(await kindsOf(ids.approver)).toEqual([]);
    expect(await kindsOf(ids.author)).toEqual([]);

    expect((await editor2.post(`${base()}/posts/${p.id}/approve`, {})).status).toBe(200);
    expect(await kindsOf(ids.approver)).toEqual(['publishing.review_requested']);
    const before = t.mails.length;
    await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now());
    const mail = t.mails.slice(before).find((m) => m.to === ids.approverEmail)!;
    expect(mail.subject).toContain('Freigabe erbeten');
    expect(mail.text).toContain(`/calendar/posts/${p.id}`);

    expect((await approver.post(`${base()}/posts/${p.id}/approve`, {})).status).toBe(200);
    expect(await kindsOf(ids.author)).toEqual(['publishing.approved']);
  });

  it('tells the author about requested changes with the comment, and nothing for a refused decision', async () => {
    const p = (await author.post(`${base()}/posts`, { text: 'Entwurf zur Baustelle', channelIds: [channelId] })).body;
    await author.post(`${base()}/posts/${p.id}/submit`);
    expect((await author.post(`${base()}/posts/${p.id}/approve`, {})).status).toBe(403);
    expect((await editor2.post(`${base()}/posts/${p.id}/request-changes`, { comment: 'Bitte Datum ergänzen' })).status).toBe(200);
    const [n] = (await t.ctx.database.db.select().from(notifications).where(eq(notifications.userId, ids.author))).filter((x) => x.kind === 'publishing.changes_requested');
    expect(n!.body).toContain('Bitte Datum ergänzen');
    expect(n!.link).toBe(`/calendar/posts/${p.id}`);
  });
});
