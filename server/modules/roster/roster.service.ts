/** Roster commands: shifts and absences (each with its audit row), and the calendar view's expansion. */
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { absenceCreateSchema, ShiftCreate } from '../../../common/schemas/roster.ts';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { substitute, type Absence } from './duty.ts';
import { rosterAbsences, rosterShifts } from './roster.schema.ts';
import { occurrences, type ShiftRule } from './shift-time.ts';

type ShiftRow = typeof rosterShifts.$inferSelect;
type AbsenceRow = typeof rosterAbsences.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const MAX_RANGE_MS = 92 * 86_400_000;

export const presentShift = (s: ShiftRow) => ({
  id: s.id, duty: s.duty as 'channel' | 'duty_editor', channelId: s.channelId, userId: s.userId, recurrence: s.recurrence as 'weekly' | 'once',
  weekday: s.weekday, startTime: s.startTime, endTime: s.endTime, validFrom: s.validFrom, validUntil: s.validUntil,
  startsAt: iso(s.startsAt), endsAt: iso(s.endsAt), note: s.note, createdAt: s.createdAt.toISOString(),
});
export const presentAbsence = (a: AbsenceRow) => ({
  id: a.id, userId: a.userId, substituteId: a.substituteId, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), note: a.note, createdAt: a.createdAt.toISOString(),
});

async function assertMember(tx: Tx, workspaceId: string, userId: string, field: string): Promise<void> {
  const [m] = await tx.select({ u: memberships.userId }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw badRequest('not_a_member', 'This person is not a member of the workspace.', [{ path: field, message: 'not a member of this workspace' }]);
}
async function assertChannel(tx: Tx, workspaceId: string, channelId: string | null | undefined): Promise<void> {
  if (!channelId) return;
  const [c] = await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
  if (!c) throw badRequest('unknown_channel', 'The channel does not exist in this workspace.', [{ path: 'body.channelId', message: 'unknown channel' }]);
}

function shiftValues(workspaceId: string, s: ShiftCreate) {
  const weekly = s.recurrence === 'weekly';
  return {
    workspaceId, duty: s.duty, channelId: s.duty === 'duty_editor' ? null : (s.channelId ?? null), userId: s.userId, recurrence: s.recurrence,
    weekday: weekly ? s.weekday! : null, startTime: weekly ? s.startTime! : null, endTime: weekly ? s.endTime! : null,
    validFrom: weekly ? (s.validFrom ?? null) : null, validUntil: weekly ? (s.validUntil ?? null) : null,
    startsAt: weekly ? null : new Date(s.startsAt!), endsAt: weekly ? null : new Date(s.endsAt!), note: s.note ?? '',
  };
}

export async function listShifts(db: Db, workspaceId: string) {
  return (await db.select().from(rosterShifts).where(eq(rosterShifts.workspaceId, workspaceId)).orderBy(asc(rosterShifts.createdAt))).map(presentShift);
}

export async function createShift(ctx: AppContext, actor: Actor, workspaceId: string, s: ShiftCreate) {
  return ctx.database.db.transaction(async (tx) => {
    await assertMember(tx, workspaceId, s.userId, 'body.userId');
    await assertChannel(tx, workspaceId, s.channelId);
    const [row] = await tx.insert(rosterShifts).values({ ...shiftValues(workspaceId, s), createdBy: actor.userId }).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'roster.shift.created', objectType: 'roster_shift', objectId: row!.id, after: presentShift(row!) }, ctx.clock.now());
    await ctx.events.emit(tx, { workspaceId, type: 'roster.changed', permission: 'inbox.read' });
    return presentShift(row!);
  });
}

export async function replaceShift(ctx: AppContext, actor: Actor, workspaceId: string, shiftId: string, s: ShiftCreate) {
  return ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(rosterShifts).where(and(eq(rosterShifts.workspaceId, workspaceId), eq(rosterShifts.id, shiftId))).for('update');
    if (!before) throw notFound('shift');
    await assertMember(tx, workspaceId, s.userId, 'body.userId');
    await assertChannel(tx, workspaceId, s.channelId);
    const [row] = await tx.update(rosterShifts).set({ ...shiftValues(workspaceId, s), updatedAt: ctx.clock.now() }).where(eq(rosterShifts.id, shiftId)).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'roster.shift.updated', objectType: 'roster_shift', objectId: shiftId, before: presentShift(before), after: presentShift(row!) }, ctx.clock.now());
    await ctx.events.emit(tx, { workspaceId, type: 'roster.changed', permission: 'inbox.read' });
    return presentShift(row!);
  });
}

