/**
 * Who is on duty, asked of the duty roster (community module) through this small interface, so
 * the crisis contact chain follows the roster — the duty editor on duty, and the substitute of
 * someone who is absent — without depending on how the roster stores shifts. Until a roster
 * registers, the fallback is the workspace's members with the duty-editor role (oldest first) and
 * no absences.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';

export interface DutyRoster {
  /** The duty editor (CvD) on duty at `at`, or null when the roster names nobody. */
  dutyEditorAt(tx: Tx, workspaceId: string, at: Date): Promise<string | null>;
  /** Who stands in for `userId` at `at` (absence on the roster), or null when they are available. */
  substituteFor(tx: Tx, workspaceId: string, userId: string, at: Date): Promise<string | null>;
}

let registered: DutyRoster | null = null;

/** Called once by the roster module. */
export function registerDutyRoster(roster: DutyRoster): void {
  registered = roster;
}

async function firstDutyEditor(tx: Tx, workspaceId: string): Promise<string | null> {
  const [m] = await tx.select({ userId: memberships.userId }).from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), sql`'duty_editor' = ANY(${memberships.roles})`))
    .orderBy(asc(memberships.createdAt)).limit(1);
  return m?.userId ?? null;
}

/** The duty editor at `at`: the roster's answer, else the first member with the role. */
export async function dutyEditorAt(tx: Tx, workspaceId: string, at: Date): Promise<string | null> {
  return (await registered?.dutyEditorAt(tx, workspaceId, at)) ?? firstDutyEditor(tx, workspaceId);
}

export async function rosterSubstitute(tx: Tx, workspaceId: string, userId: string, at: Date): Promise<string | null> {
  return (await registered?.substituteFor(tx, workspaceId, userId, at)) ?? null;
}

/** Whether a roster has plugged in (shown in the crisis room). */
export const rosterConnected = () => registered !== null;
