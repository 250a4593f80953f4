/**
 * Appeals: a moderated person's request (e-mail, message, letter) is logged against the action and
 * reviewed by someone other than the person who acted; the outcome goes into the record as an
 * event. Reversing restores what the action took away, as a new action in the record: a hidden or
 * deleted item is shown again, a blocked account is unblocked on the network. Everything that could
 * refuse that new action is checked before the decision commits, so an appeal never reads
 * "reversed" while its reversal was refused; a network failure is recorded on the new action, which
 * can be retried like any other.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { can } from '../../../common/permissions.ts';
import { BAN_RIGHT_ACTIONS } from '../../../common/schemas/moderation.ts';
import type { z } from 'zod';
import type { appealCreateSchema, appealDecideSchema } from '../../../common/schemas/moderation.ts';
import type { Db } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { getItem } from '../inbox/item-store.ts';
import { moderationAppeals, moderationEvents } from './moderation.schema.ts';
import { loadAction } from './moderation-record.ts';
import { appendEvent, requestAction } from './moderation.service.ts';

type AppealRow = typeof moderationAppeals.$inferSelect;
/** What reverses what: a hidden or deleted item is shown again, a blocked account unblocked. */
const UNDO = { hide: 'unhide', delete: 'unhide', block: 'unblock' } as const;
export const presentAppeal = (a: AppealRow) => ({
  id: a.id, actionId: a.actionId, channel: a.channel, request: a.request, receivedAt: a.receivedAt.toISOString(), loggedBy: a.loggedBy,
  state: a.state as 'open' | 'upheld' | 'reversed', reviewerId: a.reviewerId, decisionNote: a.decisionNote, decidedAt: a.decidedAt?.toISOString() ?? null,
});

export async function listAppeals(db: Db, ws: string, state?: string) {
  const rows = await db.select().from(moderationAppeals).where(and(eq(moderationAppeals.workspaceId, ws), ...(state ? [eq(moderationAppeals.state, state)] : []))).orderBy(desc(moderationAppeals.receivedAt)).limit(500);
  return rows.map(presentAppeal);
}

export async function logAppeal(ctx: AppContext, actor: Actor, ws: string, actionId: string, input: z.infer<typeof appealCreateSchema>) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const a = await loadAction(tx, ws, actionId);
    if (!a) throw notFound('moderation action');
    const [row] = await tx.insert(moderationAppeals).values({ workspaceId: ws, actionId, channel: input.channel, request: input.request, receivedAt: input.receivedAt ? new Date(input.receivedAt) : now, loggedBy: actor.userId }).returning();
    await appendEvent(tx, ws, actionId, 'appeal_logged', actor.userId, { appealId: row!.id, channel: input.channel }, now);
    await recordAudit(tx, actor, { workspaceId: ws, action: 'moderation.appeal.logged', objectType: 'moderation_appeal', objectId: row!.id, after: presentAppeal(row!) }, now);
    return presentAppeal(row!);
  });
}

export async function decideAppeal(ctx: AppContext, actor: Actor, ws: { id: string; roles: readonly string[] }, appealId: string, input: z.infer<typeof appealDecideSchema>) {
  const now = ctx.clock.now();
  const decided = await ctx.database.db.transaction(async (tx) => {
    const [appeal] = await tx.select().from(moderationAppeals).where(and(eq(moderationAppeals.workspaceId, ws.id), eq(moderationAppeals.id, appealId))).for('update');
    if (!appeal) throw notFound('appeal');
    if (appeal.state !== 'open') throw conflict('appeal_decided', 'This appeal has been decided already.');
    const action = await loadAction(tx, ws.id, appeal.actionId);
    // Neither the person who acted nor the one who confirmed the ban reviews the appeal.
    const deciders = await tx.select({ by: moderationEvents.byId }).from(moderationEvents)
      .where(and(eq(moderationEvents.actionId, appeal.actionId), inArray(moderationEvents.kind, ['requested', 'confirmed'])));
    if (action?.actorId === actor.userId || deciders.some((d) => d.by === actor.userId)) {
      throw forbidden('reviewer_must_differ', 'An appeal is reviewed by someone other than the people who decided the action.');
    }
    const reverse = input.outcome === 'reversed' && action?.itemId ? UNDO[action.action as keyof typeof UNDO] : undefined;
    if (reverse) {
      if (BAN_RIGHT_ACTIONS.includes(reverse) && !can(ws.roles, 'moderation.ban')) throw forbidden('ban_not_allowed', 'Lifting a block needs the right to ban: ask someone who may ban to decide this appeal.');
      const item = await getItem(tx, ws.id, action!.itemId!);
      if (!item || (reverse === 'unblock' && !item.authorId)) {
        throw conflict('reversal_impossible', 'The item or its author is no longer stored (erased), so the action cannot be reversed; decide "upheld" with a note instead.');
      }
    }
    const [row] = await tx.update(moderationAppeals).set({ state: input.outcome, reviewerId: actor.userId, decisionNote: input.note, decidedAt: now }).where(eq(moderationAppeals.id, appealId)).returning();
    await appendEvent(tx, ws.id, appeal.actionId, 'appeal_decided', actor.userId, { appealId, outcome: input.outcome, note: input.note }, now);
    await recordAudit(tx, actor, { workspaceId: ws.id, action: 'moderation.appeal.decided', objectType: 'moderation_appeal', objectId: appealId, before: presentAppeal(appeal), after: presentAppeal(row!) }, now);
    return { appeal: presentAppeal(row!), action, reverse };
  });
  // The reversal rests on the original action's clause, even if that clause has been retired since.
  if (decided.reverse) {
    await requestAction(ctx, actor, ws, { action: decided.reverse, itemId: decided.action!.itemId!, clauseId: decided.action!.clauseId, reason: `Widerspruch stattgegeben: ${input.note}` }, { allowRetiredClause: true });
  }
  return decided.appeal;
}
