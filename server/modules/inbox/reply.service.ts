/**
 * Replies from the inbox. Without approval a reply is checked (length by the network's rule, the
 * channel can answer) and sent at once. When the workspace requires approval for replies, it waits
 * in `in_review` and goes through the same approval chain as posts — `approval-chain.ts` (steps,
 * four-eyes, one person one step) evaluated over `inbox_reply_approvals` — and is sent when the
 * last step approves. A reply's content is fixed once written (editing means a new reply), so an
 * approval always refers to exactly the text that will be sent.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { canDecide, evaluateChain, type ApprovalRecord, type Member } from '../publishing/approval-chain.ts';
import { chainFor } from '../publishing/post.service.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { notify } from '../notifications/notify.service.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { inboxItems, inboxReplies, inboxReplyApprovals, inboxSettings } from './inbox.schema.ts';
import { emitItemEvent, getItem, type InboxItemRow } from './item-store.ts';
import { assertFits, outgoingText, replyChannelOf, sendReply, type ReplyRow } from './reply-send.ts';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const excerpt = (s: string) => (s.length > 140 ? `${s.slice(0, 139)}…` : s);

export async function approvalRequired(tx: Tx, workspaceId: string): Promise<boolean> {
  const [s] = await tx.select({ r: inboxSettings.replyApprovalRequired }).from(inboxSettings).where(eq(inboxSettings.workspaceId, workspaceId));
  return s?.r ?? false;
}

async function membersOf(tx: Tx, workspaceId: string): Promise<Member[]> {
  const rows = await tx.select({ userId: memberships.userId, roles: memberships.roles }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return rows.map((r) => ({ userId: r.userId, roles: r.roles as string[] }));
}

/** Chain status of a reply in review (null for replies that needed none). */
export async function replyApproval(tx: Tx, reply: ReplyRow, item: Pick<InboxItemRow, 'channelId'>) {
  const recs = await tx.select().from(inboxReplyApprovals).where(eq(inboxReplyApprovals.replyId, reply.id));
  if (reply.state !== 'in_review' && recs.length === 0) return null;
  const chain = await chainFor(tx, reply.workspaceId, item.channelId ? [item.channelId] : []);
  const members = await membersOf(tx, reply.workspaceId);
  const records: ApprovalRecord[] = recs.filter((r) => r.decision === 'approved').map((r) => ({ userId: r.userId, stepIndex: r.stepIndex, contentHash: r.contentHash, decision: 'approved' }));
  const ctx = { contentHash: reply.contentHash, authorId: reply.authorId ?? '', members };
  return { chain, records, members, ctx, status: evaluateChain(chain, records, ctx) };
}

/** 422 when a reply to `item` could not go out (channel not connected, network cannot reply, text too long); nothing is stored. */
export async function assertReplyable(ctx: AppContext, tx: Tx, item: InboxItemRow, text: string): Promise<void> {
  const rc = await replyChannelOf(ctx, tx, item);
  assertFits(await outgoingText(tx, item, text), rc.limits);
}

export async function createReply(ctx: AppContext, actor: Actor, workspaceId: string, itemId: string, input: { text: string; savedReplyId?: string }): Promise<ReplyRow> {
  const now = ctx.clock.now();
  const { reply, needsApproval } = await ctx.database.db.transaction(async (tx) => {
    const item = await getItem(tx, workspaceId, itemId);
    if (!item) throw notFound('inbox item');
    const rc = await replyChannelOf(ctx, tx, item);
    const text = await outgoingText(tx, item, input.text);
    assertFits(text, rc.limits);
    const needsApproval = await approvalRequired(tx, workspaceId);
    const [row] = await tx.insert(inboxReplies).values({
      workspaceId, itemId, authorId: actor.userId, kind: 'reply', text, savedReplyId: input.savedReplyId ?? null, contentHash: hash(text),
      state: needsApproval ? 'in_review' : 'sending', createdAt: now, updatedAt: now,
    }).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'inbox.reply.created', objectType: 'inbox_reply', objectId: row!.id, after: { itemId, state: row!.state, savedReplyId: row!.savedReplyId } }, now);
    if (needsApproval) {
      const a = await replyApproval(tx, row!, item);
      const waiting = a ? [...new Set(a.status.steps.flatMap((s) => s.waitingFor))] : [];
      await notify(tx, ctx, {
        workspaceId, userIds: waiting, exceptUserIds: [actor.userId ?? ''], kind: 'inbox.reply.review', link: `/inbox/items/${itemId}`, objectId: itemId, email: true,
        title: { de: 'Antwort wartet auf Freigabe', en: 'A reply is waiting for approval' }, body: { de: excerpt(text), en: excerpt(text) },
      });
      await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', itemId, { reply: row!.id });
    }
    return { reply: row!, needsApproval };
  });
  return needsApproval ? reply : sendReply(ctx, actor, reply);
}

