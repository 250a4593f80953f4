/**
 * Who is on duty: the question routing (inbox), breach notifications (SLA) and the crisis contact
 * chain ask. Shifts on at the instant give the people; an absent person is replaced by their
 * substitute (who may be absent too — the chain is followed, cycles end it); removed members count
 * for nothing. An empty answer means the roster names nobody — callers decide the fallback.
 */
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { rosterAbsences, rosterShifts } from './roster.schema.ts';
import { occurrences, type ShiftRule } from './shift-time.ts';

export interface OnDuty {
  /** People looking after the channel now (after substitution), earliest shift start first. */
  userIds: string[];
  /** Duty editors (CvD) on duty now (after substitution). */
  dutyEditorIds: string[];
}

export interface Absence {
  userId: string;
  substituteId: string | null;
}

/**
 * Replaces absent people by their substitutes (followed up to 5 steps; a cycle or an absent last
 * substitute drops the slot), keeps the first occurrence of each person.
 */
export function substitute(userIds: readonly string[], absences: readonly Absence[], members: ReadonlySet<string>): string[] {
  const subOf = new Map<string, string | null>();
  for (const a of absences) if (!subOf.has(a.userId) || a.substituteId) subOf.set(a.userId, a.substituteId);
  const out: string[] = [];
  for (const start of userIds) {
    let who: string | null = start;
    const seen = new Set<string>();
    while (who !== null && subOf.has(who) && !seen.has(who) && seen.size < 5) {
      seen.add(who);
      who = subOf.get(who) ?? null;
    }
    if (who === null || subOf.has(who) || !members.has(who)) continue;
    if (!out.includes(who)) out.push(who);
  }
  return out;
}

async function zoneOf(tx: Tx, workspaceId: string): Promise<string> {
  const [w] = await tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.tz ?? 'Europe/Berlin';
}

/** Absences running at `at`, with their end. */
export async function absencesAt(tx: Tx, workspaceId: string, at: Date): Promise<(Absence & { until: Date })[]> {
  return tx.select({ userId: rosterAbsences.userId, substituteId: rosterAbsences.substituteId, until: rosterAbsences.endsAt }).from(rosterAbsences)
    .where(and(eq(rosterAbsences.workspaceId, workspaceId), lte(rosterAbsences.startsAt, at), gt(rosterAbsences.endsAt, at)))
    .orderBy(rosterAbsences.createdAt);
}

/**
 * Who is on duty for `channelId` at `at`: shifts for that channel and shifts for all channels
 * (`channel_id` null). With `channelId` null (an item without a channel), everyone on any channel
 * shift. The duty editor does not depend on the channel.
 */
export async function whoIsOnDuty(tx: Tx, workspaceId: string, channelId: string | null, at: Date): Promise<OnDuty> {
  const channelCond = channelId === null ? undefined : or(isNull(rosterShifts.channelId), eq(rosterShifts.channelId, channelId));
  const [tz, shifts, absences, members] = await Promise.all([
    zoneOf(tx, workspaceId),
    tx.select().from(rosterShifts)
      .where(and(eq(rosterShifts.workspaceId, workspaceId), or(eq(rosterShifts.duty, 'duty_editor'), and(eq(rosterShifts.duty, 'channel'), channelCond))))
      .orderBy(rosterShifts.createdAt, rosterShifts.id),
    absencesAt(tx, workspaceId, at),
    tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspaceId)),
  ]);
  const memberSet = new Set(members.map((m) => m.userId));
  // Earliest-started shift first: the person who has been on longest leads (routing takes the first).
  const on = shifts.flatMap((s) => {
    const [o] = occurrences(s as ShiftRule, tz, at, new Date(at.getTime() + 1));
    return o ? [{ ...s, since: o.start.getTime() }] : [];
  }).sort((a, b) => a.since - b.since);
  return {
    userIds: substitute(on.filter((s) => s.duty === 'channel').map((s) => s.userId), absences, memberSet),
    dutyEditorIds: substitute(on.filter((s) => s.duty === 'duty_editor').map((s) => s.userId), absences, memberSet),
  };
}

export interface AbsentPerson {
  userId: string;
  /** The latest end of their running absences. */
  until: Date;
  /** Who stands in (the chain followed), or null when nobody does. */
  substituteId: string | null;
}

/** Members absent at `at`, each once, with until when and who stands in (the assignee picker and the conversation show it). */
export async function absentAt(tx: Tx, workspaceId: string, at: Date): Promise<AbsentPerson[]> {
  const [rows, members] = await Promise.all([
    absencesAt(tx, workspaceId, at),
    tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspaceId)),
  ]);
  const memberSet = new Set(members.map((m) => m.userId));
  const until = new Map<string, Date>();
  for (const r of rows) if (memberSet.has(r.userId) && !(until.get(r.userId)! >= r.until)) until.set(r.userId, r.until);
  return [...until].map(([userId, u]) => ({ userId, until: u, substituteId: substitute([userId], rows, memberSet)[0] ?? null }));
}

/** Whether `userId` is absent at `at`: until when (the latest end of their running absences) and who stands in. */
export async function absenceOf(tx: Tx, workspaceId: string, userId: string, at: Date): Promise<{ until: Date; substituteId: string | null } | null> {
  const found = (await absentAt(tx, workspaceId, at)).find((a) => a.userId === userId);
  return found ? { until: found.until, substituteId: found.substituteId } : null;
}

/** The substitute standing in for `userId` at `at` (following the chain), or null when they are available or nobody stands in. */
export async function substituteAt(tx: Tx, workspaceId: string, userId: string, at: Date): Promise<string | null> {
  const absences = await absencesAt(tx, workspaceId, at);
  if (!absences.some((a) => a.userId === userId)) return null;
  const ms = await tx.select({ userId: memberships.userId }).from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, absences.flatMap((a) => (a.substituteId ? [a.substituteId] : [])).concat(userId))));
  return substitute([userId], absences, new Set(ms.map((m) => m.userId)))[0] ?? null;
}
