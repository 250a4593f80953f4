/**
 * Expert escalation: an item is forwarded to a subject-matter expert — a member, or an e-mail
 * contact of a department — with a question and a due date. The expert answers through a
 * single-use link that needs no account: only the SHA-256 of its token is stored, it expires
 * three days after the due date, and once answered it is spent (409; expired 410). The answer
 * becomes an `expert` note on the item and notifies the assignee (or, unassigned, the asker).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { HttpError, conflict, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { notify } from '../notifications/notify.service.ts';
import { queueMail } from '../notifications/mail-outbox.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { inboxEscalations, inboxNotes } from './inbox.schema.ts';
import { emitItemEvent, getItem } from './item-store.ts';

export type EscalationRow = typeof inboxEscalations.$inferSelect;
const EXPIRES_AFTER_DUE_MS = 3 * 86_400_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const tokenHash = (token: string) => createHash('sha256').update(`inbox-expert:${token}`).digest('hex');

export const presentEscalation = (e: EscalationRow) => ({
  id: e.id, itemId: e.itemId, expertUserId: e.expertUserId, expertEmail: e.expertEmail, expertName: e.expertName, department: e.department,
  question: e.question, dueAt: e.dueAt.toISOString(), expiresAt: e.expiresAt.toISOString(), state: e.state as 'open' | 'answered' | 'cancelled',
  answer: e.answer, answeredAt: iso(e.answeredAt), createdAt: e.createdAt.toISOString(),
});

export async function listEscalations(tx: Tx, itemId: string): Promise<EscalationRow[]> {
  return tx.select().from(inboxEscalations).where(eq(inboxEscalations.itemId, itemId)).orderBy(desc(inboxEscalations.createdAt));
}

function mailText(lang: 'de' | 'en', p: { asker: string; workspace: string; question: string; itemText: string; due: string; link: string }) {
  return lang === 'en'
    ? { subject: `Resonanz: your expertise is requested (${p.workspace})`, text: `${p.asker} (${p.workspace}) asks for your expertise on a public message, due ${p.due}:\n\n${p.question}\n\nThe message:\n“${p.itemText}”\n\nAnswer here (no account needed; the link works once):\n${p.link}\n\n— Resonanz` }
    : { subject: `Resonanz: Ihre Fachexpertise ist gefragt (${p.workspace})`, text: `${p.asker} (${p.workspace}) bittet Sie um fachliche Einschätzung zu einer öffentlichen Nachricht, fällig ${p.due}:\n\n${p.question}\n\nDie Nachricht:\n„${p.itemText}“\n\nHier antworten (ohne Konto; der Link gilt einmal):\n${p.link}\n\n— Resonanz` };
}

export async function createEscalation(
  tx: Tx, ctx: Pick<AppContext, 'events' | 'clock' | 'config'>, actor: Actor, workspaceId: string, itemId: string,
  input: { expertUserId?: string; expertEmail?: string; expertName?: string; department?: string; question: string; dueAt: string },
): Promise<{ escalation: EscalationRow; token: string }> {
  const now = ctx.clock.now();
  const item = await getItem(tx, workspaceId, itemId);
  if (!item) throw notFound('inbox item');
  if ((input.expertUserId ? 1 : 0) + (input.expertEmail ? 1 : 0) !== 1) {
    throw validationFailed([{ path: 'body.expertEmail', message: 'name either a member (expertUserId) or an e-mail contact (expertEmail)' }]);
  }
  const dueAt = new Date(input.dueAt);
  if (dueAt <= now) throw validationFailed([{ path: 'body.dueAt', message: 'must be in the future' }]);
  let email = input.expertEmail ?? null;
  let name = input.expertName ?? null;
  let lang: 'de' | 'en' = 'de';
  if (input.expertUserId) {
    const [m] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.expertUserId)));
    if (!m) throw validationFailed([{ path: 'body.expertUserId', message: 'not a member of this workspace' }]);
    email = m.email;
    name ??= m.name;
    lang = m.locale === 'en' ? 'en' : 'de';
  }
  const [ws] = await tx.select({ name: workspaces.name, locale: workspaces.locale, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!input.expertUserId && ws?.locale === 'en') lang = 'en';
  const [asker] = actor.userId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)) : [];
  const token = randomBytes(32).toString('base64url');
  const [row] = await tx.insert(inboxEscalations).values({
    workspaceId, itemId, expertUserId: input.expertUserId ?? null, expertEmail: email, expertName: name, department: input.department ?? null,
    question: input.question, dueAt, tokenHash: tokenHash(token), expiresAt: new Date(dueAt.getTime() + EXPIRES_AFTER_DUE_MS), createdBy: actor.userId, createdAt: now,
  }).returning();
  const due = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: ws?.timezone ?? 'Europe/Berlin' }).format(dueAt);
  const mail = mailText(lang, { asker: asker?.name ?? 'Resonanz', workspace: ws?.name ?? '', question: input.question, itemText: item.text, due, link: `${ctx.config.publicUrl}/expert/${token}` });
  await queueMail(tx, { workspaceId, to: email!, subject: mail.subject, text: mail.text, reference: `inbox-escalation:${row!.id}` }, now);
  const who = [name, input.department].filter(Boolean).join(', ') || email!;
  await tx.insert(inboxNotes).values({ workspaceId, itemId, authorId: actor.userId, kind: 'system', body: `→ ${who}: ${input.question}`, escalationId: row!.id, createdAt: now });
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.escalation.created', objectType: 'inbox_item', objectId: itemId, after: { escalationId: row!.id, expertUserId: row!.expertUserId, department: row!.department, dueAt: row!.dueAt } }, now);
  if (input.expertUserId) {
    await notify(tx, ctx, {
      workspaceId, userIds: [input.expertUserId], exceptUserIds: [actor.userId ?? ''], kind: 'inbox.escalation', link: `/inbox/items/${itemId}`, objectId: itemId,
      title: { de: 'Fachfrage an Sie', en: 'A question for your expertise' }, body: { de: input.question.slice(0, 140), en: input.question.slice(0, 140) },
    });
  }
  await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', itemId, { escalation: row!.id });
  return { escalation: row!, token };
}

/**
 * Withdraws an open request (answered elsewhere, asked the wrong person): the link stops working
 * with "withdrawn" (410), the expert is told by mail, the item's notes say who withdrew it.
 */
