/**
 * Expert escalation through a single-use, expiring link (token hashed at rest): the mail carries
 * the link, the expert reads and answers without an account, the answer returns as a note and
 * notifies the assignee; a second use is 409, an expired link 410, an unknown one 404. And the
 * events stream of a foreign workspace is a 404 (no subscription to others' live events).
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loggedIn } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import { notifications } from '../notifications/notifications.schema.ts';
import { inboxEscalations } from './inbox.schema.ts';
import { insertItem } from './item-store.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const now = new Date('2026-03-02T08:00:00Z');
t.clock.set(now);
const db = t.ctx.database.db;
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const cm = await buildMember(t.ctx.database, workspace.id, ['community_manager']);
const cmC = await loggedIn(t.app, cm.email);
const W = `/api/v1/workspaces/${workspace.id}/inbox`;
const { item } = await insertItem(db, {
  workspaceId: workspace.id, channelId: null, network: 'bluesky', externalId: 'demo:x', kind: 'comment', text: 'Gilt die neue Abfallsatzung auch für Gewerbe?',
  language: 'de', sentiment: 0, sentimentScore: 0, authorId: null, receivedAt: now, assigneeId: cm.id,
}, now);
const anon = () => t.app.inject.bind(t.app);

async function linkFromMail(to: string): Promise<string> {
  await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now());
  const mail = t.mails.filter((m) => m.to === to).at(-1)!;
  const m = /\/expert\/([A-Za-z0-9_-]+)/.exec(mail.text)!;
  return m[1]!;
}

describe('expert escalation', () => {
  it('mails a single-use link, shows the question, takes the answer back to the item once', async () => {
    const dueAt = new Date(now.getTime() + 2 * 86_400_000).toISOString();
    const r = await cmC.post(`${W}/items/${item.id}/escalations`, { expertEmail: 'Recht@Stadt.example', expertName: 'Dr. Weber', department: 'Rechtsamt', question: 'Bitte fachlich einschätzen.', dueAt });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ expertEmail: 'recht@stadt.example', state: 'open', dueAt });
    const token = await linkFromMail('recht@stadt.example');
    const [row] = await db.select().from(inboxEscalations).where(eq(inboxEscalations.id, r.body.id));
    expect(row!.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    const view = await anon()({ method: 'GET', url: `/api/v1/expert/${token}` });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ question: 'Bitte fachlich einschätzen.', itemText: item.text, expertName: 'Dr. Weber' });
    expect(view.headers['cache-control']).toBe('no-store');
    const answer = await anon()({ method: 'POST', url: `/api/v1/expert/${token}/answer`, payload: { answer: 'Ja, ab 1. April auch für Gewerbe.' } });
    expect(answer.statusCode).toBe(200);
    const conv = await cmC.get(`${W}/items/${item.id}`);
    expect(conv.body.notes.map((n: { kind: string; body: string }) => [n.kind, n.body])).toEqual([
      ['system', '→ Dr. Weber, Rechtsamt: Bitte fachlich einschätzen.'],
      ['expert', 'Dr. Weber, Rechtsamt: Ja, ab 1. April auch für Gewerbe.'],
    ]);
    expect(conv.body.escalations[0]).toMatchObject({ state: 'answered', answer: 'Ja, ab 1. April auch für Gewerbe.' });
    const [n] = await db.select().from(notifications).where(eq(notifications.kind, 'inbox.escalation.answered'));
    expect(n!.userId).toBe(cm.id);
    const twice = await anon()({ method: 'POST', url: `/api/v1/expert/${token}/answer`, payload: { answer: 'Nochmal' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'link_used' });
    expect((await anon()({ method: 'GET', url: `/api/v1/expert/${token}` })).statusCode).toBe(409);
  });

  it('refuses an expired link with 410 and an unknown one with 404; a member expert is notified too', async () => {
    const dueAt = new Date(now.getTime() + 3600_000).toISOString();
    const r = await cmC.post(`${W}/items/${item.id}/escalations`, { expertUserId: owner.id, question: 'Kurz prüfen?', dueAt });
    expect(r.status).toBe(201);
    const [n] = await db.select().from(notifications).where(eq(notifications.kind, 'inbox.escalation'));
    expect(n!.userId).toBe(owner.id);
    const token = await linkFromMail(owner.email);
    t.clock.set(new Date(now.getTime() + 3600_000 + 3 * 86_400_000 + 1));
    const late = await anon()({ method: 'POST', url: `/api/v1/expert/${token}/answer`, payload: { answer: 'zu spät' } });
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ code: 'link_expired' });
    expect((await anon()({ method: 'GET', url: `/api/v1/expert/${'y'.repeat(43)}` })).statusCode).toBe(404);
    t.clock.set(now);
  });

  it('a withdrawn request: the link says so (410), the expert is told, it cannot be withdrawn twice or answered', async () => {
    const dueAt = new Date(now.getTime() + 86_400_000).toISOString();
    const r = await cmC.post(`${W}/items/${item.id}/escalations`, { expertEmail: 'bau@stadt.example', question: 'Gilt das für Gewerbe?', dueAt });
    const token = await linkFromMail('bau@stadt.example');
    const cancelled = await cmC.post(`${W}/items/${item.id}/escalations/${r.body.id}/cancel`, {});
    expect([cancelled.status, cancelled.body.state]).toEqual([200, 'cancelled']);
    expect((await cmC.post(`${W}/items/${item.id}/escalations/${r.body.id}/cancel`, {})).status).toBe(409);
    const view = await anon()({ method: 'GET', url: `/api/v1/expert/${token}` });
    expect([view.statusCode, view.json().code]).toEqual([410, 'link_cancelled']);
    expect((await anon()({ method: 'POST', url: `/api/v1/expert/${token}/answer`, payload: { answer: 'Ja.' } })).statusCode).toBe(410);
    await drainMailOutbox(t.ctx.database, t.ctx.mailer, t.clock.now());
    expect(t.mails.filter((m) => m.to === 'bau@stadt.example').map((m) => m.subject)).toContain('Anfrage zurückgezogen / Request withdrawn');
    // Someone else's item or escalation id: not found, nothing changes.
    const other = await cmC.post(`${W}/items/${item.id}/escalations/${crypto.randomUUID()}/cancel`, {});
    expect(other.status).toBe(404);
    const viewer = await loggedIn(t.app, (await buildMember(t.ctx.database, workspace.id, ['employee'])).email);
    expect((await viewer.post(`${W}/items/${item.id}/escalations/${r.body.id}/cancel`, {})).status).toBe(403);
  });

  it('offers the external experts asked before: one per address, latest name and department first, members left out', async () => {
    t.clock.set(new Date(now.getTime() + 3600_000));
    const again = await cmC.post(`${W}/items/${item.id}/escalations`, { expertEmail: 'RECHT@stadt.example', expertName: 'Dr. Weber', department: 'Rechtsamt, Team Satzungen', question: 'Noch einmal: Gewerbe?', dueAt: new Date(now.getTime() + 86_400_000).toISOString() });
    expect(again.status).toBe(201);
    t.clock.set(now);
    const r = await cmC.get(`${W}/expert-contacts`);
    expect(r.status).toBe(200);
    const items = r.body.items as { email: string }[];
    expect(items.map((c) => c.email)).toEqual(['recht@stadt.example', 'bau@stadt.example']);
    expect(items[0]).toEqual({ id: null, source: 'history', email: 'recht@stadt.example', name: 'Dr. Weber', department: 'Rechtsamt, Team Satzungen', uses: 2, lastUsedAt: new Date(now.getTime() + 3600_000).toISOString() });
    expect(items[1]).toMatchObject({ name: null, department: null, uses: 1 });
  });

  it('keeps a directory of department contacts: listed first with their requests, one per address, audited', async () => {
    const add = await cmC.post(`${W}/expert-contacts`, { department: 'Bauamt', name: 'Frau Kurz', email: 'Bau@Stadt.example' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ source: 'directory', email: 'bau@stadt.example', department: 'Bauamt', name: 'Frau Kurz' });
    expect(add.body.uses).toBe(1); // bau@ was asked once before it was entered
    await cmC.post(`${W}/expert-contacts`, { department: 'Abfallwirtschaft', email: 'abfall@stadt.example' });
    const dup = await cmC.post(`${W}/expert-contacts`, { department: 'Bauamt II', email: 'bau@stadt.example' });
    expect([dup.status, dup.body.errors[0].path]).toEqual([400, 'body.email']);
    const bad = await cmC.post(`${W}/expert-contacts`, { department: '', email: 'kein-mail' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.department', 'body.email']);
    // Directory by department, then those asked before who are not in it; bau@ counts its earlier request.
    const list = (await cmC.get(`${W}/expert-contacts`)).body.items as { email: string; source: string; uses: number }[];
    expect(list.map((c) => [c.source, c.email, c.uses])).toEqual([
      ['directory', 'abfall@stadt.example', 0], ['directory', 'bau@stadt.example', 1], ['history', 'recht@stadt.example', 2],
    ]);
    const fixed = await cmC.patch(`${W}/expert-contacts/${add.body.id}`, { department: 'Bauordnungsamt', name: null });
    expect(fixed.body).toMatchObject({ department: 'Bauordnungsamt', name: null, email: 'bau@stadt.example' });
    expect((await cmC.patch(`${W}/expert-contacts/${add.body.id}`, { email: 'abfall@stadt.example' })).body.errors[0].path).toBe('body.email');
    expect((await cmC.delete(`${W}/expert-contacts/${add.body.id}`)).status).toBe(200);
    expect((await cmC.delete(`${W}/expert-contacts/${add.body.id}`)).status).toBe(404);
    const audit = await db.select().from(auditLog).where(eq(auditLog.objectId, add.body.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['inbox.expert_contact.created', 'inbox.expert_contact.deleted', 'inbox.expert_contact.updated']);
    // Only people who work the inbox see or change it; another workspace's team does not.
    const viewer = await loggedIn(t.app, (await buildMember(t.ctx.database, workspace.id, ['employee'])).email);
    expect((await viewer.get(`${W}/expert-contacts`)).status).toBe(403);
    expect((await viewer.post(`${W}/expert-contacts`, { department: 'X', email: 'x@stadt.example' })).status).toBe(403);
    const other = await buildWorkspace(t.ctx.database);
    const stranger = await loggedIn(t.app, (await buildMember(t.ctx.database, other.workspace.id, ['community_manager'])).email);
    expect((await stranger.get(`${W}/expert-contacts`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/workspaces/${other.workspace.id}/inbox/expert-contacts`)).body.items).toEqual([]);
    const abfall = list[0] as unknown as { id: string };
    expect((await stranger.delete(`/api/v1/workspaces/${other.workspace.id}/inbox/expert-contacts/${abfall.id}`)).status).toBe(404);
  });

  it('checks the input: one expert, a due date in the future', async () => {
    const both = await cmC.post(`${W}/items/${item.id}/escalations`, { expertEmail: 'a@b.example', expertUserId: owner.id, question: 'x', dueAt: new Date(now.getTime() + 3600_000).toISOString() });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].path).toBe('body.expertEmail');
    const past = await cmC.post(`${W}/items/${item.id}/escalations`, { expertEmail: 'a@b.example', question: 'x', dueAt: new Date(now.getTime() - 1).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('body.dueAt');
  });
});

describe('live events of another workspace', () => {
  it('answers a forged subscription with 404 and sends no stream', async () => {
    const other = await buildWorkspace(t.ctx.database);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${other.workspace.id}/events`, headers: { cookie: cmC.cookie, accept: 'text/event-stream' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
