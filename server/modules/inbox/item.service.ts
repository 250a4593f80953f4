/**
 * Triage commands on an item: status, assignment, priority, tags — with the optimistic version
 * check (two people triaging at once: the second gets a 409 instead of silently overwriting), the
 * audit row and the live event in one transaction. Status rules: assigning a `new` item makes it
 * `assigned`, unassigning an `assigned` one makes it `new`; `done`/`spam` stop the SLA clock
 * (resolved_at), reopening starts it again. A priority change recomputes the due dates.
 */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, conflict, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { slaDueDates } from '../sla/sla-targets.ts';
import { workers } from './assignment.ts';
import { inboxItems } from './inbox.schema.ts';
import { notifyAssigned } from './ingest.service.ts';
import { emitItemEvent, getItem, type InboxItemRow } from './item-store.ts';

export interface ItemPatch {
  status?: string;
  assigneeId?: string | null;
  priority?: string;
  tags?: string[];
  version?: number;
}

const CLOSED = new Set(['done', 'spam']);

export async function updateItem(tx: Tx, ctx: Pick<AppContext, 'events' | 'clock' | 'config'>, actor: Actor, workspaceId: string, itemId: string, patch: ItemPatch): Promise<InboxItemRow> {
  const now = ctx.clock.now();
  const before = await getItem(tx, workspaceId, itemId);
  if (!before) throw notFound('inbox item');
  // Checked here, after the lookup, so a foreign id is a 404 whatever the body says.
  if (patch.status === undefined && patch.assigneeId === undefined && patch.priority === undefined && patch.tags === undefined) {
    throw validationFailed([{ path: 'body', message: 'nothing to change: give status, assigneeId, priority or tags' }]);
  }
  // Lock the row: the version check and the write must see the same state.
  await tx.execute(sql`select 1 from inbox_items where id = ${itemId} for update`);
  const current = (await getItem(tx, workspaceId, itemId))!;
  if (patch.version !== undefined && patch.version !== current.version) {
    throw conflict('version_conflict', 'Someone else changed this item in the meantime; reload to see the current state.');
  }
  if (patch.assigneeId && (await workers(tx, workspaceId, [patch.assigneeId])).length === 0) {
    throw badRequest('invalid_assignee', 'The assignee must be a member who may work the inbox.', [{ path: 'body.assigneeId', message: 'not a member who may work the inbox' }]);
  }
  const assigneeId = patch.assigneeId === undefined ? current.assigneeId : patch.assigneeId;
  let status = patch.status ?? current.status;
  if (patch.status === undefined && patch.assigneeId !== undefined) {
    if (assigneeId && current.status === 'new') status = 'assigned';
    if (!assigneeId && current.status === 'assigned') status = 'new';
  }
  if (status === 'assigned' && !assigneeId) {
    throw badRequest('assignee_required', 'Assign the item to someone before setting it to "assigned".', [{ path: 'body.status', message: 'needs an assignee' }]);
  }
  const set: Partial<typeof inboxItems.$inferInsert> = { status, assigneeId, updatedAt: now };
  if (patch.tags) set.tags = [...new Set(patch.tags)];
  if (CLOSED.has(status) && !CLOSED.has(current.status)) set.resolvedAt = now;
  if (!CLOSED.has(status) && CLOSED.has(current.status)) set.resolvedAt = null;
  if (patch.priority && patch.priority !== current.priority) {
    set.priority = patch.priority;
    const due = await slaDueDates(tx, workspaceId, { channelId: current.channelId, priority: patch.priority, receivedAt: current.receivedAt });
    Object.assign(set, { slaFirstDueAt: due.firstResponseDueAt, slaResolveDueAt: due.resolutionDueAt, slaFirstWarnAt: due.firstResponseWarnAt, slaResolveWarnAt: due.resolutionWarnAt });
  }
  const [after] = await tx.update(inboxItems).set({ ...set, version: sql`${inboxItems.version} + 1` }).where(eq(inboxItems.id, itemId)).returning();
  const view = (r: InboxItemRow) => ({ status: r.status, assigneeId: r.assigneeId, priority: r.priority, tags: r.tags });
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.item.updated', objectType: 'inbox_item', objectId: itemId, before: view(current), after: view(after!) }, now);
  await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', itemId, { assigneeId: after!.assigneeId, status: after!.status });
  if (after!.assigneeId && after!.assigneeId !== current.assigneeId) {
    const [ch] = current.channelId ? await tx.select({ name: channels.name }).from(channels).where(eq(channels.id, current.channelId)) : [];
    await notifyAssigned(tx, ctx, workspaceId, itemId, after!.assigneeId, ch?.name ?? current.network, actor.userId);
  }
  return after!;
}

/**
 * After our first reply went out: the first-response clock stops, the item waits for the author,
 * and an unassigned item belongs to whoever answered.
 */
export async function markResponded(tx: Tx, ctx: Pick<AppContext, 'events'>, item: InboxItemRow, replierId: string | null, now: Date): Promise<void> {
  const status = item.status === 'new' || item.status === 'assigned' ? 'waiting' : item.status;
  await tx.update(inboxItems).set({
    firstResponseAt: item.firstResponseAt ?? now, status, assigneeId: item.assigneeId ?? replierId, version: sql`${inboxItems.version} + 1`, updatedAt: now,
  }).where(eq(inboxItems.id, item.id));
  await emitItemEvent(tx, ctx, item.workspaceId, 'inbox.item.updated', item.id, { status });
}
