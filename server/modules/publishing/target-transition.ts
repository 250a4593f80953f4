/**
 * The only place that changes a target's state: checks the transition table, updates with an
 * optimistic guard on the previous state (a concurrent change makes the update match nothing) and
 * writes the audit row in the same transaction.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { assertTransition, type TargetState } from './publish-state.ts';
import { publishTargets } from './publishing.schema.ts';

export type TargetRow = typeof publishTargets.$inferSelect;
export type TargetPatch = Partial<Omit<TargetRow, 'id' | 'workspaceId' | 'postId' | 'channelId' | 'state'>>;

/** Moves `target` to `to`; returns the updated row, or null when someone else changed it first. */
export async function moveTarget(tx: Tx, actor: Actor, target: TargetRow, to: TargetState, patch: TargetPatch, now: Date, note?: string, guard?: SQL): Promise<TargetRow | null> {
  const from = target.state as TargetState;
  assertTransition(from, to);
  const [row] = await tx
    .update(publishTargets)
    .set({ ...patch, state: to, updatedAt: now })
    .where(and(eq(publishTargets.id, target.id), eq(publishTargets.state, from), guard))
    .returning();
  if (!row) return null;
  await recordAudit(tx, actor, {
    workspaceId: target.workspaceId,
    action: `publish_target.${to}`,
    objectType: 'publish_target',
    objectId: target.id,
    before: { state: from },
    after: { state: to, ...(note ? { note } : {}), ...(row.remoteUrl && to === 'published' ? { remoteUrl: row.remoteUrl } : {}) },
  }, now);
  return row;
}
