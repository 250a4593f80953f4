/**
 * The contact chain: the playbook's crisis team resolved against the roster (the duty editor on
 * duty; a substitute for someone absent), called in-app and by e-mail with a personal
 * acknowledgement link, and escalated to the substitute when nobody acknowledges in time.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { MemberRef, PlaybookContent } from '../../../common/schemas/crisis.ts';
import { randomToken, sha256 } from '../../crypto/secrets.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { notify } from '../notifications/notify.service.ts';
import { crises, crisisContacts } from './crisis.schema.ts';
import { logCrisisEvent } from './crisis-events.ts';
import { dutyEditorAt, rosterSubstitute } from './roster-lookup.ts';

type CrisisLike = { id: string; workspaceId: string; title: string; drill: boolean; severity: number };
type NotifyCtx = Pick<AppContext, 'events' | 'clock' | 'config'>;

export async function resolveMember(tx: Tx, workspaceId: string, ref: MemberRef, at: Date): Promise<string | null> {
  return ref.kind === 'user' ? ref.userId : dutyEditorAt(tx, workspaceId, at);
}

export interface ResolvedContact {
  label: string;
  userId: string;
  substituteFor: string | null;
  fallbackUserId: string | null;
  escalateAfterMinutes: number;
}

/** The team in chain order, each person once; an absent person is replaced by the roster's substitute. */
export async function resolveTeam(tx: Tx, workspaceId: string, team: PlaybookContent['team'], at: Date): Promise<ResolvedContact[]> {
  const out: ResolvedContact[] = [];
  for (const e of team) {
    const planned = await resolveMember(tx, workspaceId, e.member, at);
    if (!planned) continue;
    const sub = await rosterSubstitute(tx, workspaceId, planned, at);
    const userId = sub ?? planned;
    if (out.some((c) => c.userId === userId)) continue;
    out.push({ label: e.label, userId, substituteFor: sub ? planned : null, fallbackUserId: e.substituteUserId && e.substituteUserId !== userId ? e.substituteUserId : null, escalateAfterMinutes: e.escalateAfterMinutes });
  }
  if (out.length === 0) {
    // A playbook without a reachable team still reaches the duty editor: a crisis call must land somewhere.
    const cvd = await dutyEditorAt(tx, workspaceId, at);
    if (cvd) out.push({ label: 'CvD', userId: cvd, substituteFor: null, fallbackUserId: null, escalateAfterMinutes: 15 });
  }
  return out;
}

const drillTag = (c: CrisisLike, l: 'de' | 'en') => (c.drill ? (l === 'de' ? '[ÜBUNG] ' : '[DRILL] ') : '');

/** Calls one person: contact row with a fresh acknowledgement token, in-app notice and e-mail (in the caller's transaction). */
export async function callContact(tx: Tx, ctx: NotifyCtx, c: CrisisLike, p: ResolvedContact, position: number, now: Date): Promise<string> {
  const token = randomToken(32);
  const [row] = await tx.insert(crisisContacts).values({
    crisisId: c.id, workspaceId: c.workspaceId, position, label: p.label, userId: p.userId, substituteFor: p.substituteFor, fallbackUserId: p.fallbackUserId,
    notifiedAt: now, escalateAt: new Date(now.getTime() + p.escalateAfterMinutes * 60_000), ackTokenHash: sha256(token),
    deliveries: [{ channel: 'in_app', ok: true }, { channel: 'email', ok: true }],
  }).returning();
  const ackUrl = `${ctx.config.publicUrl}/ack/crisis/${token}`;
  await notify(tx, ctx, {
    workspaceId: c.workspaceId, userIds: [p.userId], kind: c.drill ? 'crisis.drill_call' : 'crisis.call', objectId: c.id, link: `/crisis/${c.id}`, email: true,
    title: { de: `${drillTag(c, 'de')}Krisenfall: ${c.title}`, en: `${drillTag(c, 'en')}Crisis: ${c.title}` },
    body: {
      de: `Sie sind im Krisenteam als „${p.label}“ (Stufe ${c.severity}). Bitte bestätigen Sie den Eingang: ${ackUrl}`,
      en: `You are on the crisis team as "${p.label}" (level ${c.severity}). Please acknowledge: ${ackUrl}`,
    },
  });
  await logCrisisEvent(tx, ctx, c, null, { kind: 'called', summary: p.label, data: { userId: p.userId, substituteFor: p.substituteFor, contactId: row!.id } }, now);
  return row!.id;
}

export async function callTeam(tx: Tx, ctx: NotifyCtx, c: CrisisLike, team: PlaybookContent['team'], now: Date): Promise<number> {
  const people = await resolveTeam(tx, c.workspaceId, team, now);
  let position = 0;
  for (const p of people) await callContact(tx, ctx, c, p, position++, now);
  return people.length;
}

