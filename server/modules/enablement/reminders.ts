/**
 * E-mail reminders for members who have not acknowledged the current version of a guideline or
 * not passed a published training (daily job, server/jobs/scheduled-tasks.ts). A member gets at
 * most one reminder per item and ISO week, in one mail listing everything open, after a grace
 * period since publication.
 *
 * Idempotency: per member, one transaction inserts the `enablement_reminders` rows
 * (member, item, version, week) with ON CONFLICT DO NOTHING, and only for rows it inserted queues
 * the mail (mail outbox) and writes the audit row. A second run that week — or a second worker
 * at the same time, whose insert waits for the first and then conflicts — finds nothing new and
 * sends nothing.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../http/context.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { queueMail } from '../notifications/mail-outbox.ts';
import { isoWeekKey } from '../reporting/report-period.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { enablementReminders, guidelineAcknowledgements, guidelines, guidelineVersions, trainingAttempts, trainings } from './enablement.schema.ts';

/** Days after publication before the first reminder (time to read it without being chased). */
export const REMINDER_GRACE_DAYS = 3;

interface OpenItem {
  objectType: 'guideline' | 'training';
  objectId: string;
  version: number;
  title: string;
}

function mail(locale: string, name: string, workspace: string, items: OpenItem[], link: string): { subject: string; text: string } {
  const de = locale !== 'en';
  const lines = items.map((i) => (de
    ? `• ${i.objectType === 'guideline' ? `Leitfaden „${i.title}“ (Version ${i.version}) lesen und bestätigen` : `Schulung „${i.title}“ abschließen (Quiz bestehen)`}`
    : `• ${i.objectType === 'guideline' ? `Read and acknowledge the guideline "${i.title}" (version ${i.version})` : `Complete the training "${i.title}" (pass the quiz)`}`));
  return de
    ? { subject: `Erinnerung: ${items.length === 1 ? 'eine offene Aufgabe' : `${items.length} offene Aufgaben`} in ${workspace}`, text: [`Hallo ${name},`, '', `in „${workspace}“ ist noch offen:`, '', ...lines, '', `Zu Leitfaden und Schulung: ${link}`, '', 'Diese Erinnerung kommt höchstens einmal pro Woche.'].join('\n') }
    : { subject: `Reminder: ${items.length === 1 ? 'one open task' : `${items.length} open tasks`} in ${workspace}`, text: [`Hello ${name},`, '', `still open in "${workspace}":`, '', ...lines, '', `Guidelines and training: ${link}`, '', 'This reminder comes at most once a week.'].join('\n') };
}

export async function sendEnablementReminders(ctx: AppContext): Promise<{ reminded: number; items: number }> {
  const now = ctx.clock.now();
  const { db } = ctx.database;
  const cutoff = new Date(now.getTime() - REMINDER_GRACE_DAYS * 86_400_000);
  let reminded = 0;
  let itemCount = 0;
  for (const ws of await db.select({ id: workspaces.id, name: workspaces.name, tz: workspaces.timezone }).from(workspaces)) {
    const gs = await db.select({ id: guidelines.id, version: guidelines.currentVersion, title: guidelineVersions.title, publishedAt: guidelineVersions.publishedAt }).from(guidelines)
      .innerJoin(guidelineVersions, and(eq(guidelineVersions.guidelineId, guidelines.id), eq(guidelineVersions.version, guidelines.currentVersion)))
      .where(and(eq(guidelines.workspaceId, ws.id), isNotNull(guidelines.currentVersion)));
    const ts = await db.select({ id: trainings.id, version: trainings.version, title: trainings.title, updatedAt: trainings.updatedAt }).from(trainings)
      .where(and(eq(trainings.workspaceId, ws.id), eq(trainings.status, 'published'), sql`jsonb_array_length(${trainings.questions}) > 0`));
    const due = [...gs.filter((g) => g.publishedAt <= cutoff), ...ts.filter((t) => t.updatedAt <= cutoff)];
    if (!due.length) continue;
    const acks = await db.select({ g: guidelineAcknowledgements.guidelineId, v: guidelineAcknowledgements.version, u: guidelineAcknowledgements.userId }).from(guidelineAcknowledgements)
      .innerJoin(guidelines, eq(guidelines.id, guidelineAcknowledgements.guidelineId)).where(eq(guidelines.workspaceId, ws.id));
    const passed = await db.selectDistinct({ t: trainingAttempts.trainingId, u: trainingAttempts.userId }).from(trainingAttempts)
      .where(and(eq(trainingAttempts.workspaceId, ws.id), eq(trainingAttempts.passed, true)));
    const members = await db.select({ id: users.id, name: users.name, email: users.email, locale: users.locale }).from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.workspaceId, ws.id));
    const week = isoWeekKey(dayIn(now, ws.tz));

    for (const m of members) {
      const open: OpenItem[] = [
        ...gs.filter((g) => g.publishedAt <= cutoff && !acks.some((a) => a.g === g.id && a.v === g.version && a.u === m.id))
          .map((g) => ({ objectType: 'guideline' as const, objectId: g.id, version: g.version!, title: g.title })),
        ...ts.filter((t) => t.updatedAt <= cutoff && !passed.some((p) => p.t === t.id && p.u === m.id))
          .map((t) => ({ objectType: 'training' as const, objectId: t.id, version: t.version, title: t.title })),
      ];
      if (!open.length) continue;
      const fresh = await db.transaction(async (tx) => {
        const inserted = await tx.insert(enablementReminders).values(open.map((o) => ({ workspaceId: ws.id, userId: m.id, objectType: o.objectType, objectId: o.objectId, version: o.version, week, sentAt: now })))
          .onConflictDoNothing().returning({ objectId: enablementReminders.objectId, objectType: enablementReminders.objectType });
        const items = open.filter((o) => inserted.some((i) => i.objectId === o.objectId && i.objectType === o.objectType));
        if (!items.length) return 0;
        const { subject, text } = mail(m.locale, m.name, ws.name, items, `${ctx.config.publicUrl}/guidelines`);
        await queueMail(tx, { workspaceId: ws.id, to: m.email, subject, text, reference: `enablement_reminder:${m.id}:${week}` }, now);
        await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: ws.id, action: 'enablement.reminded', objectType: 'user', objectId: m.id, after: { week, items: items.map((i) => ({ type: i.objectType, id: i.objectId, version: i.version })) } }, now);
        return items.length;
      });
      if (fresh) {
        reminded++;
        itemCount += fresh;
      }
    }
  }
  return { reminded, items: itemCount };
}