export async function decideReply(ctx: AppContext, actor: Actor, workspaceId: string, replyId: string, input: { decision: 'approved' | 'rejected'; comment?: string }): Promise<ReplyRow> {
  const now = ctx.clock.now();
  const { reply, send } = await ctx.database.db.transaction(async (tx) => {
    const [reply] = await tx.select().from(inboxReplies).where(and(eq(inboxReplies.workspaceId, workspaceId), eq(inboxReplies.id, replyId))).for('update');
    if (!reply) throw notFound('reply');
    if (reply.state !== 'in_review') throw conflict('not_in_review', 'This reply is not waiting for approval.');
    const item = (await getItem(tx, workspaceId, reply.itemId))!;
    const a = (await replyApproval(tx, reply, item))!;
    const me = a.members.find((m) => m.userId === actor.userId);
    if (!me) throw forbidden();
    if (input.decision === 'rejected') {
      if (actor.userId === reply.authorId) throw forbidden('four_eyes', 'Authors cannot decide on their own reply.');
      const [after] = await tx.update(inboxReplies).set({ state: 'rejected', lastError: input.comment ?? null, updatedAt: now }).where(eq(inboxReplies.id, replyId)).returning();
      await tx.insert(inboxReplyApprovals).values({ replyId, userId: actor.userId!, stepIndex: a.status.pendingStep ?? 0, decision: 'rejected', contentHash: reply.contentHash, comment: input.comment ?? null, createdAt: now });
      await recordAudit(tx, actor, { workspaceId, action: 'inbox.reply.rejected', objectType: 'inbox_reply', objectId: replyId, before: { state: 'in_review' }, after: { state: 'rejected', comment: input.comment ?? null } }, now);
      if (reply.authorId) {
        await notify(tx, ctx, {
          workspaceId, userIds: [reply.authorId], exceptUserIds: [actor.userId ?? ''], kind: 'inbox.reply.rejected', link: `/inbox/items/${reply.itemId}`, objectId: reply.itemId,
          title: { de: 'Antwort nicht freigegeben', en: 'Reply not approved' }, body: { de: input.comment ?? excerpt(reply.text), en: input.comment ?? excerpt(reply.text) },
        });
      }
      await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', reply.itemId, { reply: replyId });
      return { reply: after!, send: false };
    }
    const check = canDecide(a.chain, a.records, me, a.ctx);
    if (!check.ok) throw forbidden(check.code, check.message);
    await tx.insert(inboxReplyApprovals).values({ replyId, userId: actor.userId!, stepIndex: check.stepIndex, decision: 'approved', contentHash: reply.contentHash, comment: input.comment ?? null, createdAt: now });
    const status = evaluateChain(a.chain, [...a.records, { userId: actor.userId!, stepIndex: check.stepIndex, contentHash: reply.contentHash, decision: 'approved' }], a.ctx);
    await recordAudit(tx, actor, { workspaceId, action: 'inbox.reply.approved', objectType: 'inbox_reply', objectId: replyId, after: { stepIndex: check.stepIndex, complete: status.complete } }, now);
    if (!status.complete) {
      await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', reply.itemId, { reply: replyId });
      return { reply, send: false };
    }
    const [after] = await tx.update(inboxReplies).set({ state: 'sending', updatedAt: now }).where(eq(inboxReplies.id, replyId)).returning();
    return { reply: after!, send: true };
  });
  return send ? sendReply(ctx, actor, reply) : reply;
}

/** Sends a failed reply again (same id: the network de-duplicates a send that did arrive). */
export async function retryReply(ctx: AppContext, actor: Actor, workspaceId: string, replyId: string): Promise<ReplyRow> {
  const now = ctx.clock.now();
  const reply = await ctx.database.db.transaction(async (tx) => {
    const [r] = await tx.select().from(inboxReplies).where(and(eq(inboxReplies.workspaceId, workspaceId), eq(inboxReplies.id, replyId))).for('update');
    if (!r) throw notFound('reply');
    if (r.state !== 'failed') throw conflict('not_failed', 'Only a failed reply can be sent again.');
    const [after] = await tx.update(inboxReplies).set({ state: 'sending', updatedAt: now }).where(eq(inboxReplies.id, replyId)).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'inbox.reply.retried', objectType: 'inbox_reply', objectId: replyId, before: { state: 'failed' }, after: { state: 'sending' } }, now);
    return after!;
  });
  return sendReply(ctx, actor, reply);
}

/** Like or boost the item on the network (recorded like a reply, without text). */
export async function engage(ctx: AppContext, actor: Actor, workspaceId: string, itemId: string, kind: 'like' | 'boost'): Promise<ReplyRow> {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const item = await getItem(tx, workspaceId, itemId);
    if (!item) throw notFound('inbox item');
    await replyChannelOf(ctx, tx, item, 'engage');
    const [done] = await tx.select().from(inboxReplies).where(and(eq(inboxReplies.itemId, itemId), eq(inboxReplies.kind, kind), eq(inboxReplies.state, 'sent')));
    if (done) throw conflict(`already_${kind}d`, kind === 'like' ? 'This item is already liked.' : 'This item is already boosted.');
    const [r] = await tx.insert(inboxReplies).values({ workspaceId, itemId, authorId: actor.userId, kind, text: '', contentHash: hash(kind), state: 'sending', createdAt: now, updatedAt: now }).returning();
    await recordAudit(tx, actor, { workspaceId, action: `inbox.${kind}.created`, objectType: 'inbox_reply', objectId: r!.id, after: { itemId } }, now);
    return r!;
  });
  return sendReply(ctx, actor, row);
}

export async function listReplies(tx: Tx, itemId: string): Promise<ReplyRow[]> {
  return tx.select().from(inboxReplies).where(eq(inboxReplies.itemId, itemId)).orderBy(inboxReplies.createdAt);
}

/** Replies waiting for approval in the workspace (newest first), with their item text. */
export async function pendingReplies(tx: Tx, workspaceId: string) {
  const rows = await tx.select({ reply: inboxReplies, itemText: inboxItems.text, channelId: inboxItems.channelId }).from(inboxReplies)
    .innerJoin(inboxItems, eq(inboxItems.id, inboxReplies.itemId))
    .where(and(eq(inboxReplies.workspaceId, workspaceId), inArray(inboxReplies.state, ['in_review']))).orderBy(desc(inboxReplies.createdAt)).limit(100);
  return rows;
}