async function markAcknowledged(tx: Tx, ctx: NotifyCtx, actor: Actor, contact: typeof crisisContacts.$inferSelect, now: Date) {
  if (contact.acknowledgedAt) return contact;
  const [crisis] = await tx.select().from(crises).where(eq(crises.id, contact.crisisId));
  if (!crisis || (crisis.state !== 'active' && crisis.state !== 'proposed')) throw conflict('crisis_not_active', 'The crisis is over; there is nothing to acknowledge.');
  const [after] = await tx.update(crisisContacts).set({ acknowledgedAt: now }).where(eq(crisisContacts.id, contact.id)).returning();
  const minutes = Math.round((now.getTime() - contact.notifiedAt.getTime()) / 6000) / 10;
  await logCrisisEvent(tx, ctx, crisis, contact.userId, { kind: 'acknowledged', summary: contact.label, data: { userId: contact.userId, minutes } }, now);
  await recordAudit(tx, actor, { workspaceId: contact.workspaceId, action: 'crisis_contact.acknowledged', objectType: 'crisis_contact', objectId: contact.id, after: { crisisId: contact.crisisId, userId: contact.userId, minutes } }, now);
  return after!;
}

/** The signed-in member acknowledges their own call(s) for a crisis (idempotent). */
export async function acknowledgeAsMember(tx: Tx, ctx: NotifyCtx, actor: Actor, workspaceId: string, crisisId: string, now: Date) {
  const rows = await tx.select().from(crisisContacts).where(and(eq(crisisContacts.crisisId, crisisId), eq(crisisContacts.workspaceId, workspaceId), eq(crisisContacts.userId, actor.userId ?? ''))).for('update');
  if (rows.length === 0) throw conflict('not_called', 'You are not on this crisis contact chain.');
  for (const r of rows) await markAcknowledged(tx, ctx, actor, r, now);
}

/** Acknowledgement through the personal link (no sign-in needed: the token is the proof). */
export async function acknowledgeByToken(tx: Tx, ctx: NotifyCtx, token: string, meta: { requestId: string; ip: string }, now: Date) {
  const [row] = await tx.select().from(crisisContacts).where(eq(crisisContacts.ackTokenHash, sha256(token))).for('update');
  if (!row) throw notFound('acknowledgement link');
  const after = await markAcknowledged(tx, ctx, { userId: row.userId, requestId: meta.requestId, ip: meta.ip }, row, now);
  const [c] = await tx.select({ title: crises.title, drill: crises.drill }).from(crises).where(eq(crises.id, row.crisisId));
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row.userId));
  return { crisisId: row.crisisId, title: c?.title ?? '', drill: c?.drill ?? false, name: u?.name ?? '', acknowledgedAt: after.acknowledgedAt! };
}

/**
 * Escalation: a contact who has not acknowledged by `escalateAt` is backed up by their substitute
 * (the playbook's, else the roster's). Runs for every active crisis; idempotent (escalated once).
 */
export async function escalateOverdue(tx: Tx, ctx: NotifyCtx, now: Date): Promise<number> {
  const due = await tx.select({ contact: crisisContacts, crisis: crises }).from(crisisContacts).innerJoin(crises, eq(crises.id, crisisContacts.crisisId))
    .where(and(eq(crises.state, 'active'), isNull(crisisContacts.acknowledgedAt), isNull(crisisContacts.escalatedAt), lte(crisisContacts.escalateAt, now)))
    .orderBy(asc(crisisContacts.escalateAt)).limit(50).for('update', { of: crisisContacts, skipLocked: true });
  let n = 0;
  for (const { contact, crisis } of due) {
    await tx.update(crisisContacts).set({ escalatedAt: now }).where(eq(crisisContacts.id, contact.id));
    const fallback = contact.fallbackUserId ?? (await rosterSubstitute(tx, crisis.workspaceId, contact.userId, now));
    const existing = await tx.select({ userId: crisisContacts.userId }).from(crisisContacts).where(eq(crisisContacts.crisisId, crisis.id));
    const summary = `${contact.label}: keine Bestätigung`;
    if (fallback && !existing.some((e) => e.userId === fallback)) {
      await callContact(tx, ctx, crisis, { label: contact.label, userId: fallback, substituteFor: contact.userId, fallbackUserId: null, escalateAfterMinutes: 15 }, existing.length, now);
      n++;
    }
    await logCrisisEvent(tx, ctx, crisis, null, { kind: 'escalated', summary, data: { userId: contact.userId, substitute: fallback ?? null } }, now);
    await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: crisis.workspaceId, action: 'crisis_contact.escalated', objectType: 'crisis_contact', objectId: contact.id, after: { substitute: fallback ?? null } }, now);
  }
  return n;
}
