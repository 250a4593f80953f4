/**
 * Who gets an item: a named member (if still a member who may work the inbox), or the person on
 * duty for the channel (roster) — among several on duty the one with the fewest open items, so a
 * shift of two shares the load. Nobody on duty → unassigned (the inbox shows it to everyone).
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { can } from '../../../common/permissions.ts';
import type { Tx } from '../../db/client.ts';
import { whoIsOnDuty } from '../roster/duty.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { inboxItems } from './inbox.schema.ts';
import type { AssignAction } from './routing.ts';

/** Members of the workspace who may work the inbox, from `userIds`. */
export async function workers(tx: Tx, workspaceId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx.select({ userId: memberships.userId, roles: memberships.roles }).from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, [...userIds])));
  const ok = new Set(rows.filter((r) => can(r.roles, 'inbox.work')).map((r) => r.userId));
  return userIds.filter((u) => ok.has(u));
}

/** Of `candidates`, the one with the fewest open items (ties: roster order). */
export async function leastLoaded(tx: Tx, workspaceId: string, candidates: readonly string[]): Promise<string | null> {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const loads = await tx.select({ userId: inboxItems.assigneeId, n: count() }).from(inboxItems)
    .where(and(eq(inboxItems.workspaceId, workspaceId), inArray(inboxItems.assigneeId, [...candidates]), sql`${inboxItems.status} in ('new', 'assigned', 'waiting')`))
    .groupBy(inboxItems.assigneeId);
  const load = new Map(loads.map((l) => [l.userId, l.n]));
  return [...candidates].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || candidates.indexOf(a) - candidates.indexOf(b))[0]!;
}

/** The assignee an action names at `at`, or null. `onDuty` may carry a per-batch cache. */
export async function resolveAssignee(
  tx: Tx, workspaceId: string, channelId: string | null, action: AssignAction, at: Date,
  onDuty?: Map<string, Promise<string[]>>,
): Promise<string | null> {
  if (action.type === 'user') return (await workers(tx, workspaceId, [action.userId]))[0] ?? null;
  const key = channelId ?? '';
  let people = onDuty?.get(key);
  if (!people) {
    people = whoIsOnDuty(tx, workspaceId, channelId, at).then((d) => workers(tx, workspaceId, d.userIds));
    onDuty?.set(key, people);
  }
  return leastLoaded(tx, workspaceId, await people);
}
