/**
 * The explicit review list of what crisis mode held back: scheduled posts in the crisis scope that
 * came due while publishing was paused. While the crisis is active they simply wait; at the end the
 * pause service holds them (`held_at`) and each is decided — publish now or cancel — one by one or
 * in bulk, through the publishing pause service's decision (never sent automatically).
 */
import { and, eq, inArray, isNotNull, lte, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, unprocessable } from '../../http/errors.ts';
import type { Actor } from '../audit/audit.service.ts';
import { decideOverdue } from '../publishing/pause.service.ts';
import { posts, publishTargets } from '../publishing/publishing.schema.ts';
import { crisisStatements } from './crisis.schema.ts';
import { logCrisisEvent } from './crisis-events.ts';
import type { CrisisRow } from './crisis-state.ts';

type Crisisish = Pick<CrisisRow, 'id' | 'workspaceId' | 'scope' | 'channelIds' | 'state' | 'drill' | 'confirmedAt'>;

/** Targets held back by this crisis: due while paused (active), or held for a decision (after the end). */
export async function heldBackTargets(tx: Tx, c: Crisisish, now: Date) {
  if (c.drill || !c.confirmedAt) return [];
  const statementPosts = tx.select({ id: crisisStatements.postId }).from(crisisStatements).where(and(eq(crisisStatements.crisisId, c.id), isNotNull(crisisStatements.postId)));
  const rows = await tx.select({ targetId: publishTargets.id, postId: publishTargets.postId, channelId: publishTargets.channelId, scheduledAt: publishTargets.scheduledAt, heldAt: publishTargets.heldAt, text: posts.text })
    .from(publishTargets).innerJoin(posts, eq(posts.id, publishTargets.postId))
    .where(and(
      eq(publishTargets.workspaceId, c.workspaceId), eq(publishTargets.state, 'scheduled'),
      c.state === 'active' ? or(isNotNull(publishTargets.heldAt), lte(publishTargets.scheduledAt, now)) : isNotNull(publishTargets.heldAt),
      c.scope === 'channels' ? inArray(publishTargets.channelId, c.channelIds.length ? c.channelIds : ['00000000-0000-0000-0000-000000000000']) : undefined,
    ))
    .orderBy(publishTargets.scheduledAt);
  // The crisis's own statements are not "held back" (they are released on the fast track).
  const own = new Set((await statementPosts).map((r) => r.id));
  return rows.filter((r) => !own.has(r.postId)).map((r) => ({ ...r, held: r.heldAt !== null }));
}

/** Decides every held-back target of an ended crisis the same way; returns how many. */
export async function decideHeldBackInBulk(tx: Tx, actor: Actor, c: Crisisish, action: 'publish_now' | 'cancel', now: Date): Promise<number> {
  const held = (await heldBackTargets(tx, { ...c, state: 'ended' }, now)).filter((t) => t.held);
  for (const t of held) await decideOverdue(tx, actor, c.workspaceId, t.targetId, action, null, now);
  return held.length;
}

/** One-by-one (or a chosen set) after the end: only targets on this crisis's review list. */
export async function decideHeldBack(tx: Tx, ctx: Pick<AppContext, 'events'>, actor: Actor, c: Crisisish, targetIds: string[], action: 'publish_now' | 'cancel', now: Date): Promise<number> {
  if (c.state === 'active') throw conflict('crisis_still_active', 'Held-back posts are decided when the crisis ends; publishing is still paused.');
  const list = new Map((await heldBackTargets(tx, c, now)).map((t) => [t.targetId, t]));
  const unknown = targetIds.filter((id) => !list.get(id)?.held);
  if (unknown.length) throw unprocessable('not_held_back', 'Some targets are not on this crisis\'s review list (or were decided already).', unknown.map((id) => ({ path: `body.targetIds.${targetIds.indexOf(id)}`, message: 'not held back' })));
  for (const id of targetIds) await decideOverdue(tx, actor, c.workspaceId, id, action, null, now);
  await logCrisisEvent(tx, { events: ctx.events }, c, actor.userId, { kind: 'held_back_decided', summary: `${targetIds.length} × ${action === 'publish_now' ? 'jetzt veröffentlichen' : 'abgesagt'}`, data: { targetIds, action } }, now);
  return targetIds.length;
}