export async function cancelEscalation(tx: Tx, ctx: Pick<AppContext, 'events' | 'clock'>, actor: Actor, workspaceId: string, itemId: string, escalationId: string): Promise<EscalationRow> {
  const now = ctx.clock.now();
  const [row] = await tx.select().from(inboxEscalations).where(and(eq(inboxEscalations.workspaceId, workspaceId), eq(inboxEscalations.itemId, itemId), eq(inboxEscalations.id, escalationId))).for('update');
  if (!row) throw notFound('escalation');
  if (row.state !== 'open') throw conflict('escalation_closed', row.state === 'answered' ? 'The expert has answered already.' : 'This request was withdrawn already.');
  const [done] = await tx.update(inboxEscalations).set({ state: 'cancelled' }).where(eq(inboxEscalations.id, row.id)).returning();
  const [by] = actor.userId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)) : [];
  if (row.expertEmail) {
    await queueMail(tx, {
      workspaceId, to: row.expertEmail, reference: `inbox-escalation-cancelled:${row.id}`,
      subject: 'Anfrage zurückgezogen / Request withdrawn',
      text: `Die Fachfrage „${row.question.slice(0, 200)}“ wurde zurückgezogen${by?.name ? ` (${by.name})` : ''}; eine Antwort ist nicht mehr nötig.\n\nThe question "${row.question.slice(0, 200)}" was withdrawn; no answer is needed any more.`,
    }, now);
  }
  await tx.insert(inboxNotes).values({ workspaceId, itemId, authorId: actor.userId, kind: 'system', body: `× ${row.expertName ?? row.expertEmail ?? ''}: zurückgezogen`, escalationId: row.id, createdAt: now });
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.escalation.cancelled', objectType: 'inbox_item', objectId: itemId, after: { escalationId: row.id } }, now);
  await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', itemId, { escalation: row.id });
  return done!;
}

const gone = (code: string, message: string) => new HttpError(410, code, message);

/** The escalation behind a link, or the precise reason it cannot be used (404 / 409 / 410). */
export async function escalationByToken(tx: Tx, token: string, now: Date, lock = false): Promise<EscalationRow> {
  const q = tx.select().from(inboxEscalations).where(eq(inboxEscalations.tokenHash, tokenHash(token)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('link');
  if (row.state === 'answered') throw conflict('link_used', 'This link has already been used to answer; thank you. It works only once.');
  if (row.state === 'cancelled') throw gone('link_cancelled', 'This request was withdrawn; no answer is needed any more.');
  if (row.expiresAt <= now) throw gone('link_expired', 'This link has expired. Please ask the community team for a new one.');
  return row;
}

export async function expertView(tx: Tx, token: string, now: Date) {
  const e = await escalationByToken(tx, token, now);
  const item = (await getItem(tx, e.workspaceId, e.itemId))!;
  const [[ws], [asker]] = await Promise.all([
    tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, e.workspaceId)),
    e.createdBy ? tx.select({ name: users.name }).from(users).where(eq(users.id, e.createdBy)) : Promise.resolve([]),
  ]);
  return {
    workspaceName: ws?.name ?? '', question: e.question, itemText: item.text, network: item.network, receivedAt: item.receivedAt.toISOString(),
    dueAt: e.dueAt.toISOString(), expiresAt: e.expiresAt.toISOString(), askedBy: asker?.name ?? null, expertName: e.expertName,
  };
}

export async function answerEscalation(tx: Tx, ctx: Pick<AppContext, 'events' | 'clock' | 'config'>, token: string, answer: string, ip: string | null): Promise<void> {
  const now = ctx.clock.now();
  const e = await escalationByToken(tx, token, now, true);
  await tx.update(inboxEscalations).set({ state: 'answered', answer, answeredAt: now }).where(and(eq(inboxEscalations.id, e.id), eq(inboxEscalations.state, 'open')));
  const label = [e.expertName, e.department].filter(Boolean).join(', ') || e.expertEmail || '';
  await tx.insert(inboxNotes).values({ workspaceId: e.workspaceId, itemId: e.itemId, authorId: e.expertUserId, kind: 'expert', body: `${label}: ${answer}`, escalationId: e.id, createdAt: now });
  const expert: Actor = { userId: e.expertUserId, requestId: null, ip };
  await recordAudit(tx, expert, { workspaceId: e.workspaceId, action: 'inbox.escalation.answered', objectType: 'inbox_item', objectId: e.itemId, after: { escalationId: e.id, via: 'link' } }, now);
  const item = (await getItem(tx, e.workspaceId, e.itemId))!;
  const to = [item.assigneeId ?? e.createdBy].filter((x): x is string => !!x);
  await notify(tx, ctx, {
    workspaceId: e.workspaceId, userIds: to, kind: 'inbox.escalation.answered', link: `/inbox/items/${e.itemId}`, objectId: e.itemId, email: true,
    title: { de: `Antwort der Fachstelle: ${label}`, en: `Expert answer: ${label}` }, body: { de: answer.slice(0, 140), en: answer.slice(0, 140) },
  });
  await emitItemEvent(tx, ctx, e.workspaceId, 'inbox.item.updated', e.itemId, { escalation: e.id });
}

