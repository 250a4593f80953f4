/**
 * Guideline and training reminders: members who have not acknowledged the current version or not
 * passed a published training get one mail per ISO week (after a grace period), in their language;
 * a second run or a second worker sends nothing more.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../mail/mailer.ts';
import { drainMailOutbox } from '../notifications/mail-outbox.ts';
import { TestClient } from '../../test/client.ts';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { eq } from 'drizzle-orm';
import { users } from '../identity/identity.schema.ts';
import { sendEnablementReminders } from './reminders.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = `/api/v1/workspaces/${workspace.id}`;
const reader = await buildMember(t.ctx.database, workspace.id, ['employee']);
const english = await buildMember(t.ctx.database, workspace.id, ['employee']);
await t.ctx.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, english.id));
const c = new TestClient(t.app);
await c.login(owner.email);

const outbox = async () => {
  const sent: OutgoingMail[] = [];
  await drainMailOutbox(t.ctx.database, { devMailbox: false, send: async (m) => void sent.push(m) }, t.clock.now());
  return sent;
};

describe('enablement reminders', () => {
  it('reminds who has not acknowledged or passed, once per week, after the grace period', async () => {
    t.clock.set(new Date('2025-03-03T08:00:00Z')); // Monday
    const g = await c.post(`${ws}/guidelines`, { title: 'Leitfaden', language: 'de', fromTemplate: true });
    await c.post(`${ws}/guidelines/${g.body.id}/publish`, {});
    const tr = await c.post(`${ws}/trainings`, { title: 'Grundlagen', language: 'de', fromTemplate: true, status: 'published' });
    expect(tr.status).toBe(201);
    const r = new TestClient(t.app);
    await r.login(reader.email);
    await r.post(`${ws}/guidelines/${g.body.id}/acknowledge`, { version: 1 });

    expect(await sendEnablementReminders(t.ctx)).toEqual({ reminded: 0, items: 0 }); // too early
    t.clock.set(new Date('2025-03-07T08:00:00Z'));
    const [a, b] = await Promise.all([sendEnablementReminders(t.ctx), sendEnablementReminders(t.ctx)]);
    // Owner: guideline + training; reader: training; english: guideline + training.
    expect(a.reminded + b.reminded).toBe(3);
    expect(a.items + b.items).toBe(5);
    const mails = await outbox();
    const to = (u: { email: string }) => mails.find((m) => m.to === u.email)!;
    expect(to(reader).subject).toBe('Erinnerung: eine offene Aufgabe in ' + workspace.name);
    expect(to(reader).text).toContain('Schulung „Grundlagen“ abschließen');
    expect(to(reader).text).not.toContain('Leitfaden „');
    expect(to(english).subject).toMatch(/^Reminder: 2 open tasks in /);
    expect(to(english).text).toContain('Read and acknowledge the guideline "Leitfaden" (version 1)');
    expect(to(owner).text).toContain('/guidelines');

    t.clock.set(new Date('2025-03-09T08:00:00Z')); // Sunday, same ISO week
    expect((await sendEnablementReminders(t.ctx)).reminded).toBe(0);
    t.clock.set(new Date('2025-03-10T08:00:00Z')); // next week
    expect((await sendEnablementReminders(t.ctx)).reminded).toBe(3);
    const audit = await c.get(`${ws}/audit?action=enablement.reminded`);
    expect(audit.body.items.length).toBe(6);
  });
});