export async function deleteShift(ctx: AppContext, actor: Actor, workspaceId: string, shiftId: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.delete(rosterShifts).where(and(eq(rosterShifts.workspaceId, workspaceId), eq(rosterShifts.id, shiftId))).returning();
    if (!row) throw notFound('shift');
    await recordAudit(tx, actor, { workspaceId, action: 'roster.shift.deleted', objectType: 'roster_shift', objectId: shiftId, before: presentShift(row) }, ctx.clock.now());
    await ctx.events.emit(tx, { workspaceId, type: 'roster.changed', permission: 'inbox.read' });
  });
}

export async function createAbsence(ctx: AppContext, actor: Actor, workspaceId: string, a: z.infer<typeof absenceCreateSchema>) {
  return ctx.database.db.transaction(async (tx) => {
    await assertMember(tx, workspaceId, a.userId, 'body.userId');
    if (a.substituteId) await assertMember(tx, workspaceId, a.substituteId, 'body.substituteId');
    const [row] = await tx.insert(rosterAbsences).values({
      workspaceId, userId: a.userId, substituteId: a.substituteId ?? null, startsAt: new Date(a.startsAt), endsAt: a.endsAt ? new Date(a.endsAt) : new Date(Date.parse(a.startsAt) + 86_400_000), note: a.note ?? '', createdBy: actor.userId,
    }).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'roster.absence.created', objectType: 'roster_absence', objectId: row!.id, after: presentAbsence(row!) }, ctx.clock.now());
    await ctx.events.emit(tx, { workspaceId, type: 'roster.changed', permission: 'inbox.read' });
    return presentAbsence(row!);
  });
}

export async function deleteAbsence(ctx: AppContext, actor: Actor, workspaceId: string, absenceId: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.delete(rosterAbsences).where(and(eq(rosterAbsences.workspaceId, workspaceId), eq(rosterAbsences.id, absenceId))).returning();
    if (!row) throw notFound('absence');
    await recordAudit(tx, actor, { workspaceId, action: 'roster.absence.deleted', objectType: 'roster_absence', objectId: absenceId, before: presentAbsence(row) }, ctx.clock.now());
    await ctx.events.emit(tx, { workspaceId, type: 'roster.changed', permission: 'inbox.read' });
  });
}

export function checkRange(from: Date, to: Date): void {
  if (!(to > from)) throw badRequest('invalid_range', 'The end must be after the start.', [{ path: 'querystring.to', message: 'must be after from' }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw badRequest('range_too_long', 'Ask for at most 92 days at once.', [{ path: 'querystring.to', message: 'at most 92 days after from' }]);
}

/** Who covers a shift occurrence: the owner, or along the substitute chain while they are absent. */
function coverer(userId: string, start: Date, end: Date, absences: AbsenceRow[], members: Set<string>): string | null {
  const overlapping = absences.filter((a) => a.userId === userId && a.startsAt < end && a.endsAt > start);
  if (overlapping.length === 0) return members.has(userId) ? userId : null;
  const at = new Date(Math.max(start.getTime(), overlapping[0]!.startsAt.getTime()));
  const running: Absence[] = absences.filter((a) => a.startsAt <= at && a.endsAt > at).map((a) => ({ userId: a.userId, substituteId: a.substituteId }));
  return substitute([userId], running, members)[0] ?? null;
}

/** Shift occurrences in [from, to) with who covers each, plus the absences in the range (calendar view, iCal). */
export async function rosterCalendar(db: Db, workspaceId: string, from: Date, to: Date) {
  checkRange(from, to);
  const [[ws], shifts, absences, members] = await Promise.all([
    db.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    db.select().from(rosterShifts).where(eq(rosterShifts.workspaceId, workspaceId)).orderBy(asc(rosterShifts.createdAt)),
    db.select().from(rosterAbsences).where(and(eq(rosterAbsences.workspaceId, workspaceId), lt(rosterAbsences.startsAt, to), gt(rosterAbsences.endsAt, from))).orderBy(asc(rosterAbsences.startsAt)),
    db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspaceId)),
  ]);
  const tz = ws?.tz ?? 'Europe/Berlin';
  const memberSet = new Set(members.map((m) => m.userId));
  const events = shifts.flatMap((s) => occurrences(s as ShiftRule, tz, from, to).map((o) => ({
    shiftId: s.id, duty: s.duty as 'channel' | 'duty_editor', channelId: s.channelId, userId: s.userId,
    coveredBy: coverer(s.userId, o.start, o.end, absences, memberSet), start: o.start.toISOString(), end: o.end.toISOString(),
  }))).sort((a, b) => a.start.localeCompare(b.start));
  return { timezone: tz, events, absences: absences.map(presentAbsence) };
}
